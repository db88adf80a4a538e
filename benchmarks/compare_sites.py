"""Compare two built sites byte for byte: every file, and of the build manifest (whose
fingerprints carry a digest of the tool's own code) the file list and the UI texts. Builds
before the manifest moved out of the output kept it there: one found on one side only is not
a difference.

    python benchmarks/compare_sites.py SITE_A SITE_B      # exit 0 when the same, 1 otherwise
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

MANIFEST = ".l10n-build.json"


def files(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}


def manifest_view(path: Path) -> tuple:
    data = json.loads(path.read_text(encoding="utf-8"))
    return sorted(data.get("files", {})), data.get("ui_texts")


def differences(a: Path, b: Path) -> list[str]:
    left, right = files(a), files(b)
    found = [f"only in {a}: {name}" for name in sorted(left.keys() - right.keys()) if name != MANIFEST]
    found += [f"only in {b}: {name}" for name in sorted(right.keys() - left.keys()) if name != MANIFEST]
    for name in sorted(left.keys() & right.keys()):
        if name == MANIFEST:
            if manifest_view(left[name]) != manifest_view(right[name]):
                found.append(f"{name}: the file lists or UI texts differ")
        elif left[name].read_bytes() != right[name].read_bytes():
            found.append(f"differs: {name}")
    return found


def main(argv: list[str]) -> int:
    a, b = map(Path, argv)
    found = differences(a, b)
    for line in found[:50]:
        print(line)
    print(f"{len(files(a))} files compared: {'the same' if not found else f'{len(found)} difference(s)'}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
