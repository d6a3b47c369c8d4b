"""Mutation checks: each item of issue 14 put back, and the tests that must catch it.

Every test here puts one old behaviour back (with monkeypatch, for this test only) and
asserts that the differential check of tests/test_differential.py, or the app test of
tests/test_follow_progress.py, then fails. A check that passed with the bug back in could
not fail, and would be a defect.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from famtui.episodes import Ep
from famtui.gate import Show, View
from famtui.importer.link import Linker
from tests import test_differential as diff
from tests import test_follow_progress as follow


def _caught(cases: list[tuple[Ep | None, str, str]]) -> bool:
    """Whether the differential CLI check fails on at least one of ``cases``."""
    for case in cases:
        try:
            diff._one(case)
        except AssertionError:
            return True
    return False


def _later_cases(horizon: int, count: int = 6) -> list[tuple[Ep | None, str, str]]:
    """Cases derived from the catalog: later names at ``horizon`` next to a known name."""
    progress = diff.progress_at(horizon)
    known = diff.known_names(horizon)
    later = diff.later_only(horizon)[:count]
    return [(progress, word, known[i % len(known)]) for i, word in enumerate(later)]


def test_item_1_and_3_later_names_known_to_the_leak_guard_are_caught(monkeypatch) -> None:
    original = Show.label_reveals
    monkeypatch.setattr(Show, "label_reveals", lambda self, view=None: original(self))
    cases = [(Ep(2, 1), "Bezukhov", "Margo"), (Ep(1, 1), "Lenora", "Margo"), *_later_cases(5)]
    assert _caught(cases)


def test_item_2_a_later_alias_linking_to_a_visible_character_is_caught(monkeypatch) -> None:
    monkeypatch.setattr(Linker, "known_view", staticmethod(lambda show, ep, viewer: show.view(ep)))
    # an article filed under the last episode, read by a viewer who has not reached it
    cases = [(Ep(2, 6), "Bezukhov", "Sergei"), (Ep(1, 4), "Ellen Wilson", "Ellen"), *_later_cases(12)]
    assert _caught(cases)


def test_item_4_hidden_titles_used_for_detection_are_caught(monkeypatch) -> None:
    original = Show.episode_titles
    monkeypatch.setattr(Show, "episode_titles", lambda self, view=None: original(self))
    horizon = 0
    titles = [e.title for e in diff.catalog().episodes[horizon + 2:]][:4]
    cases = [(Ep(1, 1), "Crossing the Line", "Margo")]
    cases += [(diff.progress_at(horizon), title, diff.known_names(horizon)[0]) for title in titles]
    assert _caught(cases)


def test_item_5_links_from_the_whole_guide_are_caught(monkeypatch) -> None:
    from famtui.gate import Link

    def old_links(self: View, text: str) -> list[Link]:
        links = []
        for mention in self._show._finder.find(text):
            for label in mention.labels:
                entity = self._catalog.entities[label.entity_id]
                if self.admits(label.since) and self._visible(entity):
                    links.append(Link(mention.start, mention.end, entity.id))
                    break
        return links

    monkeypatch.setattr(View, "links", old_links)
    with pytest.raises(AssertionError):
        diff.test_links_at_every_progress_are_the_links_of_the_cut_guide()


def test_item_7_an_app_that_never_rereads_progress_is_caught(monkeypatch, tmp_path: Path) -> None:
    from famtui.tui.app import FamtuiApp

    monkeypatch.setattr(FamtuiApp, "follow_progress", lambda self, nothing_saved=False: None)
    with pytest.raises(AssertionError):
        asyncio.run(follow.test_the_open_app_follows_a_move_back_made_elsewhere(tmp_path / "a"))


def test_item_7_a_write_without_compare_and_set_is_caught(monkeypatch, tmp_path: Path) -> None:
    from famtui.tui.session import Session

    def old_apply(self: Session, move) -> View:
        self.store.set_progress(self.profile, move.target)
        self.view = self.show.view(move.target, self.ctx.rules)
        return self.view

    monkeypatch.setattr(Session, "apply", old_apply)
    with pytest.raises(AssertionError):
        asyncio.run(follow.test_n_after_the_cli_moved_on_saves_nothing_and_catches_up(tmp_path / "b"))
