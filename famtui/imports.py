"""Imported recap articles (``famtui import``): stored in the platform data directory."""

from __future__ import annotations

from typing import TYPE_CHECKING

from famtui.gate import ImportedRecap

if TYPE_CHECKING:
    from famtui.gate import Show


def load_imports(show: Show | None = None) -> list[ImportedRecap]:
    """Every stored import as an :class:`ImportedRecap` (withheld sentences left out).

    With ``show``, an import made with a different guide is checked again against the
    guide as it is now, so a name the guide has since learned comes later is withheld too.
    A broken import file raises a one-line error and is left as it is.
    """
    from famtui.locations import imports_dir

    directory = imports_dir()
    if not directory.is_dir():
        return []
    from famtui.importer.store import guide_fingerprint, load_all

    records = load_all(directory)
    fingerprint = None
    recaps = []
    for record in records:
        paragraphs = list(record.paragraphs)
        if show is not None and paragraphs and show.has(record.episode):
            fingerprint = fingerprint or guide_fingerprint(show)
            if record.guide != fingerprint:
                from famtui.importer.link import Linker

                paragraphs = Linker(show, record.episode).withhold(paragraphs)
        recaps.append(ImportedRecap(record.id, record.source, record.episode, tuple(paragraphs)))
    return recaps

