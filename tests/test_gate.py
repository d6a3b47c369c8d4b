import functools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from famtui.episodes import Ep
from famtui.errors import BeyondProgress
from famtui.gate import Show, TitleRules
from famtui.loader import load_catalog
from tests.conftest import DATA, MINI


@pytest.fixture(scope="module")
def show() -> Show:
    return Show.load(MINI)


def test_nothing_watched(show: Show) -> None:
    view = show.view(None)
    assert view.entities() == ()
    assert [line.state for line in view.episodes()] == ["next"] + ["unwatched"] * 4
    assert view.next.title == "First Light"
    assert [line.title for line in view.episodes()[1:]] == [None] * 4
    assert view.progress_label == "not started"


def test_next_title_and_future_titles_follow_the_settings(show: Show) -> None:
    hidden_next = show.view(Ep(1, 1), TitleRules(show_next_title=False))
    assert hidden_next.next.title is None and hidden_next.next.logline is None
    assert hidden_next.next.label == "S1 · E2"
    all_titles = show.view(Ep(1, 1), TitleRules(hide_future_titles=False))
    assert [line.title for line in all_titles.episodes()][2:] == ["Third Rail", "New Season", "Deep Water"]
    assert all(line.logline is None for line in all_titles.episodes()[2:])


def test_recap_beyond_progress_is_refused_without_its_title(show: Show) -> None:
    view = show.view(Ep(1, 2))
    assert view.recap(Ep(1, 2)).paragraphs[0].startswith("Alice Arden met Boris")
    with pytest.raises(BeyondProgress) as info:
        view.recap(Ep(2, 1))
    assert "New Season" not in str(info.value)


def test_entity_pages_change_with_progress(show: Show) -> None:
    assert show.view(Ep(1, 1)).entity("boris-blok") is None
    assert show.view(Ep(1, 1)).entity("no-such-id") is None
    boris = show.view(Ep(1, 2)).entity("boris-blok")
    assert boris.status == "alive" and len(boris.facts) == 1
    assert show.view(Ep(1, 3)).entity("boris-blok").status == "dead"
    alice = show.view(Ep(1, 3)).entity("alice-arden")
    assert alice.name == "Alice Arden" and alice.aliases == ("Alice",)
    assert alice.role == "Commander of the Lantern"
    married = show.view(Ep(2, 1)).entity("alice-arden")
    assert married.name == "Alice Cole"
    assert married.aliases == ("Alice Arden", "Alice")
    assert married.role == "Commander of Beacon Base"


def test_appears_in_counts_only_watched_episodes(show: Show) -> None:
    assert show.view(Ep(1, 2)).entity("lantern").appears_in == (Ep(1, 1), Ep(1, 2))
    assert show.view(Ep(2, 2)).entity("lantern").appears_in == (Ep(1, 1), Ep(1, 2), Ep(1, 3))


def test_relation_cards_list_only_visible_entities(show: Show) -> None:
    def others(ep: Ep) -> list[str]:
        return [card.other.id for card in show.view(ep).entity("alice-arden").relations]

    assert others(Ep(1, 1)) == ["lantern"]
    assert others(Ep(1, 2)) == ["boris-blok", "lantern"]  # colleague before commands: vocabulary order


def test_moving_back_leaves_no_trace(show: Show) -> None:
    later = show.view(Ep(2, 2))
    assert later.entity("carla-cruz") is not None
    earlier = show.view(Ep(1, 2))
    assert earlier.entity("carla-cruz") is None
    assert "carla-cruz" not in {s.id for s in earlier.entities()}
    assert earlier.entity("alice-arden").name == "Alice Arden"
    assert all(label != "Alice Cole" for label, _ in earlier.labels())


def test_links_resolve_only_known_names(show: Show) -> None:
    text = "Alice Cole met Carla and Boris."
    early = [(text[link.start:link.end], link.entity_id) for link in show.view(Ep(1, 2)).links(text)]
    assert early == [("Boris", "boris-blok")]
    late = [text[link.start:link.end] for link in show.view(Ep(2, 1)).links(text)]
    assert late == ["Alice Cole", "Carla", "Boris"]


