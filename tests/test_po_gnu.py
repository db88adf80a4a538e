"""Parity with GNU gettext 0.21: msgcat leaves our output unchanged, msgfmt --check
accepts it, msgmerge makes the same decisions, msgfmt compiles the same .mo, and the
line-break emulation agrees with libunistring. Skipped where the tools are missing."""

from __future__ import annotations

import ctypes
import gettext
import io
import random
import shutil
import subprocess

import pytest

from l10n_tool.po import (
    Catalog, Message, compile_mo, format_po, merge, new_header, parse_plural_forms, plural_forms,
    read_po,
)

needs = {tool: pytest.mark.skipif(shutil.which(tool) is None, reason=f"{tool} not installed")
         for tool in ("msgcat", "msgfmt", "msgmerge")}

PIECES = ["the", "a", "visit", "clinic", "patient", "appointment", "your", "open", "%(name)s",
          "%(count)d", "{site}", "<0>", "</0>", "<1/>", "well-known", "e-mail",
          "https://example.org/a/b?c=d", "(note)", "[x]", '"quoted"', "it's", "100%", "1,000.5",
          "naïve", "Straße", "漢字", "かな", "한국어", "שלום", "مرحبا", "—", "…", "«oui»",
          "\\path", "tab\there", "line\nbreak", "end.\n", "x" * 30, "a" * 85, "a/b/c", "C++",
          "50°C", "é\u0301", "🇳🇱", "👍🏽", "\u00a0", "\u200b", "%s", "%d%%", "% d", "{0}",
          "{name!r:>{w}}", "{{", "}}", "%1$s", "%.2f"]


def _text(rng: random.Random) -> str:
    n = rng.choice([1, 2, 3, 5, 8, 12, 20, 30, 60])
    seps = [" ", " ", " ", "", "  ", "\n", " - "]
    return "".join(rng.choice(PIECES) + rng.choice(seps) for _ in range(n)).rstrip(" ")


def _random_catalog(seed: int, count: int = 400) -> Catalog:
    rng = random.Random(seed)
    cat = Catalog("t.po", new_header("nl", date=0))
    seen = set()
    flag_sets = [["fuzzy"], ["python-format"], ["fuzzy", "python-format"], ["no-wrap"],
                 ["c-format"], ["python-brace-format"], ["fuzzy", "c-format"], []]
    for i in range(count):
        m = Message(_text(rng) or f"id{i}", msgctxt=_text(rng) if rng.random() < 0.2 else None)
        if m.key in seen:
            continue
        seen.add(m.key)
        if rng.random() < 0.3:
            m.msgid_plural = _text(rng) or "p"
            m.msgstr_plural = {0: _text(rng), 1: _text(rng)}
        else:
            m.msgstr = _text(rng)
        if rng.random() < 0.3:
            m.translator_comments = [_text(rng).replace("\n", " ")]
        if rng.random() < 0.3:
            m.extracted_comments = [_text(rng).replace("\n", " ")]
        if rng.random() < 0.3:
            m.references = [f"content/posts/p{j}.md:{rng.randint(1, 999)}"
                            for j in range(rng.randint(1, 12))]
        m.flags = list(rng.choice(flag_sets))
        if rng.random() < 0.2:
            m.previous_msgid = _text(rng) or "prev"
            if rng.random() < 0.5:
                m.previous_msgctxt = _text(rng) or "ctx"
        m.obsolete = rng.random() < 0.1 and bool(m.strings()[0])
        cat.messages.append(m)
    cat.messages.sort(key=lambda m: m.obsolete)  # msgcat puts obsolete entries last
    return cat


def _run(args, **kw):
    return subprocess.run(args, capture_output=True, check=False, **kw)


@needs["msgcat"]
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_msgcat_changes_nothing_we_write(seed, tmp_path):
    data = format_po(_random_catalog(seed))
    path = tmp_path / "ours.po"
    path.write_bytes(data)
    out = _run(["msgcat", str(path), "-o", str(tmp_path / "gnu.po")])
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "gnu.po").read_bytes() == data


