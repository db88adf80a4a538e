"""The contexts test site (tests/data/contexts: a UI string in every place a page holds text,
mostly untranslated in nl) in Debian's Chromium through Playwright: what a reader's browser
makes of each place. Pages are opened from file: URLs; nothing else may be contacted.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium")
IN_CI = os.environ.get("CI") == "true"
MISSING_BROWSER = ("Chromium is not on PATH: install Debian's `chromium` package "
                   "(Playwright cannot download its own browser here)")
if CHROMIUM is None and not IN_CI:
    pytest.skip(f"browser tests skipped: {MISSING_BROWSER}", allow_module_level=True)

from playwright.sync_api import Page

from l10n_tool import po
from l10n_tool.build import build_site
from l10n_tool.config import Project

DATA = Path(__file__).parent / "data" / "contexts"
POST = "posts/ferry/index.html"
TERMS = '&#169; Riverside <a href="https://example.org/terms">Terms of use</a>'
LOCAL = ("file:", "data:", "about:")


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
def only_local(page: Page):
    """Abort (and fail on) any request that is not for a local file."""
    outside: list[str] = []

    def guard(route):
        outside.append(route.request.url)
        route.abort()

    page.context.route(lambda url: not url.startswith(LOCAL), guard)
    page.set_default_timeout(10_000)
    yield
    assert outside == [], f"the page tried to contact other addresses: {outside}"


def built_copy(target: Path, terms: str | None = None) -> Path:
    """The contexts site copied to *target* and built; *terms*: the nl translation of TERMS."""
    shutil.copytree(DATA, target, dirs_exist_ok=True)
    if terms is not None:
        path = target / "locales/nl/LC_MESSAGES/ui.po"
        catalog = po.read_po(path)
        catalog.get(TERMS).msgstr = terms
        po.write_po(catalog, path)
    build_site(Project.load(target))
    return target / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return built_copy(tmp_path_factory.mktemp("contexts"))


def open_page(page: Page, path: Path) -> list[str]:
    """Load *path*; the script errors it raised."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri(), wait_until="load")
    return errors


def test_every_place_reads_as_text_in_the_browser(site, page):
    assert open_page(page, site / "nl" / POST) == []
    assert page.title() == "Riverside guides"
    assert page.evaluate("document.querySelector('title').lang") == "en"
    assert page.evaluate("[document.querySelector('meta[name=description]').content,"
                         " document.querySelector('meta[name=description]').lang]") == [
        'Guides for "new" readers & their friends', "en"]
    search = page.locator("input[type=search]")
    assert (search.get_attribute("placeholder"), search.get_attribute("aria-label")) == ("Search guides", "Search guides")
    assert search.evaluate("el => el.closest('[lang]').lang") == "en"
    assert page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)") == {
        "@type": "WebSite", "name": "Riverside guides", "description": 'Guides for "new" readers & their friends'}
    assert page.locator("textarea").input_value() == "Write here"
    assert page.locator("textarea").evaluate("el => [el.placeholder, el.lang]") == ["Your note", "en"]
    assert page.locator("img").evaluate("el => [el.alt, el.title, el.lang]") == ["A map of the town", "Town map", "en"]
    assert page.locator("nav").get_attribute("aria-label") == "Main menu"
    assert page.locator(".welcome").evaluate(
        "el => [el.innerText, el.firstElementChild.lang, el.querySelector('span span').lang]") == [
        "Welcome, lezer!", "en", "nl"]
    # nothing of a tag shows as text, and every element is one the template wrote (or a span)
    body = page.locator("body").inner_text()
    assert not any(junk in body for junk in ("<", ">", '"', "lang="))
    assert page.evaluate("[...new Set([...document.querySelectorAll('body *')].map(el => el.localName))].sort()") == [
        "a", "button", "footer", "form", "h1", "header", "img", "input", "main", "nav", "p", "span", "textarea"]
    assert page.locator("footer a").evaluate("el => [el.innerText, el.href]") == [
        "Gebruiksvoorwaarden", "https://example.org/terms"]
    assert page.locator("footer p").inner_text() == "© Riverside Gebruiksvoorwaarden"


def test_a_translators_script_never_runs(tmp_path, page):
    site = built_copy(tmp_path, terms='&#169; Riverside <a href="https://example.org/terms">Voorwaarden</a>'
                                      '<script>window.taken = true</script><img src=x onerror="window.taken = true">')
    assert open_page(page, site / "nl" / POST) == []
    assert page.evaluate("window.taken === undefined")
    assert page.locator("footer p").inner_text() == "© Riverside Terms of use"
    assert page.locator("footer span").get_attribute("lang") == "en"
    assert page.locator("script").count() == 1  # the template's JSON-LD
