"""The Jinja2 settings extraction and the build share: ``jinja:`` in ``l10n.yaml``.

Extraction reads templates exactly as the build renders them (same extensions, same
whitespace handling, same ``trimmed`` policy), so every msgid it writes is one the build
looks up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

JINJA_OWN = {name: f"jinja2.ext.{name}" for name in ("i18n", "do", "loopcontrols", "debug")}
"""Jinja's own extensions, which ``jinja.extensions`` may name by their short name."""

WHITESPACE = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}
"""How the build's environment treats whitespace around tags; extraction reads alike."""

UNKNOWN_TAG_MODES = ("warn", "error")
_KEYWORD = re.compile(r"^[A-Za-z_]\w*(?::[1-9]\d*[ct]?(?:,[1-9]\d*[ct]?)*)?$")


@dataclass(frozen=True)
class JinjaOptions:
    """How templates are read. A setting given in ``l10n.yaml`` replaces its default.

    ``extensions``: import paths (``pkg.module.Class`` or ``pkg.module:Class``) or Jinja's own
    short names, loaded besides ``jinja2.ext.i18n``; ``keywords``: gettext functions in
    xgettext's ``-k`` syntax (``ngettext:1,2``, ``pgettext:1c,2``); ``comment_tags``: the
    first word of a ``{# ... #}`` comment that is meant for translators; ``suffixes``: the
    template files that are extracted; ``unknown_tags``: ``warn`` reads a tag no extension
    defines as if absent (its arguments are still searched for messages), ``error`` refuses it.
    """

    extensions: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ("_", "gettext", "ngettext:1,2", "pgettext:1c,2", "npgettext:1c,2,3")
    comment_tags: tuple[str, ...] = ("Translators:",)
    suffixes: tuple[str, ...] = (".html", ".htm", ".xml", ".j2", ".jinja", ".txt")
    trimmed: bool = True
    newstyle: bool = True
    unknown_tags: str = "warn"

    def keyword_specs(self) -> dict:
        """``keywords`` as Babel's extraction takes them."""
        from babel.messages.frontend import parse_keywords

        return parse_keywords(self.keywords)


def is_keyword(text: str) -> bool:
    """Whether *text* is a gettext function as xgettext's ``-k`` takes it: ``_``,
    ``ngettext:1,2``, ``pgettext:1c,2``, ``f:1,2,3t`` (only calls with 3 arguments)."""
    return bool(_KEYWORD.match(text))


def extension_classes(options: JinjaOptions) -> list[type]:
    """``jinja2.ext.i18n`` and the extensions *options* names, imported, each once; a
    ConfigError naming the entry of ``jinja.extensions`` that cannot be imported or is none."""
    from jinja2.ext import Extension
    from jinja2.utils import import_string

    from l10n_tool.errors import ConfigError

    named = [("jinja.extensions", JINJA_OWN["i18n"])]
    named += [(f"jinja.extensions[{i}]", JINJA_OWN.get(name, name)) for i, name in enumerate(options.extensions)]
    classes: dict[str, type] = {}
    for where, path in named:
        if path in classes:
            continue
        try:
            found = import_string(path)
        except (ImportError, AttributeError) as exc:
            raise ConfigError("l10n.yaml", None, f"{where}: cannot import {path!r} ({exc})") from None
        if not (isinstance(found, type) and issubclass(found, Extension)):
            raise ConfigError("l10n.yaml", None, f"{where}: {path!r} is not a Jinja extension class")
        classes[path] = found
    return list(classes.values())
