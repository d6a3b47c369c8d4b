"""The no-spoiler rule over the CLI: for any progress P and any request, no output names
anything revealed after P. Later-only tokens are derived from the catalog itself."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import famtui.search
from famtui.entry import main
from famtui.episodes import Ep
from famtui.gate import Show
from famtui.lint import catalog_labels
from famtui.loader import load_catalog
from famtui.mentions import Label, MentionFinder
from famtui.model import Catalog
from famtui.textnorm import shown
from tests.conftest import DATA, MINI

GUIDES = [MINI, DATA]


@dataclass
class Guide:
    root: Path
    catalog: Catalog
    show: Show
    requests: list[str]  # every name, alias, title and a sample of recap words, later ones included


@functools.cache
def guide(root: Path) -> Guide:
    catalog = load_catalog(root)
    words: set[str] = set()
    for episode in catalog.episodes:
        words.add(episode.title)
        for paragraph in episode.recap:
            words.update(w for w in re.findall(r"[A-Za-z][\w'-]{3,}", paragraph))
    for label in catalog_labels(catalog):
        words.add(label.text)
        words.update(label.text.split())
    return Guide(root, catalog, Show(catalog), sorted(words))


def later_only(g: Guide, horizon: int, next_title_shown: bool) -> tuple[MentionFinder, list[str]]:
    """A finder for names the viewer cannot know at ``horizon``, and later episode titles."""
    at = g.catalog.ordinal
    known = {label.text for label in catalog_labels(g.catalog)
             if at(label.since) <= horizon and at(g.catalog.entities[label.entity_id].first_seen) <= horizon}
    hidden = [Label(lb.text, lb.entity_id, lb.since) for lb in catalog_labels(g.catalog)
              if lb.text not in known]
    visible_text = " ".join(
        p for e in g.catalog.episodes[: horizon + 1] for p in (e.title, e.logline, *e.recap)
    ).casefold()
    if next_title_shown and horizon + 1 < len(g.catalog.episodes):
        # The next episode's title is shown on purpose (a title is public); a name inside it
        # ("Happy Valley") is not a leak there.
        shown_title = g.catalog.episodes[horizon + 1].title
        hidden = [lb for lb in hidden if lb.text not in shown_title]
    first_hidden_title = horizon + (2 if next_title_shown else 1)
    titles = [e.title for e in g.catalog.episodes[first_hidden_title:]
              if e.title.casefold() not in visible_text
              and all(e.title.casefold() not in lb.casefold() for lb in known)]
    return MentionFinder(hidden), titles


def later_texts(g: Guide, horizon: int) -> list[str]:
    """Bio stages and relation notes revealed after ``horizon``, and the end of a visible relation
    ("divorced, S3E1") when that end comes later: none may show at ``horizon``."""
    at = g.catalog.ordinal
    entities = g.catalog.entities
    seen = [e for e in entities.values() if at(e.first_seen) <= horizon]
    visible_text = " ".join(
        [p for e in g.catalog.episodes[: horizon + 1] for p in (e.title, e.logline, *e.recap)]
        + [b.text for e in seen for b in e.bio if at(b.since) <= horizon]
        + [f.text for e in seen for f in e.facts if at(f.episode) <= horizon]
        + [r.text for e in seen for r in e.roles if at(r.since) <= horizon]
        + [r.note or "" for e in seen for r in e.relations if at(r.since) <= horizon])
    # Whole bio stages and notes; a short note ("Administrator") proves nothing by itself.
    out = [b.text for e in entities.values() for b in e.bio if at(b.since) > horizon]
    out += [r.note for e in entities.values() for r in e.relations
            if r.note and len(r.note) >= 25 and at(r.since) > horizon]
    shown_ends = {f"{r.ended.replace('-', ' ')}, {r.until}" for e in entities.values() for r in e.relations
                  if r.until is not None and r.ended and at(r.until) <= horizon}
    out += [f"{r.ended.replace('-', ' ')}, {r.until}" for e in entities.values() for r in e.relations
            if r.until is not None and r.ended and at(r.since) <= horizon < at(r.until)]
    return [t for t in dict.fromkeys(out) if t not in visible_text and t not in shown_ends]


def flat(output: str) -> str:
    """Output with JSON quotes unescaped and line wrapping undone, for whole-text checks."""
    return " ".join(output.replace('\\"', '"').split())


def run(*args: str, capsys: pytest.CaptureFixture[str]) -> str:
    try:
        main(list(args))
    except SystemExit:
        pass
    captured = capsys.readouterr()
    return captured.out + captured.err


def _check(root: Path, data: st.DataObject, capsys: pytest.CaptureFixture[str],
           monkeypatch: pytest.MonkeyPatch) -> None:
    g = guide(root)
    monkeypatch.setattr(Show, "load", classmethod(lambda cls, path, imports=(): g.show))
    size = len(g.catalog.episodes)
    ordinal = data.draw(st.integers(-1, size - 1), label="progress")
    progress = g.show.episode_at(ordinal)
    as_of = ["--data", str(root), "--as-of", progress.code if progress else "none"]
    finder, titles = later_only(g, ordinal, next_title_shown=True)
    request = data.draw(st.sampled_from(g.requests), label="request")
    ep = g.catalog.episodes[data.draw(st.integers(0, size - 1), label="episode")].ep
    outputs = [
        run(*as_of, "episodes", capsys=capsys),
        run(*as_of, "episodes", "--json", capsys=capsys),
        run(*as_of, "characters", "--json", capsys=capsys),
        run(*as_of, "character", request, capsys=capsys),
        run(*as_of, "character", request, "--json", capsys=capsys),
        run(*as_of, "search", request, "--json", capsys=capsys),
        run(*as_of, "search", request, capsys=capsys),
        run(*as_of, "recap", ep.code, "--json", capsys=capsys),
        run(*as_of, "recap", ep.code, capsys=capsys),
        run(*as_of, "relations", "--json", capsys=capsys),
        run(*as_of, "relations", request, capsys=capsys),
        run(*as_of, "new", ep.code, "--json", capsys=capsys),
        run(*as_of, "new", ep.code, capsys=capsys),
        run(*as_of, "map", "--json", capsys=capsys),
        run(*as_of, "map", request, capsys=capsys),
    ]
    texts = later_texts(g, ordinal)
    for output in outputs:
        flattened = flat(output)
        for text in texts:
            assert " ".join(text.split()) not in flattened, f"as of {progress}: later text {text!r} shown"
        output = output.replace(f"'{shown(request)}'", "''")  # the viewer's own words, echoed
        leaked = [m.text for m in finder.find(output)]
        assert leaked == [], f"as of {progress}: {request!r} leaked {leaked}"
        for title in titles:
            assert title not in output, f"as of {progress}: later title {title!r} in output"


@pytest.fixture(autouse=True)
def cached_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """Build each search index once per (show, rules) so thousands of examples stay fast."""
    real = famtui.search.SearchIndex

    def cached(show, rules=None, upto=None):
        # A whole index answers a view exactly as one of its visible prefix (`upto`) does
        # (tests/test_command_speed.py checks it), so one serves them all.
        return _cached(real, show, rules)

    cached.__wrapped__ = real  # type: ignore[attr-defined]
    monkeypatch.setattr(famtui.search, "SearchIndex", cached)


@functools.cache
def _cached(real, show, rules):
    return real(show, rules)


@pytest.mark.parametrize("root", GUIDES, ids=[p.name for p in GUIDES])
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_cli_never_shows_anything_after_progress(root: Path, data, capsys, monkeypatch) -> None:
    _check(root, data, capsys, monkeypatch)


@pytest.mark.slow
@pytest.mark.parametrize("root", [DATA], ids=["data"])
@settings(max_examples=3_000, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_cli_never_shows_anything_after_progress_long(root: Path, data, capsys, monkeypatch) -> None:
    _check(root, data, capsys, monkeypatch)


def test_the_check_itself_catches_a_leak(capsys) -> None:
    """Guard against a test that cannot fail: a later name in output is caught."""
    g = guide(MINI)
    finder, titles = later_only(g, g.catalog.ordinal(Ep(1, 1)), next_title_shown=True)
    assert [m.text for m in finder.find("then Boris Blok and Carla arrived")] == ["Boris Blok", "Carla"]
    assert "New Season" in titles and "Second Wind" not in titles
    at_s1e2 = later_texts(g, g.catalog.ordinal(Ep(1, 2)))
    assert "died, S1E3" in at_s1e2 and "She tells Alice first about the water under the base." in at_s1e2
    assert "Runs Beacon Base, under the name Alice Cole." in at_s1e2
    assert "died, S1E3" not in later_texts(g, g.catalog.ordinal(Ep(1, 3)))
