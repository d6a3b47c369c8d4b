import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def test_progress_starts_at_none_and_moves(mini_cli) -> None:
    assert mini_cli("progress").out == "none\n"
    result = mini_cli("watched")
    assert result.code == 0 and "S1E1 First Light" in result.out and "Next: S1E2 · Second Wind" in result.out
    assert mini_cli("progress").out == "S1E1 First Light\n"
    assert mini_cli("watched", "s01e03").code == 0
    assert mini_cli("progress").out == "S1E3 Third Rail\n"
    back = mini_cli("watched", "1x2")
    assert back.code == 0 and "already watched" in back.out
    assert mini_cli("progress", "set", "1x2").code == 0
    assert mini_cli("progress").out == "S1E2 Second Wind\n"
    assert mini_cli("progress", "set", "none").code == 0
    assert mini_cli("progress").out == "none\n"


def test_watched_at_the_end(mini_cli) -> None:
    mini_cli("progress", "set", "S2E2")
    result = mini_cli("watched")
    assert result.code == 0 and "every episode" in result.out


@pytest.mark.parametrize("code", ["S9E1", "banana", "S1", "[red]x[/]"])
def test_bad_episode_codes_are_one_line_exit_2(mini_cli, code: str) -> None:
    result = mini_cli("progress", "set", code)
    assert result.code == 2
    assert result.err.count("\n") == 1 and "valid episodes are S1E1 to S2E2" in result.err
    assert not (mini_cli.config.parent / "progress.toml").exists()


def test_episodes_json_hides_future_titles(mini_cli) -> None:
    mini_cli("progress", "set", "S1E1")
    rows = mini_cli("episodes", "--json").json()
    assert rows[0] == {
        "episode": "S1E1",
        "title": "First Light",
        "released": "2020-01-01",
        "state": "watched",
        "story_year": None,
        "story_date": None,
    }
    assert rows[1]["state"] == "next" and rows[1]["title"] == "Second Wind"
    assert [r["title"] for r in rows[2:]] == [None, None, None]
    text = mini_cli("episodes").out
    assert "Third Rail" not in text and "New Season" not in text


def test_recap_text_json_and_refusal(mini_cli) -> None:
    mini_cli("progress", "set", "S1E2")
    data = mini_cli("recap", "S1E2", "--json").json()
    assert data["episode"] == "S1E2" and data["title"] == "Second Wind"
    assert data["recap"][0].startswith("Alice Arden met") and data["imported"] == []
    text = mini_cli("recap", "S1E2").out
    assert "Next: S1E3 · Third Rail" in text
    refused = mini_cli("recap", "S1E3")
    assert refused.code == 1 and "Third Rail" not in refused.err and refused.out == ""


def test_as_of_looks_without_saving(mini_cli) -> None:
    mini_cli("progress", "set", "S1E1")
    assert mini_cli("--as-of", "S2E2", "recap", "S2E2").code == 0
    assert mini_cli("recap", "S2E2", "--as-of", "S2E2").code == 0
    assert mini_cli("progress").out == "S1E1 First Light\n"
    refused = mini_cli("--as-of", "S2E2", "watched")
    assert refused.code == 2 and "--as-of" in refused.err


def test_characters_and_pages(mini_cli) -> None:
    mini_cli("progress", "set", "S1E3")
    rows = mini_cli("characters", "--json").json()
    assert {r["id"] for r in rows} == {"alice-arden", "boris-blok", "lantern"}
    assert {"id": "lantern", "name": "Lantern", "kind": "spacecraft", "first_seen": "S1E1"} in rows
    page = mini_cli("character", "bors", "--json").json()
    assert page["id"] == "boris-blok" and page["status"] == "dead"
    assert page["appears_in"] == ["S1E2", "S1E3"]
    assert page["facts"][-1] == {"episode": "S1E3", "text": "Is lost when the Lantern loses power."}
    assert set(page) == {"id", "name", "kind", "bio", "aliases", "role", "status", "facts", "appears_in",
                         "relations"}
    assert page["bio"] is None
    assert page["relations"] == [{"id": "alice-arden", "name": "Alice Arden", "kind": "colleague",
                                  "label": "Colleague of", "since": "S1E2", "until": "S1E3",
                                  "ended": "died", "note": "They fly the Lantern together."}]


def test_unseen_character_is_indistinguishable_from_a_missing_one(mini_cli) -> None:
    mini_cli("progress", "set", "S1E3")
    unseen = mini_cli("character", "Carla Cruz")
    missing = mini_cli("character", "Zed Zyx")
    assert unseen.code == missing.code == 1
    assert unseen.err.replace("Carla Cruz", "X") == missing.err.replace("Zed Zyx", "X")
    assert unseen.err == "famtui: no match for 'Carla Cruz' as of S1E3\n"


