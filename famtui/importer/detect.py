"""Which episode does an article recap? Codes, phrases and titles, weighed.

Every clue becomes a :class:`Signal` for one episode with a weight: the kind of clue
(a code or a "season 3, episode 5" phrase is explicit; a title may be a coincidence)
times where it stands (the headline counts double the body). Per episode the best
numeric clue and the best title clue add up, so a title and a code that agree beat
either alone; repeats add a little. Confidence grows with the winner's score and
shrinks with the runner-up's share.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from famtui.episodes import Ep
from famtui.textnorm import fold

ACCEPT = 0.6  # below this the importer refuses and asks for --episode
HEADLINE_CHARS = 200
OPENING_CHARS = 800
ZONE_FACTOR = {"headline": 1.0, "opening": 0.8, "body": 0.5}
KIND_WEIGHT = {"code": 3.0, "phrase": 3.0, "title": 2.0, "single-title": 1.0}
QUOTED_BONUS = 1.25  # a quoted title is meant as a title
TITLE_IS_A_NAME = 0.3  # "Happy Valley" unquoted is more likely the place than the episode
PARTIAL = 0.3  # "season 4" alone supports an episode of season 4 found otherwise
REPEAT_SHARE = 0.25
STRENGTH_SCALE = 2.0

_CARDINALS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
              "eleven", "twelve"]
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
             "tenth", "eleventh", "twelfth"]
NUMBER_WORDS = {word: i + 1 for i, word in enumerate(_CARDINALS)}
NUMBER_WORDS.update({word: i + 1 for i, word in enumerate(_ORDINALS)})

_NUM = r"(\d{1,2}|" + "|".join(_CARDINALS) + r")"
_ORD = r"(\d{1,2}(?:st|nd|rd|th)|" + "|".join(_ORDINALS) + r")"
_PART = r"(?:episode|ep\.?|chapter|instal{1,2}ment|entry|hour|outing|part)"
_FILLER = r"(?:[\w'’+]+\s+){0,4}?"
_FLAGS = re.IGNORECASE

# (kind, pattern, group of the season, group of the episode)
_NUMERIC: list[tuple[str, re.Pattern[str], int, int]] = [
    ("code", re.compile(r"\bs(\d{1,2})[\s._-]?e(\d{1,3})\b", _FLAGS), 1, 2),
    ("code", re.compile(r"\b(\d{1,2})x(\d{1,3})\b", _FLAGS), 1, 2),
    ("code", re.compile(r"\bep(?:isode|\.)?\s*(\d{1,2})\.(\d{1,3})\b", _FLAGS), 1, 2),
    ("phrase", re.compile(rf"\bseason\s+{_NUM}\s*\)?\s*[,:;–—-]?\s*\(?\s*{_PART}\s*{_NUM}\b", _FLAGS), 1, 2),
    ("phrase", re.compile(rf"\bs(\d{{1,2}})\s*[,:]?\s*{_PART}\s*{_NUM}\b", _FLAGS), 1, 2),
    ("phrase", re.compile(rf"\b{_PART}\s+{_NUM}\s*,?\s*(?:of|from|in)\s+(?:the\s+)?{_FILLER}"
                          rf"season\s+{_NUM}\b", _FLAGS), 2, 1),
    ("phrase", re.compile(rf"\b{_ORD}\s+{_PART}\s+(?:of|from|in)\s+(?:the\s+)?{_FILLER}"
                          rf"(?:{_ORD}\s+season|season\s+{_NUM})\b", _FLAGS), -1, 1),
    ("phrase", re.compile(rf"\b{_ORD}\s+season['’]?s?\s+{_ORD}\s+{_PART}", _FLAGS), 1, 2),
    ("phrase", re.compile(rf"\bseason\s+{_NUM}['’]s\s+{_ORD}\s+{_PART}", _FLAGS), 1, 2),
]
_SEASON_ONLY = [re.compile(rf"\bseason\s+{_NUM}\b", _FLAGS), re.compile(rf"\b{_ORD}\s+season\b", _FLAGS)]
_EPISODE_ONLY = [re.compile(rf"\bepisode\s+{_NUM}\b(?!\.\d)", _FLAGS),
                 re.compile(rf"\b{_ORD}\s+episode\b", _FLAGS)]
_TOKEN = re.compile(r"[^\W_]+")
_QUOTES_OPEN = "\"“‘'«"
_QUOTES_CLOSE = "\"”’'»"
_PREFIX = 4
_SMALL_WORDS = frozenset({"a", "an", "the", "of", "to", "in", "on", "and", "s", "t", "be", "upon"})


def number(text: str) -> int | None:
    """``6``, ``06``, ``six``, ``sixth``, ``6th`` -> 6."""
    text = text.lower()
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    digits = re.match(r"\d+", text)
    return int(digits.group(0)) if digits else None


@dataclass(frozen=True)
class Signal:
    ep: Ep
    kind: str  # code | phrase | title | single-title | season | episode
    zone: str  # headline | opening | body
    weight: float
    start: int
    quoted: bool = False

    def describe(self) -> str:
        what = {"code": "an episode code", "phrase": "a season/episode phrase",
                "title": "the title", "single-title": "the title"}.get(self.kind, self.kind)
        return f"{what} in the {self.zone}" + (" (quoted)" if self.quoted else "")


@dataclass(frozen=True)
class Detection:
    """The verdict: the best episode, a confidence in [0, 1], and the clues behind it."""

    ep: Ep | None
    confidence: float
    runner_up: Ep | None = None
    signals: tuple[Signal, ...] = ()
    scores: dict[Ep, float] = field(default_factory=dict)

    @property
    def accepted(self) -> bool:
        return self.ep is not None and self.confidence >= ACCEPT

    def evidence(self) -> list[str]:
        """Plain descriptions of the winner's clues (never the text that matched)."""
        seen: dict[str, int] = {}
        for signal in self.signals:
            if signal.ep == self.ep and signal.kind not in ("season", "episode"):
                seen[signal.describe()] = seen.get(signal.describe(), 0) + 1
        return [f"{text} ×{count}" if count > 1 else text for text, count in seen.items()]


