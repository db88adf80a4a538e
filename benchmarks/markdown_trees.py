"""What extraction reads of real Markdown trees (Hugo, MkDocs, Jekyll, Docusaurus sites).

    python benchmarks/markdown_trees.py FOLDER [FOLDER ...] [--json OUT]

For each folder, every ``.md`` and ``.markdown`` file below it is parsed as an article (as
``l10n extract`` reads it) and counted: messages and their words, words our parse leaves out
of every message (indented code blocks, text of raw HTML blocks), and msgids that hold syntax
a translator must not see (shortcodes and template tags, attribute lists, footnote and
abbreviation syntax, admonition markers). The package measured is the one in the repository
holding this script, unless ``L10N_TOOL_ROOT`` names another checkout (to measure an older
version with the same figures). No folder given, or none that exists: it prints why
and exits 0 (the trees are fetched, not kept in the repository).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from html import unescape
from pathlib import Path

sys.path.insert(0, os.environ.get("L10N_TOOL_ROOT") or str(Path(__file__).resolve().parent.parent))

from l10n_tool.errors import SourceError  # noqa: E402
from l10n_tool.extract.markdown import parse_article  # noqa: E402
from l10n_tool.words import count_words  # noqa: E402

SUFFIXES = (".md", ".markdown")
KEYS = ["title", "description", "summary", "linkTitle"]
SYNTAX = {
    "template": re.compile(r"\{\{[<%]|[%>]\}\}|\{%|%\}|\{\{|\}\}"),
    "attribute list": re.compile(r"\{:?\s*[.#][A-Za-z][\w-]*"),
    "footnote": re.compile(r"\[\^[^\]]+\]"),
    "abbreviation": re.compile(r"^\*\[[^\]]+\]:"),
    "admonition marker": re.compile(r"^(?:!!!|\?\?\?\+?|===\+?|:::)\s*\w"),
}
_TAG_RE = re.compile(r"<(pre|code|kbd|script|style)\b.*?</\1\s*>|<[^>]*>"
                     r"|\{\{<.*?>\}\}|\{\{%.*?%\}\}|\{%.*?%\}|\{\{.*?\}\}", re.S | re.I)


def html_words(html: str) -> int:
    """Words readers see in raw HTML: text outside tags, template tags, code, pre, kbd, script
    and style."""
    return count_words(unescape(_TAG_RE.sub(" ", html)))


def measure(folder: Path) -> dict:
    files = sorted(p for p in folder.rglob("*") if p.suffix in SUFFIXES and p.is_file())
    totals = {"folder": str(folder), "files": len(files), "errors": 0, "crashes": 0, "messages": 0, "words": 0,
              "code_block_words": 0, "html_block_words": 0, "seconds": 0.0}
    totals.update({f"msgids with {name}": 0 for name in SYNTAX})
    errors = []
    started = time.perf_counter()
    for path in files:
        rel = path.relative_to(folder).as_posix()
        try:
            document = parse_article(path, rel_path=rel, slug=rel, front_matter_keys=KEYS)
        except SourceError as exc:
            totals["errors"] += 1
            errors.append(str(exc))
            continue
        except Exception as exc:  # noqa: BLE001 - a crash is a finding, counted, not the end of the run
            totals["crashes"] += 1
            errors.append(f"{rel}: crash: {exc!r}")
            continue
        fields = set(document.front_matter.values())
        for segment, words in zip(document.segments, document.page.words):
            if segment in fields:
                continue
            totals["messages"] += 1
            totals["words"] += words
            for name, pattern in SYNTAX.items():
                if pattern.search(segment.msgid):
                    totals[f"msgids with {name}"] += 1
        for token in document.tokens:
            if token.type == "code_block":
                totals["code_block_words"] += count_words(token.content)
            elif token.type == "html_block":
                totals["html_block_words"] += html_words(token.content)
    totals["seconds"] = round(time.perf_counter() - started, 2)
    seen = totals["words"] + totals["code_block_words"] + totals["html_block_words"]
    totals["percent_left_out"] = round(100 * (seen - totals["words"]) / seen, 1) if seen else 0.0
    totals["first_errors"] = errors[:5]
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--json", type=Path, help="write the figures as JSON here too")
    args = parser.parse_args(argv)
    folders = [folder for folder in args.folders if folder.is_dir()]
    if not folders:
        print("skipped: give one or more content folders (for example a fetched hugoDocs/content/en)")
        return 0
    results = [measure(folder) for folder in folders]
    for result in results:
        print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
