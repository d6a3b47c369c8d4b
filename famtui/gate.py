"""The spoiler gate: the one module that decides what the viewer may see.

:class:`Show` holds the raw catalog privately and hands out a :class:`View` for
a given progress (the last episode watched, or ``None``). Everything the CLI,
the TUI and search show comes from a view; every object a view returns holds
only what is revealed at or before the progress.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from famtui.episodes import Ep, parse_code
from famtui.errors import BeyondProgress, FamtuiError
from famtui.record import Record
from famtui.relkinds import KINDS, ending_text, inverse
from famtui.textnorm import shown

if TYPE_CHECKING:  # the loader, linter and name index are imported only when needed
    from famtui import guidecache
    from famtui.mentions import Label, MentionFinder
    from famtui.model import Catalog, Entity, Relation

EpisodeState = Literal["watched", "next", "unwatched"]


class TitleRules(Record):
    """The viewer's settings for episode titles they have not watched."""

    show_next_title: bool = True
    hide_future_titles: bool = True


class EpisodeLine(Record):
    """One episode as the viewer may see it."""

    ep: Ep
    title: str | None
    released: date
    state: EpisodeState
    logline: str | None
    story_year: int | None = None  # in-story time: only for watched episodes
    story_date: str | None = None

    @property
    def code(self) -> str:
        return self.ep.code

    @property
    def story_time(self) -> str | None:
        """``12 April 1981`` where the show gives a date, else ``1981``; None when unknown or hidden."""
        return self.story_date or (str(self.story_year) if self.story_year else None)

    @property
    def label(self) -> str:
        """``S2E6 · Best-Laid Plans``, or ``S3 · E4`` when the title is hidden."""
        return f"{self.ep.code} · {self.title}" if self.title else self.ep.label


class SoFar(Record):
    """The story so far in one season: a finished season's written summary, or (for the
    season in progress, or a finished one without a summary) one line per watched episode."""

    season: int
    complete: bool  # the season's last episode is watched
    through: Ep  # the last watched episode of this season
    summary: tuple[str, ...]
    sources: tuple[str, ...]
    written: bool  # True: the guide's own season summary; False: built from the watched recaps


class Link(Record):
    start: int
    end: int
    entity_id: str


class Recap(Record):
    episode: EpisodeLine
    paragraphs: tuple[str, ...]
    imported: tuple[ImportedRecap, ...] = ()


class ImportedRecap(Record):
    """A recap article the viewer imported, filed under its episode.

    ``paragraphs`` are what is shown from ``ep`` on. ``sentences`` (when the leak guard has
    run) holds every sentence of every paragraph with the episode from which it may be
    shown: ``ep``, or for a sentence naming later things the latest episode it points to.
    A view puts such a sentence back once the viewer has reached that episode (:meth:`as_of`).
    """

    id: str
    source: str
    ep: Ep
    paragraphs: tuple[str, ...]
    sentences: tuple[tuple[tuple[str, Ep], ...], ...] = ()  # per paragraph: (sentence, shown from)

    def as_of(self, admits: Callable[[Ep], bool]) -> ImportedRecap:
        """The article as a viewer who has reached exactly the episodes ``admits`` accepts sees it."""
        if not self.sentences:
            return self
        paragraphs = []
        for sentences in self.sentences:
            kept = [text for text, since in sentences if admits(since)]
            if kept:
                paragraphs.append(" ".join(kept))
        return ImportedRecap(self.id, self.source, self.ep, tuple(paragraphs))

    def pieces(self) -> list[tuple[Ep, str]]:
        """``(shown from, text)``: each paragraph's sentences grouped by the episode that shows them."""
        if not self.sentences:
            return [(self.ep, p) for p in self.paragraphs]
        found = []
        for sentences in self.sentences:
            groups: dict[Ep, list[str]] = {}
            for text, since in sentences:
                groups.setdefault(since, []).append(text)
            found.extend((since, " ".join(texts)) for since, texts in sorted(groups.items()))
        return found


class EntitySummary(Record):
    id: str
    name: str
    kind: str
    first_seen: Ep


class FactLine(Record):
    episode: Ep
    text: str


class BioLine(Record):
    """Who someone is as of the viewer's progress: the latest stage revealed by then."""

    since: Ep
    text: str


