"""Deterministic benchmark data: gettext catalogs and a Markdown site (stdlib only).

    python benchmarks/generate.py catalog --size 5000 --out benchmarks/out/catalog-5000
    python benchmarks/generate.py site --articles 1000 --out benchmarks/out/site-1000

A catalog directory holds ``old.pot`` (template), ``old.po`` (a pseudo-translation into nl with
Plural-Forms), ``new.pot`` (one-word edits to 10% of the messages, 5% removed, 5% added) and
``truth.json`` (which new msgids are edits of which old ones, and which are brand new).

A site directory is a project in the l10n_tool layout: ``l10n.yaml``, ``content/posts/*.md``
(YAML front matter + Markdown) and ``content/templates/`` (copied from the repository's own
``content/templates/`` when it exists, else a minimal stand-in).

The same seed and size always give byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

VERSION = 2  # bump when the output changes, so cached data is regenerated
REPO = Path(__file__).resolve().parent.parent

WORDS = """
the a an and or but of to in on at for with from by about into over after before under
between through during without within across around near this that these those your our
their my his her its we you they it is are was were be been being have has had do does did
can could will would should may might must not no yes all any each every some many more most
few other such only own same so than too very just also still even again then now here there
when where why how what which who while because if unless until once both either neither
time year day week month people way thing man woman child world life hand part place case
point group number fact home room water money story book page word line team guide service
question problem system program plan health clinic doctor patient nurse visit care treatment
appointment family friend school study result report record data file form email phone
address account password order payment price offer product store shop cart delivery package
city street garden kitchen window door table chair light music film photo picture image
video article post comment rating review reader writer author editor issue topic list menu
button link search filter option setting profile message note letter card code test sample
answer example reason choice change rule step level stage period season morning evening
night weekend holiday travel trip road train station airport hotel ticket map route coffee
tea bread fruit meal dinner lunch breakfast recipe sugar salt water energy heart body skin
sleep pain fever cough allergy medicine dose symptom risk sign advice research science
nature weather rain snow summer winter spring autumn forest river mountain island coast
language translation version update release feature tool project site network server
browser screen device battery storage memory support help team office meeting schedule
make take give find tell ask work seem feel try leave call keep let begin show hear play
run move live believe hold bring write provide sit stand lose pay meet include continue set
learn lead understand watch follow stop create speak read allow add spend grow open walk win
offer remember love consider appear buy wait serve die send expect build stay fall cut reach
remain suggest raise pass sell require decide return explain hope develop carry break
receive agree check choose share save book cancel confirm contact compare improve prepare
protect reduce replace describe discover enjoy finish clean cook drink eat wash visit
good new first last long great little old big high different small large next early young
important few public bad able late hard major better best free full easy clear recent
certain simple strong whole short true real local quick quiet warm cold fresh dry safe
healthy daily weekly monthly regular useful helpful careful simple common rare special
quickly slowly easily often always never sometimes usually really nearly almost quite
rather perhaps together already soon later today tomorrow yesterday online offline
""".split()
NOUNS = """time year day week month thing hand place group number guide service question
problem plan doctor patient nurse visit treatment appointment friend result report record file
form email account order payment price offer product package window door table chair photo
picture video article post comment rating review reader writer message note letter card
answer example reason choice change rule step level ticket map recipe meal symptom sign
update release feature tool project site device meeting""".split()
ACCENTED = ["café", "naïve", "résumé", "€5", "façade", "déjà vu", "—", "über"]
NAMES = ["name", "author", "site", "date", "title", "city"]
CONTEXTS = ["button", "menu", "navigation", "verb", "noun", "footer", "heading", "tooltip"]
KINDS = ["paragraph", "heading", "list item", "table cell", "blockquote", "image alt",
         "front matter: title", "front matter: description"]
TRANSLATOR_NOTES = ["Translators: keep this short, it is shown on a button.",
                    "Translators: the placeholder is the author's full name.",
                    "Translators: formal register, please."]
FIRST = ["Anna", "Bram", "Chris", "Dana", "Eli", "Femke", "Jonas", "Lena", "Mila", "Noah"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meyer", "Schulz", "Peters"]

PLACEHOLDER = re.compile(r"</?\d+/?>|%\(\w+\)[sd]|%[sd]|\{\w+\}")


# ---------------------------------------------------------------- text -------------------


def _length(rng: random.Random, longest: int = 120) -> int:
    """Words in a sentence: 3-120, mostly short or medium, like UI strings and paragraphs."""
    bucket = rng.random()
    if bucket < 0.3:
        return rng.randint(3, 8)
    if bucket < 0.7:
        return rng.randint(9, 30)
    return rng.randint(31, longest)


def _word(rng: random.Random) -> str:
    # A rough Zipf-like bias towards the head of the list, like natural text.
    i = int(len(WORDS) * rng.random() ** 1.6)
    return WORDS[i]


@dataclass
class Message:
    """A source message kept as tokens so one-word edits stay one word."""

    tokens: list[str]
    end: str = "."
    context: str | None = None
    noun: int | None = None  # index of the plural noun; the message then has a plural
    refs: tuple[str, ...] = ()
    comment: str | None = None

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.context, self.msgid)

    @property
    def msgid(self) -> str:
        return " ".join(self.tokens) + self.end

    @property
    def msgid_plural(self) -> str | None:
        if self.noun is None:
            return None
        tokens = list(self.tokens)
        tokens[self.noun] += "s"
        return " ".join(tokens) + self.end

    def editable(self) -> list[int]:
        return [i for i, t in enumerate(self.tokens) if t.isalpha() and t.islower() and i != self.noun]


def _sentence(rng: random.Random, markup: str = "placeholders") -> tuple[list[str], str]:
    """Tokens of one sentence and its final punctuation.

    ``markup``: "placeholders" for catalog text (``<0>..</0>``, ``<1/>``, ``%(name)s``) or
    "markdown" for article text (bold, italics, links, inline code).
    """
    n = _length(rng, 120 if markup == "placeholders" else 45)
    tokens = [_word(rng) for _ in range(n)]
    if rng.random() < 0.04:
        tokens[rng.randrange(n)] = rng.choice(ACCENTED)
    if rng.random() < 0.03 and n > 2:
        i = rng.randrange(n)
        tokens[i] = f'"{tokens[i]}"'
    tag = 0
    marked = [False] * n
    for _ in range(rng.choice([0, 0, 0, 1, 1, 2]) if n > 4 else 0):
        i = rng.randrange(n)
        j = min(n - 1, i + rng.randint(0, 3))
        if any(marked[i : j + 1]):
            continue  # spans never nest or overlap
        marked[i : j + 1] = [True] * (j + 1 - i)
        if markup == "markdown":
            kind = rng.choice(["**", "*", "`", "link"])
            if kind == "link":
                tokens[i] = "[" + tokens[i]
                tokens[j] += f"](https://example.org/{rng.choice(NOUNS)})"
            else:
                tokens[i] = kind + tokens[i]
                tokens[j] += kind
        else:
            tokens[i] = f"<{tag}>" + tokens[i]
            tokens[j] += f"</{tag}>"
            tag += 1
    if markup == "placeholders":
        if rng.random() < 0.08:
            tokens.insert(rng.randrange(len(tokens) + 1), f"<{tag}/>")
        if rng.random() < 0.15:
            tokens.insert(rng.randrange(len(tokens) + 1), f"%({rng.choice(NAMES)})s")
    tokens[0] = tokens[0][:1].upper() + tokens[0][1:] if tokens[0][:1].isalpha() else tokens[0]
    end = "" if n <= 5 and rng.random() < 0.6 else rng.choice([".", ".", ".", ".", "?", "!", ":"])
    return tokens, end


def _slug(rng: random.Random, i: int) -> str:
    return f"{i:05d}-" + "-".join(rng.choice(NOUNS) for _ in range(3))


# ------------------------------------------------------- pseudo-translation --------------

_NL = {"the": "de", "a": "een", "an": "een", "and": "en", "or": "of", "of": "van", "to": "naar",
       "for": "voor", "with": "met", "on": "op", "at": "bij", "from": "uit", "by": "door",
       "you": "je", "your": "je", "we": "wij", "our": "ons", "this": "dit", "that": "dat",
       "it": "het", "is": "is", "are": "zijn", "be": "zijn", "not": "niet", "can": "kan",
       "will": "zal", "all": "alle", "no": "geen", "yes": "ja", "when": "wanneer"}
_DE = {"the": "die", "a": "ein", "an": "ein", "and": "und", "or": "oder", "of": "von",
       "to": "zu", "for": "für", "with": "mit", "on": "auf", "at": "bei", "from": "aus",
       "by": "durch", "you": "Sie", "your": "Ihr", "we": "wir", "our": "unser", "this": "dies",
       "that": "das", "it": "es", "is": "ist", "are": "sind", "be": "sein", "not": "nicht",
       "can": "kann", "will": "wird", "all": "alle", "no": "kein", "yes": "ja"}
_RULES = {
    "nl": (_NL, [("th", "d"), ("sh", "sj"), ("c", "k"), ("y", "ij"), ("ou", "oe"), ("ee", "ie")],
           [("tion", "tie"), ("ing", "end"), ("ly", "lijk"), ("er", "er")], "en"),
    "de": (_DE, [("th", "d"), ("sh", "sch"), ("c", "k"), ("w", "v"), ("ou", "au"), ("ee", "ie")],
           [("tion", "tion"), ("ing", "ung"), ("ly", "lich"), ("er", "er")], "e"),
}
_WORD = re.compile(r"</?\d+/?>|%\(\w+\)[sd]|%[sd]|\{\w+\}|https?://\S+?(?=\))|[A-Za-z]+")


def pseudo_translate(text: str, locale: str = "nl") -> str:
    """A deterministic word-by-word pseudo-translation that keeps placeholders and markup."""
    table, subs, endings, suffix = _RULES.get(locale, _RULES["nl"])

    def word(m: re.Match) -> str:
        w = m.group(0)
        if not w.isalpha():
            return w  # a placeholder or URL
        low = w.lower()
        out = table.get(low)
        if out is None:
            out = low
            for a, b in subs:
                out = out.replace(a, b)
            for a, b in endings:
                if out.endswith(a):
                    out = out[: -len(a)] + b
                    break
            else:
                if len(out) > 4:
                    out += suffix
        return out[:1].upper() + out[1:] if w[:1].isupper() else out

    return _WORD.sub(word, text)


# -------------------------------------------------------------- PO writing ---------------


def _escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n")


def _po_string(keyword: str, value: str, prefix: str = "", width: int = 79) -> str:
    """``keyword "value"`` wrapped like GNU gettext: breaks after spaces, lines <= width."""
    esc = _escape(value)
    if len(prefix) + len(keyword) + len(esc) + 3 <= width:
        return f'{prefix}{keyword} "{esc}"\n'
    chunks: list[str] = []
    line = ""
    for piece in re.findall(r"[^ ]* ?", esc)[:-1] or [""]:
        if line and len(prefix) + len(line) + len(piece) + 2 > width:
            chunks.append(line)
            line = ""
        line += piece
    chunks.append(line)
    return f'{prefix}{keyword} ""\n' + "".join(f'{prefix}"{c}"\n' for c in chunks)


def _header(locale: str | None, date: str) -> str:
    fields = [
        "Project-Id-Version: benchmark 1.0\n",
        "Report-Msgid-Bugs-To: bench@example.org\n",
        f"POT-Creation-Date: {date}\n",
        "PO-Revision-Date: " + ("2024-01-15 10:00+0000" if locale else "YEAR-MO-DA HO:MI+ZONE") + "\n",
        "Last-Translator: " + ("Bench Translator <nl@example.org>" if locale else "FULL NAME <EMAIL@ADDRESS>") + "\n",
        "Language-Team: " + ("Dutch <nl@example.org>" if locale else "LANGUAGE <LL@li.org>") + "\n",
    ]
    if locale:
        fields.append(f"Language: {locale}\n")
    fields += ["MIME-Version: 1.0\n", "Content-Type: text/plain; charset=UTF-8\n",
               "Content-Transfer-Encoding: 8bit\n"]
    if locale:
        fields.append("Plural-Forms: nplurals=2; plural=(n != 1);\n")
    head = "# Benchmark catalog generated by benchmarks/generate.py.\n"
    head += "#\n" if locale else "#, fuzzy\n"
    return head + 'msgid ""\n' + 'msgstr ""\n' + "".join(f'"{_escape(f)}"\n' for f in fields) + "\n"


def _entry(m: Message, msgstr: str | list[str] | None = None, fuzzy: bool = False,
           obsolete: bool = False) -> str:
    p = "#~ " if obsolete else ""
    out = ""
    if m.comment and not obsolete:
        out += f"#. {m.comment}\n"
    if m.refs and not obsolete:
        line = "#:"
        for ref in m.refs:  # gettext fills reference lines up to 79 columns
            if len(line) > 2 and len(line) + 1 + len(ref) > 79:
                out += line + "\n"
                line = "#:"
            line += " " + ref
        out += line + "\n"
    flags = (["fuzzy"] if fuzzy else []) + (["python-format"] if "%(" in m.msgid else [])
    if flags:
        out += "#, " + ", ".join(flags) + "\n"
    if m.context is not None:
        out += _po_string("msgctxt", m.context, p)
    out += _po_string("msgid", m.msgid, p)
    if m.noun is not None:
        out += _po_string("msgid_plural", m.msgid_plural, p)
        forms = msgstr if isinstance(msgstr, list) else ["", ""]
        for i, form in enumerate(forms):
            out += _po_string(f"msgstr[{i}]", form, p)
    else:
        out += _po_string("msgstr", msgstr or "", p)
    return out + "\n"


def _translation(m: Message) -> str | list[str]:
    if m.noun is None:
        return pseudo_translate(m.msgid)
    return [pseudo_translate(m.msgid), pseudo_translate(m.msgid_plural)]


# ---------------------------------------------------------------- catalogs ---------------


def _new_message(rng: random.Random, seen: set, slugs: list[str]) -> Message:
    while True:
        tokens, end = _sentence(rng)
        m = Message(tokens, end)
        r = rng.random()
        if r < 0.05:
            m.context = rng.choice(CONTEXTS)
        elif r < 0.08 and len(tokens) <= 15:
            pos = [i for i, t in enumerate(tokens) if t in NOUNS]
            if pos:
                m.noun = rng.choice(pos)
                m.tokens.insert(m.noun, "%(num)d")
                m.noun += 1
        m.refs = tuple(f"content/posts/{rng.choice(slugs)}.md:{rng.randint(1, 400)}"
                       for _ in range(rng.choice([1, 1, 1, 2, 3])))
        r = rng.random()
        if r < 0.35:
            m.comment = rng.choice(KINDS)
        elif r < 0.38:
            m.comment = rng.choice(TRANSLATOR_NOTES)
        if m.key not in seen:
            seen.add(m.key)
            return m


def _edit(rng: random.Random, m: Message, seen: set) -> Message | None:
    """A copy of ``m`` with one word replaced, inserted or deleted (None if none fits)."""
    spots = m.editable()
    for _ in range(20):
        if not spots:
            return None
        i = rng.choice(spots)
        tokens = list(m.tokens)
        noun = m.noun
        op = rng.random()
        if op < 0.6:
            tokens[i] = _word(rng)
        elif op < 0.8:
            tokens.insert(i, _word(rng))
            noun = noun + 1 if noun is not None and i <= noun else noun
        elif len(tokens) >= 4:
            del tokens[i]
            noun = noun - 1 if noun is not None and i < noun else noun
        else:
            continue
        new = replace(m, tokens=tokens, noun=noun)
        if new.key not in seen and new.msgid != m.msgid:
            seen.add(new.key)
            return new
    return None


def generate_catalog(size: int, out: Path, seed: int = 1) -> dict:
    """Write old.pot, old.po, new.pot and truth.json for ``size`` messages into ``out``."""
    rng = random.Random(f"catalog-{seed}-{size}")
    out.mkdir(parents=True, exist_ok=True)
    slugs = [_slug(rng, i) for i in range(max(10, size // 20))]
    seen: set = set()
    old = [_new_message(rng, seen, slugs) for _ in range(size)]
    state = {}  # index -> "untranslated" | "fuzzy"; others translated
    for i in rng.sample(range(size), size * 5 // 100):
        state[i] = "untranslated" if rng.random() < 0.6 else "fuzzy"
    obsolete = [_new_message(rng, seen, slugs) for _ in range(size // 100)]

    date_old, date_new = "2024-01-01 00:00+0000", "2024-02-01 00:00+0000"
    (out / "old.pot").write_text(_header(None, date_old) + "".join(_entry(m) for m in old),
                                 encoding="utf-8")
    po = [_header("nl", date_old)]
    for i, m in enumerate(old):
        s = state.get(i)
        po.append(_entry(m, None if s == "untranslated" else _translation(m), fuzzy=s == "fuzzy"))
    po += [_entry(m, _translation(m), obsolete=True) for m in obsolete]
    (out / "old.po").write_text("".join(po), encoding="utf-8")

    # new.pot: 5% removed, 10% edited by one word (translated messages only), 5% added.
    order = list(range(size))
    removed = set(rng.sample(order, size * 5 // 100))
    candidates = [i for i in order if i not in removed and i not in state]
    edited_idx = sorted(rng.sample(candidates, min(len(candidates), size * 10 // 100)))
    new = {i: old[i] for i in order if i not in removed}
    truth = {"size": size, "seed": seed, "edited": [], "added": [],
             "removed": [{"msgctxt": old[i].context, "msgid": old[i].msgid} for i in sorted(removed)]}
    for i in edited_idx:
        e = _edit(rng, old[i], seen)
        if e is None:
            continue
        new[i] = e
        tr = _translation(old[i])
        truth["edited"].append({"msgctxt": e.context, "msgid": e.msgid, "old_msgid": old[i].msgid,
                                "old_msgstr": tr if isinstance(tr, str) else tr[0]})
    messages = [new[i] for i in order if i in new]
    for _ in range(size * 5 // 100):
        m = _new_message(rng, seen, slugs)
        messages.insert(rng.randrange(len(messages) + 1), m)
        truth["added"].append({"msgctxt": m.context, "msgid": m.msgid})
    (out / "new.pot").write_text(_header(None, date_new) + "".join(_entry(m) for m in messages),
                                 encoding="utf-8")
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                    encoding="utf-8")
    meta = {"kind": "catalog", "size": size, "seed": seed, "version": VERSION}
    (out / "meta.json").write_text(json.dumps(meta) + "\n")
    return meta


# -------------------------------------------------------------------- site ---------------

CONFIG = """\
source_locale: en
locales: [nl, de]
content: content
templates: content/templates
catalogs: locales
output: site
front_matter_keys: [title, description, image_alt]
"""

# Used only when the repository has no content/templates/ yet.
FALLBACK_TEMPLATES = {
    "base.html": """<!doctype html>
