"""The bundled guide: complete, clean under the leak linter, and in our own words."""

import re
from datetime import date

import pytest

from famtui.datacheck import check
from famtui.episodes import Ep
from famtui.gate import Show
from tests.conftest import DATA, SHARED

EPISODES_TSV = SHARED / "episodes.tsv"
SEEDS = SHARED / "seeds"


def test_bundled_guide_passes_check_data() -> None:
    problems, stats = check(DATA)
    assert [str(p) for p in problems] == []
    assert stats is not None and stats.episodes == 40


@pytest.mark.skipif(not EPISODES_TSV.exists(), reason="../shared/episodes.tsv is not beside the repo")
def test_every_episode_of_the_list_with_its_title_and_date() -> None:
    expected = {}
    for line in EPISODES_TSV.read_text().splitlines():
        if line.startswith("#") or line.startswith("season"):
            continue
        season, number, title, released = line.split("\t")
        expected[Ep(int(season), int(number))] = (title, released.rstrip("?"), released.endswith("?"))
    view = Show.load(DATA).view(Ep(4, 10))
    actual = {line.ep: (line.title, line.released.isoformat()) for line in view.episodes()}
    assert actual == {ep: (title, day) for ep, (title, day, _) in expected.items()}
    assert all(isinstance(line.released, date) for line in view.episodes())


def _grams(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")
def test_no_eight_word_run_from_the_seed_articles() -> None:
    seed_grams: set[tuple[str, ...]] = set()
    for seed in SEEDS.glob("*.txt"):
        seed_grams |= _grams(seed.read_text(encoding="utf-8"))
    assert seed_grams, "no seed text found"
    copied = {}
    for path in sorted(DATA.rglob("*.toml")):
        # Source addresses are citations, not our sentences: a recap site's URL slug may match.
        text = re.sub(r"https?://\S+", " ", path.read_text(encoding="utf-8"))
        shared = _grams(text) & seed_grams
        if shared:
            copied[path.name] = [" ".join(g) for g in sorted(shared)[:3]]
    assert copied == {}
