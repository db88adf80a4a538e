"""The built example site in a real browser: Playwright driving Debian's Chromium.

Every page is served on 127.0.0.1 by ``l10n_tool.serve`` (base_url rewritten to that server so
canonical and hreflang URLs stay local). Nothing else may be contacted: each test's browser
context aborts any request that is not for 127.0.0.1, file: or data:, and fails on it.

Chromium comes from the system (``apt install chromium``); Playwright never downloads one.
Without it the module skips, except in CI (``CI=true``) where a missing browser is an error.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium")
IN_CI = os.environ.get("CI") == "true"
MISSING_BROWSER = ("Chromium is not on PATH: install Debian's `chromium` package "
                   "(Playwright cannot download its own browser here)")
if CHROMIUM is None and not IN_CI:
    pytest.skip(f"browser tests skipped: {MISSING_BROWSER}", allow_module_level=True)

from babel.dates import format_date
from click.testing import CliRunner
from playwright.sync_api import Page, expect

from l10n_tool import po
from l10n_tool.build import build_site
from l10n_tool.config import Project
from l10n_tool.serve import RELOAD_PATH, make_server

REPO = Path(__file__).parent.parent
SOURCE = "en"
HAY_FEVER = "posts/hay-fever-season"
APPOINTMENT = "posts/making-the-most-of-your-appointment"
BLOCKS = ".post-body :is(p, h1, h2, h3, h4, h5, h6, li, td, th, dt, dd, figcaption)"
CLOSEST_LANG = "el => el.closest('[lang]') ? el.closest('[lang]').lang : ''"
LOCAL = ("http://127.0.0.1:", "file:", "data:", "about:")


# -- the browser: Debian's Chromium, pinned here, never downloaded ---------------------------

@pytest.fixture(scope="session")
def browser_name() -> str:
    return "chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if CHROMIUM is None:  # only reached in CI: a missing browser must fail the run
        pytest.fail(f"CI=true but {MISSING_BROWSER}", pytrace=False)
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--no-first-run"]}


@pytest.fixture(autouse=True)
def only_localhost(page: Page):
    """Abort (and fail on) any request that would leave 127.0.0.1."""
    outside: list[str] = []

    def guard(route):
        outside.append(route.request.url)
        route.abort()

    page.context.route(lambda url: not url.startswith(LOCAL), guard)
    page.set_default_timeout(10_000)
    yield
    assert outside == [], f"the page tried to contact addresses other than 127.0.0.1: {outside}"


# -- the example site, built and served on 127.0.0.1 -----------------------------------------

@dataclass
class Served:
    """A private copy of the example project, built with base_url = its own local server."""

    root: Path
    project: Project
    server: object
    generation: object
    stopping: threading.Event
    base: str
    builds: list = field(default_factory=list)

    @property
    def site(self) -> Path:
        return self.project.output_dir

    def url(self, path: str = "") -> str:
        return f"{self.base}/{path}"

    def rebuild(self):
        self.project = Project.load(self.root)
        result = build_site(self.project)
        self.builds.append(result)
        return result

    def pages(self) -> list[tuple[str, str]]:
        """(url path, expected lang) of every built page."""
        found = []
        for index in sorted(self.site.glob("**/index.html")):
            parts = index.relative_to(self.site).parent.parts
            found.append(("".join(p + "/" for p in parts), parts[0] if parts else SOURCE))
        return found

    def stop(self) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()


def serve_copy(target: Path) -> Served:
    shutil.copy(REPO / "l10n.yaml", target / "l10n.yaml")
    shutil.copytree(REPO / "content", target / "content")
    shutil.copytree(REPO / "locales", target / "locales",
                    ignore=shutil.ignore_patterns("*.mo", ".l10n.lock"))
    server, generation, stopping = make_server(Project.load(target), 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    base = f"http://{host}:{port}"
    config = target / "l10n.yaml"
    text, count = re.subn(r"(?m)^base_url:.*$", f"base_url: {base}", config.read_text(encoding="utf-8"))
    assert count == 1, "l10n.yaml has no base_url line to point at the local server"
    config.write_text(text, encoding="utf-8")
    served = Served(target, Project.load(target), server, generation, stopping, base)
    try:
        served.rebuild()
    except BaseException:
        served.stop()
        raise
    return served


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The unmodified example site, shared by the read-only tests."""
    served = serve_copy(tmp_path_factory.mktemp("site"))
    yield served
    served.stop()


