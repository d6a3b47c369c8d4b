"""Fuzzy search over what a :class:`~famtui.gate.View` may show.

The index is built once from the gate's documents, which come ordered by the
episode that reveals them. Under progress P a query only ever touches the
visible prefix of that order (found with a bisect), so hidden text can neither
match, nor be counted, nor shape a snippet, and moving progress needs no rebuild.

How a query runs:

1. The query is folded (case, accents, punctuation) into tokens.
2. Each token is matched against the *vocabulary*: exact words, words it is a
   prefix of, and words within a few typos (``rapidfuzz``). The vocabulary is
   gated too: every word carries the first reveal it occurs at, the vocabulary
   is kept in that order, and only its visible prefix is fuzzy-matched, so a
   hidden word can neither match nor crowd a visible one out of the top few.
3. Candidates are reached through inverted indexes (word -> documents, each
   list in reveal order and cut at the visible prefix) and only they are scored.

Ranking, best first (``Hit.score`` 0-100):

- 100: the query is a whole name, alias or episode title;
- 80-99: every query word is a name word or the start of one ("madison", "gord");
- 60-79: every query word matches a name word with typos ("aleda rosals");
- 1-59: text matches (recaps, loglines, facts, roles, imported recaps, and names
  that contain only some of the words), with a snippet around the match.

One hit per character, thing or episode: its best-scoring document.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from operator import itemgetter
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from famtui.episodes import Ep
from famtui.gate import Doc, Show, TitleRules, View
from famtui.record import Record
from famtui.textnorm import clean_query, fold, fold_words

NAME_FIELDS = frozenset({"name", "alias", "title"})
MAX_TOKENS = 8  # query words looked at
MAX_TOKEN_LEN = 40  # longer "words" cannot be names or typos of words
FUZZY_WORDS = 30  # vocabulary words a query word may fuzzy-match
PREFIX_WORDS = 60  # vocabulary words a short prefix may expand to
NAME_CANDIDATES = 250
TEXT_EXPAND = 3000  # postings a text word may expand to before it only re-scores candidates
TEXT_RESCORE = 200
PHRASE_CHECKS = 30
STOPWORDS = frozenset(
    "a an and are as at be by for from had has he her him his i in is it its of on or she "
    "that the their them they this to was were who with".split()
)
_ASCII_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ASCII_RUN = re.compile(r"[a-z0-9]+")
_RUN = re.compile(r"[^\W_]+")  # a run of letters and digits in original text


#: a snippet from a role that a later (visible) role replaced starts with this
EARLIER = "earlier: "

class Hit(Record):
    kind: str
    id: str
    title: str
    episode: str
    snippet: str
    spans: tuple[tuple[int, int], ...]
    score: float
    field: str

    def as_json(self) -> dict:
        return {"kind": self.kind, "id": self.id, "title": self.title, "episode": self.episode,
                "snippet": self.snippet, "score": round(self.score, 1)}


def query_tokens(query: str) -> list[str]:
    """The words of a user's query, folded; never raises, whatever the input."""
    if not isinstance(query, str):
        return []
    # Surrogates and other unencodable code points are dropped, not fatal.
    query = query.encode("utf-8", "ignore").decode("utf-8", "ignore")
    tokens = [t[:MAX_TOKEN_LEN] for t in fold_words(clean_query(query))]
    return tokens[:MAX_TOKENS]


def _fuzzy_cutoff(token: str) -> float | None:
    """The least ``fuzz.ratio`` a word needs to count as ``token`` with typos."""
    if len(token) < 4:
        return None
    return 75.0 if len(token) == 4 else 70.0


def _word_quality(token: str, word: str, last: bool) -> tuple[float, int]:
    """How well a query word matches a name word: (quality 0-1, 2 exact | 1 prefix | 0 fuzzy)."""
    if word == token:
        return 1.0, 2
    if word.startswith(token):
        return 0.75 + 0.25 * len(token) / len(word), 1
    cutoff = _fuzzy_cutoff(token)
    if cutoff is None:
        return 0.0, 0
    ratio = fuzz.ratio(token, word, score_cutoff=cutoff)
    if last and len(word) > len(token) + 1:  # still typing: compare with the word's start
        ratio = max(ratio, fuzz.ratio(token, word[: len(token) + 1], score_cutoff=cutoff) - 4)
    return (0.9 * ratio / 100 if ratio >= cutoff else 0.0), 0


