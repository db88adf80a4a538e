"""mkdocs-static-i18n: the suffix structure (``page.nl.md`` beside ``page.md``) or the folder
structure (``docs/nl/page.md`` beside ``docs/en/page.md``). A fallback block gets an
``attr_list`` mark (``{: lang="en" }``; enable the ``attr_list`` extension)."""

from .layout import Generator, beside, has_locale_suffix, with_suffix


def destination(name: str, locale: str, layout: str, source_locale: str = "") -> str:
    return with_suffix(name, locale, source_locale) if layout == "suffix" else beside(name, locale)


def is_output(name: str, locales: tuple[str, ...], layout: str) -> bool:
    return layout == "suffix" and has_locale_suffix(name, locales)


MKDOCS = Generator("mkdocs", ("suffix", "folder"), "attributes-mkdocs", destination, is_output)
