"""A fuzzy entry whose `#|` previous strings are its own again (an English edit was reverted)
is translated again by `l10n update`; a fuzzy flag a translator set by hand stays. GNU
msgmerge keeps both fuzzy: that difference is deliberate and checked here."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n_tool import po
from l10n_tool.cli import main

HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n\n'

OLD_PO = HEAD + """\
#, fuzzy
#| msgid "The surgery opens at eight."
msgid "The surgery opens at eight."
msgstr "Le cabinet ouvre à huit heures."

#, fuzzy
msgid "Bring your insurance card."
msgstr "Apportez votre carte d'assurance."

#, fuzzy
#| msgctxt "button"
#| msgid "Book a visit"
msgctxt "button"
msgid "Book a visit"
msgstr "Prendre rendez-vous"

#, fuzzy
#| msgid "Book a visit"
msgctxt "link"
msgid "Book a visit"
msgstr "Réserver"

#, fuzzy
#| msgid "The waiting room is on the left."
msgid "The waiting room is on the right."
msgstr "La salle d'attente est à gauche."

#, fuzzy
#| msgid "one patient"
#| msgid_plural "many patients"
msgid "one patient"
msgid_plural "%d patients"
msgstr[0] "un patient"
msgstr[1] "%d patients"
"""

TEMPLATE = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "The surgery opens at eight."
msgstr ""

msgid "Bring your insurance card."
msgstr ""

msgctxt "button"
msgid "Book a visit"
msgstr ""

msgctxt "link"
msgid "Book a visit"
msgstr ""

msgid "The waiting room is on the right."
msgstr ""

msgid "one patient"
msgid_plural "%d patients"
msgstr[0] ""
msgstr[1] ""
"""

# (msgctxt, msgid) -> fuzzy after `l10n update`
OURS = {
    (None, "The surgery opens at eight."): False,   # #| equals the msgid: restored
    (None, "Bring your insurance card."): True,     # fuzzy by hand, no #| lines
    ("button", "Book a visit"): False,              # #| msgctxt and msgid equal
    ("link", "Book a visit"): True,                 # was translated without the context
    (None, "The waiting room is on the right."): True,  # another text
    (None, "one patient"): True,                    # another plural
}


def _merged() -> po.Catalog:
    return po.merge(po.parse_po(OLD_PO.encode()), po.parse_po(TEMPLATE.encode()))


def test_a_merge_fuzzy_whose_previous_text_is_back_is_translated_again():
    merged = _merged()
    assert {m.key: m.fuzzy for m in merged.active()} == OURS
    restored = merged.get("The surgery opens at eight.")
    assert restored.msgstr == "Le cabinet ouvre à huit heures."
    assert (restored.previous_msgctxt, restored.previous_msgid, restored.previous_msgid_plural) == (None,) * 3
    text = po.format_po(merged).decode()
    assert '#| msgid "The surgery opens at eight."' not in text
    assert '#| msgctxt "button"' not in text
    assert '#| msgid "The waiting room is on the left."' in text
    assert '#, fuzzy\nmsgid "Bring your insurance card."' in text


def test_the_restored_entries_compile_into_the_mo():
    import gettext
    import io

    translations = gettext.GNUTranslations(io.BytesIO(po.compile_mo(_merged())))
    assert translations.gettext("The surgery opens at eight.") == "Le cabinet ouvre à huit heures."
    assert translations.pgettext("button", "Book a visit") == "Prendre rendez-vous"
    assert translations.gettext("Bring your insurance card.") == "Bring your insurance card."


@pytest.mark.skipif(shutil.which("msgmerge") is None, reason="msgmerge not installed")
def test_msgmerge_keeps_every_one_of_them_fuzzy(tmp_path):
    """Where we deliberately differ from GNU msgmerge --previous (0.21)."""
    (tmp_path / "old.po").write_text(OLD_PO, encoding="utf-8")
    (tmp_path / "t.pot").write_text(TEMPLATE, encoding="utf-8")
    subprocess.run(["msgmerge", "--previous", "-q", "-o", str(tmp_path / "gnu.po"),
                    str(tmp_path / "old.po"), str(tmp_path / "t.pot")], check=True)
    gnu = po.read_po(tmp_path / "gnu.po")
    assert all(m.fuzzy for m in gnu.active())
    assert gnu.get("The surgery opens at eight.").previous_msgid == "The surgery opens at eight."
    ours = {m.key: m.fuzzy for m in _merged().active()}
    assert {key for key, fuzzy in ours.items() if not fuzzy} == {
        (None, "The surgery opens at eight."), ("button", "Book a visit")}


def _l10n(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


ARTICLE = "content/posts/hay-fever-season.md"
EDITS = [("Spring brings longer days and flowers in bloom.",
          "Spring brings longer days and many flowers in bloom."),
         ("Tree pollen usually comes first", "Tree pollen mostly comes first")]
PAGE = "site/nl/posts/hay-fever-season/index.html"


def _round(example: Path) -> str:
    _l10n("extract", "-C", str(example))
    _l10n("update", "-C", str(example))
    return _l10n("build", "-C", str(example))


def test_reverting_an_english_edit_publishes_the_page_again(example):
    article = example / ARTICLE
    original = article.read_text(encoding="utf-8")
    _l10n("build", "-C", str(example))
    assert (example / PAGE).is_file()
    edited = original
    for before, after in EDITS:
        assert before in edited
        edited = edited.replace(before, after)
    article.write_text(edited, encoding="utf-8")
    _round(example)
    assert not (example / PAGE).exists()  # withdrawn: the two paragraphs are fuzzy
    catalog = po.read_po(example / "locales/nl/LC_MESSAGES/content.po")
    assert sum(m.fuzzy and m.previous_msgid is not None for m in catalog.active()) >= 2

    article.write_text(original, encoding="utf-8")
    output = _round(example)
    assert (example / PAGE).is_file()
    assert "nl: 2 page(s) published" in output
    catalog = po.read_po(example / "locales/nl/LC_MESSAGES/content.po")
    for before, _ in EDITS:
        entry = next(m for m in catalog.active() if before in m.msgid)
        assert entry.translated and entry.previous_msgid is None
