"""Load and validate a show-guide directory into a :class:`~famtui.model.Catalog`.

Every problem is reported as ``file:line: message``; loading fails if there is any.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from famtui.episodes import Ep, parse_code
from famtui.errors import FamtuiError
from famtui.model import (
    ENTITY_KINDS,
    STATUS_VALUES,
    Alias,
    Bio,
    Catalog,
    Entity,
    Episode,
    Fact,
    Relation,
    Role,
    Season,
    Status,
)
from famtui.record import Record
from famtui.relkinds import ENDINGS, KINDS, SYMMETRIC, inverse
from famtui.tomlfile import LineFinder, TomlProblem, did_you_mean, read_toml

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

EPISODE_KEYS = {
    "season": int,
    "episode": int,
    "title": str,
    "released": date,
    "released_estimated": bool,
    "logline": str,
    "recap": list,
    "story_year": int,
    "story_date": str,
    "sources": list,
}
EPISODE_OPTIONAL = {"released_estimated", "story_year", "story_date", "sources"}
SEASON_KEYS = {"season": int, "summary": list, "sources": list}
SEASON_OPTIONAL = {"sources"}
ENTITY_KEYS = {
    "id": str,
    "kind": str,
    "name": str,
    "first_seen": str,
    "aliases": list,
    "roles": list,
    "status": list,
    "facts": list,
    "bio": list,
    "relations": list,
}
ENTITY_OPTIONAL = {"aliases", "roles", "status", "facts", "bio", "relations"}
ITEM_KEYS: dict[str, dict[str, type]] = {
    "aliases": {"name": str, "from": str, "primary": bool, "source": str},
    "roles": {"from": str, "text": str, "office": str, "source": str},
    "status": {"from": str, "value": str, "source": str},
    "facts": {"episode": str, "text": str, "source": str},
    "bio": {"from": str, "text": str, "source": str},
    "relations": {"id": str, "kind": str, "from": str, "until": str, "ended": str, "note": str,
                  "source": str},
}
ITEM_OPTIONAL = {
    "aliases": {"primary", "source"},
    "roles": {"office", "source"},
    "status": {"source"},
    "facts": {"source"},
    "bio": {"source"},
    "relations": {"until", "ended", "note", "source"},
}
# Keys of the first edition that are no longer read, and what to write instead.
RETIRED = {
    "related": "[[related]] is no longer read: use [[relations]] with id, kind and from "
               "(e.g. kind = \"colleague\"; see 'Data format' in the README)",
}
_URL = re.compile(r"^https?://\S+$")
_TYPE_NAMES = {int: "an integer", str: "a string", bool: "true or false", list: "a list",
               date: "a date (YYYY-MM-DD)", dict: "a table"}


class Problem(Record):
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


class DataError(FamtuiError):
    """The data directory has problems; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        more = f" (and {len(problems) - 1} more; run 'famtui check-data')" if len(problems) > 1 else ""
        super().__init__(f"bad show data: {problems[0]}{more}")


def _is(value: Any, kind: type) -> bool:
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is date:
        return isinstance(value, date) and not hasattr(value, "hour")
    return isinstance(value, kind)


class _FileCheck:
    """Collects the problems of one file."""

    def __init__(self, path: Path, text: str, problems: list[Problem]) -> None:
        self.path = path
        self.lines = LineFinder(text)
        self.problems = problems

    def add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def keys(self, table: dict, allowed: dict[str, type], optional: set[str],
             where: tuple[str, int] | None = None) -> bool:
        ok = True

        def line(key: str | None) -> int:
            if where is None:
                return self.lines.top(key) if key else 1
            return self.lines.item(where[0], where[1], key)

        for key, value in table.items():
            if key in RETIRED and where is None and key not in allowed:
                self.add(line(key), RETIRED[key])
                ok = False
            elif key not in allowed:
                self.add(line(key), f"unknown key '{key}'{did_you_mean(key, tuple(allowed))}")
                ok = False
            elif not _is(value, allowed[key]):
                self.add(line(key), f"'{key}' must be {_TYPE_NAMES[allowed[key]]}")
                ok = False
        for key in allowed:
            if key not in table and key not in optional:
                place = f" in [[{where[0]}]] #{where[1] + 1}" if where else ""
                self.add(line(None), f"missing key '{key}'{place}")
                ok = False
        return ok


