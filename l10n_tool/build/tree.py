"""The site's page tree: the list pages (the home page and one per section), the article that
heads each of them, what each one lists, and the template of every page.

An article is a page at the URL its path gives (``docs/setup/install.md`` ->
``docs/setup/install/``); ``index.md`` and ``_index.md`` are their folder's page. A section is a
top folder of the content tree. The home page lists every dated article; a section's page lists
the articles below it; both newest first, then by title. An ``index.md`` at the home page's or a
section's URL heads that list page: its text and front matter are the list page's ``page``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import PurePosixPath

from l10n_tool.config import Project
from l10n_tool.errors import MissingPageTemplates, SourceError
from l10n_tool.model import Page

from .templates import as_date

HOME_TEMPLATE = "index.html"
SECTION_TEMPLATE = "section.html"
TAG_TEMPLATE = "tag.html"
TAGS = "tags"  # the folder of the tag pages: tags/<tag slug>/
PAGE_TEMPLATE = "post.html"
INDEX_NAMES = ("index", "_index")


def url_path(slug: str | None) -> str:
    """The URL path of a page below its locale's folder: ``posts/x``, ``posts`` for
    ``posts/index``, ``""`` for the home page (``index`` or None)."""
    if not slug:
        return ""
    parts = slug.split("/")
    if parts[-1] in INDEX_NAMES:
        parts.pop()
    return "/".join(parts)


def page_date(page: Page) -> dt.date | None:
    """The article's front matter date, None when it has none (a bad one is a SourceError)."""
    value = page.meta.get("date")
    return None if value is None else as_date(value, page.path)


def listing_order(page: Page) -> tuple:
    """Newest first, undated last, then by title (case-insensitive), then by path."""
    date = page_date(page)
    title = str(page.meta.get("title") or page.slug).casefold()
    return (date is None, -(date.toordinal()) if date else 0, title, page.path)


def folder_lists(project: Project, paths: list[str]) -> list[str]:
    """The list pages that folders give (tag pages aside): the home page, and each section that
    has a head (its ``index.md``) or a template for it (``section.html``)."""
    has_section_template = (project.templates_dir / SECTION_TEMPLATE).is_file()
    heads = {path for path in paths if "/" not in path}
    sections = sorted({path.split("/")[0] for path in paths if "/" in path})
    return ["", *(s for s in sections if s in heads or has_section_template)]