class RelationCard(Record):
    """One relation as seen from one side: ``<this> <label> <other>`` from ``since``.

    ``until`` and ``ended`` are set only once the viewer has watched the episode that
    reveals the end; before that the relation is simply current.
    """

    owner: str  # the entity whose page this card is on
    other: EntitySummary
    kind: str  # as read from ``owner``'s side (the inverse when declared on the other side)
    since: Ep
    until: Ep | None
    ended: str | None
    note: str | None

    @property
    def label(self) -> str:
        return KINDS[self.kind][0]

    @property
    def text(self) -> str:
        """``Married to Karen Baldwin · since S1E1 · divorced, S3E1``."""
        out = f"{self.label} {self.other.name} · since {self.since.code}"
        if self.until is not None and self.ended is not None:
            out += f" · {ending_text(self.ended)}, {self.until.code}"
        return out


class Tie(Record):
    """One visible relation, once (as declared): ``source <kind> target``."""

    source: EntitySummary
    target: EntitySummary
    kind: str
    since: Ep
    until: Ep | None
    ended: str | None
    note: str | None

    @property
    def label(self) -> str:
        return KINDS[self.kind][0]


class NewIn(Record):
    """What one watched episode revealed, and nothing else."""

    episode: EpisodeLine
    met: tuple[EntitySummary, ...]
    aliases: tuple[tuple[EntitySummary, str], ...]
    roles: tuple[tuple[EntitySummary, str], ...]
    status: tuple[tuple[EntitySummary, str], ...]
    facts: tuple[tuple[EntitySummary, str], ...]
    began: tuple[Tie, ...]
    ended: tuple[Tie, ...]

    @property
    def empty(self) -> bool:
        return not (self.met or self.aliases or self.roles or self.status or self.facts
                    or self.began or self.ended)


class EntityPage(Record):
    id: str
    name: str
    kind: str
    first_seen: Ep
    aliases: tuple[str, ...]
    role: str | None
    roles: tuple[FactLine, ...]
    status: str | None
    facts: tuple[FactLine, ...]
    appears_in: tuple[Ep, ...]
    bio: BioLine | None
    relations: tuple[RelationCard, ...]


