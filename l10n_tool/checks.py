"""Translation quality checks: each a small function yielding Problems for one message."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from l10n_tool import po, python_format
from l10n_tool.errors import UnknownCheck
from l10n_tool.markup import PLACEHOLDER_RE, PYTHON_FORMAT_RE, validate_translation

ERROR, WARNING, INFO = "error", "warning", "info"
_BRACE_FORMAT = re.compile(r"\{\{|\}\}|\{([^{}:!]*)(?:![rsa])?(?::[^{}]*)?\}")
_C_FORMAT = re.compile(r"%(?:(\d+)\$)?[-#0 +']*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|L|q|j|z|t)?([diouxXeEfFgGaAcspn%])")
_UNSAFE_TAGS = {"script", "style", "iframe", "object", "embed", "frame", "frameset", "base",
                "link", "meta", "form", "svg", "math", "template"}
IDENTICAL_MIN_WORDS = 4


@dataclass(frozen=True)
class Problem:
    """One finding: where, how bad, which check, what is wrong."""

    path: str
    line: int
    severity: str
    check: str
    message: str
    msgid: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity} [{self.check}] {self.message}"

    def to_dict(self) -> dict:
        return asdict(self)


Check = Callable[[po.Message, po.Catalog], Iterator[tuple[str, str]]]


def _forms(message: po.Message) -> list[tuple[str, str]]:
    """(source, translation) pairs to compare: singular vs msgstr[0], plural vs the others."""
    if not message.msgid_plural:
        return [(message.msgid, message.msgstr)] if message.msgstr else []
    pairs = []
    for index, text in sorted(message.msgstr_plural.items()):
        if text:
            pairs.append((message.msgid if index == 0 else message.msgid_plural, text))
    return pairs


def _format_check(pattern: re.Pattern, flag: str, named: bool) -> Check:
    """Placeholders of *flag*'s syntax: none added; none lost (a plural form may drop one,
    as "One rating" does, as long as some form keeps it); positional ones in source order."""

    def specs(text: str) -> list[str]:
        return [m.group(1) if named and m.group(1) else m.group(0)
                for m in pattern.finditer(text) if m.group(0) not in ("%%", "{{", "}}")]

    def check(message: po.Message, catalog: po.Catalog) -> Iterator[tuple[str, str]]:
        if flag not in message.flags:
            return
        forms = _forms(message)
        sources = set(specs(message.msgid)) | set(specs(message.msgid_plural or ""))
        kept: set[str] = set()
        for source, translation in forms:
            actual = specs(translation)
            kept |= set(actual)
            extra = sorted(set(actual) - sources)
            if extra:
                yield ERROR, f"{flag}: {', '.join(extra)} not in the source"
            elif not named and not message.msgid_plural and actual != specs(source) and set(actual) == set(specs(source)):
                yield ERROR, f"{flag}: placeholders not in source order ({' '.join(actual)})"
        missing = sorted(sources - kept) if forms else []
        if missing:
            yield ERROR, f"{flag}: {', '.join(missing)} missing from the translation"

    check.__name__ = flag.replace("-", "_")
    return check


def _with_msgfmt_rules(check: Check, kind: str) -> Check:
    """*check*, and where it finds nothing, msgfmt -c's own rule for the flag (po.formats:
    each plural form against the msgid_plural, a rarely used form or ``range:`` aside),
    (check_catalog reports them at the msgstr line, as msgfmt does)."""

    def checked(message: po.Message, catalog: po.Catalog):
        found = list(check(message, catalog))
        yield from found
        if found or f"{kind}-format" not in message.flags:
            return
        from l10n_tool.po.formats import format_problems

        for _, text in format_problems(message, {kind}, catalog.plural_forms):
            yield ERROR, f"{kind}-format: {text}"

    checked.__name__ = check.__name__
    return checked


def _msgstr_line(message: po.Message) -> int:
    """The line of the message's msgstr (or msgstr[0]) keyword, read from its source text."""
    lines = (message._raw or "").splitlines()
    keywords = [line.lstrip().split(" ", 1)[0] for line in lines]
    if "msgid" in keywords:
        for index, keyword in enumerate(keywords):
            if keyword.startswith("msgstr"):
                return message.line + index - keywords.index("msgid")
    return message.line


_check_brace_fields = _format_check(_BRACE_FORMAT, "python-brace-format", named=True)


