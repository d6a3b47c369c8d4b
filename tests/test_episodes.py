import pytest

from famtui.episodes import Ep, parse_code


@pytest.mark.parametrize("text", ["S2E6", "s2e6", "s02e06", "S02E06", "2x06", "2X6", " S2E6 "])
def test_codes_parse_to_the_same_episode(text: str) -> None:
    assert parse_code(text) == Ep(2, 6)
    assert parse_code(text).code == "S2E6"


@pytest.mark.parametrize("text", ["", "S2", "E6", "2-6", "season 2", "S2E6x", "S2E", "x06", "S2 E6 E7"])
def test_non_codes_are_rejected(text: str) -> None:
    assert parse_code(text) is None


def test_episodes_order_by_season_then_number() -> None:
    assert Ep(1, 10) < Ep(2, 1) < Ep(2, 2)
    assert Ep(3, 4).label == "S3 · E4"
