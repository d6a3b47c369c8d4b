"""Search as you type over the search engine: hits grouped by kind, matches highlighted."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region
from textual.widgets import Input, Static
from textual.widgets.option_list import Option

from famtui.tui.text import fit_around, highlighted, line
from famtui.tui.widgets.direct_draw import NoteLine
from famtui.tui.widgets.line_list import LineList
from famtui.tui.widgets.pane import Open

if TYPE_CHECKING:
    from typing import Self

    from famtui.gate import View
    from famtui.search import Hit, SearchIndex

LIMIT = 30
GROUPS = {
    "episode": "Episodes", "character": "Characters", "spacecraft": "Spacecraft",
    "station": "Stations", "base": "Bases", "place": "Places", "organisation": "Organisations",
    "mission": "Missions", "object": "Objects",
}
FIELDS = {"recap": "recap", "fact": "fact", "role": "role", "earlier": "role", "logline": "teaser",
          "imported": "imported recap", "alias": "also known as"}


#: prompts made for recent hits (a keystroke finds many of the hits the one before found)
_PROMPTS: dict[tuple, Content] = {}


def hit_prompt(hit: Hit, width: int = 0) -> Content:
    """A hit in two lines; the snippet is cut to ``width`` around its first match."""
    key = (hit.kind, hit.id, hit.title, hit.episode, hit.snippet, hit.spans, hit.field, width)
    prompt = _PROMPTS.get(key)
    if prompt is None:
        if len(_PROMPTS) > 1000:
            _PROMPTS.clear()
        prompt = _PROMPTS[key] = _make_prompt(hit, width)
    return prompt


def _make_prompt(hit: Hit, width: int) -> Content:
    meta = (f"  {hit.episode}" if hit.kind != "episode" else "", "$text-muted")
    if hit.field in ("name", "title") and hit.snippet == hit.title:
        return line(highlighted(hit.title, hit.spans), meta)
    label = f"  {FIELDS.get(hit.field, hit.field)}: "
    snippet, spans = fit_around(hit.snippet, hit.spans, width - len(label) if width else 0)
    return line((hit.title, "bold"), meta, "\n", (label, "$text-muted"), highlighted(snippet, spans))


def match_text(hit: Hit) -> str:
    """For a recap hit: the snippet's text around its first match, to find in the recap."""
    if hit.field not in ("recap", "imported") or not hit.spans:
        return ""
    start, end = hit.spans[0]
    left = hit.snippet.rfind(" ", 0, max(start - 1, 0))
    return hit.snippet[left + 1 if left != -1 else 0:end].lstrip("…")


@lru_cache(maxsize=256)
def _group_title(kind: str, count: int) -> Content:
    """A group's title line; the same object for the same title, so the list keeps its line."""
    return line((f"{GROUPS.get(kind, kind.title())} ({count})", "bold $text-accent"))


def grouped(hits: list[Hit], width: int = 0) -> list[Option]:
    order: dict[str, list[Hit]] = {}
    for hit in hits:
        order.setdefault(hit.kind, []).append(hit)
    options: list[Option] = []
    for kind, group in order.items():
        options.append(Option(_group_title(kind, len(group)), id=f"group:{kind}", disabled=True))
        options.extend(Option(hit_prompt(hit, width), id=f"{hit.kind}:{hit.id}") for hit in group)
    return options


class FixedInput(Input):
    """The query box: its size never depends on its text (CSS fixes it), so a keystroke
    repaints it and never lays the screen out again (Input asks for a layout on every change
    of its text's width).

    ``typed`` is called with the new text in the same step as the keystroke, so the text and
    what it finds are painted in one frame. Through ``Input.Changed`` the text would be painted
    alone first, and the results a frame period (1/60 s) later."""

    typed: Callable[[str], object] | None = None

    def watch_value(self, value: str) -> None:  # runs right after Input's own watcher, inline
        if self.typed is not None:
            self.typed(value)

    async def _on_key(self, event: events.Key) -> None:
        # A typed key's change is searched right here (``typed``): its ``Input.Changed`` would
        # only be dispatched up to the pane, and found already searched, on every keystroke.
        if self.typed is None:
            await super()._on_key(event)
            return
        with self.prevent(Input.Changed):
            await super()._on_key(event)

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        if not regions and repaint and not recompose:
            # Its text, cursor or blink changed: the row of text, not the border around it
            # (a change of style repaints the whole box, below). A region is taken from the
            # content's corner; ``size`` is the content's.
            regions = (Region(-self.styles.gutter.left, 0, self.outer_size.width, self.size.height),)
        return super().refresh(*regions, repaint=repaint, recompose=recompose)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        super().refresh()  # focus, blur, a new theme: the border too


