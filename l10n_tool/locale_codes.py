"""What a locale code is: one Babel knows, spelled one way per use (BCP 47 in URLs and ``lang``,
gettext's ``pt_BR`` for catalog folders)."""

from __future__ import annotations

import functools
import re
from typing import Any

from babel import Locale, UnknownLocaleError

from l10n_tool.errors import L10nError

_LOCALE_SHAPE = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")


def validate_locale(code: Any, *, where: str = "locale") -> str:
    """Return *code* if it is a locale Babel knows, else raise L10nError (no path tricks)."""
    if not isinstance(code, str) or not _LOCALE_SHAPE.match(code):
        raise L10nError(f"{where}: {code!r} is not a locale code")
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise L10nError(f"{where}: unknown locale {code!r}") from None
    return code


def canonical_locale(code: Any, *, where: str = "locale") -> str:
    """The one spelling of a valid locale code the project uses, BCP 47 (``pt_br`` -> ``pt-BR``):
    in URLs, ``lang`` and reports. Raises L10nError as ``validate_locale`` does."""
    return spell_locale(validate_locale(code, where=where))


@functools.lru_cache(maxsize=None)
def spell_locale(code: str) -> str:
    """*code* (checked or not) in BCP 47 spelling: subtags joined by ``-``, the language in lower
    case, a script in title case (``Hant``), a region in upper case (``BR``, ``419``), variants
    in lower case."""
    first, *rest = re.split(r"[-_]", code)
    parts = [first.lower()]
    for part in rest:
        if len(part) == 4 and part.isalpha():
            parts.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            parts.append(part.upper())
        else:
            parts.append(part.lower())
    return "-".join(parts)


def catalog_folder(locale: str) -> str:
    """The catalog folder of a canonical locale, as gettext spells it: ``pt-BR`` -> ``pt_BR``."""
    return locale.replace("-", "_")