def name_score(tokens: Sequence[str], words: Sequence[str], folded: str) -> float:
    """Score 60-100 when every query word matches a word of this name, else 0."""
    if not tokens or not words:
        return 0.0
    query = " ".join(tokens)
    if query == folded:
        return 100.0
    qualities = []
    worst = 2
    first = False
    for j, token in enumerate(tokens):
        best, how, at = 0.0, 0, -1
        for k, word in enumerate(words):
            quality, kind = _word_quality(token, word, j == len(tokens) - 1)
            if quality > best:
                best, how, at = quality, kind, k
        if best <= 0.0:
            return 0.0
        qualities.append(best)
        worst = min(worst, how)
        if j == 0 and at == 0:
            first = True
    mean = sum(qualities) / len(qualities)
    coverage = min(1.0, len(query.replace(" ", "")) / max(1, len(folded.replace(" ", ""))))
    if worst >= 1:
        return 80.0 + 10.0 * mean + 6.0 * coverage + 2.9 * first
    return 60.0 + 13.0 * mean + 4.0 * coverage + 1.9 * first


class _Vocab:
    """The words of a set of documents, gated: each word keeps the first reveal it occurs
    at, and the words are kept in that order, so what a view may see is a prefix."""

    def __init__(self, docs: Iterable[tuple[int, int, Iterable[str]]]) -> None:
        """Index ``(document, reveal, distinct words)``, documents in reveal order."""
        postings: dict[str, list[int]] = {}  # word -> documents, ascending (= reveal order)
        first: dict[str, int] = {}  # word -> first reveal
        for i, reveal, words in docs:
            for word in words:
                found = postings.get(word)
                if found is None:
                    postings[word] = [i]
                    first[word] = reveal
                else:
                    found.append(i)
        self.postings = postings
        self.first = first
        self.words = list(postings)  # first-occurrence order, which is first-reveal order
        self.reveals = [first[w] for w in self.words]
        self._initials: dict[str, tuple[list[str], list[int]]] = {}
        for word, reveal in zip(self.words, self.reveals, strict=True):
            bucket = self._initials.setdefault(word[0], ([], []))
            bucket[0].append(word)
            bucket[1].append(reveal)
        self._sorted = sorted(self.words)
        self._short: dict[str, list[str]] = {}

    def state(self) -> tuple:
        """The vocabulary as plain data (for :mod:`famtui.searchcache`)."""
        initials = {k: (list(words), list(reveals)) for k, (words, reveals) in self._initials.items()}
        return self.postings, self.first, initials, self._sorted

    @classmethod
    def from_state(cls, state: tuple) -> _Vocab:
        postings, first, initials, ordered = state
        if not (isinstance(postings, dict) and isinstance(first, dict) and isinstance(initials, dict)
                and isinstance(ordered, list) and len(postings) == len(first) == len(ordered)):
            raise ValueError("not a vocabulary")
        self = cls.__new__(cls)
        self.postings, self.first, self._sorted = postings, first, ordered
        self.words = list(postings)
        self.reveals = [first[w] for w in self.words]
        self._initials = {k: (words, reveals) for k, (words, reveals) in initials.items()}
        self._short = {}
        return self

    def known(self, word: str, horizon: int) -> bool:
        return self.first.get(word, horizon + 1) <= horizon

    def visible_postings(self, word: str, count: int) -> list[int]:
        """The documents among the first ``count`` that hold ``word``."""
        postings = self.postings[word]
        if postings[-1] < count:
            return postings
        return postings[: bisect.bisect_left(postings, count)]

    def df(self, word: str, count: int) -> int:
        postings = self.postings[word]
        return len(postings) if postings[-1] < count else bisect.bisect_left(postings, count)

    def prefixed(self, token: str, horizon: int, cap: int) -> list[str]:
        """Visible words that start with ``token`` (other than it), shortest first, at most ``cap``."""
        ordered = self._short.get(token)
        if ordered is None:
            lo = bisect.bisect_right(self._sorted, token)
            hi = bisect.bisect_left(self._sorted, token + "\U0010ffff", lo)
            ordered = self._sorted[lo:hi]
            if len(ordered) > cap:  # remember the length order of short, busy prefixes
                ordered.sort(key=len)
                if len(self._short) > 4096:
                    self._short.clear()
                self._short[token] = ordered
        first = self.first
        out = []
        for word in ordered:
            if first[word] <= horizon:
                out.append(word)
                if len(out) >= cap:
                    break
        return out

    def fuzzy(self, token: str, horizon: int, cutoff: float, limit: int,
              anywhere: bool = True) -> list[tuple[str, float]]:
        """Visible words (other than ``token``) within a few typos of it: (word, similarity 0-100).

        ``cutoff`` is the least ``fuzz.ratio``; a negative one means at most that many
        edits (optimal string alignment: a swap of neighbours is one edit), stricter.
        Words with the same first letter are looked at first (typos there are rare, and it
        is a fraction of the vocabulary); the rest only when none of those is close, and
        ``anywhere`` is set.
        """
        words, reveals = self._initials.get(token[0], ((), ()))
        found = self._extract(token, words, reveals, horizon, cutoff, limit)
        if not found and anywhere:
            found = self._extract(token, self.words, self.reveals, horizon, cutoff, limit)
        return found

    @staticmethod
    def _extract(token: str, words: Sequence[str], reveals: Sequence[int], horizon: int,
                 cutoff: float, limit: int) -> list[tuple[str, float]]:
        visible = bisect.bisect_right(reveals, horizon)
        if not visible:
            return []
        choices = words if visible == len(words) else words[:visible]
        if cutoff < 0:
            found = process.extract(token, choices, scorer=OSA.distance, processor=None,
                                    score_cutoff=int(-cutoff), limit=limit + 1)
            found = [(word, 100.0 * (1 - edits / max(len(token), len(word))), n) for word, edits, n in found]
        else:
            found = process.extract(token, choices, scorer=fuzz.ratio, processor=None,
                                    score_cutoff=cutoff, limit=limit + 1)
        return [(word, score) for word, score, _ in found if word != token][:limit]


