"""Renderers of status, check and audit results for people (text, HTML) and machines (JSON)."""