<html lang="{{ locale }}">
<head><meta charset="utf-8"><title>{% block title %}{% endblock %}</title></head>
<body>
<header><a href="#main">{{ _("Skip to content") }}</a> <a href="/search">{{ _("Search") }}</a></header>
<main id="main">{% block content %}{% endblock %}</main>
<footer>{{ _("© %(year)d %(site)s", year=2024, site="Bench") }}</footer>
</body>
</html>
""",
    "post.html": """{% extends "base.html" %}
{% block title %}{{ page.title }}{% endblock %}
{% block content %}
<article>{{ content }}</article>
<p>{{ _("Written by %(author)s", author=page.author) }}</p>
<p>{{ ngettext("%(num)d min read", "%(num)d min read", page.reading_time) }}</p>
<section><h2>{{ pgettext("widget", "Comments") }}</h2><p>{{ _("No comments yet") }}</p></section>
{% endblock %}
""",
}


def _yaml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _plain(rng: random.Random, lo: int, hi: int) -> str:
    n = rng.randint(lo, hi)
    words = [_word(rng) for _ in range(n)]
    return (words[0].capitalize() + " " + " ".join(words[1:])).strip()


def _article(rng: random.Random, slug: str, i: int) -> str:
    title = _plain(rng, 3, 10)
    meta = [
        "---",
        f"title: {_yaml_str(title)}",
        f"description: {_yaml_str(_plain(rng, 10, 30) + '.')}",
        f"author: {rng.choice(FIRST)} {rng.choice(LAST)}",
        f"date: {2020 + i % 5}-{1 + i % 12:02d}-{1 + i % 28:02d}",
        f"reading_time: {rng.randint(2, 15)}",
        f"image: images/{slug}.svg",
        f"image_alt: {_yaml_str(_plain(rng, 4, 12))}",
        "tags: [" + ", ".join(sorted({rng.choice(NOUNS) for _ in range(rng.randint(1, 4))})) + "]",
        "---",
        "",
    ]
    body: list[str] = []

    def sentence() -> str:
        tokens, end = _sentence(rng, "markdown")
        return " ".join(tokens) + (end or ".")

    for _ in range(rng.randint(3, 8)):  # sections
        body += ["## " + _plain(rng, 2, 8), ""]
        for _ in range(rng.randint(1, 4)):
            r = rng.random()
            if r < 0.6:
                body += [" ".join(sentence() for _ in range(rng.randint(1, 4))), ""]
            elif r < 0.75:
                body += [f"- {_plain(rng, 2, 12)}" for _ in range(rng.randint(2, 6))] + [""]
            elif r < 0.85:
                body += [f"{k}. {sentence()}" for k in range(1, rng.randint(3, 6))] + [""]
            elif r < 0.95:
                body += ["### " + _plain(rng, 2, 6), "", sentence(), ""]
            else:
                body += ["```python", "print('not translated')", "```", ""]
    return "\n".join(meta + body)


def generate_site(articles: int, out: Path, seed: int = 1, templates: Path | None = None) -> dict:
    """Write a project with ``articles`` Markdown articles into ``out`` (replacing it)."""
    rng = random.Random(f"site-{seed}-{articles}")
    if out.exists():
        shutil.rmtree(out)
    posts = out / "content" / "posts"
    posts.mkdir(parents=True)
    (out / "l10n.yaml").write_text(CONFIG, encoding="utf-8")
    for i in range(articles):
        slug = _slug(rng, i)
        (posts / f"{slug}.md").write_text(_article(rng, slug, i) + "\n", encoding="utf-8")
    meta = {"kind": "site", "articles": articles, "seed": seed, "version": VERSION,
            "templates": copy_templates(out, templates)}
    (out / "meta.json").write_text(json.dumps(meta) + "\n")
    return meta


def copy_templates(site: Path, templates: Path | None = None) -> str:
    """(Re)place the site's templates and static files with the repository's current ones, with
    the standalone pages beside them (``content/*.md``: the templates' navigation links to them)."""
    templates = templates or REPO / "content" / "templates"
    dest, static = site / "content" / "templates", site / "content" / "static"
    for old in (dest, static):
        shutil.rmtree(old, ignore_errors=True)
    if templates.is_dir() and any(templates.iterdir()):
        shutil.copytree(templates, dest)
        if (templates.parent / "static").is_dir():  # the templates' stylesheet and images
            shutil.copytree(templates.parent / "static", static)
        for page in sorted(templates.parent.glob("*.md")):
            shutil.copyfile(page, site / "content" / page.name)
        return str(templates)
    dest.mkdir(parents=True)
    for name, text in FALLBACK_TEMPLATES.items():
        (dest / name).write_text(text, encoding="utf-8")
    return "fallback"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="kind", required=True)
    c = sub.add_parser("catalog", help="old.pot, old.po, new.pot and truth.json")
    c.add_argument("--size", type=int, default=1000, help="messages (e.g. 1000, 5000, 20000, 100000)")
    s = sub.add_parser("site", help="a project of N Markdown articles")
    s.add_argument("--articles", type=int, default=100, help="articles (e.g. 100, 1000, 10000)")
    s.add_argument("--templates", type=Path, help="templates to copy (default: the repo's content/templates)")
    for p in (c, s):
        p.add_argument("--out", type=Path, required=True, help="output directory")
        p.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if args.kind == "catalog":
        print(generate_catalog(args.size, args.out, args.seed))
    else:
        print(generate_site(args.articles, args.out, args.seed, args.templates))


if __name__ == "__main__":
    main()
