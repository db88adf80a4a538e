"""The generators ``target:`` names, by name (``site`` is our own builder, not one of them)."""

from .docusaurus import DOCUSAURUS
from .hugo import HUGO
from .jekyll import JEKYLL
from .layout import Generator
from .mkdocs import MKDOCS

GENERATORS: dict[str, Generator] = {g.name: g for g in (HUGO, MKDOCS, JEKYLL, DOCUSAURUS)}
TARGETS = ("site", *GENERATORS)
MARK_STYLES = ("attributes", "html", "none")  # "attributes": the generator's own attribute syntax


def mark_style(generator: Generator, chosen: str | None) -> str | None:
    """The ``article.MARKS`` key or ``html`` a fallback block is marked with, None for no mark."""
    if chosen is None:
        return generator.mark
    if chosen == "attributes":
        return generator.mark if generator.mark != "html" else None
    return None if chosen == "none" else chosen
