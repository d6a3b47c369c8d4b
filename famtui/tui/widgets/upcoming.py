"""The next episode before it is watched: its title and teaser as the settings allow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from famtui.tui.text import line
from famtui.tui.widgets.pane import Pane

if TYPE_CHECKING:
    from famtui.gate import View


def upcoming(view: View) -> Content:
    nxt = view.next
    if nxt is None:
        return line(("You have watched every episode in the guide.", "bold"), "\n\n",
                    ("Recaps, characters and search cover the whole show now.", "$text-muted"))
    rows = [line(("Up next  ", "$text-muted"), (nxt.label, "bold"))]
    if nxt.logline:
        rows.append(line((nxt.logline, "italic")))
    if view.progress is None:
        rows.append(line(("You have not started yet: nothing after this point is shown.", "$text-muted")))
    rows.append(line(("Press ", "$text-muted"), ("n", "bold"),
                     (" once you have watched it; its recap opens.", "$text-muted")))
    if view.progress is not None:
        rows.append(line(("Press ", "$text-muted"), ("p", "bold"),
                         (" for a 'Previously on' catch-up first.", "$text-muted")))
    return Content("\n\n").join(rows)


class UpcomingPane(Pane):
    def compose(self) -> ComposeResult:
        yield Static(id="upcoming-body", classes="prose fill")

    def show_upcoming(self, view: View) -> bool:
        self.item = view.next.code if view.next else ""
        self.query_one("#upcoming-body", Static).update(upcoming(view))
        return True
