"""Fill a project's content catalogs mechanically: an identity translation (every msgstr its
msgid) or a pseudo translation (every ASCII letter swapped for an accented one, placeholders
kept). For checking a target's round trip (tests, ``benchmarks/targets.py``), not for people."""

from __future__ import annotations

import string
from typing import Callable

from .. import po
from ..config import Project
from ..files import write_atomic

_PSEUDO = str.maketrans(string.ascii_lowercase + string.ascii_uppercase,
                        "ȧƀƈḓḗƒɠħīĵķŀḿƞǿƥɋřşŧŭṽẇẋẏẑ" "ȦƁƇḒḖƑƓĦĪĴĶĿḾȠǾƤɊŘŞŦŬṼẆẊẎẐ")


def pseudo(text: str) -> str:
    """*text* with every ASCII letter accented: no source word survives, placeholders do."""
    return text.translate(_PSEUDO)


def identity(text: str) -> str:
    return text


def fill_catalogs(project: Project, transform: Callable[[str], str], domain: str = "content") -> None:
    """Give every message of every locale's *domain* catalog the translation *transform* makes."""
    for locale in project.locales:
        path = project.catalog_path(locale, domain)
        catalog = po.read_po(path, display_path=project.relative(path))
        for message in catalog.messages:
            if not message.msgid or message.obsolete:
                continue
            message.fuzzy = False
            if message.msgid_plural is not None:
                message.msgstr_plural = {0: transform(message.msgid), 1: transform(message.msgid_plural)}
            else:
                message.msgstr = transform(message.msgid)
        write_atomic(path, po.format_po(catalog))