def _check_text(check: _FileCheck, value: str, line: int, what: str) -> bool:
    if not value.strip():
        check.add(line, f"{what} is empty")
        return False
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in value):
        check.add(line, f"{what} contains control characters")
        return False
    return True


def _open(path: Path, problems: list[Problem], keys: dict[str, type],
          optional: set[str]) -> tuple[dict[str, Any], _FileCheck] | None:
    """Read one file and check its top-level keys; None (problems recorded) if unusable."""
    try:
        table, text = read_toml(path)
    except TomlProblem as exc:
        problems.append(Problem(exc.path, exc.line, exc.detail))
        return None
    check = _FileCheck(path, text, problems)
    if not check.keys(table, keys, optional):
        return None
    return table, check


def _load_episode(path: Path, problems: list[Problem]) -> Episode | None:
    opened = _open(path, problems, EPISODE_KEYS, EPISODE_OPTIONAL)
    if opened is None:
        return None
    table, check = opened
    ep = Ep(table["season"], table["episode"])
    if not (1 <= ep.season <= 99 and 1 <= ep.number <= 99):
        check.add(check.lines.top("season"), f"season and episode must be 1-99, not {ep.code}")
        return None
    expected = f"s{ep.season}e{ep.number:02d}.toml"
    if path.name != expected:
        check.add(1, f"an episode file for {ep.code} must be named {expected}")
    ok = _check_text(check, table["title"], check.lines.top("title"), "title")
    ok &= _check_text(check, table["logline"], check.lines.top("logline"), "logline")
    recap = table["recap"]
    for i, paragraph in enumerate(recap):
        if not isinstance(paragraph, str):
            check.add(check.lines.top("recap"), f"recap paragraph {i + 1} must be a string")
            ok = False
        else:
            ok &= _check_text(check, paragraph, check.lines.text(paragraph, check.lines.top("recap")),
                              f"recap paragraph {i + 1}")
    ok &= _check_sources(check, table.get("sources", []), check.lines.top("sources"))
    year = table.get("story_year")
    if year is not None and not 1900 <= year <= 2100:
        check.add(check.lines.top("story_year"), f"story_year {year} is not a year (1900-2100)")
        ok = False
    if "story_date" in table:
        ok &= _check_text(check, table["story_date"], check.lines.top("story_date"), "story_date")
    if not ok:
        return None
    return Episode(
        ep=ep,
        title=table["title"].strip(),
        released=table["released"],
        released_estimated=table.get("released_estimated", False),
        logline=table["logline"].strip(),
        recap=tuple(p.strip() for p in recap),
        path=path,
        story_year=year,
        story_date=table.get("story_date"),
        sources=tuple(table.get("sources", ())),
    )


def _check_sources(check: _FileCheck, sources: list, line: int) -> bool:
    for source in sources:
        if not isinstance(source, str) or not _URL.match(source):
            check.add(line, f"sources must be web addresses (https://...), not {str(source)[:60]!r}")
            return False
    return True


