"""Test support: the show guide as it would be if it held only what is revealed by P.

``write_cut(source, target, progress)`` copies a guide directory with everything revealed
after ``progress`` removed: characters and things first met later, and every alias, role,
status, fact and relation from a later episode; later episodes keep their code and date but
lose their recap (and story date and sources), and their title and logline become a
placeholder (the next episode keeps its title and logline, which the viewer is shown by
design); a season summary is kept once the season is watched; a relation whose end comes
later loses its end. The rule of issue 14 is that
every output at progress P is the same on the full guide and on this cut one.

Not product code: the product never needs a cut guide, since the gate never shows what it
holds after P; this is how the tests check that claim from outside.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from famtui.episodes import Ep, parse_code

PLACEHOLDER = "—"  # a later title or logline: folds to nothing, matches nothing


def _episode_order(source: Path) -> list[Ep]:
    eps = []
    for path in (source / "episodes").glob("*.toml"):
        table = tomllib.loads(path.read_text(encoding="utf-8"))
        eps.append(Ep(table["season"], table["episode"]))
    return sorted(eps)


def write_cut(source: Path, target: Path, progress: Ep | None) -> Path:
    """Write the guide in ``source`` as of ``progress`` into ``target`` (replaced)."""
    if target.exists():
        shutil.rmtree(target)
    order = _episode_order(source)
    horizon = -1 if progress is None else order.index(progress)

    def seen(code: str) -> bool:
        ep = parse_code(code)
        return ep is not None and ep in order and order.index(ep) <= horizon

    (target / "episodes").mkdir(parents=True)
    for path in sorted((source / "episodes").glob("*.toml")):
        table = tomllib.loads(path.read_text(encoding="utf-8"))
        i = order.index(Ep(table["season"], table["episode"]))
        if i > horizon:
            table["recap"] = []
            for key in ("story_year", "story_date", "sources"):  # when and where it is set
                table.pop(key, None)
            if i > horizon + 1:
                table["title"] = PLACEHOLDER
                table["logline"] = PLACEHOLDER
        (target / "episodes" / path.name).write_text(tomli_w.dumps(table), encoding="utf-8")

    # a season's summary tells the whole season: kept once its last episode is watched
    if (source / "seasons").is_dir():
        (target / "seasons").mkdir()
        for path in sorted((source / "seasons").glob("*.toml")):
            table = tomllib.loads(path.read_text(encoding="utf-8"))
            last = max((i for i, ep in enumerate(order) if ep.season == table.get("season")), default=None)
            if last is not None and last <= horizon:
                (target / "seasons" / path.name).write_text(tomli_w.dumps(table), encoding="utf-8")

    kept: dict[str, tuple[str, dict[str, Any]]] = {}
    for folder in ("characters", "things"):
        for path in sorted((source / folder).glob("*.toml")) if (source / folder).is_dir() else []:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
            if seen(table["first_seen"]):
                kept[table["id"]] = (folder, table)
    for folder, table in kept.values():
        for key, when in (("aliases", "from"), ("roles", "from"), ("status", "from"),
                          ("facts", "episode"), ("related", "from"), ("bio", "from"),
                          ("relations", "from")):
            if key in table:
                items = [dict(item) for item in table[key] if seen(item[when])]
                if key in ("related", "relations"):
                    items = [item for item in items if item["id"] in kept]
                for item in items:
                    if "until" in item and not seen(item["until"]):  # how it ends comes later
                        item.pop("until")
                        item.pop("ended", None)
                if items:
                    table[key] = items
                else:
                    del table[key]
        (target / folder).mkdir(exist_ok=True)
        (target / folder / f"{table['id']}.toml").write_text(tomli_w.dumps(table), encoding="utf-8")
    for folder in ("characters", "things"):
        (target / folder).mkdir(exist_ok=True)
    return target
