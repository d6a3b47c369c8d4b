"""The search index, kept beside the compiled guide so a ``famtui search`` need not build it.

Building the index folds every text of the guide and sorts the words (some 25 ms for the
bundled guide, seconds at 100x); a command searches once. The first search over a compiled
guide builds the whole index from the gate's documents and keeps it (:meth:`SearchIndex.state`:
the documents as rows, the words, their postings and reveal order) in
``<compiled guide>.search-NH.bin``; later searches load it.

- **Keyed** by the compiled guide's key (the data directory, every file in it, the famtui
  version, the model and the code that builds the guide, the gate's included), the title
  rules (they decide when a title or logline is revealed) and the size and mtime of the code
  that builds the index, so it is never stale. A guide with imported recaps (the viewer's
  own files) is not kept.
- **Safe**: ``marshal`` of plain data (nothing is executed), behind a magic number, the key
  and the payload's length and CRC-32. A corrupt, truncated or foreign file (or one of the
  wrong shape) is ignored and rebuilt, never an error.
- **Gated as ever**: the index holds every document, and a query touches only the prefix the
  view may see, exactly as the app's index does.
"""

from __future__ import annotations

import gc
import marshal
import sys
from pathlib import Path

from famtui import guidecache, search
from famtui.gate import Show, TitleRules, View

MAGIC = b"FAMTUI-SEARCH-1\n"
# The modules whose code decides what a kept index holds.
_PRODUCERS = ("search.py", "textnorm.py", "searchcache.py")


def _code() -> bytes:
    here = Path(__file__).resolve().parent
    parts = []
    for name in _PRODUCERS:
        info = (here / name).stat()
        parts.append(f"{name}\0{info.st_size}\0{info.st_mtime_ns}")
    return "\n".join(parts).encode()


def location(show: Show, rules: TitleRules) -> tuple[Path, bytes, bool] | None:
    """(file, key, racy) of the kept index for ``show`` under ``rules``; None when it cannot be kept."""
    stamp = show.stamp
    if stamp is None:
        return None
    try:
        code = _code()
    except OSError:
        return None
    digest = guidecache.blake2b(digest_size=len(stamp.key))
    for part in (MAGIC, stamp.key, repr((rules.show_next_title, rules.hide_future_titles)).encode(),
                 sys.version.encode(), code):
        digest.update(part + b"\0")
    flags = f"{int(rules.show_next_title)}{int(rules.hide_future_titles)}"
    return stamp.path.with_name(f"{stamp.path.stem}.search-{flags}.bin"), digest.digest(), stamp.racy


def load(show: Show, rules: TitleRules) -> search.SearchIndex | None:
    """The kept index for ``show`` under ``rules``, or None when there is none (or it is stale,
    corrupt or foreign)."""
    where = location(show, rules)
    if where is None:
        return None
    path, key, _ = where
    payload = guidecache.read_payload(path, key, MAGIC)
    if payload is None:
        return None
    collecting = gc.isenabled()
    gc.disable()  # thousands of new lists and tuples, none cyclic: the collector only slows it
    try:
        return search.SearchIndex.from_state(rules, marshal.loads(payload))
    except Exception:  # passed the key and checksum but not the shape: ignore it and rebuild
        return None
    finally:
        if collecting:
            gc.enable()


def keep(show: Show, index: search.SearchIndex) -> bool:
    """Keep a whole ``index`` of ``show`` for later runs; False when it was not kept."""
    where = location(show, index.rules)
    if where is None or where[2]:
        return False
    path, key, _ = where
    try:
        payload = marshal.dumps(index.state())
    except ValueError:
        return False
    return guidecache.write_payload(path, key, payload, MAGIC)


def index_for(show: Show, rules: TitleRules, view: View) -> search.SearchIndex:
    """An index to search ``view`` once: the kept one; else a whole one, built and kept; else
    (a guide that cannot be kept: imported recaps, no compiled form) one of what ``view``
    may see."""
    if show.stamp is None:
        return search.SearchIndex(show, rules, upto=view.horizon)
    index = load(show, rules)
    if index is None:
        index = search.SearchIndex(show, rules)
        keep(show, index)
    return index
