"""UI strings from Jinja2 templates: Babel's extraction over Jinja's own extractor, reading each
template as the build renders it (``jinja_options``). A tag no loaded extension defines is read
as opaque, its arguments still searched for messages, and said so in a warning."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import re
from pathlib import Path
from typing import Callable

from l10n_tool.errors import SourceError
from l10n_tool.jinja_options import WHITESPACE, JinjaOptions, extension_classes
from l10n_tool.model import Origin, Segment

DEFAULT_OPTIONS = JinjaOptions()
_JINJA_SYNTAX = re.compile(r"\{%-?\s*\w|\{\{.*?\}\}")
_OWN_TAGS = {"do": "do", "break": "loopcontrols", "continue": "loopcontrols", "debug": "debug"}


class TemplateErrors(SourceError):
    """Every template that could not be read in one run: one ``path:line: message`` a line."""

    def __init__(self, errors: list[SourceError]):
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(first.path, first.line, first.message, first.column)

    def __reduce__(self):
        return self.__class__, (self.errors,)

    def __str__(self) -> str:
        return "\n".join(SourceError.__str__(error) for error in self.errors)


def template_files(folder: Path, suffixes: tuple[str, ...] = DEFAULT_OPTIONS.suffixes) -> list[Path]:
    """Every template below *folder* (a file with one of *suffixes*), sorted."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in suffixes)


def skipped_templates(folder: Path, suffixes: tuple[str, ...], display: str) -> list[SourceError]:
    """A warning per suffix that *suffixes* lacks although files below *folder* with it hold
    Jinja syntax (assets and other files are not mentioned); *display* is *folder* as shown."""
    found: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix in suffixes or path.name.startswith(".") or not path.is_file():
            continue
        with path.open("rb") as handle:
            head = handle.read(65536)
        if b"\0" not in head and _JINJA_SYNTAX.search(head.decode("utf-8", "replace")):
            found.setdefault(path.suffix or path.name, []).append(path.relative_to(folder).as_posix())
    warnings = []
    for suffix, names in found.items():
        more = f" and {len(names) - 1} more" if len(names) > 1 else ""
        warnings.append(SourceError(f"{display}/{names[0]}", None,
                                    f"not extracted{more}: looks like a template, but jinja.suffixes "
                                    f"has no {suffix!r}"))
    return warnings


def cached_segments(files: list[tuple[Path, str]], cache: dict,
                    options: JinjaOptions = DEFAULT_OPTIONS) -> tuple[list[Segment], list[SourceError]]:
    """``extract_template`` of each (path, rel_path) and its warnings, reusing *cache*'s result
    for the same bytes and options; TemplateErrors listing every template that fails.

    *cache* maps rel_path -> (sha256 of options and bytes, segments, warnings), updated in place.
    """
    segments: list[Segment] = []
    warnings: list[SourceError] = []
    errors: list[SourceError] = []
    _environment(options)  # a setting that cannot be loaded is one error, not one per template
    salt = repr(options).encode()
    for path, rel_path in files:
        try:
            digest = hashlib.sha256(salt + path.read_bytes()).hexdigest()
        except OSError:
            digest = None
        cached = cache.get(rel_path)
        if digest is None or cached is None or cached[0] != digest:
            found: list[SourceError] = []
            try:
                cached = cache[rel_path] = (digest, extract_template(path, rel_path, options, found), found)
            except SourceError as exc:
                errors.append(exc)
                cache.pop(rel_path, None)
                continue
        segments.extend(cached[1])
        warnings.extend(cached[2])
    for rel_path in set(cache) - {rel_path for _, rel_path in files}:
        del cache[rel_path]
    if errors:
        raise TemplateErrors(errors)
    return segments, warnings


def extract_template(path: Path, rel_path: str, options: JinjaOptions = DEFAULT_OPTIONS,
                     warnings: list[SourceError] | None = None) -> list[Segment]:
    """The translatable strings of one template, with translator comments and the format flags
    Babel gives them; a warning per unknown tag goes to *warnings* when it is given."""
    from babel.messages.catalog import Message as BabelMessage
    from babel.messages.extract import extract as babel_extract
    from jinja2 import TemplateSyntaxError

    unknown: dict[str, list[int]] = {}
    said = io.StringIO()  # Babel drops an empty msgid and says so on stderr; here it is an error
    try:
        with path.open("rb") as fileobj, contextlib.redirect_stderr(said):
            found = list(babel_extract(functools.partial(_jinja_messages, options, unknown), fileobj,
                                       options.keyword_specs(), list(options.comment_tags), {},
                                       strip_comment_tags=True))
    except TemplateSyntaxError as exc:
        raise SourceError(rel_path, exc.lineno, f"template syntax error: {exc.message}") from None
    except UnicodeDecodeError as exc:
        raise not_utf8(rel_path, exc) from None
    empty = re.search(r":(\d+): warning: Empty msgid", said.getvalue())
    if empty:
        raise SourceError(rel_path, int(empty.group(1)), "empty message id: an empty string cannot be translated")
    if warnings is not None:
        warnings.extend(_unknown_tag_warning(rel_path, tag, lines) for tag, lines in unknown.items())
    segments = []
    for lineno, message, comments, context in found:
        singular, plural = (message[0], message[1]) if isinstance(message, tuple) else (message, None)
        babel_message = BabelMessage(message)
        flags = tuple(flag for flag, present in (("python-format", babel_message.python_format),
                                                 ("python-brace-format", babel_message.python_brace_format))
                      if present)
        segments.append(Segment(
            msgid=singular,
            plural=plural,
            context=context,
            origin=Origin(rel_path, lineno),
            comments=tuple(comments),
            flags=flags,
        ))
    return segments