@pytest.fixture
def own_site(tmp_path):
    """A private served copy for tests that edit catalogs."""
    served = serve_copy(tmp_path)
    yield served
    served.stop()


def set_msgstr(po_path: Path, msgid_start: str, msgstr: str) -> str:
    catalog = po.read_po(po_path)
    message = next(m for m in catalog.active() if m.msgid.startswith(msgid_start))
    assert message.translated, f"{po_path.name}: {message.msgid!r} should start out translated"
    message.msgstr = msgstr
    po.write_po(catalog, po_path)
    return message.msgid


def visit(page: Page, url: str):
    """Load *url*; the main response, and everything it loaded that failed or was not 200."""
    problems: list[str] = []

    def on_response(response):
        if response.status != 200 and RELOAD_PATH not in response.url:
            problems.append(f"{response.status} {response.url}")

    def on_failed(request):
        if RELOAD_PATH not in request.url:  # the reload stream is cut on every navigation
            problems.append(f"failed {request.url}: {request.failure}")

    def on_error(error):
        problems.append(f"script error: {error}")

    listeners = {"response": on_response, "requestfailed": on_failed, "pageerror": on_error}
    for event, listener in listeners.items():
        page.on(event, listener)
    try:
        response = page.goto(url, wait_until="load")
    finally:
        for event, listener in listeners.items():
            page.remove_listener(event, listener)
    return response, problems


def html_lang(page: Page) -> str:
    return page.evaluate("document.documentElement.lang")


# -- 1. every page loads and declares its locale ---------------------------------------------

def test_every_page_loads_and_declares_its_locale(site, page):
    pages = site.pages()
    assert len(pages) >= 10, f"expected the whole example site, found {pages}"
    assert ("", SOURCE) in pages
    for path, locale in pages:
        url = site.url(path)
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        assert html_lang(page) == locale, url
        if path:  # site/index.html (the language picker) has no canonical
            assert page.locator('link[rel="canonical"]').get_attribute("href") == url, url


def test_every_page_loads_its_assets_and_renders_its_images(site, page):
    wrong = []
    for path, _ in site.pages():
        url = site.url(path)
        response, problems = visit(page, url)
        assert response is not None and response.status == 200, url
        wrong += [f"{url}: {problem}" for problem in problems]
        broken = page.evaluate("[...document.images].filter(i => !i.complete || !i.naturalWidth)"
                               ".map(i => i.getAttribute('src'))")
        wrong += [f"{url}: image not rendered: {src}" for src in broken]
        stylesheets = page.evaluate("document.styleSheets.length")
        if stylesheets != 1:
            wrong.append(f"{url}: {stylesheets} stylesheets applied, expected static/site.css")
    assert wrong == [], "\n".join(wrong)


# -- 2. hreflang alternates and language links load and say what they are --------------------

SELF_NAMES = {"en": "English", "nl": "Nederlands", "de": "Deutsch"}
LINKS = """(sel) => [...document.querySelectorAll(sel)].map(a => ({
    hreflang: a.getAttribute('hreflang'), href: a.href, text: a.textContent.trim(),
    lang: a.closest('[lang]') ? a.closest('[lang]').lang : ''}))"""


