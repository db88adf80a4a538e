"""Assemble the localised site: pages per locale, fallbacks marked, alternates, sitemap.

The pipeline (``pipeline.build_site``) flows one way: inputs (``inputs.py`` reads everything;
``changes.py`` only what changed translations touch) -> a plan (``plan.py``: what is published,
where it is written, what must be rendered) -> rendering (``render.py``, ``pages.py``,
``markdown.py``, ``templates.py``) -> the output (``output.py``) -> the build state
(``state.py``), saved once the build succeeded.
"""

from .output import manifest_path, read_manifest
from .pipeline import BuildResult, build_site

__all__ = ["BuildResult", "build_site", "manifest_path", "read_manifest"]