class _Rows(Sequence[Doc]):
    """Documents kept as rows, each made a :class:`Doc` when looked at (a search looks at
    a few dozen of thousands)."""

    def __init__(self, rows: list[tuple]) -> None:
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self._rows)))]
        reveal, kind, key, field, text, season, number = self._rows[i]
        return Doc(reveal, kind, key, field, text, Ep(season, number))


class SearchIndex:
    """A search index over every document of a show; serves every progress point.

    Cheap to build (one pass over the gate's documents, no scoring), so the app can
    build it in a worker after its first paint.

    With ``upto`` (a view's horizon), only the documents that view may see are indexed: a
    command that searches once at one progress point builds a fraction of the index, and
    gets the same results as from a whole one. Such an index refuses later views.
    """

    def __init__(self, show: Show, rules: TitleRules | None = None, upto: int | None = None) -> None:
        self.rules = rules or TitleRules()
        docs = show.documents(self.rules)
        self.upto = upto
        if upto is not None:
            docs = docs[:bisect.bisect_right([doc.reveal for doc in docs], upto)]
        self.docs: Sequence[Doc] = docs
        self._reveals = [doc.reveal for doc in self.docs]
        self._keys: list[tuple[str, str]] = [(doc.kind, doc.id) for doc in self.docs]
        self._is_name = [doc.field in NAME_FIELDS for doc in self.docs]
        self._lengths: list[int] = []  # distinct words per document
        self._name_words: dict[int, tuple[str, ...]] = {}
        self._titles: dict[tuple[int, str], tuple[str, str]] = {}
        self._text_vocab = _Vocab(self._folded())  # words of every document
        names = self._name_words
        self._labels: dict[tuple[str, str], list[int]] = {}  # an entity's name and aliases
        for i in names:
            if self.docs[i].kind != "episode":
                self._labels.setdefault(self._keys[i], []).append(i)
        self._names_vocab = _Vocab(  # words of names, aliases and episode titles
            (i, self.docs[i].reveal, dict.fromkeys(words)) for i, words in names.items())

    # -- kept between runs (famtui/searchcache.py) -------------------------------------
    def state(self) -> tuple:
        """The index as plain data (tuples, lists, dicts, strings and numbers): the gate's
        documents as rows, and what building the index worked out from them."""
        if self.upto is not None:
            raise ValueError("only a whole index is kept")
        rows = [(d.reveal, d.kind, d.id, d.field, d.text, d.episode.season, d.episode.number)
                for d in self.docs]
        return (rows, self._keys, self._is_name, self._lengths, self._name_words, self._labels,
                self._text_vocab.state(), self._names_vocab.state())

    @classmethod
    def from_state(cls, rules: TitleRules, state: tuple) -> SearchIndex:
        """The index :meth:`state` described; ValueError (or another error) when ``state`` is
        not the shape it writes."""
        rows, keys, is_name, lengths, name_words, labels, text_vocab, names_vocab = state
        if not (isinstance(rows, list) and isinstance(name_words, dict) and isinstance(labels, dict)
                and len(rows) == len(keys) == len(is_name) == len(lengths)):
            raise ValueError("not a search index")
        self = cls.__new__(cls)
        self.rules, self.upto = rules, None
        self.docs = _Rows(rows)
        self._reveals = [row[0] for row in rows]
        self._keys, self._is_name, self._lengths = keys, is_name, lengths
        self._name_words, self._labels = name_words, labels
        self._titles = {}
        self._text_vocab = _Vocab.from_state(text_vocab)
        self._names_vocab = _Vocab.from_state(names_vocab)
        return self

    def _folded(self) -> Iterator[tuple[int, int, Iterable[str]]]:
        """(document, reveal, distinct words) for every document; keeps the words of names."""
        is_name, names = self._is_name, self._name_words
        for i, doc in enumerate(self.docs):
            words = fold_words(doc.text)
            if is_name[i]:
                names[i] = tuple(words)
            distinct = dict.fromkeys(words)
            self._lengths.append(len(distinct))
            yield i, doc.reveal, distinct

    # -- the gate ------------------------------------------------------------------
    def visible_count(self, view: View) -> int:
        """How many documents (a prefix of ``docs``) the view admits: one bisect."""
        return bisect.bisect_right(self._reveals, view.horizon)

    def _check(self, view: View) -> None:
        if view.rules != self.rules:
            raise ValueError("this index was built for other title rules; build one for the view's")
        if self.upto is not None and view.horizon > self.upto:
            raise ValueError("this index holds only what an earlier view may see; build a whole one")

    # -- searching -----------------------------------------------------------------
    def search(self, view: View, query: str, limit: int = 20) -> list[Hit]:
        """The best ``limit`` hits for ``query`` among what ``view`` may show."""
        self._check(view)
        tokens = query_tokens(query)
        if not tokens or limit <= 0:
            return []
        horizon = view.horizon
        count = self.visible_count(view)
        if count == 0:
            return []
        best: dict[tuple[str, str], tuple[float, int]] = {}
        typos: dict[str, None] = {}  # vocabulary words matched with typos, for the spans
        self._names(tokens, horizon, count, limit, best, typos)
        if len(best) < limit:  # text scores rank below every name: only needed to fill up
            self._texts(tokens, horizon, count, best, typos)
        ranked = heapq.nsmallest(limit, best.items(),
                                 key=lambda kv: (-kv[1][0], -self._reveals[kv[1][1]], kv[0]))
        hits = []
        finder = _SpanFinder(tokens, typos)  # the query's words, found in each hit's text
        for _, (score, i) in ranked:
            hit = self._hit(view, i, score, finder)
            if hit is not None:
                hits.append(hit)
        return hits

    @staticmethod
    def _keep(best: dict, key: tuple[str, str], score: float, i: int) -> None:
        old = best.get(key)
        if old is None or old[0] < score:
            best[key] = (score, i)

    def _names(self, tokens: list[str], horizon: int, count: int, limit: int,
               best: dict, typos: dict[str, None]) -> None:
        """Name, alias and title matches: exact, prefix, then typos."""
        vocab = self._names_vocab
        # The most selective query word generates candidates; every word is checked per name.
        plans = []
        for j, token in enumerate(tokens):
            words = [token] if vocab.known(token, horizon) else []
            words += vocab.prefixed(token, horizon, PREFIX_WORDS)
            size = sum(vocab.df(w, count) for w in words)
            typo = not words and _fuzzy_cutoff(token) is not None  # a long unknown word: selective
            plans.append(((0 if typo else 1, size if words else -len(token), j), token, words))
        _, token, words = min(plans)
        seen: set[int] = set()

        def score(candidates: Iterable[str]) -> None:
            for word in candidates:
                for i in vocab.visible_postings(word, count):
                    if i in seen:
                        continue
                    seen.add(i)
                    name_words = own = self._name_words[i]
                    labels = self._labels.get(self._keys[i])
                    if labels is not None and len(labels) > 1:
                        # The entity's other names known by now: "dani poole" is Dani + Poole.
                        name_words = own + tuple(w for j in labels if j != i and j < count
                                                 for w in self._name_words[j])
                    value = name_score(tokens, name_words, " ".join(own))
                    if value > 0.0:
                        self._keep(best, self._keys[i], value, i)
                        if value < 80.0:
                            for w in name_words:
                                if any(_word_quality(t, w, False)[1] == 0 and _word_quality(t, w, False)[0]
                                       for t in tokens):
                                    typos[w] = None
                if len(seen) >= NAME_CANDIDATES:
                    return

        score(words)
        cutoff = _fuzzy_cutoff(token)
        if cutoff is not None and len(best) < limit:  # typo matches rank below all of these
            score(w for w, _ in vocab.fuzzy(token, horizon, cutoff, FUZZY_WORDS))

    def _texts(self, tokens: list[str], horizon: int, count: int,
               best: dict, typos: dict[str, None]) -> None:
        """Text matches over every visible document, weighted by how rare each word is."""
        content = [t for t in dict.fromkeys(tokens) if t not in STOPWORDS and len(t) > 1]
        if not content:
            content = [t for t in dict.fromkeys(tokens) if len(t) > 1]
        if not content:
            return
        vocab = self._text_vocab
        plans = []
        for token in content:
            words: dict[str, float] = {}
            if vocab.known(token, horizon):
                words[token] = 1.0
            if len(token) >= 3:
                for word in vocab.prefixed(token, horizon, PREFIX_WORDS // 2):
                    words[word] = 0.8
            if len(token) >= 4 and token not in words:  # a typo: look for the word it means
                edits = 1 if len(token) <= 7 else 2
                for word, ratio in vocab.fuzzy(token, horizon, -edits, 8, anywhere=False):
                    words.setdefault(word, 0.75 * ratio / 100)
                    typos[word] = None
            if not words:
                continue
            df = sum(vocab.df(w, count) for w in words)
            plans.append((df, token, words, math.log(1.0 + count / (1.0 + df))))
        if not plans:
            return
        plans.sort(key=lambda p: p[0])
        total_idf = sum(p[3] for p in plans) or 1.0
        scores: dict[int, float] = {}
        deferred = []
        for n, (df, _, words, idf) in enumerate(plans):
            if n > 0 and df > TEXT_EXPAND:  # a common word only re-scores the candidates
                deferred.append((words, idf))
                continue
            gained: dict[int, float] = {}
            for word, quality in words.items():
                postings = vocab.visible_postings(word, count)
                for i in postings[-TEXT_EXPAND:]:  # the most recent, when a word is everywhere
                    if gained.get(i, 0.0) < quality:
                        gained[i] = quality
            for i, quality in gained.items():
                scores[i] = scores.get(i, 0.0) + idf * quality
        if not scores:
            return
        top = sorted(scores.items(), key=itemgetter(1, 0), reverse=True)[:TEXT_RESCORE]
        rescored = []
        for i, value in top:
            for words, idf in deferred:
                quality = 0.0
                for word, q in words.items():
                    postings = vocab.postings[word]
                    k = bisect.bisect_left(postings, i)
                    if k < len(postings) and postings[k] == i and q > quality:
                        quality = q
                value += idf * quality
            fraction = min(1.0, value / total_idf)
            short = 1.0 - min(1.0, self._lengths[i] / 120)  # a short fact says more than a long recap
            rescored.append((1.0 + 44.0 * fraction + 4.0 * short + 3.0 * self._is_name[i], i))
        rescored.sort(reverse=True)
        phrase = " ".join(t for t in tokens if len(t) > 1)
        for n, (value, i) in enumerate(rescored):
            # The words side by side, as typed: checked for the leaders only.
            if n < PHRASE_CHECKS and len(content) > 1 and phrase in _folded_text(self.docs[i].text):
                value += 5.0
            self._keep(best, self._keys[i], value, i)

    def _entity_title(self, view: View, entity_id: str) -> tuple[str, str, str | None] | None:
        """(name as the view shows it, first seen, current role), from the gate, remembered
        per progress point."""
        key = (view.horizon, entity_id)
        found = self._titles.get(key)
        if found is None:
            heading = view.heading(entity_id)
            if heading is None:
                return None
            if len(self._titles) > 20_000:
                self._titles.clear()
            name, first_seen, role = heading
            found = self._titles[key] = (name, first_seen.code, role)
        return found

    def _hit(self, view: View, i: int, score: float, finder: _SpanFinder) -> Hit | None:
        doc = self.docs[i]
        if doc.kind == "episode":
            title = view.episode(doc.episode).label
            episode = doc.episode.code
        else:
            found = self._entity_title(view, doc.id)
            if found is None:  # cannot happen for a visible document; never show it if it does
                return None
            title, episode, role = found
        snippet, spans = _snippet(doc.text, finder)
        field = doc.field
        if field == "role" and doc.text != role:  # a role the view knows was followed by another
            field = "earlier"
            snippet = EARLIER + snippet
            spans = tuple((start + len(EARLIER), end + len(EARLIER)) for start, end in spans)
        return Hit(doc.kind, doc.id, title, episode, snippet, spans, round(min(score, 100.0), 2), field)


@functools.lru_cache(maxsize=64)
def _ascii_matcher(wanted: frozenset[str], prefixes: tuple[str, ...]) -> re.Pattern[str]:
    """The runs of ``[a-z0-9]`` that are a wanted word or start with a prefix, found by one
    expression (a search calls it for every hit's text, on every keystroke)."""
    # a word or prefix with anything but [a-z0-9] in it can match no run of ASCII text
    wanted = frozenset(w for w in wanted if _ASCII_RUN.fullmatch(w))
    prefixes = tuple(p for p in prefixes if _ASCII_RUN.fullmatch(p))
    alternatives = []
    if prefixes:
        alternatives.append("(?:" + "|".join(map(re.escape, prefixes)) + ")[a-z0-9]*")
    if wanted:
        alternatives.append("(?:" + "|".join(map(re.escape, sorted(wanted, key=len, reverse=True))) + ")")
    if not alternatives:
        return re.compile(r"(?!)")  # matches nothing
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(alternatives) + r")(?![a-z0-9])")


