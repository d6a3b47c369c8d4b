"""Linking an article's mentions to the guide, and the leak guard.

A :class:`Linker` is built for one episode E from the gate: the labels the viewer
knows as of E (``show.view(E).labels()``) are linked; labels first known after E and
titles of later episodes are *leaks*: a sentence naming one is withheld. Matching is
exact first (case-sensitive, whole words, longest label first, as the guide writes
names), then fuzzy on the capitalised runs left over (rapidfuzz edit distance, for
"Soujourner" or "Kusnetzov"), with context rules against false links: a word the
article also uses in lower case is a common word, a one-word first name next to
another capitalised word is part of a longer name, and surnames shared by a family
go to the member the article mentions most, if any clearly dominates.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from famtui.episodes import Ep
from famtui.gate import Show, View
from famtui.importer.detect import find_titles
from famtui.importer.names import (
    IGNORED_NAMES,
    NATIONALITIES,
    Run,
    is_honorific,
    is_opener,
    is_stopword,
    runs,
)
from famtui.importer.text import split_sentences
from famtui.mentions import COMMON_WORDS
from famtui.textnorm import fold

MIN_FUZZY = 5  # shorter words link only exactly ("Mars" is not "Marc")
MULTI_CUTOFF = 88.0
_FAMILY = re.compile(r"\s+(?:family|household|kids|children|home|house|clan|parents|brothers|sisters)\b")
_NEXT_CAPITAL = re.compile(r"\s+[A-Z][a-z]")
_PREVIOUS_CAPITAL = re.compile(r"([A-Z][\w'’-]*)\s+$")


@dataclass(frozen=True)
class Hit:
    """One mention in one sentence."""

    paragraph: int
    sentence: int
    start: int
    end: int
    text: str
    ids: frozenset[str] = frozenset()  # candidates among what is known as of E
    reveal: Ep | None = None  # set for a leak: the episode from which it is known
    title: bool = False  # the leak is a later episode's title
    how: str = "exact"


@dataclass(frozen=True)
class LinkedMention:
    id: str
    name: str  # the display name as of the article's episode
    mention: str  # as the article writes it
    count: int
    near: bool = False  # the article misspells the name (linked as the one close visible name)


@dataclass(frozen=True)
class Flag:
    paragraph: int  # 1-based
    sentence: int  # 1-based
    reason: str  # later-name | later-title
    episode: Ep  # from which the withheld thing is known


@dataclass
class Linked:
    """What the linker found in an article."""

    paragraphs: list[list[str]]  # the article's sentences, per paragraph
    links: list[LinkedMention] = field(default_factory=list)
    unlinked: list[str] = field(default_factory=list)
    flagged: list[Flag] = field(default_factory=list)
    shown_from: dict[tuple[int, int], Ep] = field(default_factory=dict)  # (¶, sentence) 1-based

    def sentences(self, ep: Ep) -> tuple[tuple[tuple[str, Ep], ...], ...]:
        """Every sentence with the episode from which it may be shown: ``ep``, or for one that
        names later things, the latest episode it points to."""
        return tuple(tuple((text, self.shown_from.get((p, i), ep)) for i, text in enumerate(sentences, 1))
                     for p, sentences in enumerate(self.paragraphs, 1))

    def shown(self) -> list[str]:
        """The paragraphs with flagged sentences removed (empty ones dropped)."""
        withheld = {(f.paragraph, f.sentence) for f in self.flagged}
        out = []
        for p, sentences in enumerate(self.paragraphs, 1):
            kept = [s for i, s in enumerate(sentences, 1) if (p, i) not in withheld]
            if kept:
                out.append(" ".join(kept))
        return out


class Linker:
    """Links for an article filed under episode ``ep`` of ``show``.

    With ``viewer`` (the view of whoever reads the report), only what that view shows
    takes part: names and aliases known by the earlier of ``ep`` and the viewer's progress,
    later names known by the viewer's progress, and the titles the view shows. The result
    is then the same as with a guide that holds nothing after the viewer's progress.
    """

    def __init__(self, show: Show, ep: Ep, viewer: View | None = None) -> None:
        self.ep = ep
        view = self.known_view(show, ep, viewer)
        summaries = {s.id: s for s in view.entities()}
        self.names = {eid: s.name for eid, s in summaries.items()}
        characters = {eid for eid, s in summaries.items() if s.kind == "character"}
        self.known: dict[str, set[str]] = {}
        for label, eid in view.labels():
            if label not in COMMON_WORDS and len(label) >= 2:
                self.known.setdefault(label, set()).add(eid)
        self.character_labels = {label for label, ids in self.known.items() if ids & characters}
        self.derived: dict[str, set[str]] = {}
        for label, eid in view.labels():
            if eid in characters:
                for part in _name_parts(label):
                    if part not in self.known:
                        self.derived.setdefault(part, set()).add(eid)
        known_texts = set(self.known) | set(self.derived)
        known_folded = {fold(t) for t in known_texts}
        self.later: dict[str, Ep] = {}
        for label, kind, reveal in show.label_reveals(viewer):
            if reveal <= ep:
                continue
            forms = [label] + (_name_parts(label) if kind == "character" else [])
            for form in forms:
                if form in COMMON_WORDS or len(form) < 2 or form in known_texts \
                        or fold(form) in known_folded:
                    continue
                self.later[form] = min(self.later.get(form, reveal), reveal)
        self.people = set(self.character_labels) | set(self.derived)
        # a later title that is also a name known by now ("Happy Valley") is not a leak
        self.titles = [(e, title) for e, title in show.episode_titles(viewer)
                       if e <= ep or (title not in known_texts and fold(title) not in known_folded)]
        surfaces = set(self.known) | set(self.derived) | set(self.later)
        body = "|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True))
        self._pattern = re.compile(rf"(?<![\w-])(?:{body})(?![\w])") if body else None
        self._singles = sorted(t for t in surfaces if " " not in t)
        self._singles_folded = [fold(t) for t in self._singles]
        self._multis = sorted(t for t in set(self.known) | set(self.later) if " " in t)
        self._multis_folded = [fold(t) for t in self._multis]

    @staticmethod
    def known_view(show: Show, ep: Ep, viewer: View | None) -> View:
        """Whose names link: the article's episode, or the viewer's progress if earlier (a
        name or alias the viewer has not reached never links, even to someone they know)."""
        if viewer is None or viewer.admits(ep):
            return show.view(ep)
        return show.view(viewer.progress)

    # -- the whole article ----------------------------------------------------------
    def link(self, paragraphs: Iterable[str], leaks_only: bool = False) -> Linked:
        """Links, unlinked names and flagged sentences; ``leaks_only`` skips what the
        leak guard does not need (earlier titles, the unlinked list)."""
        sentences = [split_sentences(p) for p in paragraphs]
        lower_words = _lower_words(" ".join(s for p in sentences for s in p))
        hits: list[Hit] = []
        leftovers: list[tuple[int, int, Run]] = []
        titles = self._titles(sentences, leaks_only)
        hits.extend(t for t in titles if t.reveal is not None)
        for p, para in enumerate(sentences):
            for s, sentence in enumerate(para):
                exact = self._exact(p, s, sentence, lower_words)
                hits.extend(exact)
                taken = exact + [t for t in titles if (t.paragraph, t.sentence) == (p, s)]
                for run in runs(sentence):
                    if any(h.start < run.end and run.start < h.end for h in taken):
                        continue
                    leftovers.append((p, s, run))
        unlinked_runs: list[tuple[int, int, Run]] = []
        for p, s, run in leftovers:
            hit = self._fuzzy(p, s, run, lower_words)
            if hit is not None:
                hits.append(hit)
            else:
                unlinked_runs.append((p, s, run))
        hits = self._drop_parts_of_unknown_names(hits, unlinked_runs)
        resolved = self._resolve(hits)
        linked = Linked(sentences)
        flags: dict[tuple[int, int], Flag] = {}
        for hit in resolved:
            if hit.reveal is None:
                continue
            key = (hit.paragraph + 1, hit.sentence + 1)
            reason = "later-title" if hit.title else "later-name"
            old = flags.get(key)
            if old is None or hit.reveal < old.episode:
                flags[key] = Flag(key[0], key[1], reason, hit.reveal)
            linked.shown_from[key] = max(linked.shown_from.get(key, hit.reveal), hit.reveal)
        linked.flagged = [flags[k] for k in sorted(flags)]
        withheld = set(flags)
        counts: Counter[tuple[str, str]] = Counter()
        near: set[tuple[str, str]] = set()
        for hit in resolved:
            if hit.reveal is None and len(hit.ids) == 1 and \
                    (hit.paragraph + 1, hit.sentence + 1) not in withheld:
                key = (next(iter(hit.ids)), hit.text)
                counts[key] += 1
                if hit.how == "fuzzy":
                    near.add(key)
        linked.links = [LinkedMention(eid, self.names[eid], mention, n, (eid, mention) in near)
                        for (eid, mention), n in counts.items()]
        if not leaks_only:
            linked.unlinked = self._unlinked(unlinked_runs, withheld, lower_words, sentences)
        return linked

    def withhold(self, paragraphs: Iterable[str]) -> list[str]:
        """``paragraphs`` without the sentences the leak guard flags."""
        return self.link(paragraphs, leaks_only=True).shown()

    # -- episode titles ---------------------------------------------------------------
    def _titles(self, sentences: list[list[str]], later_only: bool = False) -> list[Hit]:
        """Titles named in the article; a later episode's title is a leak."""
        starts: list[tuple[int, int, int]] = []  # (offset, paragraph, sentence)
        offset = 0
        for p, para in enumerate(sentences):
            for s, sentence in enumerate(para):
                starts.append((offset, p, s))
                offset += len(sentence) + 1
        text = "\n".join(" ".join(para) for para in sentences)
        offsets = [start[0] for start in starts]
        hits = []
        titles = [t for t in self.titles if t[0] > self.ep] if later_only else self.titles
        for match in find_titles(text, titles):
            if match.single and match.score < 100 and not match.quoted:
                continue
            offset, p, s = starts[bisect.bisect_right(offsets, match.start) - 1]
            sentence = sentences[p][s]
            start, end = match.start - offset, min(match.end - offset, len(sentence))
            later = match.ep if match.ep > self.ep else None
            hits.append(Hit(p, s, start, end, sentence[start:end], reveal=later, title=True, how="title"))
        return hits

    # -- exact matches ----------------------------------------------------------------
    def _exact(self, p: int, s: int, sentence: str, lower_words: set[str]) -> list[Hit]:
        if self._pattern is None:
            return []
        hits = []
        for match in self._pattern.finditer(sentence):
            text = match.group(0)
            single = " " not in text
            # the "longer name" rules only ever keep a known link out; for the leak guard a
            # later first name next to another word ("Poor Oren") still counts
            is_person = text in self.people
            if single and is_person and _NEXT_CAPITAL.match(sentence, match.end()):
                continue  # "Sam Cleveland" is not Sam
            if single and is_person and _after_a_name(sentence, match.start()):
                continue  # "Spike Lee" is not Lee
            if single and text.lower() in lower_words and _opens_sentence(sentence, match.start()):
                continue  # "Miles away, ..." at the start of a sentence
            if single and text in self.derived and _FAMILY.match(sentence, match.end()):
                continue  # "the Baldwin family" is nobody in particular
            hits.append(self._hit(p, s, match.start(), match.end(), text, "exact"))
        return hits

    def _hit(self, p: int, s: int, start: int, end: int, text: str, how: str,
             surface: str | None = None) -> Hit:
        key = surface or text
        if key in self.known:
            return Hit(p, s, start, end, text, frozenset(self.known[key]), how=how)
        if key in self.derived:
            return Hit(p, s, start, end, text, frozenset(self.derived[key]), how=how + "-part")
        return Hit(p, s, start, end, text, reveal=self.later[key], how=how)

    # -- fuzzy matches ----------------------------------------------------------------
    def _fuzzy(self, p: int, s: int, run: Run, lower_words: set[str]) -> Hit | None:
        if len(run.words) > 1:
            texts = [run.text]
            if len(run.words) > 2:
                texts.append(f"{run.words[0].text} {run.words[-1].text}")
            for text in texts:
                found = process.extractOne(fold(text), self._multis_folded, scorer=fuzz.ratio,
                                           score_cutoff=MULTI_CUTOFF)
                if found is not None:
                    label = self._multis[found[2]]
                    if _initials(text) == _initials(label) and _digits(text) == _digits(label):
                        return self._hit(p, s, run.start, run.end, run.text, "fuzzy", surface=label)
            # "Dani Poole": every word names the same known character
            shared: set[str] | None = None
            for w in run.words:
                ids = self._known_ids(w.text, lower_words)
                shared = ids if shared is None else shared & ids
            if shared and len(shared) == 1:
                return Hit(p, s, run.start, run.end, run.text, frozenset(shared), how="parts")
            return None
        word = run.words[0].text
        label = self._closest_single(word, lower_words)
        if label is None:
            return None
        return self._hit(p, s, run.start, run.end, word, "fuzzy", surface=label)

    def _known_ids(self, word: str, lower_words: set[str]) -> set[str]:
        for table in (self.known, self.derived):
            if word in table:
                return set(table[word])
        label = self._closest_single(word, lower_words)
        return set(self.known.get(label, ()) or self.derived.get(label, ())) if label else set()

    def _closest_single(self, word: str, lower_words: set[str]) -> str | None:
        """The one-word label ``word`` misspells, if it is close enough and not a common word."""
        if len(word) < MIN_FUZZY or word.lower() in lower_words or is_stopword(word):
            return None
        limit = 1 if len(word) <= 7 else 2
        candidates = process.extract(fold(word), self._singles_folded, scorer=OSA.distance,
                                     score_cutoff=limit, limit=None)
        best: list[tuple[int, int, str]] = []
        for _, distance, i in candidates:
            label = self._singles[i]
            if label[:1].lower() != word[:1].lower() or fold(label) + "s" == fold(word):
                continue
            best.append((distance, 0 if label in self.known or label in self.derived else 1, label))
        if not best:
            return None
        best.sort()
        return best[0][2]

    # -- context ----------------------------------------------------------------------
    @staticmethod
    def _drop_parts_of_unknown_names(hits: list[Hit], unlinked: list[tuple[int, int, Run]]) -> list[Hit]:
        """A lone "Sam" in an article that also says "Sam Cleveland" (a name the guide does
        not know) is Sam Cleveland, unless the article also names a known Sam in full.
        Leaks are never dropped this way: the guard errs on the side of withholding."""
        parts: set[str] = set()
        for _, _, run in unlinked:
            if len(run.words) > 1:
                parts.update({run.words[0].text, run.words[-1].text})
        confirmed = {i for h in hits if " " in h.text for i in h.ids}
        return [h for h in hits if h.reveal is not None
                or " " in h.text or h.text not in parts or (h.ids and h.ids & confirmed)]

    @staticmethod
    def _resolve(hits: list[Hit]) -> list[Hit]:
        """Shared surnames go to the family member the article mentions most, if any dominates."""
        counts: Counter[str] = Counter(next(iter(h.ids)) for h in hits if len(h.ids) == 1)
        resolved = []
        for hit in hits:
            if len(hit.ids) > 1:
                ranked = sorted(((counts[i], i) for i in hit.ids), reverse=True)
                if ranked[0][0] >= 1 and ranked[0][0] >= 2 * ranked[1][0]:
                    hit = Hit(hit.paragraph, hit.sentence, hit.start, hit.end, hit.text,
                              frozenset({ranked[0][1]}), how=hit.how + "-resolved")
                else:
                    continue
            resolved.append(hit)
        return resolved

    def _unlinked(self, unlinked: list[tuple[int, int, Run]], withheld: set[tuple[int, int]],
                  lower_words: set[str], sentences: list[list[str]]) -> list[str]:
        mid_sentence = {run.text for _, _, run in unlinked if not run.sentence_start}
        names: dict[str, str] = {}
        for p, s, run in unlinked:
            if (p + 1, s + 1) in withheld:
                continue
            text = run.text
            key = fold(text)
            if not key or key in IGNORED_NAMES or key in NATIONALITIES or key in names \
                    or text in self.known or text in self.derived or text in self.later:
                continue  # nothing, a nationality, or a name the guide knows ("the Moss family")
            if len(run.words) == 1:
                word = run.words[0].text
                if len(word) < 3 or word.lower() in lower_words or is_stopword(word):
                    continue
                if run.sentence_start and text not in mid_sentence:
                    continue
            names[key] = text
        return list(names.values())


