"""The catalog layer: the only code that reads and writes PO, POT and MO files.

Strict reader (errors at path:line[:col]), lossless writer (unchanged entries keep their
bytes; new ones are wrapped like GNU gettext), msgmerge-style update with fast fuzzy
matching, .mo compilation and CLDR-derived Plural-Forms.

The names below are imported from their modules on first use, so that a command needing
one of them (`l10n status FILE.po`) does not pay for importing all the others."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import export_lazily

_EXPORTS = {
    "Catalog": "catalog", "Message": "message", "read_po": "reader", "parse_po": "reader",
    "format_po": "writer", "write_po": "writer", "only_fields_differ": "writer", "format_message": "writer", "merge": "merge",
    "compile_mo": "mo", "write_mo": "mo", "plural_forms": "plurals",
    "parse_plural_forms": "plurals", "new_header": "header", "catalog_stats": "stats",
    "compile_file": "mo", "Summary": "summary", "summarize": "summary",
    "summary_pieces": "summary", "catalog_summary": "summary",
}
__all__ = list(_EXPORTS)

if TYPE_CHECKING:
    from .catalog import Catalog
    from .header import new_header
    from .merge import merge
    from .message import Message
    from .mo import compile_file, compile_mo, write_mo
    from .plurals import parse_plural_forms, plural_forms
    from .reader import parse_po, read_po
    from .stats import catalog_stats
    from .summary import Summary, catalog_summary, summarize, summary_pieces
    from .writer import format_message, format_po, only_fields_differ, write_po


export_lazily(__name__, _EXPORTS)   # and `po.merge` stays the function, not the submodule
