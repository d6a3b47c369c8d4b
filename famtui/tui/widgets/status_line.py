"""The status line: always the profile and the progress, then what comes next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from famtui.tui.text import line

if TYPE_CHECKING:
    from famtui.gate import View


def status_content(profile: str, view: View | None, note: str = "") -> Content:
    parts: list = [("famtui", "bold"), "  ", ("◆ ", "$text-accent"), (profile, "bold"), "  "]
    if view is None:
        parts.append((note or "loading the guide…", "$text-muted"))
        return line(*parts)
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
    """One line under the panes; built from Content, never markup."""

    def show_status(self, profile: str, view: View | None, note: str = "") -> None:
        self.update(status_content(profile, view, note))
