from pathlib import Path

import pytest

from famtui.loader import DataError, collect, load_catalog


def problems_of(root: Path) -> list[str]:
    return [str(p) for p in collect(root)[1]]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture changed: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_fixture_guide_loads(mini: Path) -> None:
    catalog = load_catalog(mini)
    assert [e.ep.code for e in catalog.episodes] == ["S1E1", "S1E2", "S1E3", "S2E1", "S2E2"]
    assert catalog.entities["boris-blok"].status[-1].value == "dead"


def test_unknown_key_names_file_line_and_suggestion(mini: Path) -> None:
    path = mini / "characters" / "boris-blok.toml"
    edit(path, 'first_seen = "S1E2"', 'first_seen = "S1E2"\nfrist_seen = "S1E2"')
    [problem] = problems_of(mini)
    assert problem == f"{path}:5: unknown key 'frist_seen' (did you mean 'first_seen'?)"


def test_unknown_key_inside_a_fact(mini: Path) -> None:
    path = mini / "characters" / "boris-blok.toml"
    edit(path, 'text = "Is lost', 'txet = "x"\ntext = "Is lost')
    [problem] = problems_of(mini)
    assert "unknown key 'txet' (did you mean 'text'?)" in problem
    line = int(problem.split(":")[1])
    assert path.read_text().splitlines()[line - 1].startswith("txet")


def test_reference_to_missing_episode(mini: Path) -> None:
    path = mini / "characters" / "carla-cruz.toml"
    edit(path, 'episode = "S2E2"', 'episode = "S3E9"')
    [problem] = problems_of(mini)
    assert "episode S3E9 does not exist; the guide has S1E1 to S2E2" in problem
    assert problem.startswith(f"{path}:")


def test_duplicate_id(mini: Path) -> None:
    (mini / "things" / "lantern2.toml").write_text(
        (mini / "things" / "lantern.toml").read_text())
    problems = problems_of(mini)
    assert any("id 'lantern' must equal the file name 'lantern2'" in p for p in problems)
    dup = mini / "characters" / "lantern.toml"
    dup.write_text((mini / "things" / "lantern.toml").read_text().replace("spacecraft", "character"))
    assert any("duplicate id 'lantern'" in p for p in problems_of(mini))


def test_revealed_before_first_appearance(mini: Path) -> None:
    path = mini / "characters" / "boris-blok.toml"
    edit(path, 'episode = "S1E2"', 'episode = "S1E1"')
    [problem] = problems_of(mini)
    assert "facts entry revealed in S1E1, before 'Boris Blok' first appears (S1E2)" in problem


def test_first_edition_related_is_rejected_with_what_to_write(mini: Path) -> None:
    path = mini / "characters" / "carla-cruz.toml"
    path.write_text(path.read_text().replace(
        "[[facts]]", '[[related]]\nid = "beacon-base"\nfrom = "S2E1"\n\n[[facts]]', 1))
    [problem] = problems_of(mini)
    assert problem.startswith(f"{path}:") and "[[related]] is no longer read: use [[relations]]" in problem


def test_bad_toml_reports_its_line(mini: Path) -> None:
    path = mini / "episodes" / "s1e02.toml"
    edit(path, 'title = "Second Wind"', 'title = "Second Wind')
    [problem] = problems_of(mini)
    assert problem.startswith(f"{path}:3: invalid TOML")


@pytest.mark.parametrize("content", [b"", b"\x00\x01binary", b"title = \xff\xfe"])
def test_unreadable_files_are_problems_not_crashes(mini: Path, content: bytes) -> None:
    (mini / "episodes" / "s1e02.toml").write_bytes(content)
    [problem] = problems_of(mini)
    assert "s1e02.toml" in problem


