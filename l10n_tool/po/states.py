"""What a message's state means, defined once: fuzzy, empty, translated, compiled into a .mo.

Plain functions over plain values (flags, translation forms), so that code reading a file
without building Message objects (po.fast) uses the very definitions Message uses. Of a form
only its truth is asked: po.fast passes whether each form has text, without decoding it."""

from __future__ import annotations

from typing import Iterable, Sequence

FUZZY = "fuzzy"


def is_fuzzy(flags: Iterable[str]) -> bool:
    """Marked for review: the fuzzy flag is among the flags."""
    return FUZZY in flags


def is_empty(form: str) -> bool:
    """A translation form not filled in."""
    return not form


def is_translated(fuzzy: bool, forms: Sequence[str]) -> bool:
    """Not fuzzy and every form filled in (an obsolete message is never translated)."""
    return not fuzzy and bool(forms) and not any(map(is_empty, forms))


def is_compiled(fuzzy: bool, forms: Sequence[str]) -> bool:
    """Goes into the .mo, as msgfmt decides: not fuzzy and the first form filled in."""
    return not fuzzy and bool(forms) and not is_empty(forms[0])
