"""Give a prepared benchmark site (extracted, updated, translated: see run.py's build rows) more
target locales, each a copy of its `nl` catalogs, to measure how a build grows with locales.

    python benchmarks/more_locales.py SITE 12     # l10n.yaml then lists 12 target locales
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

EXTRA = ["fr", "es", "it", "pt", "pl", "sv", "da", "fi", "cs", "hu", "ro", "el", "tr", "id", "vi"]


def add_locales(site: Path, count: int) -> list[str]:
    """Copy `nl`'s catalogs to new locales until *count* target locales; the new list."""
    config = site / "l10n.yaml"
    text = config.read_text(encoding="utf-8")
    current = [code.strip() for code in re.search(r"^locales: \[(.*)\]$", text, re.M).group(1).split(",")]
    wanted = current + [code for code in EXTRA if code not in current][:max(0, count - len(current))]
    source = site / "locales" / "nl" / "LC_MESSAGES"
    for code in wanted[len(current):]:
        target = site / "locales" / code / "LC_MESSAGES"
        target.mkdir(parents=True, exist_ok=True)
        for path in source.glob("*.po"):
            data = path.read_text(encoding="utf-8").replace('"Language: nl\\n"', f'"Language: {code}\\n"', 1)
            (target / path.name).write_text(data, encoding="utf-8")
        for path in source.glob("*.mo"):
            shutil.copy(path, target / path.name)
    config.write_text(re.sub(r"^locales: \[.*\]$", f"locales: [{', '.join(wanted)}]", text, flags=re.M),
                      encoding="utf-8")
    return wanted


if __name__ == "__main__":
    print(", ".join(add_locales(Path(sys.argv[1]), int(sys.argv[2]))))
