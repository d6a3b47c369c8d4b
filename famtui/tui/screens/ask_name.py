"""Ask for a new profile's name (the palette's "Profile: new…")."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from famtui.config import PROFILE_NAME
from famtui.tui.text import line


class AskNameScreen(ModalScreen[str | None]):
    """A name for a new profile: letters, digits, '-' or '_'; Enter starts it, Esc cancels."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="ask.cancel", tooltip="Do not start a profile"),
    ]

    def __init__(self, taken: list[str]) -> None:
        super().__init__()
        self.taken = set(taken)

    def compose(self) -> ComposeResult:
        with Vertical(id="ask-box"):
            yield Static(line(("A new profile", "bold"), "\n",
                              ("Its own progress, history and last view. "
                               "Letters, digits, '-' or '_'.", "$text-muted")))
            yield Input(placeholder="name", max_length=40, id="ask-name")
            yield Static(id="ask-problem", classes="muted")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        problem = self.query_one("#ask-problem", Static)
        if not PROFILE_NAME.match(name):
            problem.update(line(("Use 1-40 letters, digits, '-' or '_'.", "$text-error")))
        elif name in self.taken:
            problem.update(line(("That profile exists; switch to it from the palette.", "$text-error")))
        else:
            self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)
