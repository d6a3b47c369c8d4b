"""Find where a text names a character or thing (by display name or alias)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from famtui.episodes import Ep

# A one-word label followed by another capitalised word is part of a longer name
# ("Bill Clinton" is not Bill Strausser).
_NEXT_NAME = re.compile(r"\s+[A-Z][a-z]")
# Aliases that are also ordinary words are never matched in running text.
COMMON_WORDS = frozenset({"Will", "May", "Hope", "Grace", "Mission", "Control", "Base", "The"})


@dataclass(frozen=True)
class Label:
    text: str
    entity_id: str
    since: Ep


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    labels: tuple[Label, ...]


class MentionFinder:
    """Case-sensitive, whole-word matching of every label, longest label first."""

    def __init__(self, labels: Iterable[Label]) -> None:
        self._by_text: dict[str, list[Label]] = {}
        for label in labels:
            if label.text in COMMON_WORDS or len(label.text) < 2:
                continue
            self._by_text.setdefault(label.text, []).append(label)
        if self._by_text:
            alternatives = sorted(self._by_text, key=len, reverse=True)
            body = "|".join(re.escape(text) for text in alternatives)
            self._pattern: re.Pattern[str] | None = re.compile(rf"(?<![\w-])(?:{body})(?![\w])")
        else:
            self._pattern = None

    def find(self, text: str) -> Iterator[Mention]:
        if self._pattern is None:
            return
        for match in self._pattern.finditer(text):
            found = match.group(0)
            if " " not in found and _NEXT_NAME.match(text, match.end()):
                continue
            yield Mention(match.start(), match.end(), found, tuple(self._by_text[found]))