# -- the no-spoiler property: nothing the gate returns carries a reveal after P -----------

GUIDES = [MINI] + ([DATA] if (DATA / "episodes").is_dir() and any((DATA / "episodes").iterdir()) else [])


@functools.cache
def _loaded(root: Path) -> tuple:
    catalog = load_catalog(root)
    return catalog, Show(catalog)


def _check_view(root: Path, ordinal: int, rules: TitleRules) -> None:
    catalog, show = _loaded(root)
    progress = show.episode_at(ordinal)
    view = show.view(progress, rules)
    horizon = -1 if progress is None else catalog.ordinal(progress)
    for i, line in enumerate(view.episodes()):
        raw = catalog.episodes[i]
        if i > horizon + 1 and rules.hide_future_titles:
            assert line.title is None
        if i == horizon + 1 and not rules.show_next_title:
            assert line.title is None
        if i > horizon + 1:
            assert line.logline is None
        assert (line.state == "watched") == (i <= horizon)
        if i <= horizon:
            assert view.recap(raw.ep).paragraphs == raw.recap
        else:
            with pytest.raises(BeyondProgress):
                view.recap(raw.ep)
    for summary in view.entities():
        raw = catalog.entities[summary.id]
        page = view.entity(summary.id)
        assert catalog.ordinal(raw.first_seen) <= horizon
        known_names = {raw.name} | {a.name for a in raw.aliases if catalog.ordinal(a.since) <= horizon}
        assert page.name in known_names and set(page.aliases) <= known_names
        assert all(catalog.ordinal(f.episode) <= horizon for f in page.facts)
        assert all(catalog.ordinal(r.episode) <= horizon for r in page.roles)
        assert all(catalog.ordinal(ep) <= horizon for ep in page.appears_in)
        statuses = [s.value for s in raw.status if catalog.ordinal(s.since) <= horizon]
        assert page.status == (statuses[-1] if statuses else None)
        others = [catalog.entities[c.other.id] for c in page.relations]
        assert all(catalog.ordinal(other.first_seen) <= horizon for other in others)
        assert all(catalog.ordinal(c.since) <= horizon for c in page.relations)
        assert all(c.until is None or catalog.ordinal(c.until) <= horizon for c in page.relations)
        assert page.bio is None or catalog.ordinal(page.bio.since) <= horizon
    hidden = [e for e in catalog.entities.values() if catalog.ordinal(e.first_seen) > horizon]
    assert all(view.entity(e.id) is None for e in hidden)
    visible_labels = {label for label, _ in view.labels()}
    for entity in hidden:
        assert entity.name not in visible_labels or any(
            e.name == entity.name for e in catalog.entities.values() if e not in hidden)


@pytest.mark.parametrize("root", GUIDES, ids=[p.name for p in GUIDES])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_gate_never_returns_anything_after_progress(root: Path, data: st.DataObject) -> None:
    size = len(_loaded(root)[0].episodes)
    ordinal = data.draw(st.integers(min_value=-1, max_value=size - 1), label="progress ordinal")
    rules = TitleRules(data.draw(st.booleans()), data.draw(st.booleans()))
    _check_view(root, ordinal, rules)


@pytest.mark.parametrize("progress", ["S1E1", "S2E6", "S3E5", "S4E10"])
def test_a_heading_is_what_the_page_heads_with(progress: str) -> None:
    real_show = _real_show()
    view = real_show.view(real_show.parse_episode(progress))
    for entity_id in real_show._catalog.entities:
        page = view.entity(entity_id)
        heading = view.heading(entity_id)
        assert heading == (None if page is None else (page.name, page.first_seen, page.role)), entity_id


@functools.cache
def _real_show() -> Show:
    return Show.load(DATA)