class _SpanFinder:
    """Finds the runs of letters and digits in a text that match a query: its words, the
    vocabulary words it matched with typos, and (two letters or more) the words they start.
    Made once per search and used for every hit's text."""

    __slots__ = ("ascii", "prefixes", "wanted")

    def __init__(self, tokens: Sequence[str], words: Iterable[str]) -> None:
        self.wanted = set(words)
        self.wanted.update(tokens)
        self.prefixes = tuple(t for t in tokens if len(t) > 1)
        self.ascii = _ascii_matcher(frozenset(self.wanted), self.prefixes)

    def spans(self, text: str) -> list[tuple[int, int]]:
        if text.isascii():  # lower() keeps offsets: match on the lowered text directly
            return [run.span() for run in self.ascii.finditer(text.lower())]
        folded = _folded_in_place(text)
        if folded is not None:  # folding kept the offsets too (’, —, accented letters)
            return [run.span() for run in self.ascii.finditer(folded)]
        wanted, prefixes = self.wanted, self.prefixes
        spans = []
        for run in _RUN.finditer(text):
            found = run.group()
            for piece in (found.lower(),) if found.isascii() else fold_words(found):
                if piece in wanted or (prefixes and piece.startswith(prefixes)):
                    spans.append(run.span())
                    break
        return spans