_PARTICLES = frozenset("von van der den de da das do dos del della di du la le bin ibn al el y".split())


def _name_parts(label: str) -> list[str]:
    """Given name and surname of a character's multi-word label ("Margo", "Madison"); none for
    a description standing in for a name not given yet ("Soviet cosmonaut at the American mine",
    "Younger Stevens son"): a lower-case word that is not a particle ("von") marks one."""
    words = label.split()
    if any(w[:1].islower() and w not in _PARTICLES for w in words):
        return []
    parts = [w for w in words if w[:1].isupper() and len(w) >= 3 and not is_honorific(w)]
    if len(parts) < 2:
        return []
    return list(dict.fromkeys([parts[0], parts[-1]]))


def _after_a_name(sentence: str, start: int) -> bool:
    """The word follows another capitalised word that is not an opener or a title."""
    match = _PREVIOUS_CAPITAL.search(sentence[:start])
    if not match:
        return False
    word = match.group(1).rstrip(".")
    if _opens_sentence(sentence, match.start(1)) and is_opener(word):
        return False
    return not (is_stopword(word) or is_honorific(word))


def _digits(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def _initials(text: str) -> str:
    return "".join(w[:1].lower() for w in text.split())


def _lower_words(text: str) -> set[str]:
    """Words the article writes in lower case: common words, not names."""
    return {w for w in re.findall(r"[^\W\d_]+", text) if w.islower()}


def _opens_sentence(sentence: str, start: int) -> bool:
    before = sentence[:start].rstrip(" \"'“‘(")
    return before == "" or before[-1] in ".!?:;"
