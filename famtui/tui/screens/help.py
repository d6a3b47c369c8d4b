"""Help: every key and what it does, taken from the bindings' own descriptions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from famtui.tui.text import line
from famtui.tui.widgets.key_bar import key_name

EXTRA = [
    ("↑ ↓", "Move", "Move in a list"),
    ("Enter", "Open", "Open the highlighted episode, page or result"),
    ("Tab", "Next pane", "Between the episode list and the content"),
    ("click", "Follow", "Underlined names open their page"),
]


def key_rows(sections: Iterable[tuple[str, list[tuple[str, str, str]]]]) -> Iterator[Widget]:
    """A title per section, then one row per key: key, what, detail; the detail wraps under
    itself (a hanging indent), not back to the left edge."""
    for title, keys in sections:
        yield Static(line((title, "bold $text-accent")), classes="help-section")
        for key, description, detail in keys:
            with Horizontal(classes="help-row"):
                yield Static(line((key, "bold")), classes="help-key")
                yield Static(line(description), classes="help-what")
                yield Static(line((detail if detail != description else "", "$text-muted")),
                             classes="help-detail")


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("escape,question_mark", "close", "Close", id="help.close", tooltip="Close the help"),
        Binding("q", "app.quit", "Quit", id="help.quit", tooltip="Quit famtui"),
    ]

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        sections = [(title, [(key_name(b.key), b.description, b.tooltip) for b in bindings])
                    for title, bindings in self.sections]
        sections.append(("Everywhere", EXTRA))
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "↑ ↓ scroll · Esc closes"
            yield Static(line(("famtui", "bold"), (" keeps everything after your progress hidden: "
                                                   "recaps, names, search and this app's own titles.",
                                                   "$text-muted")), id="help-lede")
            yield from key_rows(sections)

    def action_close(self) -> None:
        self.dismiss(None)
