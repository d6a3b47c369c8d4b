"""Connections: every visible relation, filtered as the viewer types (a kind, a name, a word)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static
from textual.widgets.option_list import Option

from famtui.relkinds import ending_text
from famtui.textnorm import fold
from famtui.tui.text import line
from famtui.tui.widgets.nav_list import NavList
from famtui.tui.widgets.pane import Open

if TYPE_CHECKING:
    from famtui.gate import Tie, View


def tie_words(tie: Tie) -> str:
    """What the filter matches: both names, the kind both ways, how it ended, the note."""
    from famtui.relkinds import inverse, label

    parts = [tie.source.name, tie.target.name, tie.kind, inverse(tie.kind), tie.label,
             label(inverse(tie.kind)), tie.ended or "", tie.note or ""]
    return fold(" ".join(parts))


def tie_option(tie: Tie, index: int) -> Option:
    prompt = line((tie.source.name, "bold"), (f"  {tie.label.lower()}  ", "$text-muted"),
                  (tie.target.name, "bold"), (f"  since {tie.since.code}", "$text-muted"))
    if tie.ended and tie.until:
        prompt += line((f" · {ending_text(tie.ended)}, {tie.until.code}", "$text-warning"))
    return Option(prompt, id=f"{index}")


class ConnectionsPane(Vertical):
    """A filter box over every visible relation; Enter opens the first-named side's page."""

    BINDINGS = [
        Binding("escape", "screen.back", "Back", id="connections.back", tooltip="Back to the previous view"),
        Binding("down", "to_list", "To the list", show=False, id="connections.to-list",
                tooltip="Move from the filter to the list"),
    ]
    item = ""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._ties: tuple[Tie, ...] = ()
        self._words: list[str] = []
        self._shown: list[Tie] = []

    def compose(self) -> ComposeResult:
        yield Static("Connections", classes="pane-title")
        yield Input(placeholder="Filter: a kind (spouse, commands…), a name or any word…",
                    id="connections-filter")
        yield Static(id="connections-count", classes="muted")
        yield NavList(id="connections-list")

    def show_view(self, view: View) -> None:
        self._ties = view.ties()
        self._words = [tie_words(tie) for tie in self._ties]
        self.refilter()

    @on(Input.Changed, "#connections-filter")
    def refilter(self) -> None:
        terms = fold(self.query_one("#connections-filter", Input).value).split()
        self._shown = [tie for tie, words in zip(self._ties, self._words, strict=True)
                       if all(term in words for term in terms)]
        listing = self.query_one("#connections-list", NavList)
        listing.set_options([tie_option(tie, i) for i, tie in enumerate(self._shown)])
        if self._shown:
            listing.highlighted = 0
        total = len(self._ties)
        text = f"{len(self._shown)} of {total}" if terms else f"{total} relations so far"
        self.query_one("#connections-count", Static).update(line((text, "$text-muted")))

    def _open(self, option: Option | None) -> None:
        if option is not None and option.id is not None and option.id.isdigit():
            index = int(option.id)
            if index < len(self._shown):
                self.post_message(Open("entity", self._shown[index].source.id))

    @on(Input.Submitted, "#connections-filter")
    def open_first(self) -> None:
        self._open(self.query_one("#connections-list", NavList).highlighted_option)

    @on(NavList.OptionSelected, "#connections-list")
    def open_selected(self, event: NavList.OptionSelected) -> None:
        event.stop()
        self._open(event.option)

    def action_to_list(self) -> None:
        self.screen.set_focus(self.query_one("#connections-list", NavList))

    def focus_filter(self) -> None:
        self.screen.set_focus(self.query_one("#connections-filter", Input))
