"""benchmarks/targets.py at a smoke size (our tool only), so it cannot rot. No timing asserts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_targets_benchmark_runs_a_tree(tmp_path):
    folder = ROOT / "tests" / "data" / "targets" / "mkdocs" / "site" / "docs"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "targets.py"), str(folder), "--tools", "l10n"],
                          capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert done.returncode == 0, done.stderr
    row = next(line for line in done.stdout.splitlines() if line.startswith("| l10n |"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[3] == "4 of 4" and cells[4] == "0"
    assert "pseudo translation read back: 4 of 4 files exact, 0 block(s) kept in the source" in done.stdout
