"""``famtui check-data``: the loader, the leak linter and the guide's statistics.

An authoring tool: it reads the raw catalog (like the gate), so its output is
for whoever edits ``data/``, not for a viewer.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from pathlib import Path

from famtui.episodes import Ep
from famtui.lint import lint
from famtui.loader import Problem, collect
from famtui.model import Catalog, Entity
from famtui.record import Record
from famtui.tomlfile import LineFinder

_WORD = re.compile(r"[\w'’-]+")


class Stats(Record):
    episodes: int
    recap_words_min: int
    recap_words_median: float
    characters: int
    things: int
    facts: int
    aliases: int
    bios: int = 0
    relations: int = 0
    sourced: tuple[tuple[str, int, int], ...] = ()  # (what, with a source, all)

    def lines(self) -> list[str]:
        lines = [
            f"episodes:            {self.episodes}",
            f"recap words/episode: min {self.recap_words_min}, median {self.recap_words_median:g}",
            f"characters:          {self.characters}",
            f"things:              {self.things}",
            f"facts:               {self.facts}",
            f"aliases:             {self.aliases}",
            f"bio stages:          {self.bios}",
            f"relations:           {self.relations}",
            "stamps with a source:",
        ]
        for what, with_source, total in self.sourced:
            share = f"{100 * with_source / total:.0f}%" if total else "-"
            lines.append(f"  {what + ':':<18} {share:>4} ({with_source} of {total})")
        return lines


# Stamps that must name the page they were checked against (the others may).
MUST_CITE = ("roles", "status", "relations")


def _stamps(entity: Entity) -> dict[str, tuple]:
    return {"roles": entity.roles, "status": entity.status, "relations": entity.relations,
            "aliases": entity.aliases, "facts": entity.facts, "bio": entity.bio}


def _sourced(catalog: Catalog) -> tuple[tuple[str, int, int], ...]:
    counts: dict[str, list[int]] = {}
    for entity in catalog.entities.values():
        for what, items in _stamps(entity).items():
            tally = counts.setdefault(what, [0, 0])
            tally[0] += sum(1 for item in items if item.source)
            tally[1] += len(items)
    episodes = catalog.episodes
    counts["episodes"] = [sum(1 for e in episodes if e.sources), len(episodes)]
    every = [sum(c[0] for c in counts.values()), sum(c[1] for c in counts.values())]
    return (*((what, c[0], c[1]) for what, c in counts.items()), ("all", every[0], every[1]))


def citation_problems(catalog: Catalog) -> list[Problem]:
    """Every role, status and relation names its source."""
    problems = []
    for entity in catalog.entities.values():
        assert entity.path is not None
        lines = LineFinder(entity.path.read_text(encoding="utf-8"))
        for what in MUST_CITE:
            table = "relations" if what == "relations" else what
            for index, item in enumerate(_stamps(entity)[what]):
                if not item.source:
                    problems.append(Problem(entity.path, lines.item(table, index),
                                            f"[[{table}]] #{index + 1} has no source"))
    return problems


def office_problems(catalog: Catalog) -> list[Problem]:
    """A post one person holds at a time: nobody keeps it once someone else holds it."""
    holders: dict[str, list[tuple[Ep, Ep | None, Entity, int]]] = {}
    for entity in catalog.entities.values():
        died = next((s.since for s in entity.status if s.value == "dead"), None)
        roles = sorted(enumerate(entity.roles), key=lambda t: t[1].since)
        for position, (index, role) in enumerate(roles):
            if role.office is None:
                continue
            following = [r.since for _, r in roles[position + 1:] if r.since > role.since]
            ends = [ep for ep in (following[0] if following else None, died) if ep is not None]
            holders.setdefault(role.office, []).append((role.since, min(ends, default=None), entity, index))
    problems = []
    for office, terms in holders.items():
        for since, until, entity, index in terms:
            for other_since, _, other, _ in terms:
                if other is entity or other_since < since or (until is not None and other_since >= until):
                    continue
                assert entity.path is not None
                line = LineFinder(entity.path.read_text(encoding="utf-8")).item("roles", index, "office")
                problems.append(Problem(entity.path, line,
                                        f"still holds '{office}' in {other_since}, when {other.name} "
                                        "holds it too: add the role that follows"))
                break
    return problems


def name_problems(catalog: Catalog) -> list[Problem]:
    """A name the viewer sees (the entity's name from ``first_seen``, a primary alias from its
    episode) must not already say an alias that is revealed later ("Irina Morozova" shown from
    S4E1 when "Morozova" is only known from S4E4)."""
    problems = []
    for entity in catalog.entities.values():
        shown = [(entity.first_seen, entity.name)] + [(a.since, a.name) for a in entity.aliases if a.primary]
        for index, alias in enumerate(entity.aliases):
            pattern = re.compile(rf"(?<!\w){re.escape(alias.name)}(?!\w)", re.IGNORECASE)
            early = next((name for since, name in shown
                          if since < alias.since and pattern.search(name)), None)
            if early is None:
                continue
            assert entity.path is not None
            line = LineFinder(entity.path.read_text(encoding="utf-8")).item("aliases", index, "from")
            problems.append(Problem(entity.path, line,
                                    f"alias '{alias.name}' is revealed in {alias.since}, but the name "
                                    f"'{early}' shown before it already says it"))
    return problems


def id_problems(catalog: Catalog) -> list[Problem]:
    """An id is shown beside the name (``characters``, JSON), so every word of it must be known
    from ``first_seen``: a word of the name, an alias or a role revealed there. "jimmy-stevens"
    beside "Younger Stevens son" would say the name the show gives later."""
    problems = []
    for entity in catalog.entities.values():
        known = " ".join([entity.name]
                         + [a.name for a in entity.aliases if a.since == entity.first_seen]
                         + [r.text for r in entity.roles if r.since == entity.first_seen])
        words = re.findall(r"[a-z0-9]+", _ascii(known))
        joined = "".join(words)
        unknown = [w for w in entity.id.split("-") if w not in words and w not in joined]
        if unknown:
            assert entity.path is not None
            problems.append(Problem(entity.path, 1, f"id '{entity.id}' says {', '.join(map(repr, unknown))}, "
                                    f"which the viewer does not know in {entity.first_seen}: "
                                    "name the file after what they first see"))
    return problems


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def check(root: Path) -> tuple[list[Problem], Stats | None]:
    """Every problem in ``root`` (loader first, then leaks) and its statistics."""
    catalog, problems = collect(root)
    if catalog is None:
        return problems, None
    if not problems:
        problems = sorted(lint(catalog) + citation_problems(catalog) + office_problems(catalog)
                          + name_problems(catalog) + id_problems(catalog),
                          key=lambda p: (str(p.path), p.line))
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
        bios=sum(len(e.bio) for e in entities),
        relations=sum(len(e.relations) for e in entities),
        sourced=_sourced(catalog),
    )
    return problems, stats
