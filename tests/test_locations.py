"""Paths: the quick XDG look-up on Linux finds what platformdirs finds."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from famtui import locations

CASES = [
    {"HOME": "/home/ann"},
    {"HOME": "/home/ann/"},
    {"HOME": "/home/ann", "XDG_CONFIG_HOME": "/cfg", "XDG_DATA_HOME": "/dat", "XDG_CACHE_HOME": "/cch"},
    {"HOME": "/home/ann", "XDG_CONFIG_HOME": "relative", "XDG_DATA_HOME": "", "XDG_CACHE_HOME": " "},
    {"HOME": "/", "XDG_CACHE_HOME": "/tmp/x y/[bold]"},
]


@pytest.mark.skipif(sys.platform != "linux", reason="the quick look-up is for Linux")
@pytest.mark.parametrize("env", CASES)
def test_the_quick_lookup_agrees_with_platformdirs(env: dict[str, str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert locations._xdg("XDG_CONFIG_HOME", ".config") is not None
    assert locations.config_dir() == Path(platformdirs.user_config_dir("famtui", appauthor=False))
    assert locations.data_home() == Path(platformdirs.user_data_dir("famtui", appauthor=False))
    assert locations.cache_dir() == Path(platformdirs.user_cache_dir("famtui", appauthor=False))


def test_an_unusual_home_is_left_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "relative/home")
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    assert locations._xdg("XDG_CONFIG_HOME", ".config") is None
    assert locations.config_dir() == Path(platformdirs.user_config_dir("famtui", appauthor=False))