def _load_season(path: Path, refs: _EpisodeRefs, problems: list[Problem]) -> Season | None:
    opened = _open(path, problems, SEASON_KEYS, SEASON_OPTIONAL)
    if opened is None:
        return None
    table, check = opened
    number = table["season"]
    if path.name != f"s{number}.toml":
        check.add(check.lines.top("season"), f"the summary of season {number} must be named s{number}.toml")
        return None
    if not any(ep.season == number for ep in refs.episodes):
        check.add(check.lines.top("season"), f"season {number} has no episodes in the guide")
        return None
    ok = bool(table["summary"])
    if not ok:
        check.add(check.lines.top("summary"), "summary is empty")
    for i, paragraph in enumerate(table["summary"]):
        if not isinstance(paragraph, str):
            check.add(check.lines.top("summary"), f"summary paragraph {i + 1} must be a string")
            ok = False
        else:
            ok &= _check_text(check, paragraph, check.lines.text(paragraph, check.lines.top("summary")),
                              f"summary paragraph {i + 1}")
    ok &= _check_sources(check, table.get("sources", []), check.lines.top("sources"))
    if not ok:
        return None
    return Season(number, tuple(p.strip() for p in table["summary"]),
                  tuple(table.get("sources", ())), path)


class _EpisodeRefs:
    def __init__(self, episodes: set[Ep], broken: set[Ep]) -> None:
        self.episodes = episodes
        self.broken = broken  # files that failed to load: already reported, not repeated
        self.first = min(episodes) if episodes else None
        self.last = max(episodes) if episodes else None

    def parse(self, check: _FileCheck, value: str, line: int) -> Ep | None:
        ep = parse_code(value)
        if ep is None:
            check.add(line, f"'{value}' is not an episode code (write it like S2E6)")
            return None
        if ep in self.broken:
            return None
        if ep not in self.episodes:
            span = f"; the guide has {self.first} to {self.last}" if self.first else ""
            check.add(line, f"episode {ep} does not exist{span}")
            return None
        return ep


def _load_entity(path: Path, kind_dir: str, refs: _EpisodeRefs,
                 problems: list[Problem]) -> Entity | None:
    opened = _open(path, problems, ENTITY_KEYS, ENTITY_OPTIONAL)
    if opened is None:
        return None
    table, check = opened
    lines = check.lines
    ok = True
    entity_id, kind, name = table["id"], table["kind"], table["name"]
    if not _ID.match(entity_id):
        check.add(lines.top("id"), f"id '{entity_id}' must be lower-case words joined by '-'")
        ok = False
    elif entity_id != path.stem:
        check.add(lines.top("id"), f"id '{entity_id}' must equal the file name '{path.stem}'")
        ok = False
    if kind not in ENTITY_KINDS:
        check.add(lines.top("kind"), f"unknown kind '{kind}'{did_you_mean(kind, ENTITY_KINDS)}; "
                  f"one of {', '.join(ENTITY_KINDS)}")
        ok = False
    elif (kind == "character") != (kind_dir == "characters"):
        check.add(lines.top("kind"), f"kind '{kind}' does not belong in {kind_dir}/")
        ok = False
    ok &= _check_text(check, name, lines.top("name"), "name")
    first_seen = refs.parse(check, table["first_seen"], lines.top("first_seen"))
    if first_seen is None:
        return None

    parsed: dict[str, list] = {key: [] for key in ITEM_KEYS}
    for key, allowed in ITEM_KEYS.items():
        for index, item in enumerate(table.get(key, [])):
            if not isinstance(item, dict):
                check.add(lines.top(key), f"'{key}' must be a list of tables ([[{key}]])")
                ok = False
                break
            if not check.keys(item, allowed, ITEM_OPTIONAL.get(key, set()), where=(key, index)):
                ok = False
                continue
            when_key = "episode" if key == "facts" else "from"
            when_line = lines.item(key, index, when_key)
            when = refs.parse(check, item[when_key], when_line)
            if when is None:
                ok = False
                continue
            if when < first_seen:
                check.add(when_line, f"{key} entry revealed in {when}, before '{name}' first "
                          f"appears ({first_seen})")
                ok = False
                continue
            for text_key in ("text", "name"):
                if text_key in item:
                    ok &= _check_text(check, item[text_key], lines.item(key, index, text_key),
                                      f"{key} {text_key}")
            if key == "status" and item["value"] not in STATUS_VALUES:
                check.add(lines.item(key, index, "value"),
                          f"unknown status '{item['value']}'{did_you_mean(item['value'], STATUS_VALUES)}")
                ok = False
                continue
            if "source" in item and not _URL.match(item["source"]):
                check.add(lines.item(key, index, "source"), "source must be a web address (https://...)")
                ok = False
                continue
            if "office" in item and not _ID.match(item["office"]):
                check.add(lines.item(key, index, "office"),
                          f"office '{item['office']}' must be lower-case words joined by '-'")
                ok = False
                continue
            if key == "relations" and not _check_relation(check, refs, item, index, when):
                ok = False
                continue
            parsed[key].append((when, item, lines.item(key, index)))
    if not ok:
        return None
    return Entity(
        id=entity_id,
        kind=kind,
        name=name.strip(),
        first_seen=first_seen,
        aliases=tuple(Alias(i["name"].strip(), w, i.get("primary", False), i.get("source"))
                      for w, i, _ in sorted(parsed["aliases"], key=lambda t: t[0])),
        roles=tuple(Role(w, i["text"].strip(), i.get("office"), i.get("source"))
                    for w, i, _ in sorted(parsed["roles"], key=lambda t: t[0])),
        status=tuple(Status(w, i["value"], i.get("source"))
                     for w, i, _ in sorted(parsed["status"], key=lambda t: t[0])),
        facts=tuple(Fact(w, i["text"].strip(), i.get("source"))
                    for w, i, _ in sorted(parsed["facts"], key=lambda t: t[0])),
        bio=tuple(Bio(w, i["text"].strip(), i.get("source"))
                  for w, i, _ in sorted(parsed["bio"], key=lambda t: t[0])),
        relations=tuple(
            Relation(entity_id, i["id"], i["kind"], w, _until(i), i.get("ended"),
                     i["note"].strip() if "note" in i else None, i.get("source"))
            for w, i, _ in parsed["relations"]),
        path=path,
    )


