"""Telling the site builder: a page the last build published that drops below its threshold
is a warning naming the messages that lack a translation (``file:line``, the likeliest
causes first, then "and N more"); ``l10n build --strict`` makes warnings a failure; the status
summary counts what readers see apart from what is held back."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from l10n_tool import po
from l10n_tool.build import build_site
from l10n_tool.cli import main
from l10n_tool.config import Project

ARTICLE = "content/posts/hay-fever-season.md"
PAGE = "posts/hay-fever-season"
EDITS = [("Spring brings longer days and flowers in bloom.",
          "Spring brings longer days and many flowers in bloom."),
         ("Tree pollen usually comes first", "Tree pollen mostly comes first")]


def l10n(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def edit_english(example: Path) -> None:
    """Two English sentences of the Dutch-published hay fever post change; extract + update."""
    article = example / ARTICLE
    text = article.read_text(encoding="utf-8")
    for before, after in EDITS:
        text = text.replace(before, after)
    article.write_text(text, encoding="utf-8")
    assert l10n("extract", "-C", str(example)).exit_code == 0
    assert l10n("update", "-C", str(example)).exit_code == 0


def break_placeholders(example: Path) -> None:
    """The Dutch translation of one message loses its <0>…</0> (translated but unusable)."""
    path = example / "locales/nl/LC_MESSAGES/content.po"
    catalog = po.read_po(path)
    message = next(m for m in catalog.active() if "wheezing" in m.msgid)
    message.msgstr = message.msgstr.replace("<0>", "").replace("</0>", "")
    po.write_po(catalog, path)


def test_a_withdrawn_page_is_a_warning_naming_its_messages(example):
    assert l10n("build", "-C", str(example), "--strict").exit_code == 0  # the example is clean
    edit_english(example)
    break_placeholders(example)
    result = l10n("build", "-C", str(example))
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    start = lines.index(next(line for line in lines if "withdrawn" in line))
    assert lines[start].startswith(f"warning: site/nl/{PAGE}/: withdrawn: ")
    assert "% of its words translated, below the 80% it needs" in lines[start]
    assert lines[start + 1].startswith(f"  {ARTICLE}:12: fuzzy: Spring brings longer days and many flowers")
    assert lines[start + 2].startswith(f"  {ARTICLE}:16: fuzzy: Different plants release pollen")
    assert lines[start + 3].startswith(f"  {ARTICLE}:39: unusable: Please make an appointment")
    assert lines[start + 3].endswith("...") and len(lines[start + 3]) < 120
    assert lines[start + 4] == "  and 2 more without a usable translation"
    assert "withdrawn" not in "".join(lines[start + 5:])  # one page, one warning
    assert not (example / "site/nl" / PAGE / "index.html").exists()
    assert "nl: 1 page(s) published" in result.stdout


def test_the_library_result_lists_each_withdrawal(example):
    build_site(Project.load(example))
    edit_english(example)
    result = build_site(Project.load(example))
    [withdrawal] = result.withdrawn
    assert (withdrawal.page, withdrawal.locale, withdrawal.folder) == (PAGE, "nl", f"nl/{PAGE}/")
    assert withdrawal.required == 80 and withdrawal.percent < 80
    assert [(where, state) for where, state, _ in withdrawal.missing[:2]] == [
        (f"{ARTICLE}:12", "fuzzy"), (f"{ARTICLE}:16", "fuzzy")]
    assert {state for _, state, _ in withdrawal.missing[2:]} == {"untranslated"}
    # pages that were never published (German) are held back, not withdrawn; the next build
    # has nothing more to withdraw
    assert build_site(Project.load(example)).withdrawn == []


def test_strict_makes_a_withdrawal_fail_the_build(example):
    l10n("build", "-C", str(example))
    edit_english(example)
    result = l10n("build", "-C", str(example), "--strict")
    assert result.exit_code == 1
    assert f"warning: site/nl/{PAGE}/: withdrawn" in result.stderr
    assert "l10n: 1 warning(s), which --strict makes a failure" in result.stderr


def test_a_page_mode_locale_needs_every_word(example):
    config = example / "l10n.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "per_locale: {nl: {fallback: page}}\n", encoding="utf-8")
    build_site(Project.load(example))  # publishes the complete appointment post only
    appointment = example / "content/posts/making-the-most-of-your-appointment.md"
    text = appointment.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines()[12:] if len(line) > 40)
    appointment.write_text(text.replace(first, first + " Thank you."), encoding="utf-8")
    assert l10n("extract", "-C", str(example)).exit_code == 0
    assert l10n("update", "-C", str(example)).exit_code == 0
    [withdrawal] = build_site(Project.load(example)).withdrawn
    assert withdrawal.locale == "nl" and withdrawal.required == 100
    assert [state for _, state, _ in withdrawal.missing] == ["fuzzy"]


def test_status_counts_what_readers_see_apart_from_what_is_held_back(example):
    table = l10n("status", "-C", str(example), "--pages")
    assert "Readers see 3 translated page version(s), 1 of them in two languages; 5 held back below " \
           "their threshold." in " ".join(table.stdout.split())
    data = json.loads(l10n("status", "-C", str(example), "--format", "json").stdout)
    assert data["summary"] == {"published": 3, "published_mixed": 1, "held_back": 5}
    pages = data["pages"]
    assert data["summary"]["published"] == sum(p["published"] for p in pages)
    assert data["summary"]["held_back"] == sum(not p["published"] for p in pages)
