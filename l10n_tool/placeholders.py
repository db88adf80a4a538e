"""The placeholder grammar that markup (which checks and renders placeholders) and words
(which does not count them) share."""

from __future__ import annotations

import re

NUMBER = r"(?:0|[1-9][0-9]*)"
"""A markup placeholder's number (``<N>``, ``</N>``, ``<N/>``): no leading zeros."""

FORMAT_RE = re.compile(
    r"%(?:\([^)\s]*\))?[-#0 +]*(?:\*|[0-9]+)?(?:\.(?:\*|[0-9]+))?[diouxXeEfFgGcrsa%]"
    r"|\{[A-Za-z0-9_.\[\]!:]*\}"
)
"""Python format placeholders: ``%(name)s``, ``%d``, ``{name}``, ``{0}``."""