class Doc(Record):
    """A searchable piece of text and the ordinal of the episode that reveals it."""

    reveal: int
    kind: str  # "episode" or an entity kind
    id: str  # episode code or entity id
    field: str  # name | alias | title | logline | recap | fact | role | bio | imported
    text: str
    episode: Ep


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (up to a '.', '!' or '?' followed by a space)."""
    for i, ch in enumerate(text):
        if ch in ".!?" and (i + 1 == len(text) or text[i + 1] == " ") and i > 20:
            return text[: i + 1]
    return text


class Show:
    """The loaded show guide. Ask it for a :class:`View`; never read the catalog directly."""

    def __init__(self, catalog: Catalog, imports: Iterable[ImportedRecap] = (),
                 appearances: dict[str, tuple[Ep, ...]] | None = None) -> None:
        self._catalog = catalog
        self._imports = tuple(imp for imp in imports if catalog.ordinal(imp.ep) is not None)
        self._mentions: MentionFinder | None = None
        self._appearances = self._find_appearances() if appearances is None else appearances
        #: the key of the guide as read (for caches derived from it, like the search index);
        #: None when it was not read through the compiled guide or holds imported recaps
        self.stamp: guidecache.Stamp | None = None

    @classmethod
    def load(cls, root: Path, imports: Iterable[ImportedRecap] = ()) -> Show:
        """Load a guide: from its compiled form when ``root`` is unchanged, else from TOML."""
        from famtui import guidecache

        state = guidecache.stamp(root)
        show = cls._compiled(state, imports)
        if show is not None:
            return show
        from famtui.loader import load_catalog

        show = cls(load_catalog(root), imports)
        if state:
            guidecache.write(state, guidecache.CompiledGuide(show._catalog, show._appearances))
            show.stamp = None if show._imports else state
        return show

    @classmethod
    def load_compiled(cls, root: Path) -> Show | None:
        """The guide from its compiled form; None when it has to be read from TOML."""
        from famtui import guidecache

        return cls._compiled(guidecache.stamp(root), ())

    @classmethod
    def _compiled(cls, state: guidecache.Stamp | None, imports: Iterable[ImportedRecap]) -> Show | None:
        from famtui import guidecache

        compiled = guidecache.read(state) if state else None
        if compiled is None:
            return None
        show = cls(compiled.catalog, imports, compiled.appearances)
        show.stamp = None if show._imports else state
        return show

    @property
    def _finder(self) -> MentionFinder:
        """The name index, built on first use (a compiled guide already holds the appearances)."""
        if self._mentions is None:
            from famtui.mentions import MentionFinder, labels_of

            self._mentions = MentionFinder(labels_of(self._catalog.entities.values()))
        return self._mentions

    def with_imports(self, imports: Iterable[ImportedRecap]) -> Show:
        """The same guide with imported recaps; the name index and appearances are reused."""
        other = Show.__new__(Show)
        other._catalog, other._appearances = self._catalog, self._appearances
        other._mentions = self._mentions
        other._imports = tuple(imp for imp in imports if self.has(imp.ep))
        other.stamp = None if other._imports else self.stamp
        return other

    @property
    def first(self) -> Ep:
        return self._catalog.first

    @property
    def last(self) -> Ep:
        return self._catalog.last

    @property
    def size(self) -> int:
        return len(self._catalog.episodes)

    def ordinal(self, ep: Ep | None) -> int:
        """-1 for no progress, else the episode's position in the show."""
        if ep is None:
            return -1
        ordinal = self._catalog.ordinal(ep)
        if ordinal is None:
            raise FamtuiError(f"episode {ep} does not exist; {self.range_hint}")
        return ordinal

    def has(self, ep: Ep) -> bool:
        """Whether ``ep`` is an episode of the guide (says nothing about progress)."""
        return self._catalog.ordinal(ep) is not None

    def episode_at(self, ordinal: int) -> Ep | None:
        if ordinal < 0:
            return None
        return self._catalog.episodes[min(ordinal, self.size - 1)].ep

    @property
    def range_hint(self) -> str:
        return f"valid episodes are {self.first} to {self.last} (e.g. S2E6, s02e06, 2x06)"

    def parse_episode(self, text: str, allow_none: bool = False) -> Ep | None:
        """Parse a user's episode code; raise a one-line error naming the valid range."""
        if allow_none and text.strip().lower() in {"none", "0", ""}:
            return None
        ep = parse_code(text)
        if ep is None:
            extra = " or 'none'" if allow_none else ""
            raise FamtuiError(f"'{shown(text)}' is not an episode code; {self.range_hint}{extra}")
        self.ordinal(ep)
        return ep

    def view(self, progress: Ep | None, rules: TitleRules | None = None) -> View:
        return View(self, progress, rules or TitleRules())

    # -- for the importer: never shown to the viewer ------------------------------------
    def episode_titles(self, view: View | None = None) -> list[tuple[Ep, str]]:
        """Every episode's title in order; with ``view``, only the titles that view shows.

        For matching an imported article to its episode. Whatever the importer reports is
        worked out from a view's titles, so it cannot confirm a hidden one.
        """
        if view is not None:
            return [(line.ep, line.title) for line in view.episodes() if line.title]
        return [(episode.ep, episode.title) for episode in self._catalog.episodes]

    def label_reveals(self, view: View | None = None) -> list[tuple[str, str, Ep]]:
        """``(name or alias, entity kind, episode from which the viewer knows it)`` for every
        label; with ``view``, only the labels known by its progress.

        For the importer's leak guard (a sentence naming what comes later is withheld).
        """
        from famtui.mentions import labels_of

        entities = self._catalog.entities
        found = [(label.text, entities[label.entity_id].kind,
                  max(label.since, entities[label.entity_id].first_seen))
                 for label in labels_of(self._catalog.entities.values())]
        if view is not None:
            found = [item for item in found if view.admits(item[2])]
        return found

    def _find_appearances(self) -> dict[str, tuple[Ep, ...]]:
        seen: dict[str, set[Ep]] = {eid: {e.first_seen} for eid, e in self._catalog.entities.items()}
        for entity in self._catalog.entities.values():
            seen[entity.id].update(fact.episode for fact in entity.facts)
        entities = self._catalog.entities
        for episode in self._catalog.episodes:
            # only the names known by this episode take part, so a later, longer name cannot
            # swallow a known one: the result is the same in a guide cut at any later episode
            ep = episode.ep

            def known(label: Label, ep: Ep = ep) -> bool:
                return label.since <= ep and entities[label.entity_id].first_seen <= ep

            for paragraph in episode.recap:
                for mention in self._finder.find(paragraph, known):
                    for label in mention.labels:
                        seen[label.entity_id].add(ep)
        return {eid: tuple(sorted(eps)) for eid, eps in seen.items()}

    def documents(self, rules: TitleRules | None = None) -> list[Doc]:
        """Every searchable text, ordered by the episode that reveals it.

        With progress P only the prefix of docs with ``reveal <= ordinal(P)`` is visible,
        so a search index built once serves every progress.
        """
        rules = rules or TitleRules()
        docs: list[Doc] = []
        for i, episode in enumerate(self._catalog.episodes):
            code = episode.ep.code
            title_reveal = -1 if not rules.hide_future_titles else i - 1 if rules.show_next_title else i
            docs.append(Doc(title_reveal, "episode", code, "title", episode.title, episode.ep))
            if rules.show_next_title:
                docs.append(Doc(i - 1, "episode", code, "logline", episode.logline, episode.ep))
            docs.extend(Doc(i, "episode", code, "recap", p, episode.ep) for p in episode.recap)
        for imported in self._imports:
            i = self.ordinal(imported.ep)
            docs.extend(Doc(max(i, self.ordinal(since)), "episode", imported.ep.code, "imported", text,
                            imported.ep)
                        for since, text in imported.pieces())
        for entity in self._catalog.entities.values():
            at = self.ordinal
            docs.append(Doc(at(entity.first_seen), entity.kind, entity.id, "name", entity.name,
                            entity.first_seen))
            docs.extend(Doc(at(a.since), entity.kind, entity.id, "alias", a.name, a.since)
                        for a in entity.aliases)
            docs.extend(Doc(at(r.since), entity.kind, entity.id, "role", r.text, r.since)
                        for r in entity.roles)
            docs.extend(Doc(at(f.episode), entity.kind, entity.id, "fact", f.text, f.episode)
                        for f in entity.facts)
            docs.extend(Doc(at(b.since), entity.kind, entity.id, "bio", b.text, b.since)
                        for b in entity.bio)
        docs.sort(key=lambda doc: doc.reveal)
        return docs