class _InPlaceFold(dict):
    """``str.translate`` table folding one character to one: a letter or digit to the one
    ASCII letter or digit it folds to (accents dropped, case folded), anything else to a
    space; a letter or digit that folds to no ASCII character, or to more than one (ß, ﬁ,
    Cyrillic), to NUL: the text cannot be folded in place."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch.isalnum():
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            folded = base.casefold()
            value = folded if len(folded) == 1 and folded.isascii() and folded.isalnum() else "\0"
        else:
            value = " "  # as the runs of letters and digits are split by it
        self[code] = value
        return value


_IN_PLACE = _InPlaceFold()


#: ``fold(text)``, kept: a search's leaders are checked for the query's words side by side,
#: and the same leaders come back keystroke after keystroke
_folded_text = functools.lru_cache(maxsize=4096)(fold)


@functools.lru_cache(maxsize=4096)
def _folded_in_place(text: str) -> str | None:
    """``text`` folded character for character (so every offset stays), or None when some
    letter cannot be (see :class:`_InPlaceFold`). A hit's text is folded once, not on every
    keystroke."""
    folded = text.translate(_IN_PLACE)
    return None if "\0" in folded else folded


def _match_spans(text: str, tokens: Sequence[str], words: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of the runs of letters and digits in ``text`` that match the query."""
    return _SpanFinder(tokens, words).spans(text)