def test_wrong_types_and_values(mini: Path) -> None:
    path = mini / "characters" / "boris-blok.toml"
    edit(path, 'value = "dead"', 'value = "ded"')
    edit(path, 'kind = "character"', 'kind = "charakter"')
    problems = problems_of(mini)
    assert any("unknown kind 'charakter' (did you mean 'character'?)" in p for p in problems)
    edit(path, 'kind = "charakter"', 'kind = "character"')
    assert any("unknown status 'ded' (did you mean 'dead'?)" in p for p in problems_of(mini))
    edit(mini / "episodes" / "s1e01.toml", "season = 1", 'season = "1"')
    assert any("'season' must be an integer" in p for p in problems_of(mini))


def test_load_catalog_raises_one_line_summary(mini: Path) -> None:
    edit(mini / "things" / "lantern.toml", 'kind = "spacecraft"', 'kind = "ship"')
    edit(mini / "things" / "beacon-base.toml", 'kind = "base"', 'kind = "bass"')
    with pytest.raises(DataError) as info:
        load_catalog(mini)
    assert "\n" not in str(info.value)
    assert "(and 1 more; run 'famtui check-data')" in str(info.value)


# -- second edition: relations, bios, sources, seasons, story time ------------------------------


def test_second_edition_fields_load(mini: Path) -> None:
    catalog = load_catalog(mini)
    alice = catalog.entities["alice-arden"]
    [colleague, commands, _lantern] = alice.relations
    assert (colleague.owner, colleague.target, colleague.kind) == ("alice-arden", "boris-blok", "colleague")
    assert (str(colleague.until), colleague.ended) == ("S1E3", "died")
    assert commands.until is None and commands.source == "https://example.org/wiki/beacon-base"
    assert [str(stage.since) for stage in alice.bio] == ["S1E1", "S2E1"]
    assert all(role.source for role in alice.roles)
    assert catalog.seasons[1].summary and catalog.episode(catalog.episodes[2].ep).story_year == 1971


@pytest.mark.parametrize(("old", "new", "message"), [
    ('kind = "colleague"', 'kind = "collegue"',
     "unknown relation kind 'collegue' (did you mean 'colleague'?)"),
    ('until = "S1E3"', 'until = "S1E2"', "relation ends in S1E2, not after it starts (S1E2)"),
    ('ended = "died"\n', '', "'until' (when the end is revealed) and 'ended' (how) go together"),
    ('ended = "died"', 'ended = "vanished"', "unknown ending 'vanished'"),
    ('id = "beacon-base"\nkind = "commands"', 'id = "beacon-bass"\nkind = "commands"',
     "relation to 'beacon-bass', which does not exist (did you mean 'beacon-base'?)"),
    ('kind = "commands"\nfrom = "S2E1"', 'kind = "commands"\nfrom = "S1E1"',
     "relation to 'Beacon Base' from S1E1, before it first appears (S2E1)"),
    ('source = "https://example.org/wiki/beacon-base"', 'source = "wiki page"',
     "source must be a web address (https://...)"),
])
def test_bad_relation_is_reported_on_its_line(mini: Path, old: str, new: str, message: str) -> None:
    path = mini / "characters" / "alice-arden.toml"
    edit(path, old, new)
    [problem] = problems_of(mini)
    assert message in problem and problem.startswith(f"{path}:")
    line = int(problem.split(":")[1])
    assert "[[relations]]" in "\n".join(path.read_text().splitlines()[:line])


def test_a_tie_declared_from_both_sides_is_a_duplicate(mini: Path) -> None:
    (mini / "things" / "beacon-base.toml").open("a").write(
        '\n[[relations]]\nid = "alice-arden"\nkind = "commanded-by"\nfrom = "S2E2"\n'
        'source = "https://example.org/x"\n')
    [problem] = problems_of(mini)
    assert "'commanded-by' relation with 'Alice Arden' is also declared in alice-arden.toml" in problem


def test_season_summary_must_match_its_file_and_season(mini: Path) -> None:
    (mini / "seasons" / "s3.toml").write_text('season = 3\nsummary = ["x"]\n')
    [problem] = problems_of(mini)
    assert problem.endswith("season 3 has no episodes in the guide")
