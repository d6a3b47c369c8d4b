"""The status line: always the profile and the progress, then what comes next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from famtui.tui.text import line

if TYPE_CHECKING:
    from famtui.gate import View


def status_content(profile: str, view: View | None, note: str = "", message: str = "") -> Content:
    parts: list = [("famtui", "bold"), "  ", ("◆ ", "$text-accent"), (profile, "bold"), "  "]
    if view is None:
        parts.append((note or "loading the guide…", "$text-muted"))
        return line(*parts)
    if message:  # news first: it replaces the progress for a few seconds
        return line(*parts, (message, "bold $text-accent"))
    parts.append((view.progress_label, "bold $text-success" if view.current else "$text-warning"))
    nxt = view.next
    if nxt is not None:
        parts += ["   ", ("next: ", "$text-muted"), nxt.label]
    else:
        parts += ["   ", ("you have watched every episode", "$text-muted")]
    if note:
        parts += ["   ", (note, "$text-muted")]
    return line(*parts)


class StatusLine(Static):
    """One line under the panes; built from Content, never markup.

    Short news ("Watched S1E3", "Theme: nord") shows here for a few seconds, in place of
    "next: ...", so it never covers the text being read the way a toast would.
    """

    SAY_SECONDS = 6.0

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._state: tuple[str, View | None, str] = ("", None, "")
        self.message = ""
        self._timer: Timer | None = None

    def show_status(self, profile: str, view: View | None, note: str = "") -> None:
        self._state = (profile, view, note)
        self.update(status_content(profile, view, note, self.message))

    def say(self, message: str) -> None:
        """Show ``message`` (plain text) until the next one or for a few seconds."""
        self.message = " ".join(message.split())
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.SAY_SECONDS, self.clear_message)
        self.show_status(*self._state)

    def clear_message(self) -> None:
        self.message = ""
        self._timer = None
        self.show_status(*self._state)
