"""Helpers for the app's tests: a configured app in a temp folder, and what it shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from famtui.arguments import parse
from famtui.context import Context
from tests.conftest import DATA, MINI

SIZE = (100, 30)


def write_config(folder: Path, data: Path, progress: str | None = None, theme: str = "textual-dark",
                 profile: str = "default", last_view: tuple[str, str] | None = None) -> Path:
    """config.toml (and progress.toml when ``progress`` is given) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "config.toml"
    config.write_text(f'data_dir = "{data}"\ntheme = "{theme}"\n')
    if progress is not None:
        text = f'[profiles.{profile}]\nprogress = "{progress}"\n'
        if last_view is not None:
            text += (f'\n[profiles.{profile}.last_view]\nscreen = "{last_view[0]}"\n'
                     f'item = "{last_view[1]}"\n')
        (folder / "progress.toml").write_text(text)
    return config


def make_app(config: Path, *args: str):
    from famtui.tui.app import FamtuiApp

    return FamtuiApp(Context(parse(["--config", str(config), *args])))


def real_data() -> Path:
    """The bundled guide, or a skip when it does not load right now (it is being written)."""
    from famtui.errors import FamtuiError
    from famtui.gate import Show

    try:
        Show.load(DATA)
    except FamtuiError as exc:
        pytest.skip(f"the real guide in data/ does not load yet: {str(exc)[:120]}")
    return DATA


def need_entity(entity_id: str) -> None:
    if not (DATA / "characters" / f"{entity_id}.toml").exists() and not (
        DATA / "things" / f"{entity_id}.toml"
    ).exists():
        pytest.skip(f"the real guide has no '{entity_id}' yet")


def shown_text(app) -> str:
    """Everything the current screen and the app's chrome show, as plain text."""
    from textual.widgets import Input, OptionList, Static

    from famtui.tui.widgets.line_list import LineList

    parts = [app.title, app.sub_title]
    for screen in app.screen_stack:
        for widget in screen.query("*"):
            if isinstance(widget, Static):
                parts.append(str(widget.content))
            elif isinstance(widget, OptionList | LineList):
                parts.extend(str(option.prompt) for option in widget.options)
            elif isinstance(widget, Input):
                parts.append(widget.value)
            parts.append(str(widget.border_title or ""))
            parts.append(str(widget.border_subtitle or ""))
    parts.extend(n.message for n in app._notifications)
    return "\n".join(parts)


__all__ = ["MINI", "SIZE", "make_app", "need_entity", "real_data", "shown_text", "write_config"]


async def ready(app, pilot) -> None:
    """Wait until the app has loaded its guide and painted it."""
    await app.wait_ready()
    await pilot.pause()
