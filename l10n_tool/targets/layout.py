"""What every generator's layout module gives: where a page's translation is written, which
files of the content tree are such translations (never sources), and how a fallback is marked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Callable


@dataclass(frozen=True)
class Generator:
    """One generator's conventions. Paths are POSIX, *name* below the content folder; a
    destination is relative to the content folder (it may climb out of it with ``..``)."""

    name: str
    layouts: tuple[str, ...]  # the first is the default
    mark: str  # the default fallback mark (``article.MARKS`` key, ``html`` or ``none``)
    destination: Callable[..., str]  # (name, locale, layout, source_locale) -> path
    is_output: Callable[[str, tuple[str, ...], str], bool]  # (name, locales, layout)
    sets_lang: bool = False  # the written file's front matter gets ``lang: <locale>``


def with_suffix(name: str, locale: str, source_locale: str | None = None) -> str:
    """``posts/x.md`` (or ``posts/x.en.md``) -> ``posts/x.nl.md``."""
    path = PurePosixPath(name)
    stem, suffix = path.stem, path.suffix
    if source_locale and stem.lower().endswith("." + source_locale.lower()):
        stem = stem[: -len(source_locale) - 1]
    return str(path.with_name(f"{stem}.{locale}{suffix}"))


def has_locale_suffix(name: str, locales: tuple[str, ...]) -> bool:
    """Whether the file name ends in ``.<locale>.<ext>`` for one of *locales* (any case)."""
    found = re.search(r"\.([A-Za-z0-9_-]+)\.[A-Za-z0-9]+$", PurePosixPath(name).name)
    return bool(found) and found.group(1).lower() in {locale.lower() for locale in locales}


def beside(name: str, locale: str) -> str:
    """``x/y.md`` below ``docs/en`` -> ``../nl/x/y.md`` (a sibling folder named by the locale)."""
    return f"../{locale}/{name}"
