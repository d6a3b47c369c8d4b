"""Coming back after months: the story so far, welcome back, time in the story, watch history,
profiles. Everything through the gate."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import Static

from famtui.episodes import Ep
from famtui.gate import Show
from famtui.progress import ProfileState, Watched, moved, watched_on
from famtui.search import SearchIndex
from famtui.tui.screens.welcome_back import WelcomeBackScreen
from famtui.tui.session import away_for
from famtui.tui.widgets.recap import SENTENCE_STYLE
from tests.tui_support import MINI, make_app, shown_text, write_config

SHOW = Show.load(MINI)
EPISODES = [line.ep for line in SHOW.view(None).episodes()]
SEASON_1_SUMMARY = "brought it home alone"


# -- the story so far ---------------------------------------------------------------------------


def test_a_season_summary_exists_only_once_its_last_episode_is_watched() -> None:
    assert SHOW.view(None).story_so_far() == ()
    mid = SHOW.view(Ep(1, 2)).story_so_far()
    assert len(mid) == 1 and not mid[0].complete and not mid[0].written
    assert all(SEASON_1_SUMMARY not in text for text in mid[0].summary)  # not yet
    assert [text.split(":")[0] for text in mid[0].summary] == ["S1E1 · First Light", "S1E2 · Second Wind"]
    done = SHOW.view(Ep(1, 3)).story_so_far()
    assert done[0].complete and done[0].written and SEASON_1_SUMMARY in done[0].summary[0]
    assert done[0].sources
    later = SHOW.view(Ep(2, 1)).story_so_far()
    assert [part.season for part in later] == [1, 2] and later[1].through == Ep(2, 1)


@settings(max_examples=30)
@given(st.sampled_from([None, *EPISODES]))
def test_the_story_so_far_holds_nothing_after_progress(progress) -> None:
    view = SHOW.view(progress)
    text = " ".join(t for part in view.story_so_far() for t in part.summary)
    later = [line for line in SHOW.view(None, None).episodes() if not view.admits(line.ep)]
    for line in later:
        assert line.ep.code not in text
    if progress is None or progress < Ep(1, 3):
        assert SEASON_1_SUMMARY not in text
    if progress is None or progress < Ep(2, 1):
        assert "Cole" not in text  # the name Alice takes in S2E1


def test_so_far_command(mini_cli) -> None:
    assert mini_cli("so-far").out.startswith("Nothing watched yet")
    mini_cli("progress", "set", "S2E1")
    out = mini_cli("so-far").out
    assert "Season 1\n" in out and SEASON_1_SUMMARY in out.replace("\n  ", " ")
    assert "Season 2, so far (through S2E1)" in out
    data = mini_cli("so-far", "--json").json()
    assert [(p["season"], p["complete"], p["written"]) for p in data] == [(1, True, True), (2, False, False)]
    assert mini_cli("--as-of", "S1E2", "so-far", "--json").json()[0]["complete"] is False


# -- time in the story --------------------------------------------------------------------------


def test_the_story_year_shows_only_once_watched(mini_cli) -> None:
    assert SHOW.view(Ep(1, 3)).episode(Ep(1, 3)).story_year == 1971
    assert SHOW.view(Ep(1, 2)).episode(Ep(1, 3)).story_year is None  # next: not yet
    rows = {r["episode"]: r for r in mini_cli("--as-of", "S1E2", "episodes", "--json").json()}
    assert rows["S1E3"]["story_year"] is None
    rows = {r["episode"]: r for r in mini_cli("--as-of", "S1E3", "episodes", "--json").json()}
    assert rows["S1E3"]["story_year"] == 1971 and rows["S1E1"]["story_year"] is None
    assert mini_cli("--as-of", "S1E3", "recap", "S1E3", "--json").json()["story_year"] == 1971
    assert "in the story: 1971" in mini_cli("--as-of", "S1E3", "recap", "S1E3").out


# -- watch history ------------------------------------------------------------------------------


def test_history_keeps_the_date_of_each_move_and_moving_back_drops_the_later_ones() -> None:
    state = moved(ProfileState(), Ep(1, 2))
    state = moved(state, Ep(2, 1))
    assert [w.episode for w in state.history] == [Ep(1, 2), Ep(2, 1)]
    dates = watched_on(state, EPISODES)
    assert list(dates) == [Ep(1, 1), Ep(1, 2), Ep(1, 3), Ep(2, 1)]
    assert dates[Ep(1, 1)] == state.history[0].at and dates[Ep(1, 3)] == state.history[1].at
    back = moved(state, Ep(1, 3))
    assert list(watched_on(back, EPISODES)) == [Ep(1, 1), Ep(1, 2), Ep(1, 3)]
    assert watched_on(back, EPISODES)[Ep(1, 3)] == state.history[1].at  # S1E3 keeps its date
    assert moved(back, None).history == ()


def test_history_command_and_file(mini_cli) -> None:
    assert mini_cli("history").out.startswith("Nothing watched yet")
    mini_cli("progress", "set", "S1E2")
    mini_cli("watched")
    rows = mini_cli("history", "--json").json()
    assert [r["episode"] for r in rows] == ["S1E1", "S1E2", "S1E3"] and all(r["watched"] for r in rows)
    mini_cli("progress", "set", "S1E1")
    assert [r["episode"] for r in mini_cli("history", "--json").json()] == ["S1E1"]
    text = (mini_cli.config.parent / "progress.toml").read_text()
    assert "history" in text and "S1E3" not in text  # moving back leaves no trace of later ones


def test_a_broken_history_is_one_line_and_the_file_is_left(mini_cli) -> None:
    path = mini_cli.config.parent / "progress.toml"
    path.write_text('[profiles.default]\nprogress = "S1E2"\nhistory = [ { episode = "S9E9", at = 1 } ]\n')
    before = path.read_bytes()
    result = mini_cli("history")
    assert result.code == 2 and "history of 'default'" in result.err and result.err.count("\n") == 1
    assert path.read_bytes() == before


# -- profiles -----------------------------------------------------------------------------------


def test_reading_a_profile_that_is_not_saved_names_the_saved_ones(mini_cli) -> None:
    first = mini_cli("progress")  # nothing saved at all: a new viewer, not an error
    assert first.code == 0 and first.out.strip() == "none"
    mini_cli("progress", "set", "S1E2")
    typo = mini_cli("--profile", "defualt", "progress")
    assert typo.code == 1 and typo.out == ""
    assert "no saved progress for profile 'defualt'" in typo.err and "default" in typo.err
    assert mini_cli("--profile", "defualt", "progress", "--json").json()["exit"] == 1
    assert mini_cli("--profile", "bob", "progress", "set", "S1E1").code == 0  # the first save creates it
    assert mini_cli("--profile", "bob", "progress").out.startswith("S1E1")


async def test_palette_offers_every_profile_and_a_new_one(tmp_path: Path) -> None:
    from famtui.tui.commands import commands
    from famtui.tui.screens.ask_name import AskNameScreen

    config = write_config(tmp_path / "conf", MINI, progress="S1E1")
    app = make_app(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_ready()
        await pilot.pause()
        texts = [c.text for c in commands(app)]
        assert "Profile: default (in use)" in texts and "Profile: new…" in texts
        app.ask_profile_name()
        await pilot.pause()
        assert isinstance(app.screen, AskNameScreen)
        await pilot.press(*"bad name", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AskNameScreen)  # refused, said why
        await pilot.press(*["backspace"] * 8, *"bob", "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.session.profile == "bob"
        texts = [c.text for c in commands(app)]
        assert "Profile: switch to default" in texts


# -- welcome back -------------------------------------------------------------------------------


def test_away_for_is_about_four_weeks() -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    assert away_for(now - timedelta(days=27), now) is None
    assert away_for(now - timedelta(days=40), now) == timedelta(days=40)
    assert away_for(None, now) is None
    assert away_for(datetime(2026, 1, 1), now) is not None  # a date-time without a zone is UTC


def old_progress(folder: Path, progress: str, days: int) -> Path:
    config = write_config(folder, MINI)
    at = (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")
    path = folder / "progress.toml"
    path.write_text(f'[profiles.default]\nprogress = "{progress}"\nupdated = {at}\n')
    stamp = (datetime.now(UTC) - timedelta(days=days)).timestamp()
    os.utime(path, (stamp, stamp))  # the file was last written then, too
    return config


async def test_welcome_back_after_a_long_break_offers_the_story_so_far(tmp_path: Path) -> None:
    app = make_app(old_progress(tmp_path / "conf", "S2E1", 90))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_ready()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeBackScreen)
        text = " ".join(str(s.content) for s in app.screen.query(Static))
        assert "You stopped at S2E1 · New Season" in text and "3 months ago" in text
        assert "Deep Water" not in text  # the next title is not in the welcome
        await pilot.press("s")
        await pilot.pause()
        await pilot.pause()
        assert app.main.current == ("so-far", "")
        text = shown_text(app)
        assert SEASON_1_SUMMARY in text and "Season 2, so far (through S2E1)" in text
    app = make_app(old_progress(tmp_path / "conf2", "S2E1", 3))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_ready()
        await pilot.pause()
        assert not isinstance(app.screen, WelcomeBackScreen)  # a few days: straight on
    config = old_progress(tmp_path / "conf3", "S2E1", 90)
    (config.parent / "progress.toml").touch()  # progress set long ago, but the app used today
    app = make_app(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_ready()
        await pilot.pause()
        assert not isinstance(app.screen, WelcomeBackScreen)


async def test_so_far_key_and_history_screen_in_the_app(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S1E2")
    app = make_app(config)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.wait_ready()
        await pilot.pause()
        await pilot.press("n")  # S1E3, the end of season 1
        await pilot.pause()
        assert "in the story: 1971" in str(app.main.query_one("#recap-title").content)
        await pilot.press("s")
        await pilot.pause()
        assert SEASON_1_SUMMARY in shown_text(app)
        app.main.open("history")
        await pilot.pause()
        body = str(app.main.query_one("#history-body").content)
        # S1E1-2 came from a file without a history (and no 'updated'): their date is unknown
        assert body.count("before the history was kept") == 2 and "S1E3" in body
        assert "S2E1" not in body


# -- search: earlier roles, and a recap hit opens at its sentence -------------------------------


def test_a_snippet_from_an_earlier_role_says_so() -> None:
    index = SearchIndex(SHOW)
    hits = {h.id: h for h in index.search(SHOW.view(Ep(2, 2)), "lantern commander")}
    alice = hits["alice-arden"]
    assert alice.field == "earlier" and alice.snippet.startswith("earlier: ")
    assert all(alice.snippet[s:e].lower() in ("lantern", "commander") for s, e in alice.spans)
    at_s1 = {h.id: h for h in index.search(SHOW.view(Ep(1, 3)), "lantern commander")}
    assert at_s1["alice-arden"].field == "role"  # still her role then: no "earlier"


async def test_a_recap_hit_opens_the_recap_at_the_sentence(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S2E1")
    app = make_app(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_ready()
        await pilot.pause()
        await pilot.press("slash", *"mourned")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.current == ("recap", "S1E3")
        body = app.main.query_one("#recap-body").content
        marked = [body.plain[s.start:s.end] for s in body.spans if s.style == SENTENCE_STYLE]
        assert marked == ["Alice brought the Lantern home alone; she mourned Boris."]


def test_history_in_a_state_never_lists_episodes_after_progress() -> None:
    state = ProfileState(Ep(1, 2), None, None, (Watched(Ep(1, 2), datetime.now(UTC)),))
    assert max(watched_on(state, EPISODES)) == Ep(1, 2)


async def test_the_app_says_when_a_profile_is_new_and_which_are_saved(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S1E2")
    app = make_app(config, "--profile", "defualt")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_ready()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("No progress saved for 'defualt'" in m and "default" in m for m in messages)
    app = make_app(write_config(tmp_path / "fresh", MINI))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_ready()
        await pilot.pause()
        assert not app._notifications  # a first start with no profiles at all: nothing to say
