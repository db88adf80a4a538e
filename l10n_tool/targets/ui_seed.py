"""Adopting the tool loses no translation: ``l10n update`` gives an untranslated ui message
that comes from a string table the translation the locale's own table already has
(``i18n/nl.toml``, ``i18n/nl/code.json``), never replacing a translation (or a fuzzy one) in
the catalog."""

from __future__ import annotations

from .ui_tables import read_table, source_tables, table_paths
from .ui_write import plural_categories, unsafe


def table_seeder(project):
    """A function (locale, merged catalog) -> None that seeds the catalog, or None when the
    project's generator has no string tables."""
    sources = source_tables(project)
    if not sources:
        return None
    wanted = {(entry.key, entry.forms.get("one", entry.forms["other"])): entry
              for table in sources for entry in table.entries}

    def seed(locale: str, catalog) -> None:
        found = _locale_forms(project, locale)
        if not found:
            return
        categories = plural_categories(catalog, locale)
        for message in catalog.messages:
            entry = wanted.get((message.msgctxt, message.msgid))
            forms = found.get(message.msgctxt)
            if (entry is None or forms is None or message.obsolete or message.fuzzy
                    or message.msgstr or any(message.msgstr_plural.values())):
                continue
            if any(unsafe(" ".join(entry.forms.values()), text) for text in forms.values()):
                continue
            if message.msgid_plural is None:
                if forms.get("other"):
                    message.msgstr = forms["other"]
            elif categories is not None:  # a category the table lacks is its "other" (a plain string: every one)
                texts = [forms.get(name) or forms.get("other") for name in categories]
                if all(texts):
                    message.msgstr_plural = dict(enumerate(texts))

    return seed


def _locale_forms(project, locale: str) -> dict[str, dict[str, str]]:
    """key -> category -> text from *locale*'s existing tables (a table that cannot be read is
    an error naming it)."""
    found: dict[str, dict[str, str]] = {}
    for path in table_paths(project, locale):
        table = read_table(path, project.relative(path), project.target, source=False)
        for entry in table.entries:
            found.setdefault(entry.key, dict(entry.forms))
    return found
