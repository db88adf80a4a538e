"""Read-only commands write nothing in the project: no cache, no lock, no output."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n_tool.cli import main

from conftest import copy_example


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("command", [
    ["status"],
    ["status", "--pages", "--format", "json"],
    ["status", "--list-missing", "--format", "html"],
    ["check"],
    ["audit", "site"],
], ids=" ".join)
def test_a_read_only_command_leaves_the_project_as_it_was(tmp_path, command):
    root = copy_example(tmp_path)
    if command[0] == "audit":
        assert CliRunner().invoke(main, ["build", "-C", str(root)]).exit_code == 0
        command = ["audit", str(root / "site")]
    before = snapshot(root)
    result = CliRunner().invoke(main, [*command, "-C", str(root)] if command[0] != "audit" else command,
                                catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    assert snapshot(root) == before