def check_python_brace_format(message: po.Message, catalog: po.Catalog) -> Iterator[tuple[str, str]]:
    """python-brace-format: fields as the other format checks see them, and automatic ``{}``
    fields, which ``str.format`` fills in order: never more than the source has (fewer only
    in a plural form), never mixed with numbered ones (``{0}``); both would fail at run time."""
    yield from _check_brace_fields(message, catalog)
    if "python-brace-format" not in message.flags:
        return

    def fields(text: str) -> tuple[int, bool]:
        names = [m.group(1) for m in _BRACE_FORMAT.finditer(text) if m.group(0) not in ("{{", "}}")]
        automatic = sum(1 for name in names if name[:1] in ("", ".", "["))
        return automatic, any(re.match(r"\d", name) for name in names)

    source = max(fields(message.msgid)[0], fields(message.msgid_plural or "")[0])
    for _, translation in _forms(message):
        automatic, numbered = fields(translation)
        if automatic and numbered:
            yield ERROR, "python-brace-format: automatic {} and numbered {0} fields mixed"
        elif automatic > source or (automatic < source and not message.msgid_plural):
            yield ERROR, f"python-brace-format: {automatic} automatic {{}} field(s), the source has {source}"


_check_python_names = _format_check(PYTHON_FORMAT_RE, "python-format", named=True)


def check_python_format(message: po.Message, catalog: po.Catalog) -> Iterator[tuple[str, str]]:
    """python-format: names as the other format checks see them, and each directive as Python
    formats it (``python_format``: the source's kind of value, no ``*``, bounded widths), what
    the build needs to show the translation instead of the source."""
    named = list(_check_python_names(message, catalog))
    yield from named
    if named or "python-format" not in message.flags:
        return  # names first: a name the source lacks is one problem, not two
    sources = (message.msgid, message.msgid_plural or "")
    for _, translation in _forms(message):
        for problem in python_format.problems(sources, translation):
            yield ERROR, f"python-format: {problem}"


def check_markup(message: po.Message, catalog: po.Catalog) -> Iterator[tuple[str, str]]:
    """Numbered placeholders present once each, balanced and nested as in the source."""
    if not PLACEHOLDER_RE.search(message.msgid + (message.msgid_plural or "")):
        return
    for source, translation in _forms(message):
        for problem in validate_translation(source, translation):
            yield ERROR, problem


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.unsafe: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _UNSAFE_TAGS:
            self.unsafe.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.unsafe.append(f"{name}= event handler")
            if value and re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith(("javascript:", "vbscript:", "data:text/html")):
                self.unsafe.append(f"{value.split(':')[0]}: URL in {name}=")


def _html_tags(text: str) -> _TagCollector:
    collector = _TagCollector()
    collector.feed(PLACEHOLDER_RE.sub("", text))
    collector.close()
    return collector


def check_unsafe_html(message: po.Message, catalog: po.Catalog) -> Iterator[tuple[str, str]]:
    """Script, style, iframe, event handlers or javascript: URLs in a translation."""
    for _, translation in _forms(message):
        for what in _html_tags(translation).unsafe:
            yield ERROR, f"unsafe HTML in translation: {what}"


def check_html_tags(message: po.Message, catalog: po.Catalog) -> Iterator[tuple[str, str]]:
    """The translation has the source's HTML elements with the same attributes, in the same
    order: what a build lets through of a UI translation (``build.ui_markup``)."""
    for source, translation in _forms(message):
        source, translation = PLACEHOLDER_RE.sub("", source), PLACEHOLDER_RE.sub("", translation)
        if "<" not in source and "<" not in translation:
            continue  # no markup: the build's rules (and their import) are not needed
        from l10n_tool.build.ui_markup import markup_difference

        difference = markup_difference(source, translation)
        if difference:
            yield ERROR, f"HTML tags differ from the source: the translation {difference}"


def check_plural_count(message: po.Message, catalog: po.Catalog) -> Iterator[tuple[str, str]]:
    """A plural message has exactly the header's nplurals msgstr[] forms."""
    if message.msgid_plural and len(message.msgstr_plural) != catalog.nplurals:
        yield ERROR, (f"{len(message.msgstr_plural)} plural form(s), the header's Plural-Forms "
                      f"says nplurals={catalog.nplurals}")


def check_whitespace(message: po.Message, catalog: po.Catalog) -> Iterator[tuple[str, str]]:
    """Leading/trailing whitespace and newlines as in the source; a newline that differs is
    an error, as msgfmt -c makes it."""
    for source, translation in _forms(message):
        for name, severity, test in (
                ("leading newline", ERROR, lambda s: s.startswith("\n")),
                ("trailing newline", ERROR, lambda s: s.endswith("\n")),
                ("leading space", WARNING, lambda s: s[:1] in (" ", "\t")),
                ("trailing space", WARNING, lambda s: s[-1:] in (" ", "\t"))):
            if test(source) != test(translation):
                yield severity, f"{name} {'missing from' if test(source) else 'added in'} the translation"


