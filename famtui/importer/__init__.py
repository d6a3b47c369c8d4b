"""Importing recap articles: headless (no Textual), used by the CLI and the app.

``import_file(show, path, episode=None, dry_run=False)`` reads an article, detects its
episode, links its names through the gate, withholds sentences that name later
things and stores it; ``ImportResult.report(view)`` says what happened, gated for a
viewer. Submodules: ``text`` (reading, decoding, sentences), ``detect`` (the episode),
``link`` (names and the leak guard), ``store`` (TOML files), ``api``, ``command`` (CLI).
Attributes load lazily so that reading stored imports does not import rapidfuzz.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from famtui.importer.api import EpisodeUnclear, ImportResult, analyse, import_file
    from famtui.importer.text import ArticleError

__all__ = ["ArticleError", "EpisodeUnclear", "ImportResult", "analyse", "import_file"]


def __getattr__(name: str) -> Any:
    if name == "ArticleError":
        from famtui.importer.text import ArticleError

        return ArticleError
    if name in ("EpisodeUnclear", "ImportResult", "analyse", "import_file"):
        from famtui.importer import api

        return getattr(api, name)
    raise AttributeError(f"module 'famtui.importer' has no attribute {name!r}")
