"""The story so far: each season the viewer has finished, in short, and the current one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from famtui.tui.text import line, linked
from famtui.tui.widgets.pane import Pane
from famtui.tui.widgets.rows import bullet_row

if TYPE_CHECKING:
    from famtui.gate import View


def so_far_rows(view: View) -> list[Widget]:
    """A title per season, then its summary; bullets hang (the text wraps under itself)."""
    rows: list[Widget] = []
    for part in view.story_so_far():
        head = (f"Season {part.season}" if part.complete
                else f"Season {part.season}, so far (through {part.through.code})")
        rows.append(Static(line((head, "bold $text-accent")), classes="section"))
        for text in part.summary:
            if part.written:
                rows.append(Static(linked(text, view.links(text)), classes="so-far-text"))
            else:
                rows.append(bullet_row(linked(text, view.links(text))))
        if part.sources:
            rows.append(Static(line(("Sources: " + ", ".join(part.sources), "$text-muted")),
                               classes="so-far-sources"))
    return rows


class SoFarPane(Pane):
    """Built only from the view: a season's summary appears once its last episode is watched."""

    def compose(self) -> ComposeResult:
        yield Static(line(("The story so far", "bold")), classes="pane-title")
        yield Vertical(id="so-far-body")

    def reset(self) -> None:
        super().reset()
        self.query_one("#so-far-body").remove_children()

    def show_so_far(self, view: View) -> bool:
        if view.progress is None:
            return False
        self.item = view.progress.code
        body = self.query_one("#so-far-body")
        body.remove_children()
        body.mount_all(so_far_rows(view))
        self.scroll_home_now()
        return True
