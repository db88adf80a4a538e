"""l10n_tool: localise content sites with gettext catalogs."""

__version__ = "0.1.0"
