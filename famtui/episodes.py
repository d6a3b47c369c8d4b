"""Episode codes: parsing ``S2E6`` / ``s02e06`` / ``2x06`` and printing ``S2E6``."""

from __future__ import annotations

import re
from typing import NamedTuple

_CODE = re.compile(r"^\s*(?:[sS](\d{1,2})\s*[eE](\d{1,2})|(\d{1,2})[xX](\d{1,3}))\s*$")


class Ep(NamedTuple):
    """An episode reference; orders by season, then number."""

    season: int
    number: int

    @property
    def code(self) -> str:
        return f"S{self.season}E{self.number}"

    @property
    def label(self) -> str:
        """How an episode is named when its title is hidden: ``S3 · E4``."""
        return f"S{self.season} · E{self.number}"

    def __str__(self) -> str:
        return self.code


def parse_code(text: str) -> Ep | None:
    """Parse an episode code, or return None when it is not one."""
    match = _CODE.match(text)
    if not match:
        return None
    season, number = (match.group(1), match.group(2)) if match.group(1) else match.groups()[2:]
    return Ep(int(season), int(number))
