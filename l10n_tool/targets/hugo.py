"""Hugo: a translation by file name (``post.nl.md`` beside ``post.md``) or by content folder
(``content/nl/post.md`` beside ``content/en/post.md``). Hugo spells language keys in lower case.
A fallback heading gets Goldmark's ``{lang="en"}`` (on by default); a fallback paragraph gets
it on the line after, which Goldmark reads with ``markup.goldmark.parser.attribute.block``."""

from .layout import Generator, beside, has_locale_suffix, with_suffix


def destination(name: str, locale: str, layout: str, source_locale: str = "") -> str:
    locale = locale.lower()
    return with_suffix(name, locale, source_locale) if layout == "filename" else beside(name, locale)


def is_output(name: str, locales: tuple[str, ...], layout: str) -> bool:
    return layout == "filename" and has_locale_suffix(name, locales)


HUGO = Generator("hugo", ("filename", "folder"), "attributes-goldmark", destination, is_output)
