"""The placeholder grammar that markup (which checks and renders placeholders) and words
(which does not count them) share."""

from __future__ import annotations

import re

NUMBER = r"(?:0|[1-9][0-9]*)"
"""A markup placeholder's number (``<N>``, ``</N>``, ``<N/>``): no leading zeros."""

PERCENT_FORMAT_RE = re.compile(
    r"%(?:\([^)\s]*\))?[-#0 +]*(?:\*|[0-9]+)?(?:\.(?:\*|[0-9]+))?[diouxXeEfFgGcrsa%]")
"""Python %-format placeholders: ``%(name)s``, ``%d``."""

BRACE_FORMAT_RE = re.compile(r"\{[A-Za-z0-9_.\[\]!:]*\}")
"""Python brace-format placeholders: ``{name}``, ``{0}``. (Apart from the %-format ones: a
pattern that starts with one literal character is searched for much faster, and as one may
not hold a "%", replacing the %-format placeholders first finds the same ones.)"""