def _unknown_tag_warning(rel_path: str, tag: str, lines: list[int]) -> SourceError:
    uses = f" ({len(lines)} uses)" if len(lines) > 1 else ""
    fix = (f"add {_OWN_TAGS[tag]!r} to jinja.extensions" if tag in _OWN_TAGS
           else "name its extension in jinja.extensions")
    return SourceError(rel_path, lines[0], f"unknown tag {tag!r}{uses} read as opaque, only its "
                                           f"arguments extracted; {fix}")


def _jinja_messages(jinja: JinjaOptions, unknown: dict, fileobj, keywords, comment_tags, options):
    """Babel's extraction method for Jinja templates (as ``jinja2.ext.babel_extract``), through
    the environment of *jinja*; unknown tags seen are added to *unknown* (tag -> lines)."""
    from jinja2.ext import _CommentFinder, extract_from_ast

    environment = _environment(jinja)
    source = fileobj.read().decode("utf-8")
    node = _parse(environment, jinja, source, unknown)
    finder = _CommentFinder(list(environment.lex(environment.preprocess(source))), comment_tags)
    for lineno, function, message in extract_from_ast(node, keywords):
        yield lineno, function, message, finder.find_comments(lineno)


@functools.lru_cache(maxsize=None)
def _environment(options: JinjaOptions):
    """An environment that parses as the build's does (its rendering settings are not needed)."""
    from jinja2 import Environment

    environment = Environment(extensions=extension_classes(options), cache_size=0, auto_reload=False,
                              **WHITESPACE)
    environment.policies["ext.i18n.trimmed"] = options.trimmed
    environment.newstyle_gettext = options.newstyle  # type: ignore[attr-defined]
    return environment


def _parse(environment, options: JinjaOptions, source: str, unknown: dict):
    """The template's tree; with ``unknown_tags: warn`` an unknown tag is read as opaque."""
    from jinja2.parser import Parser

    if options.unknown_tags == "error":
        return Parser(environment, source).parse()
    parser = _opaque_parser_class()(environment, source)
    parser.unknown = unknown
    return parser.parse()


@functools.lru_cache(maxsize=1)
def _opaque_parser_class():
    """Jinja's parser, reading a tag that no extension defines as the expressions of its
    arguments (``{% snippet 'x.html', title=_('Hi') %}`` keeps ``_('Hi')``)."""
    from jinja2 import TemplateSyntaxError, nodes
    from jinja2.lexer import TokenStream
    from jinja2.parser import Parser, _statement_keywords

    inner_words = {"else", "elif", "pluralize"}

    class OpaqueTagParser(Parser):
        unknown: dict[str, list[int]]

        def parse_statement(self):
            token = self.stream.current
            if token.type != "name" or not self._is_unknown(token.value):
                return super().parse_statement()
            next(self.stream)
            if not (token.value.startswith("end") and token.value[3:] in self.unknown):  # an end tag is no use
                self.unknown.setdefault(token.value, []).append(token.lineno)
            arguments = []
            while self.stream.current.type not in ("block_end", "eof"):
                arguments.append(next(self.stream))
            return [nodes.ExprStmt(expression, lineno=token.lineno) for expression in self._expressions(arguments)]

        def _is_unknown(self, name: str) -> bool:
            known = _statement_keywords | {"call", "filter"} | set(self.extensions)
            if name in known or name in inner_words or (name.startswith("end") and name[3:] in known):
                return False
            return not any(f"name:{name}" in ends for ends in self._end_token_stack)

        def _expressions(self, tokens: list) -> list:
            """The tag's arguments (``a, b=c``) as far as they read as expressions."""
            reader = Parser.__new__(Parser)
            reader.__dict__.update(self.__dict__)
            reader.stream = TokenStream(iter(tokens), self.name, self.filename)
            found = []
            try:
                while reader.stream.current.type != "eof":
                    if reader.stream.current.type == "name" and reader.stream.look().type == "assign":
                        reader.stream.skip(2)
                    found.append(reader.parse_expression())
                    reader.stream.skip_if("comma")
            except TemplateSyntaxError:
                pass  # the rest is not Jinja syntax, so it holds no message Jinja could find
            return found

    return OpaqueTagParser


def not_utf8(shown: str, exc: UnicodeDecodeError) -> SourceError:
    """A template that is not UTF-8, at the line of its first bad byte."""
    data = exc.object if isinstance(exc.object, bytes) else b""
    return SourceError(shown, data[:exc.start].count(b"\n") + 1, f"not UTF-8: {exc.reason}")


def template_closure(folder: Path, name: str, options: JinjaOptions = DEFAULT_OPTIONS,
                     display: Callable[[Path], str] = Path.as_posix) -> list[str]:
    """*name* and every template it extends, includes or imports, as paths under *folder*
    (errors name a template as *display* gives it)."""
    from jinja2 import TemplateSyntaxError, meta

    environment = _environment(options)
    seen: list[str] = []
    pending = [name]
    while pending:
        current = pending.pop()
        path = folder / current
        if current in seen or not path.is_file():
            continue
        seen.append(current)
        try:
            tree = _parse(environment, options, path.read_text(encoding="utf-8"), {})
        except TemplateSyntaxError as exc:
            raise SourceError(display(path), exc.lineno, f"template syntax error: {exc.message}") from None
        except UnicodeDecodeError as exc:
            raise not_utf8(display(path), exc) from None
        pending.extend(ref for ref in meta.find_referenced_templates(tree) if ref)
    return sorted(seen)
