"""The Jinja2 side of a build: an environment per locale whose gettext escapes and marks every
translation (``contexts.py`` turns the marks into what their place in the page allows), the
helpers templates call, and template errors located at their line."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import sys
from pathlib import Path
from typing import Callable

from babel.dates import format_date
from babel.numbers import format_decimal
from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from l10n_tool.config import Project
from l10n_tool.errors import L10nError, SourceError
from l10n_tool.extract.front_matter import parse_date as front_matter_date
from l10n_tool.jinja_options import WHITESPACE, extension_classes
from l10n_tool.translations import Translations

from .contexts import SENTINELS_RE, finish, marked, note
from .locales import babel_locale, hreflang, text_direction
from .ui_markup import message_html


class LocalizedText(str):
    """A string that knows its language when that differs from the page's (``.lang``)."""

    lang: str | None = None

    def __new__(cls, text: str, lang: str | None = None) -> "LocalizedText":
        value = super().__new__(cls, text)
        value.lang = lang
        return value


def lang_attr(text: object) -> Markup:
    """`` lang="en"`` for text in another language than the page, else nothing."""
    lang = getattr(text, "lang", None)
    return Markup(' lang="%s"') % lang if lang else Markup("")


def plain(value: object) -> str:
    """The text of HTML (tags removed, references decoded, spaces collapsed), escaped again on
    output; a translation stays marked with its language. Attributes and ``<title>`` no longer
    need it: any translation placed there becomes text (``contexts.py``)."""
    return Markup(value).striptags() if isinstance(value, Markup) else str(value)


_JSON_SENTINEL_RE = re.compile(r"(?<!\\)((?:\\\\)*)\\u(fdd[0-6])", re.I)


def json_ready(value: object) -> object:
    """*value* for JSON: each Markup (a translation) as its text, with its marks kept."""
    if isinstance(value, Markup):
        return value.striptags()
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_ready(item) for item in value]
    return value


def to_json(env: Environment, value: object, indent: int | None = None) -> Markup:
    """Jinja2's ``|tojson`` for ``<script type="application/ld+json">`` and other scripts: a
    translation goes in as its text (not HTML-escaped), and its marks stay characters (not
    ``\\u`` escapes) so that the page's pass can take them out of the JSON string."""
    kwargs = dict(env.policies["json.dumps_kwargs"])
    if indent is not None:
        kwargs["indent"] = indent
    dumped = htmlsafe_json_dumps(json_ready(value), dumps=env.policies["json.dumps_function"] or json.dumps, **kwargs)
    return Markup(_JSON_SENTINEL_RE.sub(lambda m: m.group(1) + chr(int(m.group(2), 16)), dumped))


