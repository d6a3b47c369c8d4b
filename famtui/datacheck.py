"""``famtui check-data``: the loader, the leak linter and the guide's statistics.

An authoring tool: it reads the raw catalog (like the gate), so its output is
for whoever edits ``data/``, not for a viewer.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from famtui.lint import lint
from famtui.loader import Problem, collect

_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Stats:
    episodes: int
    recap_words_min: int
    recap_words_median: float
    characters: int
    things: int
    facts: int
    aliases: int

    def lines(self) -> list[str]:
        return [
            f"episodes:            {self.episodes}",
            f"recap words/episode: min {self.recap_words_min}, median {self.recap_words_median:g}",
            f"characters:          {self.characters}",
            f"things:              {self.things}",
            f"facts:               {self.facts}",
            f"aliases:             {self.aliases}",
        ]


def check(root: Path) -> tuple[list[Problem], Stats | None]:
    """Every problem in ``root`` (loader first, then leaks) and its statistics."""
    catalog, problems = collect(root)
    if catalog is None:
        return problems, None
    if not problems:
        problems = lint(catalog)
    words = [sum(len(_WORD.findall(p)) for p in e.recap) for e in catalog.episodes]
    entities = catalog.entities.values()
    stats = Stats(
        episodes=len(catalog.episodes),
        recap_words_min=min(words) if words else 0,
        recap_words_median=statistics.median(words) if words else 0,
        characters=sum(1 for e in entities if e.kind == "character"),
        things=sum(1 for e in entities if e.kind != "character"),
        facts=sum(len(e.facts) for e in entities),
        aliases=sum(len(e.aliases) for e in entities),
    )
    return problems, stats