class PageTree:
    """Where every article sits among the site's pages, and which template renders each."""

    def __init__(self, project: Project, articles: list[Page]):
        self.project = project
        self.articles = articles
        self.paths = [url_path(article.slug) for article in articles]
        self._check_unique()
        heads = {path: index for index, path in enumerate(self.paths) if "/" not in path}
        sections = {path.split("/")[0] for path in self.paths if "/" in path}
        self.heads = {path: heads[path] for path in sorted({"", *sections}) if path in heads}
        self.lists = folder_lists(project, self.paths)
        self.tags = self._tags() if (project.templates_dir / TAG_TEMPLATE).is_file() else {}
        self.lists += [f"{TAGS}/{slug}" for slug in self.tags]
        self._lists = frozenset(self.lists)
        self.templates = [self._template(index) for index in range(len(articles))]
        self._index = {article.slug: index for index, article in enumerate(articles)}

    def index_of(self, slug: str) -> int:
        return self._index[slug]

    def template_of(self, slug: str) -> str:
        return self.templates[self._index[slug]]

    # -- list pages ----------------------------------------------------------------------
    def head_of(self, path: str) -> int | None:
        """The index of the article heading the list page at *path*, if one does."""
        return self.heads.get(path)

    def is_list(self, path: str) -> bool:
        return path in self._lists

    def listed_path(self, index: int) -> str | None:
        """The list page article *index* (in ``articles``) heads, or None."""
        path = self.paths[index]
        return path if path in self._lists and self.heads.get(path) == index else None

    def tag_of(self, path: str) -> str | None:
        """The tag whose page is at *path* (as the first page using it spells it), or None."""
        return self.tags[path[len(TAGS) + 1:]][0] if path.startswith(f"{TAGS}/") else None

    def members(self, path: str) -> list[int]:
        """The articles the list page at *path* lists, in listing order."""
        head = self.heads.get(path)
        if path == "":
            found = [i for i, a in enumerate(self.articles) if i != head and page_date(a) is not None]
        elif path.startswith(f"{TAGS}/") and path[len(TAGS) + 1:] in self.tags:
            found = list(self.tags[path[len(TAGS) + 1:]][1])
        else:
            prefix = path + "/"
            found = [i for i, p in enumerate(self.paths) if i != head and p.startswith(prefix)]
        return sorted(found, key=lambda i: listing_order(self.articles[i]))

    def list_template(self, path: str) -> str:
        if path == "":
            return HOME_TEMPLATE
        return TAG_TEMPLATE if path.startswith(f"{TAGS}/") and path[len(TAGS) + 1:] in self.tags else SECTION_TEMPLATE

    def _tags(self) -> dict[str, tuple[str, list[int]]]:
        """Tag slug -> (the tag as first written, the articles that have it), by slug; a content
        folder named like the tag pages' is an error."""
        for article, path in zip(self.articles, self.paths):
            if path == TAGS or path.startswith(f"{TAGS}/"):
                raise SourceError(article.path, None, f"is where the tag pages go ({TAGS}/): the site has "
                                  f"{TAG_TEMPLATE}, so rename the folder or the template")
        tags: dict[str, tuple[str, list[int]]] = {}
        for index, article in enumerate(self.articles):
            for tag in article.meta.get("tags") or ():
                slug = tag_slug(str(tag))
                if slug and slug not in INDEX_NAMES:  # tags/index/ would be the folder's page
                    tags.setdefault(slug, (str(tag), []))[1].append(index)
        return dict(sorted(tags.items()))

    # -- templates -----------------------------------------------------------------------
    def _template(self, index: int) -> str:
        article = self.articles[index]
        chosen = article.meta.get("template")
        if chosen is not None:
            if not isinstance(chosen, str) or not _is_plain_name(chosen):
                raise SourceError(article.path, self.project.front_matter_line(article, "template"),
                                  f"template: {chosen!r} is not a file name in the templates folder")
            return chosen
        path = self.paths[index]
        if path in self.lists and self.heads.get(path) == index:
            return self.list_template(path)
        section = path.split("/")[0] if "/" in path else None
        return self.project.sections.get(section, {}).get("template", PAGE_TEMPLATE)

    def check_templates(self) -> None:
        """Raise MissingPageTemplates naming every template the site needs and lacks, and why;
        a SourceError for a template that is a symlink to outside the project."""
        folder = self.project.templates_dir
        needs: dict[str, list[str]] = {}
        needs.setdefault(HOME_TEMPLATE, []).append("the home page of every locale")
        for path in self.lists[1:]:
            if path not in self.heads and self.list_template(path) == SECTION_TEMPLATE:
                needs.setdefault(SECTION_TEMPLATE, []).append(f"the list page of section {path}/")
        for article, template in zip(self.articles, self.templates):
            line = self.project.front_matter_line(article, "template") if article.meta.get("template") else None
            needs.setdefault(template, []).append(f"{article.path}:{line}" if line else article.path)
        missing = {name: why for name, why in needs.items() if not (folder / name).is_file()}
        if missing:
            raise MissingPageTemplates(self.project.relative(folder), missing)
        for path in sorted(folder.rglob("*")):  # a template linked to /etc/passwd would be published
            if path.is_symlink():
                self.project.refuse_external_link(path)

    def _check_unique(self) -> None:
        seen: dict[str, str] = {}
        for article, path in zip(self.articles, self.paths):
            if path in seen:
                line = self.project.front_matter_line(article, "slug") if article.meta.get("slug") else None
                raise SourceError(article.path, line, f"is the same page as {seen[path]} (both at /{path}/)")
            seen[path] = article.path


def tag_slug(tag: str) -> str:
    """A tag's part of its page's URL: ``Hay Fever`` -> ``hay-fever`` (letters and digits of any
    script kept, lower case, every other run of characters one ``-``)."""
    text = unicodedata.normalize("NFKC", tag).casefold()
    return "-".join(part for part in re.split(r"[\W_]+", text) if part)


def _is_plain_name(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(name) and "\\" not in name and not path.is_absolute() and ".." not in path.parts
