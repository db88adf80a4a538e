"""Whole Markdown trees through l10n_tool's generator target, po4a and mdpo: an identity
translation of each, and how much of the tree comes back byte for byte.

    python benchmarks/targets.py FOLDER [--tools l10n,po4a,mdpo] [--target mkdocs] [--timeout 60]

FOLDER is a content tree (every ``*.md`` below it is a page). Per tool: messages extracted,
source words they cover (``l10n_tool.words.count_words`` on every msgid, markup included, as
a translator would count them), files written back identical to their source by an identity
translation (every msgstr its msgid), files the tool failed on (an error or more than
``--timeout`` seconds), and wall time. po4a runs as ``po4a-updatepo -f text -o markdown`` and
``po4a-translate -k 0``; mdpo as ``md2po`` and ``po2md``; both get ``msgen``'s identity catalog.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from l10n_tool import po  # noqa: E402
from l10n_tool.words import count_words  # noqa: E402


def markdown_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*.md") if path.is_file())


def _catalog_counts(path: Path) -> tuple[int, int]:
    catalog = po.read_po(path, display_path=str(path))
    messages = [m for m in catalog.messages if m.msgid and not m.obsolete]
    return len(messages), sum(count_words(m.msgid) for m in messages)


def run_l10n(folder: Path, work: Path, target: str, timeout: float) -> dict:
    import l10n_tool
    from l10n_tool.targets.fill import fill_catalogs, identity

    tree = work / "tree"
    shutil.copytree(folder, tree / "content")
    (tree / "l10n.yaml").write_text(f"locales: [nl]\ncontent: content\ntarget: {target}\npublish_threshold: 0\n"
                                    "front_matter: {title: text, description: text, date: any, tags: any}\n"
                                    "front_matter_keys: [title, description]\n", encoding="utf-8")
    sources = {path.relative_to(tree / "content"): path.read_bytes() for path in markdown_files(tree / "content")}
    start = time.perf_counter()
    failed = 0
    try:
        project = l10n_tool.Project.load(tree)
        l10n_tool.extract(project)
        l10n_tool.update(project)
        fill_catalogs(project, identity)
        result = l10n_tool.build(project)
    except Exception as exc:  # an input error, or a crash: the tree counts as failed, the table goes on
        print(f"l10n: {type(exc).__name__}: {exc}", file=sys.stderr)
        return {"failed": len(sources)}
    seconds = time.perf_counter() - start
    messages, words = _catalog_counts(project.template_path("content"))
    identical = 0
    from l10n_tool.targets.registry import GENERATORS

    generator = GENERATORS[target]
    for name, data in sources.items():
        written = Path(project.content_dir / generator.destination(name.as_posix(), "nl", project.target_layout, "en"))
        if written.is_file() and written.read_bytes() == data:
            identical += 1
    failed += len(sources) - len(result.written) - result.unchanged
    found = {"messages": messages, "words": words, "identical": identical, "failed": failed, "seconds": seconds}
    found["pseudo"] = _pseudo_round_trip(project, generator, sources)
    return found


def _pseudo_round_trip(project, generator, sources) -> str:
    """A pseudo translation of the tree: files whose written messages, read again, are exactly
    the pseudo translations of their source's, and the blocks kept in the source language."""
    import l10n_tool
    from l10n_tool.extract.markdown import parse_article
    from l10n_tool.targets.fill import fill_catalogs, pseudo

    fill_catalogs(project, pseudo)
    result = l10n_tool.build(project)
    exact = 0
    for name in sources:
        source = project.content_dir / name
        written = Path(project.content_dir / generator.destination(name.as_posix(), "nl", project.target_layout, "en"))
        try:
            before = parse_article(source, rel_path=str(name), slug="x", front_matter_keys=project.front_matter_keys,
                                   schema=project.front_matter).segments
            after = parse_article(written, rel_path=str(name), slug="x", front_matter_keys=project.front_matter_keys,
                                  schema=project.front_matter).segments
        except (OSError, l10n_tool.L10nError):
            continue
        exact += [s.msgid for s in after] == [pseudo(s.msgid) for s in before]
    kept = sum(len(fallbacks) for fallbacks in result.fallbacks.values())
    return f"{exact} of {len(sources)} files exact, {kept} block(s) kept in the source"


def _run(command: list[str], timeout: float, cwd: Path) -> bool:
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False
    return done.returncode == 0


def run_external(tool: str, folder: Path, work: Path, timeout: float) -> dict:
    """po4a or mdpo, one file at a time (each makes its own catalog, as they are used)."""
    files = markdown_files(folder)
    messages = words = identical = failed = 0
    start = time.perf_counter()
    for index, path in enumerate(files):
        pot, identity_po, out = work / f"{index}.pot", work / f"{index}.po", work / f"{index}.md"
        if tool == "po4a":
            made = _run(["po4a-updatepo", "-f", "text", "-o", "markdown", "-M", "UTF-8", "-m", str(path),
                         "-p", str(pot)], timeout, work)
        else:
            made = _run(["md2po", str(path), "--save", "--po-filepath", str(pot)], timeout, work)
        if not made or not pot.is_file():
            failed += 1
            continue
        if not _run(["msgen", "--no-wrap", "-o", str(identity_po), str(pot)], timeout, work):
            failed += 1
            continue
        try:
            count, covered = _catalog_counts(pot)
        except Exception:  # a catalog our reader refuses is still the tool's output: count nothing
            count, covered = 0, 0
        messages += count
        words += covered
        if tool == "po4a":
            back = _run(["po4a-translate", "-f", "text", "-o", "markdown", "-M", "UTF-8", "-m", str(path),
                         "-p", str(identity_po), "-l", str(out), "-k", "0"], timeout, work)
        else:
            back = _run(["po2md", str(path), "--pofiles", str(identity_po), "--save", str(out)], timeout, work)
        if not back or not out.is_file():
            failed += 1
            continue
        identical += out.read_bytes() == path.read_bytes()
    return {"messages": messages, "words": words, "identical": identical, "failed": failed,
            "seconds": time.perf_counter() - start}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--tools", default="l10n,po4a,mdpo")
    parser.add_argument("--target", default="mkdocs", help="the l10n target to write (default mkdocs)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per file for po4a and mdpo")
    options = parser.parse_args()
    folder = options.folder.resolve()
    files = len(markdown_files(folder))
    print(f"{folder.name}: {files} Markdown files")
    print("| tool | messages | words covered | files identical | failed | time (s) |")
    print("|---|---:|---:|---:|---:|---:|")
    pseudo_line = ""
    for tool in options.tools.split(","):
        if tool != "l10n" and shutil.which("po4a-updatepo" if tool == "po4a" else "md2po") is None:
            print(f"| {tool} | not installed | | | | |")
            continue
        with tempfile.TemporaryDirectory() as work:
            found = (run_l10n(folder, Path(work), options.target, options.timeout) if tool == "l10n"
                     else run_external(tool, folder, Path(work), options.timeout))
        print(f"| {tool} | {found.get('messages', 0)} | {found.get('words', 0)} | "
              f"{found.get('identical', 0)} of {files} | {found.get('failed', 0)} | {found.get('seconds', 0):.1f} |",
              flush=True)
        if "pseudo" in found:
            pseudo_line = f"l10n, pseudo translation read back: {found['pseudo']}"
    if pseudo_line:
        print(f"\n{pseudo_line}")


if __name__ == "__main__":
    main()
