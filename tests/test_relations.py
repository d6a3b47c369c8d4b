"""Relations, bios, "new in" and the map, all through the gate: what a viewer at P gets is
exactly what a guide cut at P gives, and an end shown one episode early is caught."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from famtui.episodes import Ep
from famtui.errors import BeyondProgress
from famtui.gate import Show, View
from famtui.graph import build
from famtui.loader import load_catalog
from famtui.maplayout import layout
from famtui.model import Catalog
from tests.conftest import DATA, MINI
from tests.cut_catalog import cut


@pytest.fixture(scope="module")
def show() -> Show:
    return Show.load(MINI)


def test_a_relation_shows_from_both_sides_with_the_inverse_kind(show: Show) -> None:
    view = show.view(Ep(2, 1))
    [commands] = [c for c in view.relations("alice-arden") if c.other.id == "beacon-base"]
    assert commands.kind == "commands" and commands.text == "Commands Beacon Base · since S2E1"
    [by] = [c for c in view.relations("beacon-base") if c.other.id == "alice-arden"]
    assert by.kind == "commanded-by" and by.other.name == "Alice Cole"


def test_the_end_exists_only_from_until(show: Show) -> None:
    before = show.view(Ep(1, 2)).relations("boris-blok")
    assert [(c.kind, c.until, c.ended) for c in before] == [("colleague", None, None)]
    assert before[0].text == "Colleague of Alice Arden · since S1E2"
    after = show.view(Ep(1, 3)).relations("boris-blok")
    assert [(c.until, c.ended) for c in after] == [(Ep(1, 3), "died")]
    assert after[0].text == "Colleague of Alice Arden · since S1E2 · died, S1E3"


def test_a_death_the_viewer_has_seen_ends_a_relation_with_no_end(mini: Path) -> None:
    """Without until, a relation ends when one of its people is dead by the viewer's progress
    (a marriage revealed in the very episode of the death has no later until to give)."""
    path = mini / "characters" / "alice-arden.toml"
    path.write_text(path.read_text().replace('until = "S1E3"\nended = "died"\n', "", 1))
    show = Show.load(mini)
    assert [(c.until, c.ended) for c in show.view(Ep(1, 2)).relations("boris-blok")] == [(None, None)]
    [card] = show.view(Ep(1, 3)).relations("boris-blok")
    assert card.text == "Colleague of Alice Arden · since S1E2 · died, S1E3"
    assert [t.target.id for t in show.view(Ep(1, 3)).new_in(Ep(1, 3)).ended] == ["boris-blok"]


def test_bio_is_the_latest_stage_revealed(show: Show) -> None:
    assert show.view(Ep(1, 3)).bio("alice-arden").text == "Commander of the Lantern on its first flight."
    assert show.view(Ep(2, 1)).entity("alice-arden").bio.text.startswith("Runs Beacon Base")
    assert show.view(Ep(1, 3)).bio("carla-cruz") is None  # not met yet: indistinguishable
    assert show.view(Ep(2, 1)).bio("boris-blok") is None  # met, but no stage


def test_new_in_holds_only_what_the_episode_revealed(show: Show) -> None:
    view = show.view(Ep(2, 2))
    s2e1 = view.new_in(Ep(2, 1))
    assert [s.id for s in s2e1.met] == ["carla-cruz", "beacon-base"]
    assert [(w.id, name) for w, name in s2e1.aliases] == [("alice-arden", "Alice Cole"),
                                                           ("carla-cruz", "Carla")]
    # a name given in the episode reads from the name it replaces ("Alice Arden: Alice Cole");
    # a newcomer's own name is not listed as news about it ("Carla Cruz: Carla Cruz")
    assert [(w.name, name) for w, name in s2e1.aliases] == [("Alice Arden", "Alice Cole"),
                                                             ("Carla Cruz", "Carla")]
    assert [(t.source.id, t.kind, t.target.id) for t in s2e1.began] == [
        ("alice-arden", "commands", "beacon-base"), ("carla-cruz", "based-at", "beacon-base")]
    s1e3 = view.new_in(Ep(1, 3))
    assert [(w.id, value) for w, value in s1e3.status] == [("boris-blok", "dead")]
    assert [(t.target.id, t.ended) for t in s1e3.ended] == [("boris-blok", "died")]
    assert not s1e3.met and not s1e3.began


def test_new_in_refuses_an_unwatched_episode_like_a_recap(show: Show) -> None:
    view = show.view(Ep(1, 2))
    with pytest.raises(BeyondProgress) as refused:
        view.new_in(Ep(1, 3))
    with pytest.raises(BeyondProgress) as recap:
        view.recap(Ep(1, 3))
    assert str(refused.value) == str(recap.value)


def test_graph_of_one_entity_and_of_everyone(show: Show) -> None:
    view = show.view(Ep(2, 2))
    everyone = build(view)
    assert [n.id for n in everyone.nodes] == ["alice-arden", "boris-blok", "carla-cruz", "beacon-base",
                                              "lantern"]
    assert len(everyone.edges) == 5
    boris = build(view, "boris-blok")
    assert [n.id for n in boris.nodes] == ["alice-arden", "boris-blok"]
    assert boris.as_json()["edges"] == [{"source": "alice-arden", "target": "boris-blok", "kind": "colleague",
                                          "label": "Colleague of", "since": "S1E2", "until": "S1E3",
                                          "ended": "died"}]
    assert build(view, "no-such-id").nodes == ()
    assert build(show.view(Ep(1, 3)), "carla-cruz").nodes == ()  # unseen: same as unknown


def test_layout_gives_every_node_a_box_and_no_boxes_overlap(show: Show) -> None:
    plan = layout(build(show.view(Ep(2, 2))))
    boxes = list(plan.boxes.values())
    assert len(boxes) == 5
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + 3 <= b.y or b.y + 3 <= a.y
            assert apart, (a, b)
    assert all(len(line.points) >= 2 for line in plan.lines)


# -- the cut-guide rule -----------------------------------------------------------------------------

GUIDES = [MINI, DATA]


@functools.cache
def _catalog(root: Path) -> Catalog | None:
    try:
        return load_catalog(root)
    except Exception:  # the real guide may be mid-rewrite
        return None


def differences(full: View, cut_view: View, with_layout: bool = True) -> list[str]:
    """Every way the gate at P differs from a guide cut at P (empty when the rule holds)."""
    out = []
    if full.ties() != cut_view.ties():
        out.append("ties")
    for summary in full.entities():
        if full.relations(summary.id) != cut_view.relations(summary.id):
            out.append(f"relations of {summary.id}")
        if full.bio(summary.id) != cut_view.bio(summary.id):
            out.append(f"bio of {summary.id}")
        if full.entity(summary.id) != cut_view.entity(summary.id):
            out.append(f"page of {summary.id}")
        if build(full, summary.id) != build(cut_view, summary.id):
            out.append(f"map of {summary.id}")
    for line in full.episodes():
        if line.state == "watched" and full.new_in(line.ep) != cut_view.new_in(line.ep):
            out.append(f"new in {line.ep}")
    whole = build(full)
    if whole != build(cut_view):
        out.append("whole map")
    elif with_layout and layout(whole) != layout(build(cut_view)):
        out.append("whole map layout")
    return out


def _views(catalog: Catalog, ordinal: int) -> tuple[View, View]:
    progress = catalog.episodes[ordinal].ep if ordinal >= 0 else None
    return Show(catalog).view(progress), Show(cut(catalog, ordinal)).view(progress)


@pytest.mark.parametrize("root", GUIDES, ids=[p.name for p in GUIDES])
def test_gate_at_p_equals_a_guide_cut_at_p(root: Path) -> None:
    """Every progress point, from nothing watched to the last episode."""
    catalog = _catalog(root)
    if catalog is None:
        pytest.skip("the guide does not load right now")
    failures = {}
    for ordinal in range(-1, len(catalog.episodes)):
        found = differences(*_views(catalog, ordinal))
        if found:
            failures[ordinal] = found[:5]
    assert failures == {}


def test_an_end_shown_one_episode_early_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """The mutation: the gate admits ``until`` one episode early. The cut-guide rule fails."""
    catalog = _catalog(MINI)
    assert catalog is not None
    honest = [differences(*_views(catalog, i)) for i in range(-1, len(catalog.episodes))]
    assert honest == [[]] * (len(catalog.episodes) + 1)

    def early(self: View, relation) -> bool:
        return relation.until is not None and self._catalog.ordinal(relation.until) <= self.horizon + 1

    monkeypatch.setattr(View, "_end_known", early)
    caught = [differences(*_views(catalog, i)) for i in range(-1, len(catalog.episodes))]
    assert any(caught), "showing an end one episode early went unnoticed"
    assert "relations of boris-blok" in caught[2]  # at S1E2 the colleague's death (S1E3) showed


def test_a_note_that_tells_its_own_end_is_linted(mini: Path) -> None:
    from famtui.lint import lint

    path = mini / "characters" / "alice-arden.toml"
    path.write_text(path.read_text().replace('note = "They fly the Lantern together."',
                                             'note = "They fly the Lantern together until Boris dies."'))
    [problem] = [str(p) for p in lint(load_catalog(mini))]
    assert problem.startswith(f"{path}:") and "tells its end ('dies')" in problem and "S1E3" in problem


def test_a_note_that_speaks_of_a_later_death_is_linted(mini: Path) -> None:
    from famtui.lint import lint

    path = mini / "characters" / "carla-cruz.toml"
    path.write_text(path.read_text().replace('kind = "based-at"\nfrom = "S2E1"\n',
                                             'kind = "based-at"\nfrom = "S2E1"\nnote = "Where she dies."\n'))
    assert lint(load_catalog(mini)) == []  # nobody's death is in the guide: nothing to tell
    boris = mini / "characters" / "boris-blok.toml"
    boris.write_text(boris.read_text().replace(
        'note = "x"', "").replace("[[facts]]", '[[relations]]\nid = "lantern"\nkind = "crew-of"\n'
                                  'from = "S1E2"\nnote = "The ship he died on."\n'
                                  'source = "https://example.org/x"\n\n[[facts]]', 1))
    [problem] = [str(p) for p in lint(load_catalog(mini))]
    assert "speaks of a death ('died') that the viewer learns only in S1E3" in problem


def test_highlighting_a_box_equals_drawing_it_selected(show: Show) -> None:
    from famtui.tui.mapdraw import draw, highlight

    graph = build(show.view(Ep(2, 2)))
    plan = layout(graph)
    names = {node.id: node.name for node in graph.nodes}
    base = draw(plan, names)
    for node in graph.nodes:
        quick, full = highlight(base, plan, node.id), draw(plan, names, node.id)
        assert quick.plain == full.plain
        assert [(s.start, s.end) for s in quick.spans if s.style == "reverse bold"] == \
            [(s.start, s.end) for s in full.spans if s.style == "reverse bold"]


def test_an_early_end_is_caught_on_the_real_guide_too(monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = _catalog(DATA)
    if catalog is None or not any(r.until for e in catalog.entities.values() for r in e.relations):
        pytest.skip("the real guide does not load, or has no ended relation, right now")

    def early(self: View, relation) -> bool:
        return relation.until is not None and self._catalog.ordinal(relation.until) <= self.horizon + 1

    monkeypatch.setattr(View, "_end_known", early)
    ends = sorted({catalog.ordinal(r.until) for e in catalog.entities.values()
                   for r in e.relations if r.until})
    # One episode before an end is revealed, the mutated gate shows it; the cut guide does not.
    assert differences(*_views(catalog, ends[0] - 1), with_layout=False) != []