def test_alternates_and_language_links_load_and_declare_their_lang(site, page):
    langs: dict[str, str] = {}

    def lang_of(url: str) -> str:
        if url not in langs:
            response = page.goto(url)
            assert response is not None and response.status == 200, url
            langs[url] = html_lang(page)
        return langs[url]

    alternates: dict[str, dict[str, str]] = {}
    switchers: dict[str, list[dict]] = {}
    links: list[tuple[str, dict]] = []
    for path, _ in site.pages():
        url = site.url(path)
        page.goto(url)
        langs[url] = html_lang(page)
        alternates[url] = dict(page.eval_on_selector_all(
            'link[rel="alternate"][hreflang]', "ls => ls.map(l => [l.hreflang, l.href])"))
        switchers[url] = page.evaluate(LINKS, ".language-switcher a, .language-picker a")
        links += [(url, link) for link in page.evaluate(LINKS, "a[hreflang]")]

    assert sum(map(len, switchers.values())) >= 10, "switchers and picker should offer other versions"
    for url, declared in alternates.items():
        for hreflang, href in declared.items():
            assert href.startswith(site.base + "/"), f"{url}: alternate {href} is not on the local server"
            expected = SOURCE if hreflang == "x-default" else hreflang
            assert lang_of(href) == expected, f"{url}: alternate {hreflang} -> {href}"
            if hreflang != "x-default":  # hreflang needs return links
                assert alternates.get(href, {}).get(lang_of(url)) == url, \
                    f"{href} does not link back to {url} as {lang_of(url)}"
        if declared:
            assert declared.get(lang_of(url)) == url, f"{url}: no self-referencing alternate"
            offered = {link["hreflang"]: link["href"] for link in switchers[url]}
            published = {h: u for h, u in declared.items() if h not in ("x-default", lang_of(url))}
            assert offered == published, f"{url}: the switcher should offer the other published versions"
    for url, found in switchers.items():
        for link in found:
            assert link["text"] == SELF_NAMES[link["hreflang"]], f"{url}: {link}"
            assert link["lang"] == link["hreflang"], f"{url}: {link['text']!r} not declared in its own lang"
    for url, link in links:
        assert lang_of(link["href"]) == link["hreflang"], f"{url}: link {link}"


# -- 3. fallback blocks carry lang ------------------------------------------------------------

def test_fallback_blocks_carry_the_source_lang(site, page, tmp_path):
    page.goto(site.url(f"{SOURCE}/{HAY_FEVER}/"))
    english = page.locator(BLOCKS).all_inner_texts()
    page.goto(site.url(f"nl/{HAY_FEVER}/"))
    page.screenshot(path=tmp_path / "nl-hay-fever.png", full_page=True)
    blocks = page.locator(BLOCKS)
    dutch = blocks.all_inner_texts()
    assert len(dutch) == len(english), "the Dutch page should have the English page's blocks"
    untranslated = [i for i, (nl, en) in enumerate(zip(dutch, english)) if nl == en]
    assert untranslated and len(untranslated) < len(dutch), "expected a partly translated article"

    marked = page.locator('.post-body [lang="en"]')
    assert marked.count() == len(untranslated)
    assert sorted(marked.all_inner_texts()) == sorted(english[i] for i in untranslated)
    computed = [blocks.nth(i).evaluate(CLOSEST_LANG) for i in range(blocks.count())]
    assert computed == ["en" if i in untranslated else "nl" for i in range(len(dutch))]

    heading = page.locator(".comments h2")
    expect(heading).to_have_text("Opmerkingen")
    assert heading.evaluate(CLOSEST_LANG) == "nl"
    for widget in (".rating", ".comments"):
        texts = page.locator(f"{widget} :is(h2, p, button)")
        assert {texts.nth(i).evaluate(CLOSEST_LANG) for i in range(texts.count())} == {"nl"}