def test_search_json_shape_and_gating(mini_cli) -> None:
    mini_cli("progress", "set", "S1E2")
    hits = mini_cli("search", "boris", "--json").json()
    assert hits[0]["id"] == "boris-blok" and hits[0]["kind"] == "character"
    assert set(hits[0]) == {"kind", "id", "title", "episode", "snippet", "score"}
    assert mini_cli("search", "carla").code == 1
    assert mini_cli("search", "carla", "--as-of", "S2E1").code == 0
    assert len(mini_cli("search", "the", "--json", "--limit", "2").json()) <= 2


def test_markup_and_unicode_queries_are_data(mini_cli) -> None:
    mini_cli("progress", "set", "S2E2")
    for query in ["[/]", "[bold]", "🚀", "Привет", "\x1b[31m", "x" * 10_000]:
        result = mini_cli("search", query)
        assert result.code in (0, 1) and "Traceback" not in result.err
    assert "Привет" in mini_cli("search", "привет").out


def test_config_command_shows_paths_and_settings(mini_cli) -> None:
    data = mini_cli("config", "--json").json()
    assert data["paths"]["config"] == str(mini_cli.config)
    assert data["paths"]["progress"] == str(mini_cli.config.parent / "progress.toml")
    assert data["settings"]["show_next_title"] is True and data["profile"] == "default"
    assert "progress file:" in mini_cli("config").out


def test_profiles(mini_cli) -> None:
    mini_cli("--profile", "ana", "progress", "set", "S2E1")
    mini_cli("--profile", "ben", "progress", "set", "S1E1")
    assert mini_cli("--profile", "ana", "progress").out == "S2E1 New Season\n"
    assert mini_cli("progress", "--profile", "ben").out == "S1E1 First Light\n"
    unsaved = mini_cli("progress")  # 'default' is not saved while ana and ben are: say so
    assert unsaved.code == 1 and unsaved.out == ""
    assert "no saved progress for profile 'default'" in unsaved.err and "ana, ben" in unsaved.err
    assert mini_cli("--profile", "../x", "progress").code == 2


BAD_CONFIGS = {
    "bad toml": ("show_next_title = tru\n", ":1: invalid TOML"),
    "wrong type": ('show_next_title = "yes"\n', ":1: 'show_next_title' must be true or false"),
    "unknown key": (
        "\n\nhide_future_title = false\n",
        ":3: unknown key 'hide_future_title' (did you mean 'hide_future_titles'?)",
    ),
    "bad profile": ('default_profile = "a b"\n', ":1: default_profile 'a b' is not a valid profile name"),
    "markup in value": ('default_profile = "[/x]"\n', "'[/x]' is not a valid profile name"),
}


@pytest.mark.parametrize(("content", "expected"), BAD_CONFIGS.values(), ids=BAD_CONFIGS.keys())
def test_broken_config_is_one_line_exit_2_and_untouched(cli, tmp_path: Path, content, expected) -> None:
    config = tmp_path / "c" / "config.toml"
    config.parent.mkdir()
    config.write_text(content)
    result = cli("--config", str(config), "progress")
    assert result.code == 2 and result.err.count("\n") == 1
    assert result.err.startswith(f"famtui: {config}") and expected in result.err
    assert config.read_text() == content
    assert sorted(p.name for p in config.parent.iterdir()) == ["config.toml"]


def test_missing_explicit_config_is_an_error(cli, tmp_path: Path) -> None:
    result = cli("--config", str(tmp_path / "nope.toml"), "progress")
    assert result.code == 2 and "no such config file" in result.err


def test_broken_data_dir_is_one_line(cli, mini: Path) -> None:
    (mini / "episodes" / "s1e02.toml").write_text("title = ")
    result = cli("--data", str(mini), "episodes")
    assert result.code == 2 and result.err.count("\n") == 1 and "s1e02.toml:1: invalid TOML" in result.err


def test_check_data(cli, mini: Path) -> None:
    ok = cli("check-data", str(mini), "--stats")
    assert ok.code == 0 and "episodes:            5" in ok.out
    assert ok.out.splitlines()[0].startswith("The whole guide") and ok.out.endswith(": ok\n")
    # without --stats: "ok" and no figure of the whole guide (item 8 of issue 14)
    plain = cli("check-data", str(mini))
    assert plain.code == 0 and plain.out == f"{mini}: ok\n"
    refused = cli("--as-of", "S1E1", "check-data", str(mini))
    assert refused.code == 2 and refused.out == "" and "--as-of" in refused.err
    assert refused.err.count("\n") == 1
    (mini / "episodes" / "s1e01.toml").write_text(
        (mini / "episodes" / "s1e01.toml").read_text().replace("into orbit.", "into orbit, eventually.")
    )
    bad = cli("check-data", str(mini))
    assert bad.code == 2 and "hindsight wording 'eventually'" in bad.err


def test_usage_errors_are_one_line(cli) -> None:
    result = cli("recap")
    assert result.code == 2 and result.err.count("\n") == 1
    assert cli("search", "x", "--limit", "zero").code == 2


