"""GNU-style wrapping: the printable-ASCII shortcut agrees with the general algorithm,
escapes and format directives are never split, and the first line follows msgcat."""

from __future__ import annotations

import random

from l10n_tool.po.linebreak import break_opportunities
from l10n_tool.po.wrap import _ascii_line_breaks, _ascii_stand_ins, _line_breaks, escape, format_string


def _general(esc, forbid, width, startcol):
    """u8_width_linebreaks over the full break-opportunity table, one column a char."""
    possible = break_opportunities(esc)
    breaks, last_p, column, piece = [], -1, startcol, 0
    for i in range(len(esc)):
        if possible[i] and not forbid[i]:
            if last_p >= 0 and column + piece > width:
                breaks.append(last_p)
                column = 0
            last_p, column, piece = i, column + piece, 0
        piece += 1
    if last_p >= 0 and column + piece > width:
        breaks.append(last_p)
    return breaks


def test_ascii_shortcut_matches_general_algorithm():
    rng = random.Random(8)
    alphabet = [chr(c) for c in range(0x20, 0x7F)] + [" "] * 15 + list("aaaaeeee") * 3
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 200)))
        forbid = [rng.random() < 0.1 for _ in text]
        width, start = rng.randint(3, 77), rng.randint(0, 12)
        assert _ascii_line_breaks(text, forbid, width, start) == _general(text, forbid, width, start)


def test_latin_text_takes_the_ascii_shortcut_with_the_same_breaks():
    rng = random.Random(9)
    alphabet = [chr(c) for c in range(0x20, 0x7F)] + [" "] * 15 + list("éëüßñçØ“”‘’«»…–—¡¿·")
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 200)))
        forbid = [rng.random() < 0.1 for _ in text]
        width, start = rng.randint(3, 77), rng.randint(0, 12)
        assert _line_breaks(text, forbid, width, start) == _general(text, forbid, width, start), text
    assert _ascii_stand_ins("café “so”") is not None
    assert _ascii_stand_ins("a — b") is None and _ascii_stand_ins("漢字") is None


def test_short_value_stays_on_keyword_line():
    assert format_string("msgid", "Search") == ['msgid "Search"']
    assert format_string("msgstr", "") == ['msgstr ""']


def test_long_value_uses_empty_first_line_and_width_79():
    text = "Bring your insurance card and a list of all the medicines you take at the moment."
    lines = format_string("msgid", text)
    assert lines[0] == 'msgid ""'
    assert all(len(line) <= 79 for line in lines)
    assert "".join(line[1:-1] for line in lines[1:]) == text


def test_newlines_split_lines_and_escapes_stay_whole():
    lines = format_string("msgstr", 'Line one\nSay "hi"\tnow\\')
    assert lines == ['msgstr ""', '"Line one\\n"', '"Say \\"hi\\"\\tnow\\\\"']


def test_python_format_directive_is_not_split():
    text = "x" * 70 + " 100% d and more words here to wrap"
    plain = format_string("msgid", text)
    protected = format_string("msgid", text, fmt="python")
    assert plain != protected or all("% d" in line or "%" not in line for line in protected)
    assert not any(line.endswith('% "') for line in protected)


def test_obsolete_prefix_narrows_the_width():
    text = "word " * 30
    lines = format_string("msgid", text.strip(), prefix="#~ ")
    assert all(line.startswith("#~ ") and len(line) <= 79 for line in lines)


def test_escape_table():
    assert escape('a"b\\c\n\t\r\a\b\f\v') == 'a\\"b\\\\c\\n\\t\\r\\a\\b\\f\\v'
    others = "".join(chr(c) for c in range(0x3000) if chr(c) not in '"\\\n\t\r\a\b\f\v')
    assert escape(others) == others


def test_value_that_fits_a_line_but_not_the_keyword_line_starts_on_the_next():
    text = "word " * 14 + "end"  # 73 characters: one line of 77, not after 'msgid "'
    assert format_string("msgid", text) == ['msgid ""', f'"{text}"']
    assert format_string("msgid", text[:70]) == [f'msgid "{text[:70]}"']


def test_general_path_handles_wide_characters():
    text = "漢字" * 50
    lines = format_string("msgstr", text)
    assert lines[0] == 'msgstr ""' and all(len(line.encode("utf-8")) > 0 for line in lines)
    breaks = _line_breaks(text, [False] * len(text), 77, 0)
    assert breaks and all(b % 1 == 0 for b in breaks)
