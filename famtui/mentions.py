"""Find where a text names a character or thing (by display name or alias)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

from famtui.episodes import Ep
from famtui.record import Record

# A one-word label followed by another capitalised word is part of a longer name
# ("Bill Clinton" is not Bill Strausser).
_NEXT_NAME = re.compile(r"\s+[A-Z][a-z]")
# Aliases that are also ordinary words are never matched in running text.
COMMON_WORDS = frozenset({"Will", "May", "Hope", "Grace", "Mission", "Control", "Base", "The"})


class Label(Record):
    text: str
    entity_id: str
    since: Ep


class _Alias(Protocol):
    name: str
    since: Ep


class _Entity(Protocol):
    id: str
    name: str
    first_seen: Ep
    aliases: tuple[_Alias, ...]


def labels_of(entities: Iterable[_Entity]) -> list[Label]:
    """Every name and alias of ``entities``, with the episode from which the viewer knows it.

    Here, beside the finder, so linking names in a recap does not import the linter."""
    labels = []
    for entity in entities:
        labels.append(Label(entity.name, entity.id, entity.first_seen))
        labels.extend(Label(alias.name, entity.id, alias.since) for alias in entity.aliases)
    return labels


class Mention(Record):
    start: int
    end: int
    text: str
    labels: tuple[Label, ...]


_WORD_START = re.compile(r"(?<![\w-])\w+")
_WORD_CHAR = re.compile(r"\w")


class MentionFinder:
    """Case-sensitive, whole-word matching of every label, longest label first.

    Labels are indexed by their first word, so a scan costs one dictionary look-up per
    word of text however many labels there are (a regular expression alternating over
    20,000 names took minutes on a large guide).
    """

    def __init__(self, labels: Iterable[Label]) -> None:
        self._by_text: dict[str, list[Label]] = {}
        for label in labels:
            if label.text in COMMON_WORDS or len(label.text) < 2:
                continue
            self._by_text.setdefault(label.text, []).append(label)
        self._by_first: dict[str, list[str]] = {}
        for text in self._by_text:
            first = _WORD_CHAR.match(text) and re.match(r"\w+", text)
            if first:  # a label must start with a letter or digit to be found in text
                self._by_first.setdefault(first.group(0), []).append(text)
        for texts in self._by_first.values():
            texts.sort(key=len, reverse=True)

    def find(self, text: str, admit: Callable[[Label], bool] | None = None) -> Iterator[Mention]:
        """Mentions in ``text``; with ``admit``, as if the finder held only the labels it
        admits (a label it refuses can neither match nor swallow a shorter one)."""
        by_first = self._by_first
        if not by_first:
            return
        end = 0
        for word in _WORD_START.finditer(text):
            start = word.start()
            if start < end:
                continue
            for label in by_first.get(word.group(0), ()):
                stop = start + len(label)
                if not text.startswith(label, start) or _WORD_CHAR.match(text, stop):
                    continue
                labels = tuple(self._by_text[label])
                if admit is not None:
                    labels = tuple(lb for lb in labels if admit(lb))
                    if not labels:
                        continue
                if " " not in label and _NEXT_NAME.match(text, stop):
                    break  # part of a longer name ("Bill Clinton" is not Bill Strausser)
                yield Mention(start, stop, label, labels)
                end = stop
                break
