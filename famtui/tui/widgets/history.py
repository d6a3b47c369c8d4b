"""The watch history: when this profile marked each episode watched."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from famtui.tui.text import line
from famtui.tui.widgets.pane import Pane

if TYPE_CHECKING:
    from famtui.gate import View


def history_content(view: View, dates: dict, profile: str) -> Content:
    if not dates:
        return line((f"Nothing watched yet ({profile}).", "$text-muted"))
    rows = []
    for ep, at in dates.items():
        when = (at.astimezone().strftime("%Y-%m-%d %H:%M") if isinstance(at, datetime)
                else "before the history was kept")
        rows.append(line((f"{ep.code:<7}", "bold"), (f"{when:<18}", "$text-muted"), "  ",
                         view.episode(ep).title or ""))
    return Content("\n").join(rows)


class HistoryPane(Pane):
    def compose(self) -> ComposeResult:
        yield Static(line(("Watch history", "bold")), classes="pane-title")
        yield Static(id="history-body", classes="details fill")

    def show_history(self, view: View, dates: dict, profile: str) -> bool:
        self.item = ""
        self.query_one("#history-body", Static).update(history_content(view, dates, profile))
        self.scroll_home_now()
        return True
