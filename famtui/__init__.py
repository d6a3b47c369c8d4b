"""famtui: a spoiler-safe companion for *For All Mankind*.

The headless core (episodes, catalog, gate, search, progress, importer) never
imports Textual; the CLI and the TUI are thin faces over it.
"""

__version__ = "0.1.0"