@needs["msgcat"]
def test_msgcat_accepts_what_we_read_and_write_back(tmp_path):
    data = format_po(_random_catalog(7, 150))
    # read back, change every translation, write: all entries are formatted by us
    from l10n_tool.po import parse_po
    cat = parse_po(data)
    for m in cat.messages:
        if m.msgid_plural is None:
            m.msgstr = m.msgstr + " ok" if m.msgstr else ""
    data2 = format_po(cat)
    (tmp_path / "a.po").write_bytes(data2)
    _run(["msgcat", str(tmp_path / "a.po"), "-o", str(tmp_path / "b.po")])
    assert (tmp_path / "b.po").read_bytes() == data2


# --- msgfmt --check on realistic output ---

LOCALES = {"ja": 1, "nl": 2, "ru": 3, "sl": 4, "ga": 5, "ar": 6}
WORDS = ("patient clinic visit appointment doctor nurse record form page article reader "
         "comment rating search menu home contact privacy cookie account email phone date "
         "time week month open close save cancel delete edit update create share print "
         "please your our new old first next more all some quick simple clear safe").split()


def _sentence(rng: random.Random, lo: int = 3, hi: int = 30) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return " ".join(words).capitalize() + rng.choice([".", "", "?", ":"])


def _project(seed: int, locale: str, size: int = 300):
    """A template, a translated catalog for it and a changed template."""
    rng = random.Random(seed)
    nplurals = LOCALES[locale]
    pot = Catalog("t.pot", new_header(None, date=0))
    seen = set()
    while len(pot.messages) < size:
        ctx = rng.choice(["menu", "button"]) if rng.random() < 0.1 else None
        msgid = _sentence(rng)
        if (ctx, msgid) in seen:
            continue
        seen.add((ctx, msgid))
        m = Message(msgid, msgctxt=ctx, references=[f"content/posts/p{rng.randrange(50)}.md:"
                                                    f"{rng.randrange(1, 300)}"])
        if rng.random() < 0.15:
            m.msgid = f"%(count)d {msgid}"
            m.msgid_plural = f"%(count)d {msgid} (many)"
            m.flags = ["python-format"]
            m.msgstr_plural = {0: "", 1: ""}
        pot.messages.append(m)
    po = merge(None, pot, locale=locale)
    for m in po.messages:
        if rng.random() < 0.85:
            if m.msgid_plural is not None:
                m.msgstr_plural = {i: f"%(count)d [{locale}{i}] {m.msgid[11:]}"
                                   for i in range(nplurals)}
            else:
                m.msgstr = f"[{locale}] {m.msgid}"
            if rng.random() < 0.05:
                m.fuzzy = True
    new = Catalog("t2.pot", new_header(None, date=3600))
    for m in pot.messages:
        r = rng.random()
        if r < 0.05:
            continue  # removed
        m = m.copy()
        if r < 0.15:  # one-word edit
            words = m.msgid.split(" ")
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            if (m.msgctxt, " ".join(words)) not in seen:
                m.msgid = " ".join(words)
                seen.add(m.key)
        elif r < 0.17 and m.msgctxt is None:
            m.msgctxt = "changed"
        elif r < 0.19 and m.msgid_plural is None:
            m.msgid_plural, m.flags = m.msgid + " (more)", []
            m.msgstr_plural = {0: "", 1: ""}
        new.messages.append(m)
    for _ in range(size // 20):
        msgid = _sentence(rng)
        if (None, msgid) not in seen:
            seen.add((None, msgid))
            new.messages.insert(rng.randrange(len(new.messages)), Message(msgid))
    return pot, po, new


@needs["msgfmt"]
@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_msgfmt_check_accepts_our_catalogs(locale, tmp_path):
    pot, po, new = _project(11, locale, 120)
    for name, cat in (("po", po), ("merged", merge(po, new)), ("new", merge(None, new, locale=locale))):
        path = tmp_path / f"{name}.po"
        path.write_bytes(format_po(cat))
        out = _run(["msgfmt", "--check", "-o", str(tmp_path / "x.mo"), str(path)])
        assert out.returncode == 0, (name, out.stderr.decode())


@needs["msgfmt"]
@pytest.mark.parametrize("locale", ["en", "nl", "de", "fr", "ar", "ru", "pl", "ja", "cs",
                                    "ga", "cy", "sl", "lt", "lv", "ro", "he", "pt-BR", "kw"])
def test_plural_forms_pass_msgfmt_and_match_python(locale, tmp_path):
    header = plural_forms(locale)
    nplurals, fn = parse_plural_forms(header)
    cat = Catalog("p.po", new_header(locale, date=0))
    cat.messages.append(Message("%d file", msgid_plural="%d files", flags=["c-format"],
                                msgstr_plural={i: f"%d form{i}" for i in range(nplurals)}))
    path = tmp_path / "p.po"
    path.write_bytes(format_po(cat))
    out = _run(["msgfmt", "--check", "-o", str(tmp_path / "p.mo"), str(path)])
    assert out.returncode == 0, out.stderr.decode()
    python_fn = gettext.c2py(header.split("plural=", 1)[1].rstrip(";"))
    assert all(fn(n) == python_fn(n) for n in range(0, 2000))


# --- msgmerge parity ---

def _decisions(cat: Catalog):
    active = [m for m in cat.messages if not m.obsolete]
    return (
        {m.key for m in active if m.translated},
        {m.key for m in active if m.fuzzy},
        {m.key for m in cat.messages if m.obsolete},
        {m.key: (m.previous_msgctxt, m.previous_msgid, m.previous_msgid_plural)
         for m in active if m.fuzzy},
    )


@needs["msgmerge"]
@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_merge_decides_like_msgmerge(locale, tmp_path):
    _, po, new = _project(5, locale)
    (tmp_path / "old.po").write_bytes(format_po(po))
    (tmp_path / "new.pot").write_bytes(format_po(new))
    out = _run(["msgmerge", "--previous", "-q", str(tmp_path / "old.po"),
                str(tmp_path / "new.pot"), "-o", str(tmp_path / "gnu.po")])
    assert out.returncode == 0, out.stderr
    gnu = _decisions(read_po(tmp_path / "gnu.po"))
    ours_cat = merge(read_po(tmp_path / "old.po"), read_po(tmp_path / "new.pot"))
    ours = _decisions(ours_cat)
    assert ours[0] == gnu[0]          # translated
    assert ours[2] == gnu[2]          # obsolete
    # fuzzy: the same set, allowing a borderline guess or two that msgmerge finds among
    # unrelated random sentences (similarity just above 0.6)
    assert ours[1] <= gnu[1] and len(gnu[1] - ours[1]) <= max(2, len(gnu[1]) // 50)
    same = [k for k in ours[3] if ours[3][k] == gnu[3].get(k)]
    assert len(same) >= len(ours[3]) - 1
    # idempotent and a no-op update of the result changes nothing
    data = format_po(ours_cat)
    again = format_po(merge(read_po(io.BytesIO(data)) if False else _reparse(data),
                            read_po(tmp_path / "new.pot")))
    assert again == data


def _reparse(data: bytes) -> Catalog:
    from l10n_tool.po import parse_po
    return parse_po(data, "merged.po")


@needs["msgmerge"]
@pytest.mark.parametrize("locale", ["nl", "ru", "ar"])
def test_merge_output_equals_msgmerge_when_formats_agree(locale, tmp_path):
    """On GNU-formatted input, our whole file equals msgmerge --previous byte for byte."""
    _, po, new = _project(9, locale, 200)
    (tmp_path / "old.po").write_bytes(format_po(po))
    (tmp_path / "new.pot").write_bytes(format_po(new))
    _run(["msgmerge", "--previous", "-q", str(tmp_path / "old.po"), str(tmp_path / "new.pot"),
          "-o", str(tmp_path / "gnu.po")])
    ours = format_po(merge(read_po(tmp_path / "old.po"), read_po(tmp_path / "new.pot")))
    assert ours == (tmp_path / "gnu.po").read_bytes()


# --- .mo ---

@needs["msgfmt"]
@pytest.mark.parametrize("locale", ["nl", "ar", "ja"])
def test_compile_mo_equals_msgfmt(locale, tmp_path):
    _, po, _ = _project(3, locale, 150)
    path = tmp_path / "x.po"
    path.write_bytes(format_po(po))
    out = _run(["msgfmt", "-o", str(tmp_path / "gnu.mo"), str(path)])
    assert out.returncode == 0
    ours = compile_mo(read_po(path))
    assert ours == (tmp_path / "gnu.mo").read_bytes()
    translations = gettext.GNUTranslations(io.BytesIO(ours))
    for m in po.messages:
        if m.translated and m.msgid_plural is None and m.msgctxt is None:
            assert translations.gettext(m.msgid) == m.msgstr
        if m.fuzzy:
            assert translations.gettext(m.msgid) == m.msgid


# --- line breaking ---

def _libunistring():
    try:
        lib = ctypes.CDLL("libunistring.so.2")
    except OSError:
        return None
    fn = lib.u8_possible_linebreaks
    fn.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_char_p]
    return fn


@pytest.mark.skipif(_libunistring() is None, reason="libunistring not available")
def test_break_opportunities_match_libunistring():
    from l10n_tool.po.linebreak import break_opportunities
    fn = _libunistring()
    alphabet = [chr(c) for c in range(0x20, 0x7F)] * 3 + list(
        "\u0301\u200d\u200b\u05d0\U0001F1E6\U0001F1E7\u4e00\u261d\U0001F3FB\u00ad\x7f\x85"
        "\u2028\u00a0\u3001\u3002\uac00\uac01\u1100\u1160\u11a8\u2014\u2026\u2060\u231a"
        "\u300c\u300d\u203c\u00b4\u05c6\u00ab\u00bb\u00a3\u00a2\u00a1\t\x01éß€かな한") + [" "] * 20
    rng = random.Random(4)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        raw = text.encode("utf-8")
        buf = ctypes.create_string_buffer(len(raw))
        fn(raw, len(raw), b"UTF-8", buf)
        theirs, i = [], 0
        for ch in text:
            theirs.append(buf.raw[i] == 2)
            i += len(ch.encode("utf-8"))
        assert break_opportunities(text) == theirs, text


@needs["msgfmt"]
@pytest.mark.parametrize("count", [0, 1, 2, 3, 5, 6, 9, 17, 40])
def test_small_mo_files_equal_msgfmt(count, tmp_path):
    """Hash table sizes follow msgfmt's own prime test; a fuzzy header is kept."""
    lines = ['#, fuzzy', 'msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for i in range(count):
        lines += [f'msgid "m{i}"', f'msgstr "t{i}"', ""]
    lines += ["#, fuzzy", 'msgid "skipped"', 'msgstr "x"', "", 'msgid "empty"', 'msgstr ""']
    path = tmp_path / "s.po"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _run(["msgfmt", "-o", str(tmp_path / "s.mo"), str(path)]).returncode == 0
    assert compile_mo(read_po(path)) == (tmp_path / "s.mo").read_bytes()


@needs["msgfmt"]
def test_compile_without_hash_table_equals_msgfmt_no_hash(tmp_path):
    _, po, _ = _project(4, "ru", 120)
    path = tmp_path / "x.po"
    path.write_bytes(format_po(po))
    assert _run(["msgfmt", "--no-hash", "-o", str(tmp_path / "gnu.mo"), str(path)]).returncode == 0
    ours = compile_mo(read_po(path), hash_table=False)
    assert ours == (tmp_path / "gnu.mo").read_bytes()
    assert gettext.GNUTranslations(io.BytesIO(ours)).ngettext("x", "y", 5) == "y"