def test_index_entries_from_another_version_carry_that_versions_text_and_lang(site, page):
    """A locale index lists unpublished articles with a link to their source version: the
    entry's title and description must be that version's own, declared in its language."""
    wrong, checked = [], 0
    for locale in site.project.locales:
        page.goto(site.url(f"{locale}/"))
        for entry in page.locator(".post-list > li").all():
            link = entry.locator("a").first
            hreflang = link.get_attribute("hreflang")
            if not hreflang:
                continue
            checked += 1
            target = link.evaluate("a => a.href")
            description = entry.locator("p:not(.meta)")
            shown = (link.inner_text(), link.evaluate(CLOSEST_LANG),
                     description.inner_text(), description.evaluate(CLOSEST_LANG))
            other = page.context.new_page()
            other.goto(target)
            real = (other.locator("h1").inner_text(), html_lang(other),
                    other.locator('meta[name="description"]').get_attribute("content"), html_lang(other))
            other.close()
            if shown != real:
                wrong.append(f"{locale}/: entry -> {target}: shows {shown}, the page has {real}")
    assert checked >= 3, "nl and de should list untranslated articles linking to English"
    assert wrong == [], "\n".join(wrong)


def test_every_date_is_formatted_for_its_declared_language(site, page):
    wrong, checked = [], 0
    for path, _ in site.pages():
        page.goto(site.url(path))
        for time_el in page.locator("time[datetime]").all():
            checked += 1
            lang = time_el.evaluate(CLOSEST_LANG)
            expected = format_date(dt.date.fromisoformat(time_el.get_attribute("datetime")),
                                   format="long", locale=lang.replace("-", "_"))
            if time_el.inner_text() != expected:
                wrong.append(f"{path or '/'}: {time_el.inner_text()!r} is declared {lang!r}, "
                             f"which would read {expected!r}")
    assert checked >= 10
    assert wrong == [], "\n".join(wrong)


# -- 4. the switcher navigates ----------------------------------------------------------------

def test_language_switcher_navigates(site, page):
    page.goto(site.url(f"{SOURCE}/{APPOINTMENT}/"))
    english_title = page.locator("h1").inner_text()
    switcher = page.locator(".language-switcher")
    expect(switcher.locator("[aria-current]")).to_have_text("English")

    switcher.get_by_role("link", name="Nederlands").click()
    expect(page).to_have_url(site.url(f"nl/{APPOINTMENT}/"))
    assert html_lang(page) == "nl"
    expect(switcher.locator("[aria-current]")).to_have_text("Nederlands")
    assert page.locator("h1").inner_text() != english_title

    switcher.get_by_role("link", name="Deutsch").click()
    expect(page).to_have_url(site.url(f"de/{APPOINTMENT}/"))
    assert html_lang(page) == "de"
    expect(switcher.locator("[aria-current]")).to_have_text("Deutsch")

    switcher.get_by_role("link", name="English").click()
    expect(page).to_have_url(site.url(f"{SOURCE}/{APPOINTMENT}/"))
    expect(page.locator("h1")).to_have_text(english_title)



def test_site_navigation_reaches_the_section_and_the_standalone_page(site, page):
    page.goto(site.url(f"nl/{HAY_FEVER}/"))
    navigation = page.locator(".site-header nav").first
    navigation.get_by_role("link", name="Artikelen").click()
    expect(page).to_have_url(site.url("nl/posts/"))
    assert html_lang(page) == "nl"
    assert page.locator(".post-list > li").count() == 3  # every article of the section, linked or fallen back

    # Dutch has no published Opening hours page: the link leads to the English one, which says so
    page.locator(".site-header nav").first.get_by_role("link", name="Openingstijden").click()
    expect(page).to_have_url(site.url(f"{SOURCE}/opening-hours/"))
    assert html_lang(page) == SOURCE
    expect(page.locator("h1")).to_have_text("Opening hours")

# -- 5. translations are untrusted ------------------------------------------------------------

CONTENT_ATTACK = "<img src=x onerror=alert(1)><script>alert(2)</script>"
UI_ATTACK = "<script>alert(3)</script>"
COUNT_TAGS = "() => Object.fromEntries(['script', 'img', 'iframe', 'object', 'embed', 'svg', '*']" \
             ".map(t => [t, document.getElementsByTagName(t).length]))"


