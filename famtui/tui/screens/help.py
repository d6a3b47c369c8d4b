"""Help: every key and what it does, taken from the bindings' own descriptions."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from famtui.tui.text import line

EXTRA = [
    ("↑ ↓", "Move", "Move in a list"),
    ("Enter", "Open", "Open the highlighted episode, page or result"),
    ("Tab", "Next pane", "Between the episode list and the content"),
    ("click", "Follow", "Underlined names open their page"),
]


def key_table(sections: Iterable[tuple[str, list[tuple[str, str, str]]]]) -> Content:
    rows: list[Content] = []
    for title, keys in sections:
        if rows:
            rows.append(Content(""))
        rows.append(line((title, "bold $text-accent")))
        for key, description, detail in keys:
            rows.append(line((f"  {key:<8}", "bold"), (f"{description:<15}", ""),
                             (detail if detail != description else "", "$text-muted")))
    return Content("\n").join(rows)


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close", id="help.close", tooltip="Close the help"),
    ]

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        sections = [(title, [(self.app.get_key_display(b), b.description, b.tooltip)
                             for b in bindings])
                    for title, bindings in self.sections]
        sections.append(("Everywhere", EXTRA))
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "Esc closes"
            yield Static(line(("famtui", "bold"), (" keeps everything after your progress hidden: "
                                                   "recaps, names, search and this app's own titles.",
                                                   "$text-muted")), id="help-lede")
            yield Static(key_table(sections))

    def action_close(self) -> None:
        self.dismiss(None)