class Zones:
    def __init__(self, text: str) -> None:
        first_line = text.lstrip().split("\n", 1)[0]
        offset = len(text) - len(text.lstrip())
        cut = len(first_line)
        if cut > HEADLINE_CHARS:
            space = first_line.rfind(" ", 0, HEADLINE_CHARS)
            cut = space if space > 0 else HEADLINE_CHARS
        self.headline_end = offset + cut
        self.opening_end = max(self.headline_end, OPENING_CHARS)

    def zone(self, start: int) -> str:
        if start < self.headline_end:
            return "headline"
        return "opening" if start < self.opening_end else "body"


def _numeric_signals(text: str, zones: Zones) -> tuple[list[Signal], list[tuple[int, int]]]:
    signals, covered = [], []
    for kind, pattern, season_group, episode_group in _NUMERIC:
        for match in pattern.finditer(text):
            if any(s <= match.start() < e for s, e in covered):
                continue
            if season_group == -1:  # the ordinal phrase: season in group 2 or 3
                season_text = match.group(2) or match.group(3)
            else:
                season_text = match.group(season_group)
            season, episode = number(season_text), number(match.group(episode_group))
            if not season or not episode:
                continue
            zone = zones.zone(match.start())
            weight = KIND_WEIGHT[kind] * ZONE_FACTOR[zone]
            signals.append(Signal(Ep(season, episode), kind, zone, weight, match.start()))
            covered.append((match.start(), match.end()))
    return signals, covered


def _partials(text: str, zones: Zones, covered: list[tuple[int, int]]) -> list[tuple[str, int, str]]:
    """(``season`` or ``episode``, number, zone) for lone mentions outside full clues."""
    found = []
    for kind, patterns in (("season", _SEASON_ONLY), ("episode", _EPISODE_ONLY)):
        for pattern in patterns:
            for match in pattern.finditer(text):
                if any(s <= match.start() < e for s, e in covered):
                    continue
                value = number(match.group(1))
                if value:
                    found.append((kind, value, zones.zone(match.start())))
    return found


@dataclass(frozen=True)
class TitleMatch:
    ep: Ep
    start: int
    end: int
    score: float  # rapidfuzz ratio, 0-100
    quoted: bool
    single: bool  # a one-word title