def _until(item: dict[str, Any]) -> Ep | None:
    return parse_code(item["until"]) if "until" in item else None


def _check_relation(check: _FileCheck, refs: _EpisodeRefs, item: dict[str, Any], index: int,
                    since: Ep) -> bool:
    """One ``[[relations]]`` entry on its own (its other side is checked once all are loaded)."""
    def at(key: str) -> int:
        return check.lines.item("relations", index, key)

    kind = item["kind"]
    if kind not in KINDS:
        check.add(at("kind"), f"unknown relation kind '{kind}'{did_you_mean(kind, tuple(KINDS))}")
        return False
    if ("until" in item) != ("ended" in item):
        check.add(at("until" if "until" in item else "ended"),
                  "'until' (when the end is revealed) and 'ended' (how) go together")
        return False
    if "until" in item:
        until = refs.parse(check, item["until"], at("until"))
        if until is None:
            return False
        if until <= since:
            check.add(at("until"), f"relation ends in {until}, not after it starts ({since})")
            return False
        if item["ended"] not in ENDINGS:
            check.add(at("ended"), f"unknown ending '{item['ended']}'"
                      f"{did_you_mean(item['ended'], ENDINGS)}; one of {', '.join(ENDINGS)}")
            return False
    if "note" in item:
        return _check_text(check, item["note"], at("note"), "relation note")
    return True