def as_date(value: object, where: str = "front matter") -> dt.date:
    """A front matter date (ISO, or with a time and offset as YAML, TOML and Jekyll write it); a
    value that is no date is an error naming the article."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return as_date(front_matter_date(value), where)
    except ValueError as exc:
        raise SourceError(where, None, f"date: {exc}") from None


def make_environment(project: Project, ui: Translations, locale: str, year: int) -> Environment:
    """A Jinja2 environment whose gettext speaks *locale* through *ui* and escapes every translation."""
    env = Environment(
        loader=FileSystemLoader(str(project.templates_dir)),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=extension_classes(project.jinja),  # read as extraction reads them (jinja_options)
        **WHITESPACE,
        auto_reload=False,  # templates do not change during a build: no stat per page
    )

    notes: list[str] = []  # what a page using a message must report (contexts.note)

    @functools.lru_cache(maxsize=None)  # the catalogs do not change during a build either
    def mark(method: str, *args) -> Markup:
        lookup = getattr(ui, method)(*args)
        sources = tuple(SENTINELS_RE.sub("", source) for source in (args[:2] if method == "ngettext" else args[:1]))
        translated = lookup.locale != project.source_locale
        html, problem = message_html(SENTINELS_RE.sub("", lookup.text), sources, translated)
        if problem is None:
            return marked(html, hreflang(lookup.locale))
        notes.append(f"{sources[0]!r}: {problem}")
        return marked(html, hreflang(project.source_locale)) + note(len(notes) - 1)

    @functools.lru_cache(maxsize=4096)
    def date_text(value: dt.date, format: str) -> str:
        return format_date(value, format=format, locale=babel_locale(locale))

    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.policies["ext.i18n.trimmed"] = project.jinja.trimmed  # {% trans %} msgids as extracted
    env.globals.update(gettext_functions(mark))
    env.filters["plain"] = plain
    env.filters["tojson"] = functools.partial(to_json, env)
    env.l10n_notes = notes  # type: ignore[attr-defined]
    env.globals.update(
        lang_attr=lang_attr,
        format_date=lambda value, format="long": "" if value is None else date_text(as_date(value), format),
        format_number=lambda value: format_decimal(value, locale=babel_locale(locale)),
        locale=locale,
        html_lang=hreflang(locale),
        source_lang=hreflang(project.source_locale),
        dir=text_direction(locale),
        site_name=project.site_name,
        year=year,
    )
    return env


def gettext_functions(mark: Callable[..., Markup]) -> dict[str, Callable[..., Markup]]:
    """Jinja2's new-style gettext functions (the text is always %-formatted with the call's
    variables) without its per-call context plumbing; *mark(method, *args)* gives the escaped
    text of ``Translations.gettext`` or ``.ngettext``."""

    @functools.lru_cache(maxsize=None)
    def constant(string: str) -> Markup:
        return mark("gettext", string) % {}

    def gettext(string: str, **variables) -> Markup:
        return mark("gettext", string) % variables if variables else constant(string)

    def pgettext(context: str, string: str, **variables) -> Markup:
        variables.setdefault("context", context)
        return mark("gettext", string, context) % variables

    def ngettext(singular: str, plural: str, num: int, **variables) -> Markup:
        variables.setdefault("num", num)
        return mark("ngettext", singular, plural, num) % variables

    def npgettext(context: str, singular: str, plural: str, num: int, **variables) -> Markup:
        variables.setdefault("context", context)
        variables.setdefault("num", num)
        return mark("ngettext", singular, plural, num, context) % variables

    return {"_": gettext, "gettext": gettext, "pgettext": pgettext, "ngettext": ngettext, "npgettext": npgettext}


def render_template(env: Environment, name: str, project: Project, **context) -> tuple[str, list[str]]:
    """Template *name* rendered, and what the build must report of it (fallbacks its page
    cannot mark, translations it could not show); a template error is a SourceError at its
    template and line."""
    try:
        html = env.get_template(name).render(**context)
    except L10nError:
        raise  # already located (a page_path to no page, a bad date)
    except RecursionError:
        raise _template_error(RecursionError("templates include, extend or call themselves without end"),
                              project, _innermost_template(sys.exc_info()[2], project)) from None
    except UnicodeDecodeError as exc:
        raise _undecodable(exc, project) from None
    except Exception as exc:  # noqa: BLE001 - {{ 1//0 }}, a filter given the wrong type: the template's bug
        raise _template_error(exc, project) from None
    html, problems = finish(html, env.globals["html_lang"], env.l10n_notes)  # type: ignore[attr-defined]
    shown = project.relative(project.templates_dir / name)
    return html, [f"{shown}: {env.globals['locale']}: {problem}" for problem in problems]


def _innermost_template(tb, project: Project) -> tuple[str | None, int | None]:
    """(file, line) of the innermost traceback frame inside the templates folder."""
    folder = project.templates_dir.resolve()
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename  # a template's as its loader named it: maybe relative
        if not filename.startswith("<") and folder in Path(filename).resolve().parents:
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _template_error(exc: BaseException, project: Project,
                    where: tuple[str | None, int | None] | None = None) -> SourceError:
    """Locate a template error at its template and line (a Jinja2 error's own, else the
    innermost template frame of its traceback)."""
    path, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    found = where or _innermost_template(exc.__traceback__, project)
    if found[0] is not None:
        path, line = found
    shown = project.relative(Path(path)) if path else project.templates
    message = getattr(exc, "message", None) or str(exc)
    if not isinstance(exc, TemplateError):
        message = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return SourceError(shown, line, f"template error: {message}")


def _undecodable(exc: UnicodeDecodeError, project: Project) -> SourceError:
    """A template that is not UTF-8 (the loader's frame knows which file it was reading)."""
    from l10n_tool.extract.templates import not_utf8

    tb, path = exc.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_name == "get_source" and isinstance(tb.tb_frame.f_locals.get("filename"), str):
            path = tb.tb_frame.f_locals["filename"]
        tb = tb.tb_next
    return not_utf8(project.relative(Path(path)) if path else project.templates, exc)
