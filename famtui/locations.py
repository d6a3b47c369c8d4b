"""Every path famtui uses, resolved in one place."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "famtui"
CONFIG_ENV = "FAMTUI_CONFIG"
_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    """``data/`` or ``config/``: inside the wheel, or beside the package in a checkout."""
    for candidate in (_PACKAGE / "_bundled" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    return _PACKAGE / "_bundled" / name


def bundled_data_dir() -> Path:
    return _bundled("data")


def default_config_file() -> Path:
    """The documented default config shipped with famtui."""
    return _bundled("config") / "famtui.toml"


def _xdg(variable: str, default: str) -> Path | None:
    """On Linux, the XDG base directory as platformdirs finds it in the common case (the
    variable or ``$HOME/...``, both absolute), without importing it (a few ms of every
    command's start-up, with tempfile and random); None for anything else."""
    if sys.platform != "linux":
        return None
    value = os.environ.get(variable, "")
    if os.path.isabs(value):
        return Path(value) / APP
    home = os.environ.get("HOME", "")
    if os.path.isabs(home):
        return Path(home.rstrip("/") or "/") / default / APP
    return None


def config_dir() -> Path:
    found = _xdg("XDG_CONFIG_HOME", ".config")
    if found is not None:
        return found
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP, appauthor=False))


def data_home() -> Path:
    found = _xdg("XDG_DATA_HOME", ".local/share")
    if found is not None:
        return found
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP, appauthor=False))


def config_file(explicit: str | None = None) -> tuple[Path, str]:
    """The config file in use and why: ``--config``, ``$FAMTUI_CONFIG`` or the default."""
    if explicit:
        return Path(explicit).expanduser(), "--config"
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV]).expanduser(), f"${CONFIG_ENV}"
    return config_dir() / "config.toml", "default location"


def cache_dir() -> Path:
    """Files famtui can rebuild at any time (the compiled guide)."""
    found = _xdg("XDG_CACHE_HOME", ".cache")
    if found is not None:
        return found
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP, appauthor=False))


def progress_file(config: Path) -> Path:
    """Progress is written beside the config file it belongs to."""
    return config.parent / "progress.toml"


def imports_dir() -> Path:
    return data_home() / "imports"