def test_module_entry_point_runs(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "c")}
    result = subprocess.run(
        [sys.executable, "-m", "famtui", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert result.returncode == 0 and result.stdout.startswith("famtui ")
    result = subprocess.run(
        [sys.executable, "-m", "famtui", "progress", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert result.returncode == 0 and json.loads(result.stdout)["episode"] is None


def test_a_broken_import_file_does_not_block_progress_commands(mini_cli, isolated) -> None:
    imports = isolated / ".local" / "share" / "famtui" / "imports"
    imports.mkdir(parents=True)
    (imports / "broken.toml").write_text("this is = not [valid")
    assert mini_cli("progress", "set", "S1E2").code == 0
    assert mini_cli("watched").code == 0
    assert mini_cli("progress").out == "S1E3 Third Rail\n"
    shown = mini_cli("recap", "S1E3")
    assert shown.code == 2 and shown.err.count("\n") == 1 and "broken.toml" in shown.err
    assert (imports / "broken.toml").read_text() == "this is = not [valid"


def test_check_data_wants_sources_and_one_holder_per_office(cli, mini: Path) -> None:
    path = mini / "characters" / "boris-blok.toml"
    path.write_text(path.read_text().replace('source = "https://example.org/wiki/boris-blok"\n', "", 1))
    alice, carla = mini / "characters" / "alice-arden.toml", mini / "characters" / "carla-cruz.toml"
    alice.write_text(alice.read_text().replace('text = "Commander of Beacon Base"',
                                               'text = "Commander of Beacon Base"\noffice = "beacon-chief"'))
    carla.write_text(carla.read_text().replace('[[roles]]\nfrom = "S2E1"', '[[roles]]\nfrom = "S2E2"')
                     .replace('source = "https://example.org/wiki/carla-cruz"',
                              'source = "https://example.org/wiki/carla-cruz"\noffice = "beacon-chief"', 1))
    result = cli("check-data", str(mini))
    assert result.code == 2
    assert f"{path}:10: [[roles]] #1 has no source" in result.err
    assert "still holds 'beacon-chief' in S2E2, when Carla Cruz holds it too" in result.err


def test_check_data_refuses_a_name_that_says_a_later_alias(cli, mini: Path) -> None:
    """The name shown from first_seen may not already hold a name the show gives later; the
    fix is a plain name first and a primary alias from the episode that names them."""
    path = mini / "characters" / "boris-blok.toml"
    text = path.read_text()
    path.write_text(text.replace('name = "Boris"\nfrom = "S1E2"', 'name = "Boris"\nfrom = "S1E3"', 1))
    result = cli("check-data", str(mini))
    assert result.code == 2
    assert (f"{path}:8: alias 'Boris' is revealed in S1E3, but the name 'Boris Blok' shown before it "
            "already says it") in result.err
    path.write_text(text.replace('name = "Boris Blok"', 'name = "Boris"', 1)
                    .replace('[[aliases]]\nname = "Boris"\nfrom = "S1E2"',
                             '[[aliases]]\nname = "Boris Blok"\nfrom = "S1E3"\nprimary = true', 1))
    fixed = cli("check-data", str(mini)).err
    assert "already says it" not in fixed  # the recap that says "Boris Blok" in S1E2 is still flagged
    assert "recap paragraph 1 names 'Boris Blok' as of S1E2" in fixed
    # and the file name (the id, shown beside the name) may not say the surname either
    assert "id 'boris-blok' says 'blok', which the viewer does not know in S1E2" in fixed


def test_an_id_that_characters_lists_opens_that_page(mini_cli) -> None:
    mini_cli("progress", "set", "S1E2")
    listed = mini_cli("characters", "--json").json()
    for item in listed:
        assert mini_cli("character", item["id"], "--json").json()["id"] == item["id"]
    mini_cli("progress", "set", "S1E1")
    unseen = mini_cli("character", "boris-blok")
    assert (unseen.code, unseen.err) == (1, "famtui: no match for 'boris-blok' as of S1E1\n")
    assert mini_cli("character", "no-such-id").err == "famtui: no match for 'no-such-id' as of S1E1\n"


def test_config_and_profile_mistakes_name_where_they_are(cli, tmp_path: Path) -> None:
    config = tmp_path / "famtui.toml"
    config.write_text('theme = "nord"\ndata_dir = "no-such-guide"\n')
    missing = cli("--config", str(config), "progress")
    assert (missing.code, missing.err) == (
        2, f"famtui: {config}:2: data_dir 'no-such-guide' is not a directory\n")
    empty = cli("--profile", "", "progress")
    assert empty.code == 2 and "profile '' is not a valid profile name" in empty.err
    long = cli("--profile", "x" * 500, "progress")
    assert long.code == 2 and f"profile '{'x' * 39}…' is not" in long.err
