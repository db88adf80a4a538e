"""Jekyll with jekyll-polyglot: a translation is another copy of the page with ``lang: <locale>``
in its front matter; posts go to ``_posts/<locale>/`` (any collection ``_x/`` likewise), so a
post keeps its date, name and so its URL, which polyglot pairs by; other pages go to
``<locale>/`` (give them a ``permalink`` so polyglot pairs them). A fallback block gets a
kramdown block attribute on the line after it (``{: lang="en"}``)."""

from .layout import Generator


def destination(name: str, locale: str, layout: str, source_locale: str = "") -> str:
    top, _, rest = name.partition("/")
    if top.startswith("_") and rest:
        return f"{top}/{locale}/{rest}"
    return f"{locale}/{name}"


def is_output(name: str, locales: tuple[str, ...], layout: str) -> bool:
    parts = name.split("/")
    if parts[0] in locales:
        return True
    return len(parts) > 1 and parts[0].startswith("_") and parts[1] in locales


JEKYLL = Generator("jekyll", ("polyglot",), "attributes-kramdown", destination, is_output, sets_lang=True)
