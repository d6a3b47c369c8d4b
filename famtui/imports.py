"""Imported recap articles (``famtui import``): stored in the platform data directory."""

from __future__ import annotations

from famtui.gate import ImportedRecap


def load_imports() -> list[ImportedRecap]:
    """Imported recaps; the import issue fills this in."""
    return []
