"""Tests of the language audit of built pages (l10n_tool.audit).

All pages in tests/data/audit/ were written for these tests.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from l10n_tool.audit import (
    DEFAULT_CANDIDATES,
    THRESHOLD,
    AuditReport,
    Finding,
    LanguageIdentifier,
    PageAudit,
    audit_html,
    audit_paths,
    candidate_locales,
    format_audit_text,
    normalize_locale,
)
from l10n_tool.errors import L10nError

DATA = Path(__file__).parent / "data" / "audit"

# None: candidates from the page (plus the defaults); the others: what the CLI passes
CANDIDATE_SETS = [None, ["en", "nl"], ["en", "nl", "de"], ["en", "nl", "de", "fr"]]


def audit_one(name: str, languages=None, manifest=None) -> PageAudit:
    report = audit_paths([DATA / name], languages=languages, manifest=manifest)
    assert len(report.pages) == 1
    return report.pages[0]


# --- (1) English article with Dutch widgets: caught, located in the widgets --------------------


@pytest.mark.parametrize("languages", CANDIDATE_SETS)
def test_dutch_widgets_on_english_page_are_caught(languages):
    page = audit_one("clinic_en_dutch_widgets.html", languages)
    assert page.declared == "en"
    wheres = [f.where for f in page.findings]
    assert wheres == ["html>body>main>section.rating", "html>body>main>section.comments"]
    for finding in page.findings:
        assert (finding.declared, finding.detected) == ("en", "nl")
        assert finding.confidence >= THRESHOLD
    rating, comments = page.findings
    assert "Nog geen beoordelingen" in rating.text
    assert "Voeg een beoordeling toe" in rating.text
    assert "Opmerkingen" in comments.text
    assert "Schrijf een opmerking" in comments.text  # a placeholder is visible text


# --- (2) the same page all in English: passes -------------------------------------------------


@pytest.mark.parametrize("languages", CANDIDATE_SETS)
def test_all_english_page_passes(languages):
    page = audit_one("clinic_en.html", languages)
    assert page.findings == ()
    assert page.groups > 10  # it was judged, not skipped


def test_short_ui_words_alone_raise_no_alarm():
    # "Comments" on its own reads as French to py3langid once French is a candidate
    html = """<html lang="en"><body><main><section class="comments"><h2>Comments</h2>
    <p>No comments yet</p></section><nav><a href="/">Home</a> <a href="/s">Search</a></nav>
    </main></body></html>"""
    for languages in CANDIDATE_SETS:
        assert audit_html(html, languages=languages).findings == ()


def test_hidden_and_non_text_content_is_skipped():
    html = """<html lang="en"><head><title>Over ons en onze praktijk</title></head><body>
    <script>var t = "Nog geen opmerkingen op dit artikel";</script>
    <style>p::after { content: "Schrijf een opmerking over dit artikel" }</style>
    <noscript><p>Schakel JavaScript in om een opmerking te schrijven.</p></noscript>
    <template><p>Antwoord op deze opmerking van een andere lezer</p></template>
    <div hidden><p>Wij gebruiken cookies om deze website beter te maken.</p></div>
    <p aria-hidden="true">Hardlopen is gezond voor hart en longen.</p>
    <p style="display: none">Deze tekst is niet zichtbaar voor de lezer.</p>
    <svg><text>Nog geen beoordelingen voor dit artikel</text></svg>
    <input type="hidden" value="Voeg een beoordeling toe aan dit artikel">
    </body></html>"""
    page = audit_html(html, languages=["en", "nl"])
    assert page.findings == ()
    assert page.groups == 0


# --- (3) a Dutch page with an English block: marked passes, unmarked caught -------------------


@pytest.mark.parametrize("languages", CANDIDATE_SETS)
def test_english_block_marked_with_lang_passes(languages):
    page = audit_one("praktijk_nl_marked.html", languages)
    assert page.declared == "nl-BE"
    assert page.findings == ()


@pytest.mark.parametrize("languages", CANDIDATE_SETS)
def test_english_block_without_lang_is_caught(languages):
    page = audit_one("praktijk_nl_unmarked.html", languages)
    assert len(page.findings) == 1
    finding = page.findings[0]
    assert finding.where == "html>body>main>article>blockquote.quote>p"
    assert (finding.declared, finding.detected) == ("nl", "en")  # "nl-BE" compared as "nl"
    assert finding.text.startswith("The best posture is the next posture")


def test_lang_change_inside_a_paragraph_splits_it():
    html = """<html lang="nl"><body><p>Onze fysiotherapeut gebruikt vaak de Engelse uitdrukking
    <span lang="en">motion is lotion for stiff and painful joints</span> als zij uitlegt waarom
    bewegen beter is dan rusten.</p></body></html>"""
    assert audit_html(html, languages=["en", "nl"]).findings == ()
    # a known limit: unmarked, the phrase is part of the Dutch paragraph (a span is inline) and
    # the paragraph as a whole reads as Dutch, so a foreign phrase inside a sentence is missed
    unmarked = html.replace(' lang="en"', "")
    assert audit_html(unmarked, languages=["en", "nl"]).findings == ()


# --- (4) German pages ----------------------------------------------------------------------


@pytest.mark.parametrize("languages", CANDIDATE_SETS)
def test_german_page_passes(languages):
    page = audit_one("praxis_de.html", languages)
    assert page.declared == "de"
    assert page.findings == ()


@pytest.mark.parametrize("languages", CANDIDATE_SETS)
def test_english_section_on_german_page_is_caught(languages):
    page = audit_one("praxis_de_english_newsletter.html", languages)
    assert [(f.where, f.declared, f.detected) for f in page.findings] == [
        ("html>body>main>section.newsletter", "de", "en")
    ]


@pytest.mark.parametrize("languages", CANDIDATE_SETS)
def test_widgets_without_landmarks_are_found_by_structure(languages):
    # no header/main/section: the widgets are told apart by the elements that hold them
    page = audit_one("clinic_en_div_widgets.html", languages)
    assert [(f.where, f.detected) for f in page.findings] == [
        ("html>body>div#page>div.comments", "nl"),
        ("html>body>div#page>div.rating", "nl"),
    ]
    assert page.findings[1].text == "Beoordeling Nog geen beoordelingen Voeg een beoordeling toe"


def test_element_paths_are_css_selectors():
    html = """<html lang="en"><body><main><div id="2col" class="a:b widget">
    <p>Dit is een volledig Nederlandse zin over onze praktijk in de stad.</p></div></main>
    </body></html>"""
    page = audit_html(html, languages=["en", "nl"])
    # "2col" and "a:b" are not plain identifiers, so the path uses the next usable name
    assert [f.where for f in page.findings] == ["html>body>main>div.widget>p"]


# --- manifest: exact verdicts for pages built by l10n_tool -----------------------------------


def test_threshold_can_be_raised():
    assert len(audit_one("clinic_en_dutch_widgets.html", ["en", "nl"]).findings) == 2
    strict = audit_paths([DATA / "clinic_en_dutch_widgets.html"], languages=["en", "nl"],
                         threshold=1.01)
    assert strict.findings == ()


def test_manifest_gives_exact_verdicts():
    manifest = {
        str(DATA / "clinic_en_dutch_widgets.html"): [
            {"where": "html>body>main>section.comments", "locale": "nl"},
            # the build says the rating widget came from the English catalog: trusted
            {"where": "html>body>main>section.rating", "locale": "en"},
        ]
    }
    page = audit_one("clinic_en_dutch_widgets.html", ["en", "nl"], manifest)
    assert len(page.findings) == 1
    finding = page.findings[0]
    assert finding.where == "html>body>main>section.comments"
    assert (finding.declared, finding.detected, finding.confidence) == ("en", "nl", 1.0)
    assert "Opmerkingen" in finding.text and "Schrijf een opmerking" in finding.text


def test_manifest_catches_what_guessing_cannot():
    # one short word is too little to judge, but the build knows where it came from
    html = """<html lang="en"><body><main><section class="comments"><h2>Opmerkingen</h2>
    </section></main></body></html>"""
    assert audit_html(html, languages=["en", "nl"]).findings == ()
    page = audit_html(
        html,
        languages=["en", "nl"],
        manifest_entries=[{"where": "html>body>main>section.comments>h2", "locale": "nl_BE"}],
    )
    assert [(f.where, f.declared, f.detected, f.confidence) for f in page.findings] == [
        ("html>body>main>section.comments>h2", "en", "nl", 1.0)
    ]


def test_manifest_accepts_css_selectors_and_inline_elements():
    html = """<html lang="en"><body><main><p>Thanks for reading. Tell us what you think in the
    <span class="widget-label">opmerkingen</span> below, we answer every message.</p>
    <section id="reviews"><h2>Reviews</h2><p>No reviews yet</p></section></main></body></html>"""
    page = audit_html(
        html,
        languages=["en", "nl"],
        manifest_entries=[
            {"where": "span.widget-label", "locale": "nl"},
            {"where": "#reviews", "locale": "en"},
        ],
    )
    assert [(f.where, f.text, f.detected) for f in page.findings] == [
        ("html>body>main>p>span.widget-label", "opmerkingen", "nl")
    ]


def test_manifest_with_a_broken_path_is_an_input_error():
    with pytest.raises(L10nError, match="manifest"):
        audit_html(
            "<html lang=en><p>Hello</p></html>", manifest_entries=[{"where": "p>>", "locale": "en"}]
        )


def test_findings_are_in_document_order():
    manifest = {
        str(DATA / "clinic_en_dutch_widgets.html"): [
            {"where": "html>body>main>section.comments", "locale": "nl"}
        ]
    }
    page = audit_one("clinic_en_dutch_widgets.html", ["en", "nl"], manifest)
    assert [(f.where, f.confidence == 1.0) for f in page.findings] == [
        ("html>body>main>section.rating", False),  # guessed
        ("html>body>main>section.comments", True),  # from the manifest
    ]


def test_manifest_keys_may_be_relative_to_the_audited_directory(tmp_path):
    site = tmp_path / "site" / "en" / "clinic"
    site.mkdir(parents=True)
    (site / "index.html").write_bytes((DATA / "clinic_en_dutch_widgets.html").read_bytes())
    manifest = {
        "en/clinic/index.html": [
            {"where": "html>body>main>section.rating", "locale": "en"},
            {"where": "html>body>main>section.comments", "locale": "en"},
        ]
    }
    report = audit_paths([tmp_path / "site"], languages=["en", "nl"], manifest=manifest)
    assert report.findings == ()
    assert len(audit_paths([tmp_path / "site"], languages=["en", "nl"]).findings) == 2


# --- (5) report shapes -----------------------------------------------------------------------


def test_json_shape():
    report = audit_paths([DATA], languages=["en", "nl", "de"])
    data = json.loads(json.dumps(report.to_dict()))
    assert set(data) == {"pages"}
    assert [Path(p["path"]).name for p in data["pages"]] == sorted(
        p.name for p in DATA.glob("*.html")
    )
    for page in data["pages"]:
        assert set(page) == {"path", "declared", "candidates", "findings"}
        assert page["candidates"] == ["de", "en", "nl"]
        assert isinstance(page["path"], str) and isinstance(page["declared"], str)
        for finding in page["findings"]:
            assert set(finding) == {"text", "declared", "detected", "confidence", "where"}
            assert isinstance(finding["confidence"], float)
            assert 0.0 <= finding["confidence"] <= 1.0
            for key in ("text", "declared", "detected", "where"):
                assert isinstance(finding[key], str)
    by_name = {Path(p["path"]).name: p for p in data["pages"]}
    assert by_name["clinic_en.html"]["findings"] == []
    assert by_name["clinic_en_dutch_widgets.html"]["findings"][1]["where"] == (
        "html>body>main>section.comments"
    )


def test_results_are_frozen_and_deterministic():
    first = audit_paths([DATA], languages=["en", "nl", "de"])
    second = audit_paths([DATA], languages=["en", "nl", "de"])
    assert first == second
    assert first.to_dict() == second.to_dict()
    assert isinstance(first, AuditReport) and isinstance(first.findings[0], Finding)
    with pytest.raises(AttributeError):
        first.findings[0].text = "x"  # type: ignore[misc]


def test_text_report_reads_at_a_glance():
    report = audit_paths(
        [DATA / "clinic_en.html", DATA / "clinic_en_dutch_widgets.html"], languages=["en", "nl"]
    )
    text = format_audit_text(report)
    lines = text.splitlines()
    assert lines[0] == f"{DATA / 'clinic_en.html'} (lang=en; judged among en, nl): ok"
    assert lines[1] == f"{DATA / 'clinic_en_dutch_widgets.html'} (lang=en; judged among en, nl): 2 mismatches"
    assert lines[2].startswith("  html>body>main>section.rating: en -> nl (confidence ")
    assert lines[3].strip().startswith("\u201cBeoordeling Nog geen beoordelingen")
    assert lines[-1] == "2 pages audited: 2 mismatches on 1 page"
    clean = format_audit_text(audit_paths([DATA / "clinic_en.html"], languages=["en", "nl"]))
    assert clean.splitlines()[-1] == "1 page audited: no mismatches"


# --- inputs ----------------------------------------------------------------------------------


def test_directories_are_searched_recursively_and_sorted(tmp_path):
    for rel in ["b/index.html", "a/z.html", "a/sub/index.html", "notes.txt"]:
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text('<html lang="en"><body><p>Hello there, reader.</p></body></html>')
    report = audit_paths([tmp_path, tmp_path / "a" / "z.html"])  # the repeat is audited once
    rels = [Path(p.path).relative_to(tmp_path).as_posix() for p in report.pages]
    assert rels == ["a/sub/index.html", "a/z.html", "b/index.html"]


def test_missing_path_and_unknown_language_are_input_errors(tmp_path):
    with pytest.raises(L10nError, match="no such file"):
        audit_paths([tmp_path / "nope.html"])
    with pytest.raises(L10nError, match="no HTML pages"):
        audit_paths([tmp_path])
    with pytest.raises(L10nError, match="xx, yy"):
        audit_paths([DATA / "clinic_en.html"], languages=["xx", "yy"])
    # one code the model does not know (a valid locale, but not detectable) is left out
    page = audit_one("clinic_en_dutch_widgets.html", ["en", "nl", "xx"])
    assert page.candidates == ("en", "nl") and len(page.findings) == 2


def test_candidates():
    assert normalize_locale("nl-BE") == "nl"
    assert normalize_locale("pt_BR") == "pt"
    assert normalize_locale("") == ""
    assert candidate_locales(["en", "nl-BE"], ["de"]) == ("de", "en", "nl")
    # one candidate could never disagree with itself: the defaults are added
    assert candidate_locales(None, ["en"]) == tuple(sorted(DEFAULT_CANDIDATES))
    assert candidate_locales(None, ["en", "nl"]) == ("en", "nl")
    # codes the model does not know are left out rather than failing the audit of a page
    assert candidate_locales(None, ["en", "tlh", "nl"]) == ("en", "nl")


# --- the identifier -----------------------------------------------------------------------


def test_identifiers_keep_their_candidates_to_themselves():
    # each identifier restricts its own model: one set for one never leaks into the other
    german = "Schreiben Sie einen Kommentar zu diesem Artikel und teilen Sie Ihre Meinung."
    mine, theirs = LanguageIdentifier(), LanguageIdentifier()
    assert mine.classify(german, ("en", "nl"))[0] in ("en", "nl")
    assert theirs.classify(german, ("en", "nl"))[0] in ("en", "nl")
    assert theirs.classify(german, ("de", "fr"))[0] == "de"
    assert mine.classify(german, ("en", "nl"))[0] in ("en", "nl")
    assert "nl" in mine.supported and "xx" not in mine.supported


class _SaysDutch:
    """An identifier that reads everything as Dutch."""

    supported = frozenset({"en", "nl", "de"})

    def __init__(self):
        self.asked = []

    def classify(self, text, candidates):
        self.asked.append(candidates)
        return "nl", 1.0


def test_audits_use_the_identifier_they_are_given():
    identifier = _SaysDutch()
    page = audit_html(
        "<html lang=en><main><p>An English sentence about our practice in town.</p></main></html>",
        languages=["en", "nl", "fr"],
        identifier=identifier,
    )
    assert [(f.declared, f.detected) for f in page.findings] == [("en", "nl")]
    assert identifier.asked == [("en", "nl")]  # "fr" is not among the codes it knows
    report = audit_paths([DATA / "clinic_en.html"], languages=["en"], identifier=identifier)
    assert report.findings and {f.detected for f in report.findings} == {"nl"}
    assert candidate_locales(["de", "fr", "nl"], [], identifier) == ("de", "nl")


def test_page_without_lang_in_one_language_passes():
    page = audit_html("<html><body><p>Dit is een Nederlandse zin zonder taal.</p></body></html>")
    assert page.declared == ""
    assert page.findings == ()


@pytest.mark.parametrize("languages", CANDIDATE_SETS)
def test_page_without_lang_holding_two_languages_fails(languages):
    html = """<html><body><main>
    <p>Our practice is open every weekday, and you can always call us for an appointment.</p>
    <p>Bring your insurance card and a list of the medicines you take to every visit.</p>
    <p>Wij zijn elke werkdag geopend en u kunt altijd bellen voor een afspraak met de huisarts.</p>
    </main></body></html>"""
    page = audit_html(html, languages=languages)
    assert [(f.declared, f.detected) for f in page.findings] == [("", "nl")]
    assert page.findings[0].text.startswith("Wij zijn elke werkdag")
    assert ": no lang -> nl (confidence" in format_audit_text(AuditReport((page,)))


@pytest.mark.parametrize("languages", CANDIDATE_SETS)
def test_a_short_block_next_to_a_foreign_run_belongs_to_it(languages):
    # no landmarks: "Opmerkingen" alone in a <p> is too short to judge by itself
    html = """<html lang="en"><body><div>
    <p>Spring brings longer days and flowers in bloom, and for many people it brings sneezing.</p>
    <p>Hay fever is an allergic reaction to pollen from trees, grasses and weeds in the air.</p>
    <p>Opmerkingen</p>
    <p>Er zijn nog geen opmerkingen geplaatst bij dit artikel over hooikoorts.</p>
    <p>Schrijf als eerste een opmerking en deel uw ervaring met andere lezers.</p>
    <p>Opmerkingen worden gelezen voordat ze op de website verschijnen.</p>
    </div></body></html>"""
    page = audit_html(html, languages=languages)
    assert len(page.findings) == 1, page.findings
    assert page.findings[0].text.startswith("Opmerkingen Er zijn nog geen opmerkingen")
    assert page.findings[0].detected == "nl"


def test_the_verdict_does_not_depend_on_the_current_folder(tmp_path, monkeypatch):
    """The candidates come from --languages, -C, or the project that built the pages: the same
    from any folder (a project in the current folder changed them)."""
    from click.testing import CliRunner

    from l10n_tool.cli import main

    page = tmp_path / "elsewhere" / "page.html"
    page.parent.mkdir()
    page.write_text((DATA / "clinic_en_dutch_widgets.html").read_text(encoding="utf-8"), encoding="utf-8")
    other = tmp_path / "project"
    other.mkdir()
    (other / "l10n.yaml").write_text("source_locale: fr\nlocales: [es]\n", encoding="utf-8")
    outputs = []
    for folder in (tmp_path, other, page.parent):
        monkeypatch.chdir(folder)
        outputs.append(CliRunner().invoke(main, ["audit", str(page), "--format", "json"]).output)
    assert outputs[0] == outputs[1] == outputs[2]
    assert json.loads(outputs[0])["pages"][0]["candidates"] == list(candidate_locales(None, ["en"]))


def test_time_per_page():
    audit_paths([DATA / "clinic_en.html"])  # loads the model once
    pages = sorted(DATA.glob("*.html"))
    start = time.perf_counter()
    for _ in range(10):
        audit_paths(pages, languages=["en", "nl", "de"])
    per_page = (time.perf_counter() - start) / (10 * len(pages))
    print(f"audit: {per_page * 1000:.2f} ms per page")
    assert per_page < 0.1
