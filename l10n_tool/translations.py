"""Resolve messages for one locale through its fallback chain of catalogs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, NamedTuple

from l10n_tool import po, python_format
from l10n_tool.config import Project
from l10n_tool.markup import validate_translation
from l10n_tool.po import Summary, summarize


@dataclass(frozen=True)
class Lookup:
    """A resolved message: the text to show and the locale it is written in."""

    text: str
    locale: str


class _AnyValue(dict):
    """A mapping that has every key: to try a %-format without knowing its values."""

    def __missing__(self, key: str) -> int:
        return 0


def ui_problem(msgid: str, plural: str | None, forms: tuple[str, ...]) -> str | None:
    """Why a translated UI message cannot be shown (Jinja2 always %-formats it with the
    template's variables: it must format as its source does, ``python_format``), or None."""
    for form in forms:
        found = python_format.problems((msgid, plural or ""), form)
        if found:
            return "; ".join(found)
        try:
            form % _AnyValue()
        except (ValueError, TypeError, KeyError, OverflowError) as exc:
            return f"does not %-format: {exc}"
    return None


def usable_ui(msgid: str, plural: str | None, forms: tuple[str, ...]) -> bool:
    """A translated UI message that formats (Jinja2 always %-formats) as its source does."""
    return ui_problem(msgid, plural, forms) is None


def usable_content(msgid: str, plural: str | None, forms: tuple[str, ...]) -> bool:
    """A translated article block whose markup placeholders match its source."""
    if "<" not in msgid and "<" not in forms[0]:
        return True  # no placeholders on either side: nothing to match
    return not validate_translation(msgid, forms[0])


Usable = Callable[[str, "str | None", "tuple[str, ...]"], bool]
USABLE: dict[str, Usable] = {"ui": usable_ui, "content": usable_content}


Entry = tuple  # (msgstr, plural forms or None, locale): one usable translation


class Translations:
    """Messages of one domain for *locale*, looked up along its fallback chain.

    Only translated (not fuzzy) messages that pass the domain's safety check count; anything
    else falls through to the next locale and finally to the source text. A table per locale
    maps (msgctxt, msgid) -> (msgstr, plural forms, locale): a dict, or anything with ``get``
    and ``get_many`` (the build's ``PackedTable``); it holds strings, not catalog entries, so a
    catalog can be dropped once its tables are built.
    """

    def __init__(self, chain: tuple[str, ...], tables: dict[str, dict], plurals: dict[str, Callable[[int], int]],
                 source_locale: str):
        self.locale = chain[0]
        self.source_locale = source_locale
        self._tables = [tables[code] for code in chain if code != source_locale and code in tables]
        self._plural_of = plurals
        self._source_plural = po.parse_plural_forms(po.plural_forms(source_locale))[1]

    def find(self, msgid: str, context: str | None = None) -> Entry | None:
        """The first usable translation along the chain: (msgstr, plural forms, locale)."""
        for table in self._tables:
            found = table.get((context, msgid))
            if found is not None:
                return found
        return None

    def find_all(self, keys) -> list[Entry | None]:
        """``find`` of each (msgctxt, msgid) of *keys*, in order."""
        keys = list(keys)
        if len(self._tables) == 1:
            return get_many(self._tables[0], keys)
        found: list[Entry | None] = [None] * len(keys)
        for table in self._tables:
            for index, entry in enumerate(get_many(table, keys)):
                if found[index] is None:
                    found[index] = entry
        return found

    def subset(self, keys) -> "Translations":
        """These translations of *keys* only, resolved along the chain: quick to look up one by
        one however the tables are stored (a page renders from the subset of its messages)."""
        keys = list(keys)
        table = {key: entry for key, entry in zip(keys, self.find_all(keys)) if entry is not None}
        subset = Translations.__new__(Translations)
        subset.locale, subset.source_locale = self.locale, self.source_locale
        subset._tables, subset._plural_of, subset._source_plural = [table], self._plural_of, self._source_plural
        return subset

    def items(self):
        """Every usable translation: ((msgctxt, msgid), (msgstr, plural forms, locale)) pairs."""
        merged: dict = {}
        for table in reversed(self._tables):
            merged.update(table.items())
        return merged.items()

    def gettext(self, msgid: str, context: str | None = None) -> Lookup:
        found = self.find(msgid, context)
        return Lookup(msgid, self.source_locale) if found is None else Lookup(found[0], found[2])

    def ngettext(self, msgid: str, plural: str, n: int, context: str | None = None) -> Lookup:
        found = self.find(msgid, context)
        if found is not None and found[1] is not None:
            forms, code = found[1], found[2]
            index = self._plural_of[code](n)
            if index < len(forms):
                return Lookup(forms[index], code)
        return Lookup(msgid if self._source_plural(n) == 0 else plural, self.source_locale)


def get_many(table, keys: list) -> list[Entry | None]:
    """table.get of each key: a dict, or a table with ``get_many`` (build.packed.PackedTable)."""
    batch = getattr(table, "get_many", None)
    if batch is not None:
        return batch(keys)
    get = table.get
    return [get(key) for key in keys]


def usable_table(summary: Summary, code: str, usable: Usable) -> dict:
    """(msgctxt, msgid) -> (msgstr, plural forms, locale) of a catalog's usable translations."""
    return {(context, msgid): (msgstr, forms, code)
            for context, msgid, plural, msgstr, forms in summary.translated
            if usable(msgid, plural, forms or (msgstr,))}


def plural_function(header: str | None) -> Callable[[int], int]:
    """The plural function of a catalog's Plural-Forms header (English's without one)."""
    try:
        return po.parse_plural_forms(header)[1] if header else (lambda n: int(n != 1))
    except ValueError:
        return lambda n: 0


def load_catalogs(project: Project, domain: str) -> dict[str, po.Catalog | None]:
    """Every target locale's catalog of *domain* (None where the file does not exist yet)."""
    catalogs: dict[str, po.Catalog | None] = {}
    for locale in project.locales:
        path = project.catalog_path(locale, domain)
        catalogs[locale] = po.read_po(path, display_path=project.relative(path)) if path.is_file() else None
    return catalogs


def load_summaries(project: Project, domain: str) -> dict[str, Summary | None]:
    """What status and build need of every target locale's catalog of *domain*, read without
    building Message objects where the file allows (None where it does not exist yet)."""
    summaries: dict[str, Summary | None] = {}
    for locale in project.locales:
        path = project.catalog_path(locale, domain)
        summaries[locale] = summarize(path, project.relative(path)) if path.is_file() else None
    return summaries


class Tables(NamedTuple):
    """The usable translations of one domain's catalogs: a table and a plural function per
    locale, and the UI translations left out as (locale, msgctxt, msgid, why)."""

    tables: dict[str, dict]
    plurals: dict[str, Callable[[int], int]]
    rejected: tuple = ()


def usable_tables(domain: str, summaries: dict[str, Summary | None]) -> Tables:
    """Each existing catalog's usable table; each is checked once, however many fallback chains use it."""
    tables, plurals, rejected = {}, {}, []
    for code, summary in summaries.items():
        if summary is None:
            continue
        if domain == "ui":
            table = {}
            for context, msgid, plural, msgstr, forms in summary.translated:
                problem = ui_problem(msgid, plural, forms or (msgstr,))
                if problem is None:
                    table[(context, msgid)] = (msgstr, forms, code)
                else:
                    rejected.append((code, context, msgid, problem))
            tables[code] = table
        else:
            tables[code] = usable_table(summary, code, USABLE[domain])
        plurals[code] = plural_function(summary.plural_forms)
    return Tables(tables, plurals, tuple(rejected))


def rejected_report(project: Project, rejected: tuple) -> list[str]:
    """``path:line: locale: 'msgid': why; the source text is shown`` for each UI translation
    left out (the catalogs are read again, strictly, only when there is one)."""
    lines: list[str] = []
    catalogs: dict[str, po.Catalog] = {}
    for code, context, msgid, problem in rejected:
        path = project.catalog_path(code, "ui")
        shown = project.relative(path)
        if code not in catalogs:
            catalogs[code] = po.read_po(path, display_path=shown)
        message = catalogs[code].get(msgid, context)
        where = f"{shown}:{message.line}" if message is not None else shown
        lines.append(f"{where}: {code}: {msgid!r}: translation not used ({problem}); the source text is shown")
    return lines


def chained(project: Project, tables: Tables) -> dict[str, Translations]:
    """Translations for the source and every target locale, along their fallback chains."""
    return {locale: Translations(project.fallback_chain(locale), tables.tables, tables.plurals,
                                 project.source_locale)
            for locale in project.all_locales}


def translations_for_all(project: Project, domain: str,
                         summaries: dict[str, Summary | None]) -> dict[str, Translations]:
    """Translations of *domain* for the source and every target locale."""
    return chained(project, usable_tables(domain, summaries))
