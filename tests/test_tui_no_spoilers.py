"""The no-spoiler rule over the app: at a random progress, reached by moving back from a
later one, no screen the viewer can open shows a name or title revealed after it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_no_spoilers import flat, guide, later_only, later_texts
from tests.tui_support import DATA, SIZE, make_app, shown_text, write_config


def _leaks(text: str, finder, titles: list[str]) -> list[str]:
    return [m.text for m in finder.find(text)] + [t for t in titles if t in text]


async def _drive(config: Path, start: str, stops: list[int], request: str, entity_id: str) -> None:
    g = guide(DATA)
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_ready()
        await pilot.pause()
        main = app.main
        # Look around at the later progress first, so stale screens would have something to show.
        main.open("entity", entity_id)
        main.open("so-far")
        main.open("search", request)
        await pilot.pause()
        for back_to in stops:
            finder, titles = later_only(g, back_to, next_title_shown=True)
            texts = later_texts(g, back_to)
            target = g.show.episode_at(back_to)
            app.apply_move(app.session.move_to(target))
            await pilot.pause()
            screens = [("recap", target.code if target else ""), ("previously", ""), ("characters", ""),
                       ("entity", entity_id), ("search", request), ("upcoming", ""), ("so-far", ""),
                       ("history", ""), ("new", target.code if target else ""), ("connections", ""),
                       ("map", ""), ("map", entity_id)]
            for screen, item in screens:
                main.open(screen, item)
                await pilot.pause()
                # The viewer's own query is echoed back as typed; that is not a leak.
                text = shown_text(app).replace(request, "")
                assert _leaks(text, finder, titles) == [], (screen, item, target)
                flattened = flat(text)
                assert [t for t in texts if " ".join(t.split()) in flattened] == [], (screen, item, target)


@pytest.fixture(autouse=True)
def reuse_guide(monkeypatch: pytest.MonkeyPatch) -> None:
    """Load the guide and build its search index once for all examples (the app's real
    loading path is covered by tests/test_tui.py)."""
    import famtui.search
    from famtui.gate import Show

    g = guide(DATA)
    monkeypatch.setattr(Show, "load", classmethod(lambda cls, path, imports=(): g.show))
    real = famtui.search.SearchIndex
    built: dict = {}
    monkeypatch.setattr(famtui.search, "SearchIndex",
                        lambda show, rules=None: built.setdefault((id(show), rules), real(show, rules)))


def _case(data: st.DataObject, tmp_path: Path) -> None:
    g = guide(DATA)
    size = len(g.catalog.episodes)
    start = data.draw(st.integers(0, size - 1), label="start")
    stops = sorted(data.draw(st.lists(st.integers(-1, start), min_size=1, max_size=4, unique=True),
                             label="moved back to"), reverse=True)
    request = data.draw(st.sampled_from([r for r in g.requests if r.isascii()]), label="search")
    entity_id = data.draw(st.sampled_from(sorted(g.catalog.entities)), label="entity")
    folder = tmp_path / f"c{start}-{'-'.join(map(str, stops))}-{abs(hash(request)) % 10_000}"
    start_code = g.show.episode_at(start).code
    config = write_config(folder, DATA, progress=start_code)
    asyncio.run(_drive(config, start_code, stops, request, entity_id))


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_app_shows_nothing_after_progress(tmp_path: Path, data) -> None:
    _case(data, tmp_path)


@pytest.mark.slow
@settings(max_examples=14, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_app_shows_nothing_after_progress_long(tmp_path: Path, data) -> None:
    _case(data, tmp_path)
