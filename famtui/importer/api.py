"""The importer's entry points: analyse an article, file it, report on it.

``import_file(show, path)`` is what the CLI and the app call. The :class:`ImportResult`
knows everything about the article; :meth:`ImportResult.report` turns it into what a
viewer at some progress may read (names and titles they have not reached are left
out; a withheld sentence is given by its position, never quoted).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from famtui.episodes import Ep
from famtui.errors import FamtuiError
from famtui.gate import Show, View
from famtui.importer.detect import Detection, detect
from famtui.importer.link import Linked, Linker
from famtui.importer.store import StoredImport, digest, import_id, path_for, save
from famtui.importer.text import Article, read_article


class EpisodeUnclear(FamtuiError):
    """The article does not say clearly enough which episode it recaps (exit 2)."""


@dataclass(frozen=True)
class ImportResult:
    article: Article
    ep: Ep
    confidence: float
    episode_source: str  # "detected" or "given"
    detection: Detection
    linked: Linked
    id: str
    stored: Path | None  # None for a dry run
    duplicate: bool = False  # the same article was already filed under this episode

    @property
    def paragraphs(self) -> list[str]:
        """What will be shown: the article's paragraphs without withheld sentences."""
        return self.linked.shown()

    @property
    def evidence(self) -> list[str]:
        if self.episode_source == "given":
            return ["given with --episode"]
        return self.detection.evidence()

    @property
    def disagreement(self) -> str | None:
        """With --episode: a note when the article itself clearly points elsewhere."""
        found = self.detection
        if self.episode_source == "given" and found.accepted and found.ep != self.ep:
            return (f"the article itself looks like {found.ep} (confidence {found.confidence:.2f}); "
                    f"filed under {self.ep} as asked")
        return None

    def report(self, view: View) -> dict[str, Any]:
        """The JSON report, as the viewer of ``view`` may read it. A mention of something
        they have not met is reported exactly like a name the guide does not have: as the
        article wrote it, among the unlinked names (sorted, so neither its place nor a
        count tells the two apart). Titles follow the viewer's title rules."""
        links = []
        unlinked = set(self.linked.unlinked)
        for link in self.linked.links:
            page = view.entity(link.id)
            if page is None:
                unlinked.add(link.mention)
                continue
            links.append({"id": page.id, "name": page.name, "mention": link.mention,
                          "count": link.count, "near": link.near})
        return {
            "source": self.article.source,
            "episode": self.ep.code,
            "title": view.episode(self.ep).title,
            "confidence": self.confidence,
            "episode_source": self.episode_source,
            "evidence": self.evidence,
            "links": links,
            "unlinked": sorted(unlinked, key=str.casefold),
            "flagged": [{"paragraph": f.paragraph, "sentence": f.sentence, "reason": f.reason,
                         "episode": f.episode.code} for f in self.linked.flagged],
            "paragraphs": len(self.paragraphs),
            "encoding": self.article.encoding,
            "id": self.id if self.stored else None,
            "stored": self.stored is not None,
            "duplicate": self.duplicate,
        }


def analyse(show: Show, article: Article, episode: Ep | None = None,
            viewer: View | None = None) -> tuple[Ep, float, Detection, Linked]:
    """Detect the episode (unless given) and link the article; refuse when unclear.

    With ``viewer``, only the titles and names that view shows take part (a hidden title
    is not a clue, a later alias never links), so the outcome is the same as with a guide
    cut at the viewer's progress."""
    names = [label for label, _, _ in show.label_reveals(viewer)]
    detection = detect(article.text, show.episode_titles(viewer), names)
    if episode is not None:
        show.ordinal(episode)  # a one-line error for an episode not in the guide
        ep, confidence = episode, 1.0
    else:
        _check(show, article, detection)
        assert detection.ep is not None
        ep, confidence = detection.ep, detection.confidence
    linked = Linker(show, ep, viewer).link(article.paragraphs)
    return ep, confidence, detection, linked


def _check(show: Show, article: Article, found: Detection) -> None:
    ask = "name it with --episode, e.g. --episode S2E6"
    where = article.source
    if found.ep is None:
        raise EpisodeUnclear(f"{where}: cannot tell which episode this recaps (no episode code, "
                             f"season/episode phrase or title found); {ask}")
    try:
        show.ordinal(found.ep)
    except FamtuiError:
        raise EpisodeUnclear(f"{where}: looks like {found.ep}, which is not in the guide "
                             f"({show.range_hint}); {ask}") from None
    if found.accepted:
        return
    ask = f"name it with --episode (e.g. --episode {found.ep})"
    runner = found.runner_up
    if runner is not None and found.scores.get(runner, 0) >= 0.5 * found.scores[found.ep]:
        raise EpisodeUnclear(f"{where}: the clues disagree between {found.ep} and {runner} "
                             f"(confidence {found.confidence:.2f}); {ask}")
    raise EpisodeUnclear(f"{where}: too little evidence for {found.ep} "
                         f"(confidence {found.confidence:.2f}); {ask}")


def import_file(show: Show, path: Path | str, episode: Ep | None = None, dry_run: bool = False,
                directory: Path | None = None, now: datetime | None = None,
                viewer: View | None = None) -> ImportResult:
    """Read, analyse and (unless ``dry_run``) store one article.

    ``viewer`` is the view of whoever imports: the analysis, the report and the stored file
    use only what it shows. The whole article is stored; the gate shows a sentence naming
    later things once the viewer reaches them (the leak guard runs again when it is loaded).

    Raises a one-line :class:`~famtui.errors.FamtuiError` (exit 2) for unreadable input or
    an unclear episode; nothing is stored then. Storing the same article under the same
    episode again changes nothing (``duplicate``).
    """
    from famtui.locations import imports_dir

    article = read_article(Path(path))
    ep, confidence, detection, linked = analyse(show, article, episode, viewer)
    ident = import_id(ep, article.text)
    result = ImportResult(article, ep, confidence, "given" if episode else "detected", detection,
                          linked, ident, None)
    if dry_run:
        return result
    directory = directory or imports_dir()
    target = path_for(directory, ident)
    if target.exists():
        return replace(result, stored=target, duplicate=True)
    record = StoredImport(
        id=ident,
        source=article.source,
        imported=(now or datetime.now(UTC)).replace(microsecond=0),
        episode=ep,
        confidence=confidence,
        paragraphs=tuple(" ".join(sentences) for sentences in linked.paragraphs if sentences),
        episode_source=result.episode_source,
        encoding=article.encoding,
        sha256=digest(article.text),
        links=tuple({"id": link.id, "name": link.name, "mention": link.mention, "count": link.count}
                    for link in linked.links),
        unlinked=tuple(linked.unlinked),
    )
    return replace(result, stored=save(directory, record))
