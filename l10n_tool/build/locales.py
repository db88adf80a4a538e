"""What a page needs to know of a locale: its BCP 47 tag, its name in itself, its direction."""

from __future__ import annotations

import functools

from babel import Locale

from l10n_tool.config import spell_locale


def hreflang(locale: str) -> str:
    """BCP 47 form of a locale code (``pt_BR`` -> ``pt-BR``): in URLs, ``lang`` and hreflang."""
    return spell_locale(locale)


@functools.lru_cache(maxsize=None)
def babel_locale(locale: str) -> Locale:
    return Locale.parse(locale.replace("-", "_"))


@functools.lru_cache(maxsize=None)
def self_name(locale: str) -> str:
    """The language's name in itself, capitalised as a menu item: ``Nederlands``."""
    name = babel_locale(locale).get_display_name(babel_locale(locale)) or locale
    return name[:1].upper() + name[1:]


def text_direction(locale: str) -> str:
    return "rtl" if babel_locale(locale).character_order == "right-to-left" else "ltr"
