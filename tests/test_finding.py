"""Finding and choosing: the character list's fuzzy filter, ambiguous names, JSON on every outcome."""

from __future__ import annotations

import json
from pathlib import Path

from famtui.episodes import Ep
from famtui.gate import Show
from famtui.search import close_matches, match_entities
from famtui.tui.widgets.nav_list import NavList
from tests.tui_support import MINI, make_app, write_config

DANA = '''id = "dana-blok"
kind = "character"
name = "Dana Blok"
first_seen = "S2E2"

[[roles]]
from = "S2E2"
text = "Engineer on the far side"
source = "https://example.org/wiki/dana-blok"
'''


def with_dana(mini: Path) -> Path:
    """The fixture plus a second Blok, met only in S2E2."""
    (mini / "characters" / "dana-blok.toml").write_text(DANA)
    return mini


def test_match_entities_forgives_typos_and_sees_only_the_view() -> None:
    show = Show.load(MINI)
    at = show.view(Ep(2, 1))
    assert [i for i, _ in match_entities(at, "alise")] == ["alice-arden"]
    assert [i for i, _ in match_entities(at, "cole")] == ["alice-arden"]
    assert match_entities(show.view(Ep(1, 3)), "carla") == []  # not met yet: as if it did not exist
    assert match_entities(show.view(Ep(1, 3)), "cole") == []  # an alias not known yet


def test_several_equal_matches_are_all_offered(mini: Path) -> None:
    show = Show.load(with_dana(mini))
    assert sorted(close_matches(match_entities(show.view(Ep(2, 2)), "blok"))) == ["boris-blok",
                                                                                   "dana-blok"]
    assert close_matches(match_entities(show.view(Ep(2, 1)), "blok")) == ["boris-blok"]
    assert close_matches(match_entities(show.view(Ep(2, 2)), "boris blok")) == ["boris-blok"]


def test_cli_lists_ambiguous_matches_exit_1(mini_cli, mini: Path) -> None:
    with_dana(mini)
    result = mini_cli("--as-of", "S2E2", "character", "blok")
    assert result.code == 1 and result.out == ""
    assert "matches several" in result.err and "Boris Blok" in result.err and "Dana Blok" in result.err
    answer = mini_cli("--as-of", "S2E2", "character", "blok", "--json")
    assert answer.code == 1
    data = answer.json()
    assert {c["id"] for c in data["candidates"]} == {"boris-blok", "dana-blok"}
    assert data["exit"] == 1 and "matches several" in data["error"]
    # Before Dana is met, "blok" is Boris alone: nothing about her shows, not even a doubt.
    before = mini_cli("--as-of", "S2E1", "character", "blok", "--json")
    assert before.code == 0 and before.json()["id"] == "boris-blok"
    assert "dana" not in (before.out + before.err).lower()


def test_every_json_command_answers_json_on_every_outcome(mini_cli) -> None:
    mini_cli("progress", "set", "S1E3")
    cases = [
        ("character", "zed zyx", "--json"),  # no match
        ("character", "carla", "--json"),  # not met yet: the same answer
        ("search", "zzzzqqq", "--json"),
        ("recap", "S2E2", "--json"),  # beyond progress
        ("recap", "S9E9", "--json"),  # no such episode
        ("recap", "banana", "--json"),  # not an episode code
        ("search", "margo", "--limit", "abc", "--json"),  # a usage error
        ("search", "--json"),  # the query missing
    ]
    for args in cases:
        result = mini_cli(*args)
        assert result.code in (1, 2), args
        data = json.loads(result.out)  # JSON on stdout, whatever happened
        assert data["error"] == result.err.split(": ", 1)[1].rstrip("\n"), args  # the same line
        assert data["exit"] == result.code, args
    unseen, missing = mini_cli("character", "carla", "--json"), mini_cli("character", "zed zyx", "--json")
    assert unseen.json()["error"].replace("carla", "X") == missing.json()["error"].replace("zed zyx", "X")


async def test_character_list_is_fuzzy_and_hints_at_search(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S2E1")
    app = make_app(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_ready()
        await pilot.pause()
        await pilot.press("c", *"alise")  # a typo
        await pilot.pause()
        listing = app.main.query_one("#entity-list", NavList)
        assert [o.id for o in listing.options] == ["alice-arden"]
        await pilot.press(*["backspace"] * 5, *"zzzq")
        await pilot.pause()
        assert listing.option_count == 0
        assert "/ searches" in str(app.main.query_one("#entity-count").content)