def check_identical(message: po.Message, catalog: po.Catalog) -> Iterator[tuple[str, str]]:
    """A translation identical to a long source text was probably not translated."""
    for source, translation in _forms(message):
        words = PLACEHOLDER_RE.sub(" ", source).split()
        if translation == source and len(words) >= IDENTICAL_MIN_WORDS:
            yield WARNING, "translation identical to the source"


CHECKS: dict[str, Check] = {
    "python-format": _with_msgfmt_rules(check_python_format, "python"),
    "python-brace-format": check_python_brace_format,
    "c-format": _with_msgfmt_rules(_format_check(_C_FORMAT, "c-format", named=False), "c"),
    "markup-placeholders": check_markup,
    "unsafe-html": check_unsafe_html,
    "html-tags": check_html_tags,
    "plural-count": check_plural_count,
    "whitespace": check_whitespace,
    "identical-source": check_identical,
}
CATALOG_CHECKS = ("plural-forms", "fuzzy", "charset")
# what msgfmt -c checks too, reported at the line it names: the msgstr's
_AT_MSGSTR = frozenset(("python-format", "python-brace-format", "c-format", "plural-count",
                        "whitespace"))
ALL_CHECK_IDS = tuple(CHECKS) + CATALOG_CHECKS


def check_catalog(catalog: po.Catalog, path: str, *, disabled: Iterable[str] = ()) -> list[Problem]:
    """Every problem of one catalog, in file order."""
    off = set(disabled)
    problems: list[Problem] = []
    if "charset" not in off:
        from l10n_tool.po.decode import MislabelledCharset

        problems.extend(Problem(path, warning.line or 1, WARNING, "charset", warning.message)
                        for warning in catalog.warnings if isinstance(warning, MislabelledCharset))
    if "plural-forms" not in off and catalog.header is not None:
        header = catalog.get_header("Plural-Forms")
        if header:
            try:
                po.parse_plural_forms(header)
            except ValueError as exc:
                problems.append(Problem(path, catalog.header.line or 1, ERROR, "plural-forms",
                                        f"invalid Plural-Forms: {exc}"))
    for message in catalog.active():
        if message.fuzzy:
            if "fuzzy" not in off:
                problems.append(Problem(path, message.line, INFO, "fuzzy",
                                        "fuzzy: needs review before it is used", message.msgid))
            continue
        for check_id, check in CHECKS.items():
            if check_id in off:
                continue
            line = _msgstr_line(message) if check_id in _AT_MSGSTR else message.line
            for severity, text in check(message, catalog):
                problems.append(Problem(path, line, severity, check_id, text, message.msgid))
    return problems


@dataclass
class CheckReport:
    """The problems found in the catalogs checked (their shown paths), in catalog and file
    order; ``to_dict`` is the JSON schema of ``l10n check --format json``."""

    catalogs: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Problems per severity: error, warning, info."""
        return {severity: sum(p.severity == severity for p in self.problems)
                for severity in (ERROR, WARNING, INFO)}

    def failed(self, *, strict: bool = False) -> bool:
        """True when an error was found (or, when *strict*, a warning)."""
        failing = {ERROR, WARNING} if strict else {ERROR}
        return any(p.severity in failing for p in self.problems)

    def to_dict(self) -> dict:
        return {"problems": [p.to_dict() for p in self.problems]}


def validate_check_ids(ids: Iterable[str]) -> tuple[str, ...]:
    """*ids* as a tuple, or UnknownCheck for the first (in sorted order) that no check has."""
    ids = tuple(ids)
    unknown = sorted(set(ids) - set(ALL_CHECK_IDS))
    if unknown:
        raise UnknownCheck(unknown[0], ALL_CHECK_IDS)
    return ids


def check_files(paths: Sequence[Path | str], *, disabled: Iterable[str] = ()) -> CheckReport:
    """Check each PO file (named in problems by its path as given) with every check not in
    *disabled*; UnknownCheck for an id in *disabled* that no check has."""
    return _check_targets([(path, str(path)) for path in paths], validate_check_ids(disabled))


def check_project(project, *, locales: Iterable[str] | None = None,
                  domains: Iterable[str] | None = None, disabled: Iterable[str] = ()) -> CheckReport:
    """Check a Project's catalogs (``Project.existing_catalogs``) with every check not in
    *disabled* (validated like :func:`check_files`) or in the project's ``checks.disable``."""
    disabled = validate_check_ids(disabled) + project.disabled_checks
    return _check_targets(project.existing_catalogs(locales, domains), disabled)


def _check_targets(targets: list[tuple[Path | str, str]], disabled: tuple[str, ...]) -> CheckReport:
    report = CheckReport()
    for path, shown in targets:
        report.catalogs.append(shown)
        report.problems.extend(check_catalog(po.read_po(path, display_path=shown), shown, disabled=disabled))
    return report
