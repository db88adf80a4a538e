"""Docusaurus: translations under ``i18n/<locale>/`` of the site folder (the content folder):
``docs/x.md`` -> ``i18n/<locale>/docusaurus-plugin-content-docs/current/x.md``, ``blog/x.md``
-> ``i18n/<locale>/docusaurus-plugin-content-blog/x.md``, ``src/pages/x.md`` ->
``i18n/<locale>/docusaurus-plugin-content-pages/x.md``. A fallback block is wrapped in
``<div lang="en">`` (MDX keeps it, Markdown inside)."""

from .layout import Generator

_PLUGINS = (("docs/", "docusaurus-plugin-content-docs/current/"), ("blog/", "docusaurus-plugin-content-blog/"),
            ("src/pages/", "docusaurus-plugin-content-pages/"))


def destination(name: str, locale: str, layout: str, source_locale: str = "") -> str:
    for prefix, folder in _PLUGINS:
        if name.startswith(prefix):
            return f"i18n/{locale}/{folder}{name[len(prefix):]}"
    return f"i18n/{locale}/docusaurus-plugin-content-pages/{name}"


def is_output(name: str, locales: tuple[str, ...], layout: str) -> bool:
    return name == "i18n" or name.startswith("i18n/")


DOCUSAURUS = Generator("docusaurus", ("i18n",), "html", destination, is_output)
