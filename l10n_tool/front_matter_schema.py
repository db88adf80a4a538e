"""What front matter holds by default: the types a key may have, the example site's schema,
and the keys translated by default for each generator a site may be built by (``target:``)."""

from __future__ import annotations

from dataclasses import dataclass

FRONT_MATTER_TYPES = ("text", "int", "list of text", "date", "any")  # "any": not checked


@dataclass(frozen=True)
class FrontMatterField:
    """What one front matter key must hold (one of ``FRONT_MATTER_TYPES``) and whether every
    article with front matter must give it."""

    type: str
    required: bool = False


# the front matter schema of the example site; ``front_matter:`` in l10n.yaml overrides it key by key
DEFAULT_FRONT_MATTER: tuple[tuple[str, FrontMatterField], ...] = (
    ("title", FrontMatterField("text", required=True)),
    ("description", FrontMatterField("text")),
    ("author", FrontMatterField("text")),
    ("date", FrontMatterField("date")),
    ("reading_time", FrontMatterField("int")),
    ("image", FrontMatterField("text")),
    ("image_alt", FrontMatterField("text")),
    ("tags", FrontMatterField("list of text")),
    ("rating", FrontMatterField("int")),
    ("rating_count", FrontMatterField("int")),
    ("locales", FrontMatterField("list of text")),
    ("slug", FrontMatterField("text")),  # the last part of the page's URL (translated when a front matter key)  # the locales the page exists in (default: all)
)

DEFAULT_KEYS = {
    "site": ("title", "description", "image_alt"),
    "hugo": ("title", "description", "summary", "linkTitle"),
    "mkdocs": ("title", "description"),
    "jekyll": ("title", "description", "excerpt"),
    "docusaurus": ("title", "description", "sidebar_label"),
}
"""The front matter keys translated by default (``front_matter_keys`` replaces them), by the
generator that builds the site (``target:``)."""


def default_keys(target: str = "site") -> tuple[str, ...]:
    """The keys translated by default for *target* (``site``, ours, for an unknown one)."""
    return DEFAULT_KEYS.get(target, DEFAULT_KEYS["site"])


def default_schema(target: str = "site") -> tuple[tuple[str, FrontMatterField], ...]:
    """The front matter schema by default (``front_matter:`` overrides it key by key): ours for
    ``site``; for another generator's pages only ``date`` is typed, since their front matter is
    that generator's (a page needs no title, an author may be a mapping)."""
    return DEFAULT_FRONT_MATTER if target not in DEFAULT_KEYS or target == "site" else _DATE_ONLY


_DATE_ONLY = (("date", FrontMatterField("date")),)
