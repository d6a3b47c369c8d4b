"""The leak linter: text that names what the viewer cannot know yet, or speaks with hindsight."""

from __future__ import annotations

import re
from pathlib import Path

from famtui.episodes import Ep
from famtui.loader import Problem
from famtui.mentions import Label, MentionFinder, labels_of
from famtui.model import Catalog
from famtui.tomlfile import LineFinder

HINDSIGHT = (
    r"the late",
    r"former(?:ly)?",
    r"would later",
    r"will later",
    r"later (?:becomes?|became)",
    r"eventually",
    r"for now",
    r"for the time being",
    r"ultimately",
    r"at the time",
    r"little (?:did|does)",
    r"(?:would|will) go on to",
    r"years later",
    r"in hindsight",
    r"foreshadow\w*",
    r"destined",
    r"doomed",
    r"yet to",
    r"one day (?:would|will)",
    r"(?:her|his|their|the) (?:last|final) (?:tour|mission|flight|trip|days?|voyage|stint)",
    r"final (?:tour|mission|flight)",
    r"one last",
    r"never again",
    r"not for long",
    r"short-lived",
)
_HINDSIGHT = re.compile(r"\b(?:" + "|".join(HINDSIGHT) + r")\b", re.IGNORECASE)

_DEATH = re.compile(r"\b(?:die[sd]?|dying|death|dead|killed|widow(?:ed|er)?|murdered|funeral)\b",
                    re.IGNORECASE)

# How a relation's note could tell its own end (shown from ``from``, the end only from ``until``).
_ENDING_WORDS = {
    "divorced": r"divorc\w*", "separated": r"separat\w*", "broke-up": r"(?:broke|break|breaks) up|split",
    "died": r"di(?:e|ed|es|ing)|death|dead", "killed": r"kill\w*|murder\w*|death|dead",
    "fired": r"fired|sack\w*", "resigned": r"resign\w*", "retired": r"retir\w*",
    "replaced": r"replac\w*", "defected": r"defect\w*", "escaped": r"escap\w*",
    "estranged": r"estrang\w*", "destroyed": r"destr\w*", "left": r"fled|flees?|quits?",
    "reassigned": r"reassign\w*",
}


def catalog_labels(catalog: Catalog) -> list[Label]:
    """Every name and alias, with the episode from which the viewer knows it."""
    return labels_of(catalog.entities.values())


class _Linter:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.finder = MentionFinder(catalog_labels(catalog))
        self.problems: list[Problem] = []
        self._lines: dict[Path, LineFinder] = {}

    def line(self, path: Path, text: str) -> int:
        if path not in self._lines:
            self._lines[path] = LineFinder(path.read_text(encoding="utf-8"))
        return self._lines[path].text(text)

    def text(self, path: Path, text: str, known_by: Ep | None, what: str) -> None:
        for mention in self.finder.find(text):
            known = [
                label for label in mention.labels
                if known_by is not None
                and label.since <= known_by
                and self.catalog.entities[label.entity_id].first_seen <= known_by
            ]
            if not known:
                label = min(mention.labels, key=lambda lb: lb.since)
                when = "before the first episode" if known_by is None else f"as of {known_by}"
                self.problems.append(Problem(
                    path, self.line(path, text),
                    f"{what} names '{mention.text}' {when}, but the viewer only knows that name "
                    f"from {label.since}"))
        for match in _HINDSIGHT.finditer(text):
            self.problems.append(Problem(
                path, self.line(path, text),
                f"{what} uses hindsight wording '{match.group(0)}'"))

    def tells_its_end(self, path: Path, note: str, ended: str | None, until: Ep | None) -> bool:
        """A note is shown from the relation's start: it may not say how (or that) it ends."""
        words = _ENDING_WORDS.get(ended or "")
        if until is None or words is None:
            return False
        match = re.search(rf"\b(?:{words})\b", note, re.IGNORECASE)
        if match:
            self.problems.append(Problem(
                path, self.line(path, note),
                f"relation note tells its end ('{match.group(0)}'), which the viewer learns only in {until}"))
        return match is not None

    def tells_a_later_death(self, path: Path, note: str, since: Ep, ids: tuple[str, str]) -> None:
        """A note may not speak of a death that the viewer learns only later: flagged when
        neither side's death is known by the relation's start and one side dies later."""
        match = _DEATH.search(note)
        if match is None:
            return
        deaths = [s.since for entity_id in ids if (entity := self.catalog.entities.get(entity_id))
                  for s in entity.status if s.value == "dead"]
        if deaths and all(death > since for death in deaths):
            self.problems.append(Problem(
                path, self.line(path, note),
                f"relation note speaks of a death ('{match.group(0)}') that the viewer learns only "
                f"in {min(deaths)}"))

    def run(self) -> list[Problem]:
        previous: Ep | None = None
        for episode in self.catalog.episodes:
            self.text(episode.path, episode.logline, previous, "logline")
            for i, paragraph in enumerate(episode.recap):
                self.text(episode.path, paragraph, episode.ep, f"recap paragraph {i + 1}")
            previous = episode.ep
        for entity in self.catalog.entities.values():
            assert entity.path is not None
            for fact in entity.facts:
                self.text(entity.path, fact.text, fact.episode, f"fact ({fact.episode})")
            for role in entity.roles:
                self.text(entity.path, role.text, role.since, f"role ({role.since})")
            for stage in entity.bio:
                self.text(entity.path, stage.text, stage.since, f"bio ({stage.since})")
            for relation in entity.relations:
                if relation.note:
                    self.text(entity.path, relation.note, relation.since, f"relation note ({relation.since})")
                    if not self.tells_its_end(entity.path, relation.note, relation.ended, relation.until):
                        self.tells_a_later_death(entity.path, relation.note, relation.since,
                                                 (entity.id, relation.target))
        for season in self.catalog.seasons.values():
            last = max((e.ep for e in self.catalog.episodes if e.ep.season == season.season), default=None)
            for i, paragraph in enumerate(season.summary):
                self.text(season.path, paragraph, last, f"season summary paragraph {i + 1}")
        return self.problems


def lint(catalog: Catalog) -> list[Problem]:
    """Every leak the linter finds in ``catalog``."""
    problems = _Linter(catalog).run()
    return sorted(problems, key=lambda p: (str(p.path), p.line))