class ResultList(LineList):
    """The hits. Its box is fixed by CSS (1fr, the scrollbar always shown), so new hits repaint
    the list alone: a new length (virtual size) would otherwise ask for a layout of the screen.
    Nothing follows the highlighted hit, so moving it (every keystroke) posts no message."""

    announce_highlight = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        return super().refresh(*regions, repaint=repaint, recompose=recompose)


class SearchPane(Vertical):
    """A query box over a list of results; Enter opens the page or the recap."""

    BINDINGS = [
        Binding("escape", "screen.back", "Back", id="search.back", tooltip="Back to the previous view"),
        Binding("down", "to_results", "To results", show=False, id="search.to-results",
                tooltip="Move from the query to the results"),
    ]
    item = ""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._view: View | None = None
        self._index: SearchIndex | None = None
        self.unavailable: str | None = None  # why search cannot run, once building failed
        self._hits: list[Hit] = []
        self._width = 0
        self._searched: tuple[str, View | None, SearchIndex | None] | None = None

    def compose(self) -> ComposeResult:
        yield Static("Search", classes="pane-title")
        query = FixedInput(placeholder="Names, places, anything you remember…", id="search-query")
        query.typed = self._typed
        yield query
        yield NoteLine(id="search-note", classes="muted")
        yield ResultList(id="search-results")

    @property
    def query_text(self) -> str:
        return self.query_one("#search-query", Input).value

    def set_query(self, query: str) -> None:
        self.query_one("#search-query", Input).value = query

    def show_view(self, view: View, index: SearchIndex | None) -> None:
        self._view, self._index = view, index
        self.run_search()

    def _typed(self, query: str) -> None:
        if self.is_mounted:
            self.run_search(query)

    @on(Input.Changed, "#search-query")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()  # for this pane alone: no need to dispatch it through the screen and the app
        done = self._searched  # run as it was typed, on this view and index: nothing to do
        if done is None or done[0] != event.value or done[1] is not self._view or done[2] is not self._index:
            self.run_search(event.value)

    def run_search(self, query: str | None = None) -> None:
        if query is None:
            query = self.query_text
        self._searched = (query, self._view, self._index)
        self.item = query
        note = self.query_one("#search-note", NoteLine)
        results = self.query_one("#search-results", ResultList)
        self._hits = []
        if not query.strip():
            results.clear_options()
            note.update(line(("Type to search everything you have seen.", "$text-muted")), layout=False)
            return
        if self._index is None or self._view is None:
            results.clear_options()
            waiting = self.unavailable or "Building the search index…"
            note.update(line((waiting, "$text-muted")), layout=False)
            return
        hits = self._index.search(self._view, query, limit=LIMIT)
        self._hits = hits
        results.set_options(grouped(hits, self._snippet_width()))
        if hits:
            results.highlighted = 1
            count = f"{len(hits)}{'+' if len(hits) == LIMIT else ''} result{'s' if len(hits) != 1 else ''}"
            note.update(line((count + " for ", "$text-muted"), query), layout=False)
        else:
            note.update(line(("No match for ", "$text-muted"), query,
                             (" in what you have seen.", "$text-muted")), layout=False)

    def _snippet_width(self) -> int:
        results = self.query_one("#search-results", ResultList)
        return max(results.scrollable_content_region.width - 1, 0)

    def on_resize(self) -> None:
        """Snippets are cut to the width: cut them again when it changes."""
        width = self._snippet_width()
        if width != self._width and self._hits:
            results = self.query_one("#search-results", ResultList)
            highlighted_at = results.highlighted
            results.set_options(grouped(self._hits, width))
            results.highlighted = highlighted_at
        self._width = width

    @on(Input.Submitted, "#search-query")
    def open_highlighted(self) -> None:
        option = self.query_one("#search-results", ResultList).highlighted_option
        if option is not None:
            self._open(option.id)

    @on(ResultList.OptionSelected, "#search-results")
    def open_selected(self, event: ResultList.OptionSelected) -> None:
        event.stop()
        self._open(event.option.id)

    def _open(self, option_id: str | None) -> None:
        if not option_id or option_id.startswith("group:"):
            return
        kind, _, item = option_id.partition(":")
        if kind != "episode":
            self.post_message(Open("entity", item))
            return
        hit = next((h for h in self._hits if h.kind == kind and h.id == item), None)
        self.post_message(Open("recap", item, match_text(hit) if hit else ""))

    def action_to_results(self) -> None:
        self.screen.set_focus(self.query_one("#search-results", ResultList))

    def focus_query(self) -> None:
        self.screen.set_focus(self.query_one("#search-query", Input))
