"""The leak linter: text that names what the viewer cannot know yet, or speaks with hindsight."""

from __future__ import annotations

import re
from pathlib import Path

from famtui.episodes import Ep
from famtui.loader import Problem
from famtui.mentions import Label, MentionFinder
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


def catalog_labels(catalog: Catalog) -> list[Label]:
    """Every name and alias, with the episode from which the viewer knows it."""
    labels = []
    for entity in catalog.entities.values():
        labels.append(Label(entity.name, entity.id, entity.first_seen))
        labels.extend(Label(alias.name, entity.id, alias.since) for alias in entity.aliases)
    return labels


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
        for season in self.catalog.seasons.values():
            last = max((e.ep for e in self.catalog.episodes if e.ep.season == season.season), default=None)
            for i, paragraph in enumerate(season.summary):
                self.text(season.path, paragraph, last, f"season summary paragraph {i + 1}")
        return self.problems


def lint(catalog: Catalog) -> list[Problem]:
    """Every leak the linter finds in ``catalog``."""
    problems = _Linter(catalog).run()
    return sorted(problems, key=lambda p: (str(p.path), p.line))
