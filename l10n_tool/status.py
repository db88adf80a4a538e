"""Translation status: counts per locale x domain, page verdicts, and the missing messages."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from l10n_tool import po

if TYPE_CHECKING:  # page status needs the whole project; plain-file status only the catalogs
    from l10n_tool.config import Project
    from l10n_tool.model import Segment
    from l10n_tool.model import Page
    from l10n_tool.translations import Translations

PAGE_TEMPLATE = "post.html"
COMPLETE, MIXED, UNTRANSLATED = "complete", "mixed", "untranslated"


@dataclass(frozen=True)
class CatalogStatus:
    """Counts of one catalog; percent is by messages, words count the source text."""

    locale: str | None
    domain: str
    path: str
    total: int
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    percent: float
    words_total: int
    words_translated: int

    @property
    def words_percent(self) -> float:
        return percent(self.words_translated, self.words_total)


@dataclass(frozen=True)
class PageStatus:
    """What a reader of *page* in *locale* would see, and whether it is published."""

    page: str
    locale: str
    ui_percent: float
    content_percent: float
    verdict: str
    published: bool
    path: str = ""


@dataclass(frozen=True)
class MissingMessage:
    """An untranslated or fuzzy message, located by its source references."""

    locale: str | None
    domain: str
    state: str
    msgid: str
    context: str | None
    references: tuple[str, ...]
    catalog: str


@dataclass
class StatusReport:
    """Everything ``l10n status`` can show; ``to_dict`` is the JSON schema."""

    source_locale: str | None
    catalogs: list[CatalogStatus] = field(default_factory=list)
    pages: list[PageStatus] = field(default_factory=list)
    missing: list[MissingMessage] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "source_locale": self.source_locale,
            "catalogs": [asdict(c) | {"words_percent": c.words_percent} for c in self.catalogs],
            "pages": [asdict(p) for p in self.pages],
            "missing": [asdict(m) | {"references": list(m.references)} for m in self.missing],
            "summary": self.page_summary(),
        }

    def page_summary(self) -> dict[str, int]:
        """What readers see apart from what is held back: the page versions published, how
        many of them show two languages (mixed), and those not published."""
        published = [page for page in self.pages if page.published]
        return {"published": len(published), "published_mixed": sum(page.verdict == MIXED for page in published),
                "held_back": len(self.pages) - len(published)}

    def below(self, threshold: float) -> list[CatalogStatus]:
        """Catalogs translated less than *threshold* percent (by messages)."""
        return [c for c in self.catalogs if c.percent < threshold]


def percent(part: int, whole: int) -> float:
    """A percentage rounded to one decimal; an empty whole counts as complete."""
    return round(100.0 * part / whole, 1) if whole else 100.0


def verdict(ui_percent: float, content_percent: float) -> str:
    """complete, untranslated, or mixed: a page a reader would see in two languages."""
    if ui_percent >= 100 and content_percent >= 100:
        return COMPLETE
    if ui_percent <= 0 and content_percent <= 0:
        return UNTRANSLATED
    return MIXED


# -- catalogs --------------------------------------------------------------------------------
def catalog_status(catalog: po.Catalog, *, locale: str | None, domain: str, path: str) -> CatalogStatus:
    return status_from_stats(po.catalog_stats(catalog), locale=locale, domain=domain, path=path)


def status_from_stats(stats: dict, *, locale: str | None, domain: str, path: str) -> CatalogStatus:
    """A CatalogStatus from ``po.catalog_stats``' counts."""
    counts = {name: stats[name] for name in CatalogStatus.__dataclass_fields__ if name in stats and name != "percent"}
    return CatalogStatus(locale=locale, domain=domain, path=path,
                         percent=percent(stats["translated"], stats["total"]), **counts)


def missing_messages(catalog: po.Catalog, *, locale: str | None, domain: str,
                     path: str) -> list[MissingMessage]:
    """The active messages of *catalog* that are fuzzy or untranslated, in file order."""
    return [
        MissingMessage(locale=locale, domain=domain, state="fuzzy" if m.fuzzy else "untranslated",
                       msgid=m.msgid, context=m.msgctxt, references=tuple(m.references), catalog=path)
        for m in catalog.active() if not m.translated
    ]


def status_of_files(paths: Sequence[Path], *, list_missing: bool = False) -> StatusReport:
    """Status of plain PO files: the locale from their header, the domain from their name.
    Without *list_missing* the counts come from po.summarize, which reads a file without
    building its messages where it can."""
    report = StatusReport(source_locale=None)
    for path in paths:
        domain = Path(path).stem
        if list_missing:
            catalog = po.read_po(path, display_path=str(path))
            locale = catalog.locale
            report.catalogs.append(catalog_status(catalog, locale=locale, domain=domain, path=str(path)))
            report.missing.extend(missing_messages(catalog, locale=locale, domain=domain, path=str(path)))
            continue
        summary = po.summarize(path, str(path))
        report.catalogs.append(status_from_stats(summary.stats, locale=summary.locale, domain=domain,
                                                 path=str(path)))
    return report


