"""Fuzzy search over what a :class:`~famtui.gate.View` may show.

The index is built once from the gate's documents, ordered by reveal episode;
a query under progress P only ever looks at the visible prefix, so hidden text
can neither match, nor be counted, nor shape a snippet.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from famtui.gate import Doc, Show, TitleRules, View
from famtui.textnorm import clean_query, fold

NAME_FIELDS = frozenset({"name", "alias", "title"})
NAME_CUTOFF = 72.0


@dataclass(frozen=True)
class Hit:
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


class SearchIndex:
    def __init__(self, show: Show, rules: TitleRules | None = None) -> None:
        self.rules = rules or TitleRules()
        self.docs: list[Doc] = show.documents(self.rules)
        self._reveals = [doc.reveal for doc in self.docs]
        self._folded = [fold(doc.text) for doc in self.docs]

    def _visible(self, view: View) -> int:
        """How many docs (a prefix) the view admits."""
        return bisect.bisect_right(self._reveals, view.horizon)

    def search(self, view: View, query: str, limit: int = 20) -> list[Hit]:
        folded = fold(clean_query(query))
        if not folded or limit <= 0:
            return []
        count = self._visible(view)
        best: dict[tuple[str, str], tuple[float, int]] = {}
        names = [i for i in range(count) if self.docs[i].field in NAME_FIELDS]
        for _, score, i in process.extract(
            folded, {i: self._folded[i] for i in names}, scorer=fuzz.WRatio,
            score_cutoff=NAME_CUTOFF, limit=None,
        ):
            text = self._folded[i]
            if text == folded:
                score = 200.0
            elif text.startswith(folded) or any(w.startswith(folded) for w in text.split()):
                score = 150.0 + min(score, 49.0)
            else:
                score = 100.0 + score / 2
            self._keep(best, self.docs[i], score, i)
        for i in range(count):
            doc = self.docs[i]
            if doc.field in NAME_FIELDS:
                continue
            if folded in self._folded[i]:
                self._keep(best, doc, 60.0, i)
        ranked = sorted(best.items(), key=lambda kv: -kv[1][0])[:limit]
        return [self._hit(view, self.docs[i], score, query) for _, (score, i) in ranked]

    @staticmethod
    def _keep(best: dict, doc: Doc, score: float, i: int) -> None:
        key = (doc.kind, doc.id)
        if key not in best or best[key][0] < score:
            best[key] = (score, i)

    def _hit(self, view: View, doc: Doc, score: float, query: str) -> Hit:
        if doc.kind == "episode":
            line = view.episode(doc.episode)
            title = line.label
            episode = doc.episode.code
        else:
            page = view.entity(doc.id)
            assert page is not None, "the index handed out a hidden entity"
            title = page.name
            episode = page.first_seen.code
        snippet, spans = snippet_for(doc.text, query)
        return Hit(doc.kind, doc.id, title, episode, snippet, spans, min(score, 200.0) / 2, doc.field)


def snippet_for(text: str, query: str, width: int = 90) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A short window of ``text`` around the first match of ``query``, with match spans."""
    lowered = text.casefold()
    words = [w for w in fold(clean_query(query)).split() if len(w) > 1] or [fold(query)]
    spans = []
    for word in words:
        if not word:
            continue
        start = lowered.find(word)
        while start != -1:
            spans.append((start, start + len(word)))
            start = lowered.find(word, start + len(word))
    spans.sort()
    if len(text) <= width:
        return text, tuple(spans)
    anchor = spans[0][0] if spans else 0
    begin = max(0, min(anchor - width // 3, len(text) - width))
    end = begin + width
    cut = text[begin:end]
    prefix = "…" if begin else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - begin
    kept = tuple((s + shift, e + shift) for s, e in spans if s >= begin and e <= end)
    return prefix + cut + suffix, kept


def find_entity(view: View, name: str) -> str | None:
    """The id of the visible character or thing whose name or alias best matches ``name``."""
    folded = fold(clean_query(name))
    if not folded:
        return None
    labels = view.labels()
    choices = {i: fold(label) for i, (label, _) in enumerate(labels)}
    for i, text in choices.items():
        if text == folded:
            return labels[i][1]
    match = process.extractOne(folded, choices, scorer=fuzz.WRatio, score_cutoff=NAME_CUTOFF)
    return labels[match[2]][1] if match else None
