"""The benchmark generator and runner at a smoke size, so they cannot rot. No timing asserts."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("msgmerge", "msgfmt", "msgcat")),
    reason="GNU gettext (msgmerge, msgfmt, msgcat) is not installed: the baseline cannot run",
)


def generate(*args: str) -> None:
    subprocess.run([sys.executable, str(BENCH / "generate.py"), *args], check=True, capture_output=True)


def test_generator_is_deterministic_and_valid(tmp_path):
    for out in ("a", "b"):
        generate("catalog", "--size", "50", "--out", str(tmp_path / out))
    for name in ("old.pot", "old.po", "new.pot", "truth.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    for name in ("old.po", "new.pot"):  # gettext itself accepts the files
        subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(tmp_path / "a" / name)], check=True,
                       capture_output=True)
    truth = json.loads((tmp_path / "a" / "truth.json").read_text(encoding="utf-8"))
    assert len(truth["edited"]) == 5 and len(truth["added"]) == 2 and len(truth["removed"]) == 2

    generate("site", "--articles", "5", "--out", str(tmp_path / "site"))
    assert len(list((tmp_path / "site" / "content" / "posts").glob("*.md"))) == 5
    assert "front_matter_keys" in (tmp_path / "site" / "l10n.yaml").read_text()
    assert any((tmp_path / "site" / "content" / "templates").glob("*.html"))


def test_runner_reports_every_operation_and_the_baseline(tmp_path):
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--sizes", "50", "--articles", "5", "--runs", "1",
         "--data", str(tmp_path / "data"), "--out", str(out), "--timeout", "300"],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert "| operation |" in proc.stdout
    rows = {row["op"]: row for row in json.loads(out.read_text(encoding="utf-8"))["rows"]}
    assert set(rows) == {
        "startup", "update", "update-exact", "roundtrip", "compile", "status", "quality",
        "extract", "extract, 1 article edited", "build (3 locales)", "build, 1 .po entry edited",
    }
    for row in rows.values():  # ours measured: every command the runner times works on its data
        ours = row["ours"]
        assert ours["error"] is None and (ours["median"] is not None or ours["quality"]), row
    for op in ("update", "update-exact", "roundtrip", "compile", "status"):
        theirs = rows[op]["theirs"]
        assert theirs["error"] is None and theirs["median"] > 0 and theirs["peak"] > 0, rows[op]
    # quick pairs are run --quick-runs times, ours and theirs alike (alternating)
    assert len(rows["status"]["ours"]["seconds"]) == len(rows["status"]["theirs"]["seconds"]) == 11
    quality = rows["quality"]["theirs"]["quality"]
    assert quality["edited"] == 5 and quality["added"] == 2
    assert 0 <= quality["edited_right"] <= quality["edited_fuzzy"] <= 5


def test_a_timed_out_update_is_not_run_again_for_its_quality(tmp_path):
    """msgmerge at 100k messages needs hours: once its update row timed out, the quality row
    says so instead of waiting for it a second time."""
    shims = tmp_path / "bin"
    shims.mkdir()
    calls = tmp_path / "calls"
    fake = shims / "msgmerge"
    fake.write_text(f'#!/bin/sh\n[ "$1" = --version ] && exec {shutil.which("msgmerge")} "$@"\n'
                    f'echo run >> {calls}\nexec sleep 60\n')
    fake.chmod(0o755)
    out = tmp_path / "results.json"
    env = dict(os.environ, PATH=f"{shims}{os.pathsep}{os.environ['PATH']}")
    proc = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--sizes", "50", "--runs", "1", "--only", "update,quality",
         "--data", str(tmp_path / "data"), "--out", str(out), "--timeout", "2"],
        capture_output=True, text=True, env=env,
    )
    assert proc.returncode == 0, proc.stderr
    rows = {row["op"]: row for row in json.loads(out.read_text(encoding="utf-8"))["rows"]}
    assert rows["update"]["theirs"]["error"] == "timeout after 2 s"
    assert rows["quality"]["theirs"]["error"] == "n/a: the update row: timeout after 2 s"
    assert rows["quality"]["ours"]["quality"]["edited"] == 5
    assert calls.read_text() == "run\n"


def test_runner_refuses_to_time_another_checkout(tmp_path):
    """A copy of the runner outside this repository would time this repository's package (the
    one installed), not the copy's: it says so instead of printing figures of the wrong code."""
    copy = tmp_path / "other"
    (copy / "benchmarks").mkdir(parents=True)
    (copy / "l10n_tool").mkdir()
    for name in ("run.py", "generate.py"):
        shutil.copy(BENCH / name, copy / "benchmarks" / name)
    proc = subprocess.run([sys.executable, str(copy / "benchmarks" / "run.py"), "--sizes", "50", "--runs", "1",
                           "--only", "startup", "--data", str(tmp_path / "data")], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "not from this repository" in proc.stderr