def collect(root: Path) -> tuple[Catalog | None, list[Problem]]:
    """Load ``root``; return the catalog (None if unusable) and every problem found."""
    problems: list[Problem] = []
    if not root.is_dir():
        return None, [Problem(root, 0, "not a directory")]
    episodes_dir = root / "episodes"
    episode_files = sorted(episodes_dir.glob("*.toml")) if episodes_dir.is_dir() else []
    if not episode_files:
        return None, [Problem(episodes_dir, 0, "no episode files (episodes/sSeEE.toml)")]
    episodes: dict[Ep, Episode] = {}
    broken: set[Ep] = set()
    for path in episode_files:
        episode = _load_episode(path, problems)
        if episode is None:
            guess = re.match(r"s(\d+)e(\d+)\.toml$", path.name)
            if guess:
                broken.add(Ep(int(guess.group(1)), int(guess.group(2))))
            continue
        if episode.ep in episodes:
            problems.append(Problem(path, 1, f"{episode.ep} is also defined in "
                                    f"{episodes[episode.ep].path.name}"))
            continue
        episodes[episode.ep] = episode
    refs = _EpisodeRefs(set(episodes), broken - set(episodes))
    seasons: dict[int, Season] = {}
    seasons_dir = root / "seasons"
    for path in sorted(seasons_dir.glob("*.toml")) if seasons_dir.is_dir() else []:
        season = _load_season(path, refs, problems)
        if season is not None:
            seasons[season.season] = season

    entities: dict[str, Entity] = {}
    broken_ids: set[str] = set()
    for kind_dir in ("characters", "things"):
        folder = root / kind_dir
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
            entity = _load_entity(path, kind_dir, refs, problems)
            if entity is None:
                broken_ids.add(path.stem)
                continue
            if entity.id in entities:
                problems.append(Problem(path, 1, f"duplicate id '{entity.id}' "
                                        f"(also {entities[entity.id].path})"))
                continue
            entities[entity.id] = entity

    problems.extend(_relation_problems(entities, broken_ids))
    catalog = Catalog(episodes=[episodes[ep] for ep in sorted(episodes)], entities=entities, root=root,
                      seasons=dict(sorted(seasons.items())))
    problems.sort(key=lambda p: (str(p.path), p.line))
    return catalog, problems


def load_catalog(root: Path) -> Catalog:
    """Load ``root`` or raise :class:`DataError` listing every problem."""
    catalog, problems = collect(root)
    if problems or catalog is None:
        raise DataError(problems)
    return catalog


def _relation_problems(entities: dict[str, Entity], broken_ids: set[str]) -> list[Problem]:
    """Each relation's other side exists and is met by then; no pair declared twice at once."""
    problems: list[Problem] = []
    seen: dict[tuple[str, str, str], list[Relation]] = {}
    for entity in entities.values():
        for index, relation in enumerate(entity.relations):
            target = entities.get(relation.target)
            if target is None and relation.target in broken_ids:
                continue
            if target is None:
                message = (f"relation to '{relation.target}', which does not exist"
                           f"{did_you_mean(relation.target, tuple(entities))}")
            elif target.id == entity.id:
                message = "an entity cannot be related to itself"
            elif relation.since < target.first_seen:
                message = (f"relation to '{target.name}' from {relation.since}, before it first "
                           f"appears ({target.first_seen})")
            else:
                key = _pair_key(relation)
                clash = next((other for other in seen.get(key, ()) if _overlap(other, relation)), None)
                if clash is None:
                    seen.setdefault(key, []).append(relation)
                    continue
                message = (f"'{relation.kind}' relation with '{target.name}' is also declared "
                           f"in {clash.owner}.toml for the same time")
            assert entity.path is not None
            line = LineFinder(entity.path.read_text(encoding="utf-8")).item("relations", index, "id")
            problems.append(Problem(entity.path, line, message))
    return problems


def _pair_key(relation: Relation) -> tuple[str, str, str]:
    """The same tie whichever side declares it: (a, b, kind as read from a), a < b."""
    a, b, kind = relation.owner, relation.target, relation.kind
    if a > b or (a == b and kind not in SYMMETRIC):
        a, b, kind = b, a, inverse(kind)
    return a, b, kind


def _overlap(one: Relation, two: Relation) -> bool:
    def span(r: Relation) -> tuple[Ep, Ep | None]:
        return r.since, r.until
    (s1, u1), (s2, u2) = span(one), span(two)
    return (u1 is None or s2 < u1) and (u2 is None or s1 < u2)
