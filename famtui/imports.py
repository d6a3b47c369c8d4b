"""Imported recap articles (``famtui import``): stored in the platform data directory."""

from __future__ import annotations

from typing import TYPE_CHECKING

from famtui.gate import ImportedRecap

if TYPE_CHECKING:
    from famtui.gate import Show


def load_imports(show: Show | None = None) -> list[ImportedRecap]:
    """Every stored import as an :class:`ImportedRecap`.

    With ``show``, the leak guard runs on every import against the guide as it is now: each
    sentence that names something first known after the import's episode is kept with the
    episode from which the gate may show it. A broken import file raises a one-line error
    and is left as it is.
    """
    from famtui.locations import imports_dir

    directory = imports_dir()
    if not directory.is_dir():
        return []
    from famtui.importer.store import load_all

    recaps = []
    for record in load_all(directory):
        paragraphs = tuple(record.paragraphs)
        if show is not None and paragraphs and show.has(record.episode):
            from famtui.importer.link import Linker

            linked = Linker(show, record.episode).link(paragraphs, leaks_only=True)
            sentences = linked.sentences(record.episode)
            shown = tuple(" ".join(t for t, since in para if since == record.episode) for para in sentences)
            recaps.append(ImportedRecap(record.id, record.source, record.episode,
                                        tuple(p for p in shown if p), sentences))
        else:
            recaps.append(ImportedRecap(record.id, record.source, record.episode, paragraphs))
    return recaps
