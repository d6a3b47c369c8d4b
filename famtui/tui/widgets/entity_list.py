"""Characters and things the viewer has met, filtered as they type (search's name matcher)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static
from textual.widgets.option_list import Option

from famtui.tui.text import find_spans, highlighted, line
from famtui.tui.widgets.nav_list import NavList
from famtui.tui.widgets.pane import Open

if TYPE_CHECKING:
    from famtui.gate import EntitySummary, View


def entity_line(summary: EntitySummary, query: str) -> Option:
    name = highlighted(summary.name, find_spans(summary.name, query.strip()))
    return Option(name + line((f"  {summary.kind} · first seen {summary.first_seen.code}",
                               "$text-muted")), id=summary.id)


class EntityListPane(Vertical):
    """A filter box over an OptionList of every visible character and thing."""

    BINDINGS = [
        Binding("escape", "screen.back", "Back", id="filter.back", tooltip="Back to the previous view"),
        Binding("down", "to_list", "To the list", show=False, id="filter.to-list",
                tooltip="Move from the filter to the list"),
    ]
    item = ""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entities: tuple[EntitySummary, ...] = ()
        self._view: View | None = None

    def compose(self) -> ComposeResult:
        yield Static("Characters and things", classes="pane-title")
        yield Input(placeholder="Filter by name or alias…", id="entity-filter")
        yield Static(id="entity-count", classes="muted")
        yield NavList(id="entity-list")

    def show_view(self, view: View) -> None:
        self._view = view
        self._entities = view.entities()
        self.refilter()

    @on(Input.Changed, "#entity-filter")
    def refilter(self) -> None:
        """Names and known aliases, matched as search matches them (typos forgiven), best first."""
        from famtui.search import match_entities

        query = self.query_one("#entity-filter", Input).value
        if query.strip() and self._view is not None:
            by_id = {s.id: s for s in self._entities}
            shown = [by_id[i] for i, _score in match_entities(self._view, query) if i in by_id]
        else:
            shown = list(self._entities)
        listing = self.query_one("#entity-list", NavList)
        listing.set_options([entity_line(s, query) for s in shown])
        if shown:
            listing.highlighted = 0
        total = len(self._entities)
        if not query.strip():
            text = f"{total} met so far"
        elif shown:
            text = f"{len(shown)} of {total}"
        else:
            text = f"{len(shown)} of {total}: / searches recaps and facts too"
        self.query_one("#entity-count", Static).update(line((text, "$text-muted")))

    @on(Input.Submitted, "#entity-filter")
    def open_first(self) -> None:
        listing = self.query_one("#entity-list", NavList)
        option = listing.highlighted_option
        if option is not None and option.id:
            self.post_message(Open("entity", option.id))

    @on(NavList.OptionSelected, "#entity-list")
    def open_selected(self, event: NavList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(Open("entity", event.option.id))

    def action_to_list(self) -> None:
        self.screen.set_focus(self.query_one("#entity-list", NavList))

    def focus_filter(self) -> None:
        self.screen.set_focus(self.query_one("#entity-filter", Input))
