"""Template sets people already have: how many templates extract, before and after, and
whether our messages equal ``pybabel extract``'s given the same options.

    python benchmarks/templates.py DIR[=SETTINGS.yaml] ...   # a folder of templates each
    PYTHONPATH=extra/modules python benchmarks/templates.py ckan/templates=ckan.yaml

SETTINGS is a YAML file holding what ``jinja:`` in l10n.yaml holds (default: the defaults).
A folder that is absent is skipped. "before" is the tool as it was: Jinja's i18n extension
only, an unknown tag an error (and the first error ended the run).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from l10n_tool.errors import SourceError  # noqa: E402
from l10n_tool.extract.templates import cached_segments, skipped_templates, template_files  # noqa: E402
from l10n_tool.jinja_options import JINJA_OWN, WHITESPACE, JinjaOptions  # noqa: E402


def ours(folder: Path, options: JinjaOptions) -> tuple[dict, list[str], list[str], int]:
    """Our messages of every template below *folder* as ``{(context, msgid): (plural, flags,
    comments, locations)}``, the warnings, the errors and how many templates were read."""
    messages: dict = {}
    warnings: list[str] = [str(w) for w in skipped_templates(folder, options.suffixes, folder.name)]
    errors: list[str] = []
    read = 0
    for path in template_files(folder, options.suffixes):
        try:
            segments, found = cached_segments([(path, path.relative_to(folder).as_posix())], {}, options)
        except SourceError as exc:
            errors.append(str(exc))
            continue
        read += 1
        warnings.extend(str(w) for w in found)
        for s in segments:
            plural, flags, comments, locations = messages.get(s.key, (s.plural, set(), [], []))
            messages[s.key] = (plural or s.plural, flags | set(s.flags),
                               comments + [c for c in s.comments if c not in comments],
                               locations + [str(s.origin)] * (str(s.origin) not in locations))
    return messages, warnings, errors, read


def pybabel(folder: Path, options: JinjaOptions) -> dict | str:
    """``pybabel extract``'s messages for *folder* with *options* said in its own terms, in
    the shape of :func:`ours`, or the last line of its error when it fails."""
    from babel.messages.pofile import read_po

    settings = {
        "encoding": "utf-8", "silent": "false",
        "extensions": ",".join(JINJA_OWN.get(e, e) for e in options.extensions),
        "trimmed": str(options.trimmed).lower(), "newstyle_gettext": str(options.newstyle).lower(),
        **{key: str(value).lower() for key, value in WHITESPACE.items()},
    }
    body = "".join(f"{key} = {value}\n" for key, value in settings.items())
    mapping = "".join(f"[jinja2: **{suffix}]\n{body}\n" for suffix in options.suffixes)
    with tempfile.TemporaryDirectory() as work:
        Path(work, "mapping.cfg").write_text(mapping, encoding="utf-8")
        command = [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", f"{work}/mapping.cfg",
                   "--no-default-keywords", "--strip-comment-tags", "--omit-header", "-o", f"{work}/out.pot"]
        command += [f"--keyword={k}" for k in options.keywords]
        command += [f"--add-comments={tag}" for tag in options.comment_tags]
        run = subprocess.run([*command, "."], cwd=folder, capture_output=True, text=True, env=dict(os.environ))
        if run.returncode:
            return (run.stderr.strip().splitlines() or ["failed"])[-1]
        with open(f"{work}/out.pot", "rb") as handle:
            catalog = read_po(handle)
    messages = {}
    for message in catalog:
        if not message.id:
            continue
        singular, plural = message.id if isinstance(message.id, tuple) else (message.id, None)
        locations = [f"{Path(name).as_posix()}:{line}" for name, line in message.locations]
        messages[(message.context, singular)] = (plural, set(message.flags) - {"fuzzy"},
                                                 list(message.auto_comments), locations)
    return messages


def compare(folder: Path, options: JinjaOptions) -> dict:
    """The figures of one template set: before and after, the difference from pybabel's, and
    (when *options* names extensions) that of ours read without them, unknown tags opaque."""
    before = ours(folder, JinjaOptions(unknown_tags="error"))
    after = ours(folder, options)
    theirs = pybabel(folder, options)
    figures = {
        "templates": len(template_files(folder, options.suffixes)),
        "before_read": before[3], "before_messages": len(before[0]), "before_errors": len(before[2]),
        "after_read": after[3], "after_messages": len(after[0]), "after_warnings": len(after[1]),
        "after_errors": after[2], "pybabel": theirs if isinstance(theirs, str) else len(theirs),
    }
    if isinstance(theirs, dict):
        figures["same_as_pybabel"] = differences(after[0], theirs)
        foreign = tuple(e for e in options.extensions if e not in JINJA_OWN)
        if foreign:
            opaque = ours(folder, replace(options, extensions=tuple(e for e in options.extensions if e in JINJA_OWN)))
            figures["opaque_warnings"] = len(opaque[1])
            figures["opaque_vs_pybabel"] = differences(opaque[0], theirs)
    return figures


def differences(mine: dict, theirs: dict) -> dict:
    """Keys only in one side, and keys whose plural, flags, comments or locations differ (the
    order of locations is the order files are walked in, which differs)."""
    def same(key) -> bool:
        (a_plural, a_flags, a_comments, a_lines), (b_plural, b_flags, b_comments, b_lines) = mine[key], theirs[key]
        return (a_plural, a_flags, a_comments, sorted(a_lines)) == (b_plural, b_flags, b_comments, sorted(b_lines))

    return {"only_ours": sorted(set(mine) - set(theirs), key=str),
            "only_pybabel": sorted(set(theirs) - set(mine), key=str),
            "differing": sorted((k for k in set(mine) & set(theirs) if not same(k)), key=str)}


def load_options(settings: Path | None) -> JinjaOptions:
    """The ``jinja:`` settings in *settings* (a YAML mapping), read as l10n.yaml's are."""
    from l10n_tool.config import Project

    text = settings.read_text(encoding="utf-8") if settings else ""
    with tempfile.TemporaryDirectory() as root:
        indented = "".join(f"  {line}\n" for line in text.splitlines())
        Path(root, "l10n.yaml").write_text(f"jinja:\n{indented}" if indented.strip() else "", encoding="utf-8")
        return Project.load(root).jinja


def main(argv: list[str]) -> int:
    for argument in argv:
        name, _, settings_file = argument.partition("=")
        folder = Path(name)
        if not folder.is_dir():
            print(f"{folder}: absent, skipped")
            continue
        options = load_options(Path(settings_file) if settings_file else None)
        figures = compare(folder, options)
        print(f"{folder}: {figures['templates']} templates")
        stopped = "; the run stopped at the first refusal" if figures["before_errors"] else ""
        print(f"  before: {figures['before_read']} read, {figures['before_errors']} refused "
              f"({figures['before_messages']} messages{stopped})")
        print(f"  after:  {figures['after_read']} read, {len(figures['after_errors'])} refused, "
              f"{figures['after_messages']} messages, {figures['after_warnings']} warnings")
        print(f"  pybabel: {figures['pybabel']} messages" if isinstance(figures["pybabel"], int)
              else f"  pybabel failed: {figures['pybabel']}")
        for label in ("same_as_pybabel", "opaque_vs_pybabel"):
            if label in figures:
                found = figures[label]
                print(f"  {label}: " + ", ".join(f"{len(v)} {k}" for k, v in found.items()))
                for kind, keys in found.items():
                    for key in keys[:3]:
                        print(f"    {kind}: {key!r}")
        for error in figures["after_errors"][:5]:
            print(f"  error: {error}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