def test_hostile_msgstr_raises_no_dialog_and_adds_no_element(own_site, site, page):
    # The unmodified pages, from the shared site: what the attacked page must still look like.
    page.goto(site.url(f"{SOURCE}/{HAY_FEVER}/"))
    english = page.evaluate(COUNT_TAGS)
    page.goto(site.url(f"nl/{HAY_FEVER}/"))
    dutch_before = page.evaluate(COUNT_TAGS)
    assert english["script"] == 1, "the only script is the live-reload snippet `l10n serve` adds"

    catalogs = own_site.root / "locales/nl/LC_MESSAGES"
    set_msgstr(catalogs / "content.po", "Spring brings longer days", CONTENT_ATTACK)
    set_msgstr(catalogs / "ui.po", "No comments yet", UI_ATTACK)
    result = own_site.rebuild()
    assert f"nl/{HAY_FEVER}/index.html" in result.written

    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    response = page.goto(own_site.url(f"nl/{HAY_FEVER}/"), wait_until="load")
    assert response.status == 200
    page.wait_for_timeout(500)
    assert dialogs == []
    counts = page.evaluate(COUNT_TAGS)
    assert {t: counts[t] for t in ("script", "img")} == {t: english[t] for t in ("script", "img")}
    assert counts == dutch_before, "a msgstr added or removed elements"
    assert page.locator("[onerror], [onload], [onclick]").count() == 0
    body = page.locator("body").inner_text()
    assert CONTENT_ATTACK in body and UI_ATTACK in body
    expect(page.locator(".comments p")).to_have_text(UI_ATTACK)


# -- 6. the status dashboard renders ----------------------------------------------------------

def test_status_dashboard_renders_bars_and_grid(site, page, tmp_path):
    from l10n_tool.cli import main

    report = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["status", "--format", "html", "-o", str(report),
                                       "-C", str(site.root)])
    assert result.exit_code == 0, result.output
    page.goto(report.as_uri())
    rows = page.locator("tr:has(.bar)")
    assert rows.count() >= 4, "one progress row per locale and domain"
    for i in range(rows.count()):
        row = rows.nth(i)
        cells = row.locator("td.num").all_inner_texts()
        translated, fuzzy, missing = (int(c) for c in cells[:3])
        bar = row.locator(".bar").bounding_box()
        assert bar and bar["width"] > 0 and bar["height"] > 0
        part = row.locator(".bar .translated")
        if not translated:
            continue
        box = part.bounding_box()
        assert box and box["width"] > 0 and box["height"] > 0, row.inner_text()
        share = translated / (translated + fuzzy + missing)
        assert abs(box["width"] - share * bar["width"]) <= 1.5, row.inner_text()
    assert page.locator(".bar .translated").count() >= 4
    assert page.locator(".grid td.mixed").count() >= 1
    mixed = page.locator(".grid td.mixed").first
    assert mixed.evaluate("td => getComputedStyle(td).backgroundColor") != "rgba(0, 0, 0, 0)"


# -- 7. live reload ---------------------------------------------------------------------------

def test_served_page_reloads_after_a_rebuild(own_site, page):
    url = own_site.url(f"nl/{HAY_FEVER}/")
    with page.expect_response(lambda r: r.url.endswith(RELOAD_PATH)):
        page.goto(url)
    heading = page.locator(".comments h2")
    expect(heading).to_have_text("Opmerkingen")
    page.evaluate("window.__beforeReload = true")

    set_msgstr(own_site.root / "locales/nl/LC_MESSAGES/ui.po", "Comments", "Reacties")
    assert f"nl/{HAY_FEVER}/index.html" in own_site.rebuild().written
    own_site.generation.bump()

    page.wait_for_function(
        "document.querySelector('.comments h2') && "
        "document.querySelector('.comments h2').textContent === 'Reacties'", timeout=10_000)
    assert page.evaluate("window.__beforeReload") is None, "the text changed without a reload"
    assert page.url == url