# -- project ---------------------------------------------------------------------------------
def collect_status(project: Project, *, locales: Iterable[str] | None = None,
                   domains: Iterable[str] | None = None, pages: bool = True,
                   list_missing: bool = False, articles: list[Page] | None = None) -> StatusReport:
    """Status of every selected catalog of *project*, and of its pages when *pages* is set."""
    from l10n_tool.config import DOMAINS
    from l10n_tool.extract import load_articles
    from l10n_tool.translations import load_catalogs, load_summaries, translations_for_all

    selected_locales = tuple(locales) if locales else project.locales
    selected_domains = tuple(domains) if domains else DOMAINS
    report = StatusReport(source_locale=project.source_locale)
    if list_missing:  # every message is needed: read each catalog once, strictly
        catalogs = {domain: load_catalogs(project, domain) for domain in DOMAINS}
        summaries = {domain: {locale: None if catalog is None else po.catalog_summary(catalog)
                             for locale, catalog in found.items()}
                     for domain, found in catalogs.items()}
    else:
        summaries = {domain: load_summaries(project, domain) for domain in DOMAINS}
    for locale in selected_locales:
        for domain in selected_domains:
            shown = project.relative(project.catalog_path(locale, domain))
            summary = summaries[domain].get(locale)
            if list_missing:
                catalog = catalogs[domain].get(locale) or _empty_from_template(project, domain)
                report.catalogs.append(catalog_status(catalog, locale=locale, domain=domain, path=shown))
                report.missing.extend(missing_messages(catalog, locale=locale, domain=domain, path=shown))
            elif summary is None or not (summary.stats["total"] or summary.stats["obsolete"]):
                # no catalog or an empty one: every template message is missing
                catalog = _empty_from_template(project, domain)
                report.catalogs.append(catalog_status(catalog, locale=locale, domain=domain, path=shown))
            else:
                report.catalogs.append(status_from_stats(summary.stats, locale=locale, domain=domain, path=shown))
    if pages:
        articles = articles if articles is not None else load_articles(project, keep=False)
        ui = translations_for_all(project, "ui", summaries["ui"])
        content = translations_for_all(project, "content", summaries["content"])
        report.pages = page_statuses(project, articles, ui, content, selected_locales)
    return report


def page_statuses(project: Project, articles: list[Page], ui: dict[str, Translations],
                  content: dict[str, Translations], locales: Sequence[str]) -> list[PageStatus]:
    """One row per page and target locale it exists in (``Project.page_locales``), in page then
    locale order."""
    ui_words = weighted_keys(page_ui_segments(project))
    page_words = [article.weighted_keys() for article in articles]
    page_locales = [project.page_locales(article) for article in articles]
    rows = []
    for locale in locales:
        ui_percent = translated_percent(ui[locale], ui_words)
        policy = project.policy(locale)
        for article, words, exists_in in zip(articles, page_words, page_locales):
            if locale not in exists_in:
                continue
            content_percent = translated_percent(content[locale], words)
            rows.append(PageStatus(
                page=article.slug, locale=locale, ui_percent=ui_percent,
                content_percent=content_percent, verdict=verdict(ui_percent, content_percent),
                published=is_published(content_percent, policy.threshold, policy.fallback),
                path=article.path,
            ))
    return rows


def is_published(content_percent: float, threshold: float, fallback: str) -> bool:
    """Published from ``required_percent`` on."""
    return content_percent >= required_percent(threshold, fallback)


def required_percent(threshold: float, fallback: str) -> float:
    """The content percentage a page needs to be published: block mode publishes from the
    threshold on; page and none modes only when complete."""
    return threshold if fallback == "block" else 100.0


def weighted_keys(segments: Iterable[Segment]) -> list[tuple[tuple[str | None, str], int]]:
    """Each segment's (context, msgid) with its source word count, counted once."""
    from l10n_tool.words import count_words

    return [(segment.key, count_words(segment.msgid)) for segment in segments]


def translated_percent(translations: Translations, weighted: list[tuple[tuple[str | None, str], int]]) -> float:
    """Percent of the source words that *translations* translates."""
    found = translations.find_all(key for key, _ in weighted)
    total = sum(words for _, words in weighted)
    done = sum(words for (_, words), entry in zip(weighted, found) if entry is not None)
    return percent(done, total)


def page_ui_segments(project: Project) -> list[Segment]:
    """The UI strings a post page shows: those of its template and the templates it uses."""
    from l10n_tool.extract.templates import extract_template, template_closure

    folder = project.templates_dir
    segments: list[Segment] = []
    for name in template_closure(folder, PAGE_TEMPLATE, project.jinja, project.relative):
        segments.extend(extract_template(folder / name, project.relative(folder / name), project.jinja))
    return segments


def _empty_from_template(project: Project, domain: str) -> po.Catalog:
    """A locale without a catalog yet: every template message is untranslated."""
    path = project.template_path(domain)
    if path.is_file():
        return po.read_po(path, display_path=project.relative(path))
    return po.Catalog(header=None, messages=[])
