"""Run the CLI as ``python -m l10n_tool``."""

from l10n_tool.cli import main

main()
