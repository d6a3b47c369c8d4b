"""The viewer's settings: one typed schema, read from TOML, never written."""

from __future__ import annotations

import re
from pathlib import Path

from famtui.errors import FamtuiError
from famtui.locations import config_file
from famtui.record import Record, field_types
from famtui.tomlfile import LineFinder, did_you_mean, read_toml

PROFILE_NAME = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


class Settings(Record):
    default_profile: str = "default"
    show_next_title: bool = True
    hide_future_titles: bool = True
    theme: str = "textual-dark"
    data_dir: str = ""


class Config(Record):
    path: Path
    source: str  # why this path: --config, $FAMTUI_CONFIG or default location
    exists: bool
    settings: Settings


def data_dir_of(config_path: Path, data_dir: str) -> Path:
    """The guide directory a config's ``data_dir`` names: relative to the config's folder."""
    return config_path.parent / Path(data_dir).expanduser()


def check_profile(name: str, where: str = "profile") -> str:
    if not PROFILE_NAME.match(name):
        shown = "".join(ch if ch.isprintable() else "?" for ch in name)
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        raise FamtuiError(f"{where} '{shown}' is not a valid profile name "
                          "(1-40 letters, digits, '-' or '_')")
    return name


def load_config(explicit: str | None = None) -> Config:
    """Read the config in use; a missing default file means the defaults."""
    path, source = config_file(explicit)
    if not path.exists():
        if source != "default location":
            raise FamtuiError(f"{path}: no such config file (from {source})")
        return Config(path, source, False, Settings())
    table, text = read_toml(path)
    lines = LineFinder(text)
    known = field_types(Settings)
    values = {}
    for key, value in table.items():
        if key not in known:
            raise FamtuiError(f"{path}:{lines.top(key)}: unknown key '{key}'"
                              f"{did_you_mean(key, tuple(known))}")
        expected = bool if known[key] in ("bool", bool) else str
        if not isinstance(value, expected):
            kind = "true or false" if expected is bool else "a string"
            raise FamtuiError(f"{path}:{lines.top(key)}: '{key}' must be {kind}")
        if expected is str and len(value) > 4096:
            raise FamtuiError(f"{path}:{lines.top(key)}: '{key}' is too long")
        values[key] = value
    if values.get("data_dir") and not data_dir_of(path, values["data_dir"]).is_dir():
        raise FamtuiError(f"{path}:{lines.top('data_dir')}: data_dir '{values['data_dir']}' "
                          "is not a directory")
    settings = Settings(**values)
    try:
        check_profile(settings.default_profile, "default_profile")
    except FamtuiError as exc:
        raise FamtuiError(f"{path}:{lines.top('default_profile')}: {exc}") from None
    return Config(path, source, True, settings)
