"""Welcome back: after a long break, where the viewer stopped and how to pick the story up."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from famtui.tui.text import line


def in_words(gone: timedelta) -> str:
    days = gone.days
    if days >= 60:
        return f"{days // 30} months"
    return f"{days // 7} weeks"


class WelcomeBackScreen(ModalScreen[str | None]):
    """Offers the story so far, 'Previously on', or going straight on."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("s", "choose('so-far')", "So far", id="back.so-far", tooltip="The story so far"),
        Binding("p", "choose('previously')", "Previously", id="back.previously",
                tooltip="The last three episodes"),
        Binding("escape,g", "choose('')", "Go on", id="back.go-on", tooltip="Straight on"),
    ]

    def __init__(self, where: str, updated: datetime, gone: timedelta) -> None:
        super().__init__()
        self.where = where
        self.updated = updated
        self.gone = gone

    def compose(self) -> ComposeResult:
        with Vertical(id="back-box"):
            yield Static(line(("Welcome back", "bold"), "\n\n", "You stopped at ", (self.where, "bold"),
                              f" on {self.updated.date().isoformat()}, about {in_words(self.gone)} ago.",
                              "\n", ("A refresher before you go on?", "$text-muted")))
            with Horizontal(id="back-buttons"):
                yield Button(Content("The story so far"), variant="primary", id="so-far")
                yield Button(Content("Previously on"), id="previously")
                yield Button(Content("Go on"), id="go-on")

    def on_mount(self) -> None:
        self.query_one("#so-far", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss("" if event.button.id == "go-on" else event.button.id)

    def action_choose(self, screen: str) -> None:
        self.dismiss(screen)
