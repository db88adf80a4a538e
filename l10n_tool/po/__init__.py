"""The catalog layer: the only code that reads and writes PO, POT and MO files.

Strict reader (errors at path:line[:col]), lossless writer (unchanged entries keep their
bytes; new ones are wrapped like GNU gettext), msgmerge-style update with fast fuzzy
matching, .mo compilation and CLDR-derived Plural-Forms."""

from .catalog import Catalog
from .header import new_header
from .merge import merge
from .message import Message
from .mo import compile_mo, write_mo
from .plurals import parse_plural_forms, plural_forms
from .reader import parse_po, read_po
from .stats import catalog_stats, count_words
from .writer import format_message, format_po, write_po

__all__ = [
    "Catalog", "Message", "read_po", "parse_po", "format_po", "write_po", "merge",
    "compile_mo", "write_mo", "plural_forms", "parse_plural_forms", "new_header",
    "catalog_stats", "count_words", "format_message",
]