def snippet_for(text: str, query: str, width: int = 90,
                words: Iterable[str] = ()) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of ``text`` around the first match of ``query`` (or of ``words``, folded
    vocabulary words the query matched), and the match spans within that window."""
    return _snippet(text, _SpanFinder(query_tokens(query), words), width)


def _snippet(text: str, finder: _SpanFinder, width: int = 90) -> tuple[str, tuple[tuple[int, int], ...]]:
    """:func:`snippet_for` with the query's words already found (once per search, not per hit)."""
    spans = finder.spans(text)
    if len(text) <= width:
        return text, tuple(spans)
    anchor = spans[0][0] if spans else 0
    begin = max(0, min(anchor - width // 3, len(text) - width))
    if begin:
        space = text.find(" ", begin, anchor)  # start on a word boundary
        if space != -1:
            begin = space + 1
    end = min(len(text), begin + width)
    if end < len(text):
        space = text.rfind(" ", max(begin, anchor + 1), end)
        if space != -1:
            end = space
    prefix = "…" if begin else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - begin
    kept = tuple((s + shift, e + shift) for s, e in spans if s >= begin and e <= end)
    return prefix + text[begin:end] + suffix, kept


#: matches within this many points of the best are "about equally good"
CLOSE = 2.0


def match_entities(view: View, query: str) -> list[tuple[str, float]]:
    """``(entity id, score)`` of every visible character and thing whose name or a known
    alias matches ``query`` (the name matcher search uses: typos, unfinished last word,
    words across the name and the aliases), best first. Only the view's labels are read."""
    tokens = query_tokens(query)
    if not tokens:
        return []
    labels: dict[str, list[list[str]]] = {}
    for label, entity_id in view.labels():
        labels.setdefault(entity_id, []).append(fold_words(label))
    scored = []
    for entity_id, names in labels.items():
        best = max(name_score(tokens, words, " ".join(words)) for words in names)
        if best <= 0.0 and len(names) > 1:  # words spread over the name and an alias
            merged = list(dict.fromkeys(word for words in names for word in words))
            best = name_score(tokens, merged, " ".join(merged)) - 1.0
        if best > 0.0:
            scored.append((entity_id, best))
    scored.sort(key=lambda item: -item[1])
    return scored


def close_matches(matches: list[tuple[str, float]]) -> list[str]:
    """The ids that match about as well as the best (one id when there is a clear winner)."""
    if not matches:
        return []
    top = matches[0][1]
    return [entity_id for entity_id, score in matches if score >= top - CLOSE]


def find_entity(view: View, name: str) -> str | None:
    """The id of the visible character or thing whose name or alias best matches ``name``."""
    matches = match_entities(view, name)
    return matches[0][0] if matches else None
