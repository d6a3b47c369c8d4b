"""The raw show catalog: everything in ``data/``, unfiltered.

Only the loader, the leak linter and the spoiler gate may touch these types;
everything user-facing asks the gate (``famtui.gate``) instead.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from famtui.episodes import Ep
from famtui.record import Record

ENTITY_KINDS = (
    "character",
    "spacecraft",
    "station",
    "base",
    "place",
    "organisation",
    "mission",
    "object",
)
STATUS_VALUES = (
    "alive",
    "dead",
    "missing",
    "imprisoned",
    "active",
    "destroyed",
    "abandoned",
    "decommissioned",
    "cancelled",
    "completed",
)


class Episode(Record):
    ep: Ep
    title: str
    released: date
    released_estimated: bool
    logline: str
    recap: tuple[str, ...]
    path: Path
    story_year: int | None = None
    story_date: str | None = None
    sources: tuple[str, ...] = ()


class Season(Record):
    """A finished season's summary: "the story so far" once its last episode is watched."""

    season: int
    summary: tuple[str, ...]
    sources: tuple[str, ...]
    path: Path


class Alias(Record):
    name: str
    since: Ep
    primary: bool = False
    source: str | None = None


class Role(Record):
    since: Ep
    text: str
    office: str | None = None  # a post one person holds at a time ("nasa-administrator")
    source: str | None = None


class Status(Record):
    since: Ep
    value: str
    source: str | None = None


class Fact(Record):
    episode: Ep
    text: str
    source: str | None = None


class Bio(Record):
    """Who someone is as of ``since``: a few sentences, replaced by the next stage."""

    since: Ep
    text: str
    source: str | None = None


class Relation(Record):
    """``<owner> <kind> <target>`` from ``since``; ended (and how) from ``until``."""

    owner: str
    target: str
    kind: str
    since: Ep
    until: Ep | None = None
    ended: str | None = None
    note: str | None = None
    source: str | None = None


class Entity(Record):
    id: str
    kind: str
    name: str
    first_seen: Ep
    aliases: tuple[Alias, ...] = ()
    roles: tuple[Role, ...] = ()
    status: tuple[Status, ...] = ()
    facts: tuple[Fact, ...] = ()
    bio: tuple[Bio, ...] = ()
    relations: tuple[Relation, ...] = ()  # declared on this entity; the gate shows both sides
    path: Path | None = None


class Catalog(Record, frozen=False):
    """All episodes (in order) and all entities (by id)."""

    episodes: list[Episode]
    entities: dict[str, Entity]
    root: Path
    seasons: dict[int, Season]
    _index: dict[Ep, int]  # derived: not a field

    def __post_init__(self) -> None:
        self._index = {episode.ep: i for i, episode in enumerate(self.episodes)}

    def ordinal(self, ep: Ep) -> int | None:
        """Position of ``ep`` in the show (0 for the first episode), or None."""
        return self._index.get(ep)

    def episode(self, ep: Ep) -> Episode | None:
        i = self._index.get(ep)
        return None if i is None else self.episodes[i]

    @property
    def first(self) -> Ep:
        return self.episodes[0].ep

    @property
    def last(self) -> Ep:
        return self.episodes[-1].ep
