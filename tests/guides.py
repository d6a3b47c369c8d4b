"""Small synthetic show guides for tests that need many episodes."""

from __future__ import annotations

from pathlib import Path


def make_guide(root: Path, seasons: int, per_season: int) -> Path:
    """A valid guide of ``seasons`` x ``per_season`` episodes and no entities."""
    (root / "episodes").mkdir(parents=True)
    for season in range(1, seasons + 1):
        for number in range(1, per_season + 1):
            (root / "episodes" / f"s{season}e{number:02d}.toml").write_text(
                f'season = {season}\nepisode = {number}\ntitle = "Episode {season}.{number}"\n'
                f'released = 2020-01-01\nlogline = "Things happen."\nrecap = ["Things happened."]\n'
            )
    return root
