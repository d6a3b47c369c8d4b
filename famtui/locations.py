"""Every path famtui uses, resolved in one place."""

from __future__ import annotations

import os
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


def config_dir() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP, appauthor=False))


def data_home() -> Path:
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
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP, appauthor=False))


def progress_file(config: Path) -> Path:
    """Progress is written beside the config file it belongs to."""
    return config.parent / "progress.toml"


def imports_dir() -> Path:
    return data_home() / "imports"
