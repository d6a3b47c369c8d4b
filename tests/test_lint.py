from pathlib import Path

import pytest

from famtui.lint import lint
from famtui.loader import load_catalog
from tests.test_loader import edit


def lint_of(root: Path) -> list[str]:
    return [str(p) for p in lint(load_catalog(root))]


def test_clean_fixture(mini: Path) -> None:
    assert lint_of(mini) == []


def test_recap_naming_someone_before_they_appear(mini: Path) -> None:
    path = mini / "episodes" / "s1e01.toml"
    edit(path, "into orbit.", "into orbit, far from Boris Blok.")
    [problem] = lint_of(mini)
    assert problem.startswith(f"{path}:")
    assert "names 'Boris Blok' as of S1E1, but the viewer only knows that name from S1E2" in problem


def test_fact_using_an_alias_before_it_is_known(mini: Path) -> None:
    edit(mini / "characters" / "boris-blok.toml", "Shares his supplies with the crew of the Lantern.",
         "Shares his supplies with Alice Cole.")
    [problem] = lint_of(mini)
    assert "names 'Alice Cole' as of S1E2" in problem


def test_logline_may_only_name_what_the_previous_episode_showed(mini: Path) -> None:
    # Carla Cruz first appears in S2E1, so S2E1's own teaser may not name her.
    edit(mini / "episodes" / "s2e01.toml", "Alice returns to work.", "Alice meets Carla Cruz.")
    [problem] = lint_of(mini)
    assert "logline names 'Carla Cruz' as of S1E3" in problem


def test_first_logline_may_name_nobody(mini: Path) -> None:
    edit(mini / "episodes" / "s1e01.toml", "A crew prepares", "Alice prepares")
    [problem] = lint_of(mini)
    assert "before the first episode" in problem


@pytest.mark.parametrize("phrase", ["the late captain", "his former ship", "would later", "will later",
                                    "eventually", "for now", "Ultimately", "at the time"])
def test_hindsight_wording(mini: Path, phrase: str) -> None:
    edit(mini / "characters" / "alice-arden.toml", "Flies the Lantern into orbit.",
         f"Flies the Lantern into orbit, {phrase}.")
    problems = lint_of(mini)
    assert problems and all("hindsight wording" in p for p in problems)


def test_possessive_and_punctuation_still_count_as_mentions(mini: Path) -> None:
    edit(mini / "episodes" / "s1e01.toml", "into orbit.", "into orbit (Carla's idea).")
    assert any("'Carla'" in p for p in lint_of(mini))


def test_a_first_name_inside_a_longer_unknown_name_is_not_a_mention(mini: Path) -> None:
    edit(mini / "episodes" / "s1e01.toml", "into orbit.", "into orbit while Carla Jones watched.")
    assert lint_of(mini) == []


def test_bios_notes_and_season_summaries_are_linted(mini: Path) -> None:
    from famtui.lint import lint
    from famtui.loader import load_catalog

    path = mini / "characters" / "alice-arden.toml"
    text = path.read_text()
    text = text.replace('text = "Commander of the Lantern on its first flight."',
                        'text = "Commander of the Lantern with Carla, for now."')
    text = text.replace('note = "They fly the Lantern together."', 'note = "Their last mission together."')
    path.write_text(text)
    messages = [p.message for p in lint(load_catalog(mini))]
    assert any("bio (S1E1) names 'Carla'" in m for m in messages)
    assert any("bio (S1E1) uses hindsight wording 'for now'" in m for m in messages)
    assert any("relation note (S1E2) uses hindsight wording 'Their last mission'" in m for m in messages)
