"""Localise a site another generator builds: write, per locale, the translated content tree in
the layout Hugo, mkdocs-static-i18n, Docusaurus or jekyll-polyglot reads (``target:`` in
``l10n.yaml``). Each file written is its source with only the translated spans replaced
(``spans.py`` for Markdown blocks, ``front_matter.py`` for front matter values), so an identity
translation gives back the source bytes; ``write.py`` decides what is written where, with one
module per generator for its layout (``hugo``, ``mkdocs``, ``docusaurus``, ``jekyll``)."""

from .write import TargetResult, manifest_path, write_target

__all__ = ["TargetResult", "manifest_path", "write_target"]