class View:
    """The show as of one progress point. Immutable; make a new one when progress moves."""

    def __init__(self, show: Show, progress: Ep | None, rules: TitleRules) -> None:
        self._show = show
        self._catalog = show._catalog
        self.progress = progress
        self.rules = rules
        self.horizon = show.ordinal(progress)

    # -- episodes -----------------------------------------------------------------
    def admits(self, ep: Ep) -> bool:
        """True when ``ep`` is at or before the viewer's progress."""
        ordinal = self._catalog.ordinal(ep)
        return ordinal is not None and ordinal <= self.horizon

    def _line(self, ordinal: int) -> EpisodeLine:
        episode = self._catalog.episodes[ordinal]
        if ordinal <= self.horizon:
            return EpisodeLine(episode.ep, episode.title, episode.released, "watched", episode.logline,
                               episode.story_year, episode.story_date)
        if ordinal == self.horizon + 1:
            shown = self.rules.show_next_title
            return EpisodeLine(episode.ep, episode.title if shown else None, episode.released,
                               "next", episode.logline if shown else None)
        title = None if self.rules.hide_future_titles else episode.title
        return EpisodeLine(episode.ep, title, episode.released, "unwatched", None)

    @cached_property
    def _lines(self) -> tuple[EpisodeLine, ...]:
        return tuple(self._line(i) for i in range(len(self._catalog.episodes)))

    def episodes(self) -> tuple[EpisodeLine, ...]:
        return self._lines

    def episode(self, ep: Ep) -> EpisodeLine:
        return self._lines[self._show.ordinal(ep)]

    @property
    def current(self) -> EpisodeLine | None:
        """The last episode watched."""
        return None if self.horizon < 0 else self._lines[self.horizon]

    @property
    def next(self) -> EpisodeLine | None:
        """The episode to watch next, or None when the show is finished."""
        i = self.horizon + 1
        return self._lines[i] if i < len(self._lines) else None

    @property
    def progress_label(self) -> str:
        return self.current.label if self.current else "not started"

    def recap(self, ep: Ep) -> Recap:
        ordinal = self._show.ordinal(ep)
        if ordinal > self.horizon:
            where = f" (progress {self.progress.code})" if self.progress else ""
            raise BeyondProgress(f"{ep} is not watched yet{where}; famtui shows an episode "
                                 "only once you have watched it")
        episode = self._catalog.episodes[ordinal]
        imported = tuple(imp.as_of(self.admits) for imp in self._show._imports if imp.ep == ep)
        return Recap(self._lines[ordinal], episode.recap, imported)

    def story_so_far(self) -> tuple[SoFar, ...]:
        """Each season the viewer has started, in order: a finished season's summary exists
        only once its last episode is watched; the current season's is built from the
        recaps watched so far (the first sentence of each)."""
        out: list[SoFar] = []
        watched = self._catalog.episodes[: self.horizon + 1]
        seasons: dict[int, list] = {}
        for episode in watched:
            seasons.setdefault(episode.ep.season, []).append(episode)
        for number, episodes in seasons.items():
            last_of_season = max(e.ep for e in self._catalog.episodes if e.ep.season == number)
            through = episodes[-1].ep
            complete = through == last_of_season
            written = self._catalog.seasons.get(number) if complete else None
            if written is not None and written.summary:
                out.append(SoFar(number, True, through, written.summary, written.sources, True))
                continue
            lines = tuple(f"{e.ep.code} · {e.title}: {first_sentence(e.recap[0])}"
                          for e in episodes if e.recap)
            sources = tuple(dict.fromkeys(src for e in episodes for src in e.sources))
            out.append(SoFar(number, complete, through, lines, sources, False))
        return tuple(out)

    # -- characters and things ----------------------------------------------------
    def _visible(self, entity: Entity) -> bool:
        return self.admits(entity.first_seen)

    def _name(self, entity: Entity, before: Ep | None = None) -> str:
        """The name shown now (the latest visible primary alias), or just before ``before``."""
        name = entity.name
        for alias in entity.aliases:
            if alias.primary and self.admits(alias.since) and (before is None or alias.since < before):
                name = alias.name
        return name

    def _summary(self, entity: Entity) -> EntitySummary:
        return EntitySummary(entity.id, self._name(entity), entity.kind, entity.first_seen)

    @cached_property
    def _entities(self) -> tuple[EntitySummary, ...]:
        visible = [self._summary(e) for e in self._catalog.entities.values() if self._visible(e)]
        return tuple(sorted(visible, key=lambda s: (s.kind != "character", s.name.casefold())))

    def entities(self) -> tuple[EntitySummary, ...]:
        """Every visible character and thing: characters first, then by name."""
        return self._entities

    def _shown(self, entity_id: str) -> Entity | None:
        """The entity with this id if the viewer has met it; None if unseen or unknown."""
        entity = self._catalog.entities.get(entity_id)
        return entity if entity is not None and self._visible(entity) else None

    def heading(self, entity_id: str) -> tuple[str, Ep, str | None] | None:
        """A visible entity's name (as shown now), first episode and current role, as its page
        gives them, without building the page; None for one unseen or unknown."""
        entity = self._shown(entity_id)
        if entity is None:
            return None
        role = next((r.text for r in reversed(entity.roles) if self.admits(r.since)), None)
        return self._name(entity), entity.first_seen, role

    def entity(self, entity_id: str) -> EntityPage | None:
        """The page of a visible entity; None for one unseen or unknown (indistinguishable)."""
        entity = self._shown(entity_id)
        if entity is None:
            return None
        name = self._name(entity)
        aliases: list[str] = []
        for candidate in (entity.name, *(a.name for a in entity.aliases if self.admits(a.since))):
            if candidate != name and candidate not in aliases:
                aliases.append(candidate)
        roles = tuple(FactLine(r.since, r.text) for r in entity.roles if self.admits(r.since))
        status = [s.value for s in entity.status if self.admits(s.since)]
        return EntityPage(
            id=entity.id,
            name=name,
            kind=entity.kind,
            first_seen=entity.first_seen,
            aliases=tuple(aliases),
            role=roles[-1].text if roles else None,
            roles=roles,
            status=status[-1] if status else None,
            facts=tuple(FactLine(f.episode, f.text) for f in entity.facts if self.admits(f.episode)),
            appears_in=tuple(ep for ep in self._show._appearances[entity.id] if self.admits(ep)),
            bio=self.bio(entity.id),
            relations=self.relations(entity.id),
        )

    # -- bios, relations and what an episode revealed ------------------------------
    def bio(self, entity_id: str) -> BioLine | None:
        """The latest bio stage revealed by the viewer's progress (None before any)."""
        entity = self._shown(entity_id)
        if entity is None:
            return None
        stages = [stage for stage in entity.bio if self.admits(stage.since)]
        return BioLine(stages[-1].since, stages[-1].text) if stages else None

    def _end_known(self, relation: Relation) -> bool:
        """Whether the viewer has seen the episode that reveals how ``relation`` ended."""
        return relation.until is not None and self.admits(relation.until)

    @cached_property
    def _ties(self) -> tuple[tuple[Relation, Tie], ...]:
        """Every visible relation, in declaration order (files by id, then as written)."""
        entities = self._catalog.entities
        ties = []
        for entity in entities.values():
            for relation in entity.relations:
                target = entities.get(relation.target)
                if (not self.admits(relation.since) or target is None or not self._visible(entity)
                        or not self._visible(target)):
                    continue
                until, ended = (relation.until, relation.ended) if self._end_known(relation) else \
                    self._death_ends(relation, entity, target)
                ties.append((relation, Tie(self._summary(entity), self._summary(target), relation.kind,
                                           relation.since, until, ended, relation.note)))
        return tuple(ties)

    def _death_ends(self, relation: Relation, *sides: Entity) -> tuple[Ep | None, str | None]:
        """A relation with no end the viewer has seen still ends when one of its people is
        dead by the viewer's progress (say, a marriage revealed in the episode of the death)."""
        deaths = [s.since for side in sides if side.kind == "character" for s in side.status
                  if s.value == "dead" and self.admits(s.since) and s.since >= relation.since]
        return (min(deaths), "died") if deaths else (None, None)

    def ties(self) -> tuple[Tie, ...]:
        """Every visible relation once, as declared (for the Connections list and the map)."""
        return tuple(tie for _, tie in self._ties)

    def relations(self, entity_id: str) -> tuple[RelationCard, ...]:
        """Relation cards for one page, from either side, grouped by kind (vocabulary order),
        then by the episode that revealed them and the other's name. The end shows only once
        its episode is watched; the order never depends on it."""
        order = {kind: i for i, kind in enumerate(KINDS)}
        cards = []
        for _, tie in self._ties:
            if tie.source.id == entity_id:
                other, kind = tie.target, tie.kind
            elif tie.target.id == entity_id:
                other, kind = tie.source, inverse(tie.kind)
            else:
                continue
            cards.append(RelationCard(entity_id, other, kind, tie.since, tie.until, tie.ended, tie.note))
        cards.sort(key=lambda c: (order[c.kind], self._show.ordinal(c.since), c.other.name.casefold(),
                                  c.other.id))
        return tuple(cards)

    def new_in(self, ep: Ep) -> NewIn:
        """What watching ``ep`` revealed; refused like a recap when ``ep`` is not watched."""
        self.recap(ep)  # the same refusal, word for word
        met, aliases, roles, status, facts = [], [], [], [], []
        for entity in self._catalog.entities.values():
            if not self._visible(entity):
                continue
            who = self._summary(entity)
            if entity.first_seen == ep:
                met.append(who)
            for alias in entity.aliases:
                if alias.since != ep or alias.name == entity.name:
                    continue
                if not alias.primary:
                    aliases.append((who, alias.name))
                elif entity.first_seen != ep:  # a name given in ep reads from the one it replaced
                    before = self._name(entity, before=ep)  # "Younger Stevens son: Jimmy Stevens"
                    aliases.append((EntitySummary(entity.id, before, entity.kind, entity.first_seen),
                                    alias.name))
            roles.extend((who, r.text) for r in entity.roles if r.since == ep)
            status.extend((who, s.value) for i, s in enumerate(entity.status) if s.since == ep and i > 0)
            facts.extend((who, f.text) for f in entity.facts if f.episode == ep)
        began = tuple(tie for _, tie in self._ties if tie.since == ep)
        ended = tuple(tie for _, tie in self._ties if tie.until == ep)

        def by_name(items: list) -> tuple:
            return tuple(sorted(items, key=lambda item: (item[0].kind != "character",
                                                         item[0].name.casefold())))

        met.sort(key=lambda s: (s.kind != "character", s.name.casefold()))
        return NewIn(self.episode(ep), tuple(met), by_name(aliases), by_name(roles), by_name(status),
                     by_name(facts), began, ended)

    def labels(self) -> list[tuple[str, str]]:
        """(label, entity id) for every visible name and alias."""
        labels = []
        for entity in self._catalog.entities.values():
            if self._visible(entity):
                labels.append((entity.name, entity.id))
                labels.extend((a.name, entity.id) for a in entity.aliases if self.admits(a.since))
        return labels

    def links(self, text: str) -> list[Link]:
        """Spans of ``text`` that name a visible entity by a name the viewer knows."""
        # the finder takes part only with the labels this viewer knows: an unseen longer name
        # ("Alex Poletov") can neither be linked nor swallow a known one ("Poletov")
        return [Link(mention.start, mention.end, mention.labels[0].entity_id)
                for mention in self._show._finder.find(text, self._knows)]

    def _knows(self, label: Label) -> bool:
        return self.admits(label.since) and self._visible(self._catalog.entities[label.entity_id])

