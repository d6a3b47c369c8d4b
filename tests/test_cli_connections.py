"""famtui relations / new / map, and the bio and cards on `character`, on the fixture guide."""

from __future__ import annotations


def test_relations_of_one_and_of_everyone(mini_cli) -> None:
    mini_cli("progress", "set", "S1E2")
    out = mini_cli("relations", "boris").out
    assert out == ("Boris Blok\n  Colleague of Alice Arden · since S1E2\n"
                   "    They fly the Lantern together.\n")
    everyone = mini_cli("relations", "--json").json()
    assert [(r["source"], r["kind"], r["target"], r["until"]) for r in everyone] == [
        ("alice-arden", "colleague", "boris-blok", None), ("alice-arden", "commands", "lantern", None)]
    ended = mini_cli("relations", "boris", "--as-of", "S1E3").out
    assert "Colleague of Alice Arden · since S1E2 · died, S1E3" in ended


def test_relations_by_kind_either_way(mini_cli) -> None:
    mini_cli("progress", "set", "S2E2")
    assert [r["target"] for r in mini_cli("relations", "--kind", "commanded-by", "--json").json()] == [
        "beacon-base", "lantern"]
    cards = mini_cli("relations", "beacon", "--kind", "commanded-by", "--json").json()
    assert [(c["id"], c["kind"], c["label"]) for c in cards] == [
        ("alice-arden", "commanded-by", "Commanded by")]
    bad = mini_cli("relations", "--kind", "[bold]x")
    assert bad.code == 2 and bad.err.startswith("famtui: unknown relation kind '[bold]x'; one of spouse")


def test_an_unseen_name_is_like_a_missing_one(mini_cli) -> None:
    mini_cli("progress", "set", "S1E3")
    for command in ("relations", "map"):
        unseen, missing = mini_cli(command, "Carla Cruz"), mini_cli(command, "Zed Zyx")
        assert unseen.code == missing.code == 1
        assert unseen.err.replace("Carla Cruz", "X") == missing.err.replace("Zed Zyx", "X")


def test_new_defaults_to_the_last_episode_and_refuses_later_ones(mini_cli) -> None:
    mini_cli("progress", "set", "S1E3")
    out = mini_cli("new").out
    assert out.startswith("What you learned in S1E3 · Third Rail\n")
    assert "Boris Blok: dead" in out and "Alice Arden — colleague of — Boris Blok · died" in out
    data = mini_cli("new", "S1E2", "--json").json()
    assert set(data) == {"episode", "title", "met", "aliases", "roles", "status", "facts", "began", "ended"}
    assert [m["id"] for m in data["met"]] == ["boris-blok"]
    assert [(b["source"], b["target"]) for b in data["began"]] == [("alice-arden", "boris-blok")]
    assert data["began"][0]["until"] == "S1E3"  # the viewer, at S1E3, knows how it ended
    refused, recap = mini_cli("new", "S2E1"), mini_cli("recap", "S2E1")
    assert refused.code == recap.code == 1 and refused.err == recap.err
    assert "New Season" not in refused.err
    mini_cli("progress", "set", "none")
    nothing = mini_cli("new")
    assert nothing.code == 1 and "nothing watched yet" in nothing.err


def test_map_text_and_json(mini_cli) -> None:
    mini_cli("progress", "set", "S2E1")
    assert mini_cli("map", "boris").out == (
        "Boris Blok ─ colleague of → Alice Cole  (since S1E2 · died, S1E3)\n")
    graph = mini_cli("map", "--json").json()
    assert set(graph) == {"center", "nodes", "edges"} and graph["center"] is None
    assert {n["id"] for n in graph["nodes"]} == {"alice-arden", "boris-blok", "carla-cruz", "beacon-base",
                                                 "lantern"}
    assert all(set(e) == {"source", "target", "kind", "label", "since", "until", "ended"}
               for e in graph["edges"])
    mini_cli("progress", "set", "none")
    assert mini_cli("map").out == "No relations before the first episode.\n"


def test_character_page_opens_with_the_bio_and_ends_with_cards(mini_cli) -> None:
    mini_cli("progress", "set", "S2E1")
    out = mini_cli("character", "alice").out.splitlines()
    assert out[:3] == ["Alice Cole", "  character, first seen S1E1 · alive",
                       "  Runs Beacon Base, under the name Alice Cole."]
    assert out[-5:] == ["  Relations", "    Colleague of Boris Blok · since S1E2 · died, S1E3",
                        "      They fly the Lantern together.", "    Commands Lantern · since S1E1",
                        "    Commands Beacon Base · since S2E1"]


def test_a_name_that_matches_several_is_ambiguous_like_character(mini_cli, mini) -> None:
    (mini / "characters" / "boris-bell.toml").write_text(
        'id = "boris-bell"\nkind = "character"\nname = "Boris Bell"\nfirst_seen = "S1E2"\n')
    mini_cli("progress", "set", "S1E2")
    expected = mini_cli("character", "bor", "--json")
    assert expected.code == 1 and len(expected.json()["candidates"]) == 2
    for command in ("relations", "map"):
        result = mini_cli(command, "bor", "--json")
        assert (result.code, result.json()) == (expected.code, expected.json()), command