def find_titles(text: str, titles: Iterable[tuple[Ep, str]]) -> list[TitleMatch]:
    """Where ``text`` names an episode title, fuzzily ("Best Laid Plans") but written like
    a title: quoted, or with the title's capitalised words capitalised."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
    folded = [t[2].lower() if t[2].isascii() else fold(t[2]) for t in tokens]
    # Only windows holding a word that starts like one of the title's words are compared
    # (a misquoted title keeps the first letters of its words), so long texts stay fast.
    by_prefix: dict[str, list[int]] = {}
    for i, token in enumerate(folded):
        by_prefix.setdefault(token[:_PREFIX], []).append(i)

    found: list[TitleMatch] = []
    for ep, title in titles:
        target = fold(title)
        if not target:
            continue
        title_words = title.replace("-", " ").replace("'", " ").replace("’", " ").split()
        words = target.split()
        size = len(words)
        keys = ({w[:_PREFIX] for w in words if len(w) >= 4 and w not in _SMALL_WORDS}
                or {w[:_PREFIX] for w in words if len(w) >= 3} or {w[:_PREFIX] for w in words})
        hits = sorted({i for key in keys for i in by_prefix.get(key, ())})
        best: dict[int, tuple[float, int]] = {}
        for width in {max(1, size - 1), size, size + 1}:
            cutoff = 100.0 if size == 1 and width == 1 else 84.0
            starts = sorted({start for i in hits for start in range(max(0, i - width + 1), i + 1)
                             if start + width <= len(folded)})
            for start in starts:
                score = fuzz.ratio(target, " ".join(folded[start:start + width]),
                                   score_cutoff=cutoff - 0.01)
                if score and (start not in best or best[start][0] < score):
                    best[start] = (score, width)
        significant = {w for w in words if len(w) >= 3 and w not in _SMALL_WORDS}
        taken: list[tuple[int, int]] = []
        for i, (score, width) in sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0])):
            if any(i < e and s < i + width for s, e in taken):
                continue  # overlaps a better match of the same title
            if size > 1 and score < 100 and not significant & set(folded[i:i + width]):
                continue  # a misquoted title keeps at least one of its words intact
            start, end = tokens[i][0], tokens[i + width - 1][1]
            quoted = _quoted(text, start, end)
            if not quoted and not _capitalised_like([t[2] for t in tokens[i:i + width]], title_words):
                continue
            taken.append((i, i + width))
            found.append(TitleMatch(ep, start, end, score, quoted, size == 1))
    return sorted(found, key=lambda m: m.start)


def _title_signals(text: str, zones: Zones, titles: Iterable[tuple[Ep, str]],
                   names: set[str]) -> list[Signal]:
    titles = list(titles)
    folded_titles = {ep: fold(title) for ep, title in titles}
    signals: list[Signal] = []
    for match in find_titles(text, titles):
        zone = zones.zone(match.start)
        if match.single and match.score < 100 and not (match.quoted or zone == "headline"):
            continue
        kind = "single-title" if match.single else "title"
        # a quoted one-word title is as deliberate as a longer one; unquoted it may be a word
        base = KIND_WEIGHT["title" if match.quoted else kind]
        weight = base * ZONE_FACTOR[zone] * (match.score / 100) ** 2
        if match.quoted:
            weight *= QUOTED_BONUS
        elif folded_titles[match.ep] in names:
            weight *= TITLE_IS_A_NAME
        signals.append(Signal(match.ep, kind, zone, weight, match.start, match.quoted))
    return signals


def _quoted(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 1):start]
    after = text[end:end + 2].lstrip(",.;:!?")[:1]
    return bool(before) and before in _QUOTES_OPEN and bool(after) and after in _QUOTES_CLOSE


def _capitalised_like(words: list[str], title_words: list[str]) -> bool:
    """An unquoted title counts only when written like one: its capitalised words capitalised."""
    if not words[0][:1].isupper():
        return False
    if len(words) == len(title_words):
        return all(w[:1].isupper() for w, t in zip(words, title_words, strict=True) if t[:1].isupper())
    wanted = sum(1 for t in title_words if t[:1].isupper())
    return sum(1 for w in words if w[:1].isupper()) >= wanted - 1


def detect(text: str, titles: Iterable[tuple[Ep, str]], names: Iterable[str] = ()) -> Detection:
    """The episode ``text`` recaps. ``titles`` are every episode's; ``names`` are labels of
    characters and things (a title that is also a name counts less when unquoted)."""
    titles = list(titles)
    zones = Zones(text)
    numeric, covered = _numeric_signals(text, zones)
    signals = numeric + _title_signals(text, zones, titles, {fold(n) for n in names})
    by_ep: dict[Ep, dict[str, list[float]]] = {}
    for signal in signals:
        group = "number" if signal.kind in ("code", "phrase") else "title"
        by_ep.setdefault(signal.ep, {}).setdefault(group, []).append(signal.weight)
    scores: dict[Ep, float] = {}
    for ep, groups in by_ep.items():
        total = 0.0
        for weights in groups.values():
            weights.sort(reverse=True)
            total += weights[0] + min(weights[0] * 0.5, REPEAT_SHARE * sum(weights[1:]))
        scores[ep] = total
    partial_signals = []
    for kind, value, zone in _partials(text, zones, covered):
        for ep in scores:
            if (ep.season if kind == "season" else ep.number) == value:
                partial_signals.append(Signal(ep, kind, zone, PARTIAL * ZONE_FACTOR[zone], -1))
    for ep in scores:
        scores[ep] += min(2 * PARTIAL, sum(s.weight for s in partial_signals if s.ep == ep))
    if not scores:
        return Detection(None, 0.0)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    top_ep, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    strength = 1 - math.exp(-top / STRENGTH_SCALE)
    share = top / (top + second)
    confidence = round(strength * math.sqrt(share), 2)
    return Detection(top_ep, confidence, ranked[1][0] if len(ranked) > 1 else None,
                     tuple(signals + partial_signals), scores)
