"""The main view: episode browser, content pane, status line.

The content pane switches between panes (recap, previously, characters, entity,
search, upcoming). Every pane is filled from the app's current :class:`View`, and
:meth:`MainScreen.rebuild` refills or empties all of them when the view changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from famtui.episodes import parse_code
from famtui.tui.compositor import cropping
from famtui.tui.text import line
from famtui.tui.widgets.key_bar import KeyBar
from famtui.tui.widgets.line_list import LineList
from famtui.tui.widgets.pane import Open, Pane
from famtui.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from textual.widget import Widget

    from famtui.gate import View
    from famtui.tui.app import FamtuiApp
    from famtui.tui.session import Session
    from famtui.tui.widgets.connections import ConnectionsPane
    from famtui.tui.widgets.entity_list import EntityListPane
    from famtui.tui.widgets.entity_page import EntityPane
    from famtui.tui.widgets.episode_browser import EpisodeBrowser
    from famtui.tui.widgets.map_pane import MapPane
    from famtui.tui.widgets.new_in import NewInPane
    from famtui.tui.widgets.previously import PreviouslyPane
    from famtui.tui.widgets.recap import RecapPane
    from famtui.tui.widgets.search_pane import SearchPane
    from famtui.tui.widgets.upcoming import UpcomingPane

_WIDGETS = Path(__file__).resolve().parent.parent / "widgets"
#: the panes' styles: what they share and the home panes need (read with the first frame),
#: and the other panes' (read when they are mounted, unless the first frame shows one)
PANES_CSS = _WIDGETS / "panes.tcss"
MORE_PANES_CSS = _WIDGETS / "more_panes.tcss"
HOME_PANES = frozenset({"recap", "upcoming"})  # styled by PANES_CSS alone
#: screen name -> pane id; the screen names are what the last view stores
PANES = {
    "upcoming": "upcoming",
    "recap": "recap",
    "previously": "previously",
    "characters": "characters",
    "entity": "entity",
    "search": "search",
    "so-far": "so-far",
    "history": "history",
    "connections": "connections",
    "new": "new",
    "map": "map",
}
TITLES = {
    "upcoming": "Up next",
    "recap": "Recap",
    "previously": "Previously on",
    "characters": "Characters and things",
    "entity": "Page",
    "search": "Search",
    "so-far": "The story so far",
    "history": "Watch history",
    "connections": "Connections",
    "new": "What you learned",
    "map": "Map",
}
#: the content panes' ids, in their order in the switcher
PANE_IDS = ("upcoming", "recap", "previously", "characters", "entity", "search", "so-far", "history",
            "connections", "new", "map")


def _make_pane(pane_id: str) -> Widget:
    """A content pane by id; its module is imported when it is first made."""
    if pane_id == "recap":
        from famtui.tui.widgets.recap import RecapPane
        return RecapPane(id=pane_id)
    if pane_id == "upcoming":
        from famtui.tui.widgets.upcoming import UpcomingPane
        return UpcomingPane(id=pane_id)
    if pane_id == "previously":
        from famtui.tui.widgets.previously import PreviouslyPane
        return PreviouslyPane(id=pane_id)
    if pane_id == "characters":
        from famtui.tui.widgets.entity_list import EntityListPane
        return EntityListPane(id=pane_id)
    if pane_id == "entity":
        from famtui.tui.widgets.entity_page import EntityPane
        return EntityPane(id=pane_id)
    if pane_id == "search":
        from famtui.tui.widgets.search_pane import SearchPane
        return SearchPane(id=pane_id)
    if pane_id == "so-far":
        from famtui.tui.widgets.so_far import SoFarPane
        return SoFarPane(id=pane_id)
    if pane_id == "history":
        from famtui.tui.widgets.history import HistoryPane
        return HistoryPane(id=pane_id)
    if pane_id == "connections":
        from famtui.tui.widgets.connections import ConnectionsPane
        return ConnectionsPane(id=pane_id)
    if pane_id == "new":
        from famtui.tui.widgets.new_in import NewInPane
        return NewInPane(id=pane_id)
    from famtui.tui.widgets.map_pane import MapPane
    return MapPane(id=pane_id)


# what failed to load: (heading, what to do, status note)
PROBLEMS = {
    "guide": ("famtui could not load the show guide",
              "Run 'famtui check-data' for every problem, or press q to quit.",
              "could not load the guide"),
    "imports": ("famtui could not read an imported recap",
                "Fix the file, or list and remove imports with 'famtui import --list' and "
                "'famtui import --remove ID'; press q to quit.",
                "could not read an import"),
    "progress": ("famtui could not read your progress file",
                 "Fix the line named above (famtui never rewrites a broken progress file; "
                 "'famtui progress' reports the same), or press q to quit.",
                 "could not read progress"),
}


class MainScreen(Screen[None]):
    BINDINGS = [
        Binding("n", "mark_next", "Watched", id="main.watched-next",
                tooltip="Mark the next episode watched and open its recap"),
        Binding("w", "mark_to_here", "Up to here", id="main.watched-to-here",
                tooltip="Mark up to the highlighted episode watched (asks if more than one)"),
        Binding("u", "move_back", "Unwatch", id="main.unwatch",
                tooltip="Move your progress back one episode (asks first)"),
        # Priority: focus moves before the next keys are routed, so "/aleda" typed in one
        # burst lands in the search box. Inputs still get "/" and "c" (see check_action).
        Binding("slash", "search", "Search", id="main.search", priority=True,
                tooltip="Search everything you have seen"),
        Binding("c", "characters", "Characters", id="main.characters", priority=True,
                tooltip="Characters and things you have met"),
        Binding("e", "episodes", "Episodes", show=False, id="main.episodes",
                tooltip="Go to the episode list"),
        Binding("p", "previously", "Previously", id="main.previously",
                tooltip="Catch up before the next episode"),
        Binding("s", "so_far", "So far", id="main.so-far",
                tooltip="The story so far: each season you have watched, in short"),
        Binding("r", "recap", "Recap", show=False, id="main.recap",
                tooltip="The recap of the last episode you watched"),
        Binding("b", "toggle_list", "Episode list", id="main.toggle-list",
                tooltip="Hide or show the episode list (hidden on its own when the window is narrow)"),
        Binding("l", "learned", "Learned", show=False, id="main.learned",
                tooltip="What this episode (or your last one) revealed"),
        Binding("o", "connections", "Connections", show=False, id="main.connections",
                tooltip="Every relation you have seen, filtered"),
        Binding("m", "map", "Map", show=False, id="main.map",
                tooltip="This page's relations drawn, or everyone's"),
        Binding("escape", "back", "Back", show=False, id="main.back", tooltip="Back to the previous view"),
    ]
    #: below this many columns the episode list hides itself (b shows it again)
    NARROW = 100

    def __init__(self) -> None:
        super().__init__()
        self._compositor = cropping(self._compositor)
        self.current: tuple[str, str] | None = None
        self.history: list[tuple[str, str]] = []
        self.panes_ready = False
        self.list_wanted: bool | None = None  # None: follow the width; else the viewer's b
        #: the panes mounted so far, while some wait for mount_rest; None once all are
        self._mounted_panes: set[str] | None = None
        self._search_problem: str | None = None
        self._resumed = False
        self._shown_pane: str | None = None  # the pane on show beside the list

    @property
    def famtui(self) -> FamtuiApp:
        return self.app  # type: ignore[return-value]

    @property
    def view(self) -> View | None:
        """The app's view, once the panes exist to show it (None while loading)."""
        return self.famtui.session.view if self.panes_ready else None

    # The browser and the content panes, by id: imported and mounted after the first paint.
    @property
    def browser(self) -> EpisodeBrowser:
        return self.query_one("#browser")  # type: ignore[return-value]

    @property
    def recap_pane(self) -> RecapPane:
        return self.query_one("#recap")  # type: ignore[return-value]

    @property
    def entity_pane(self) -> EntityPane:
        return self.query_one("#entity")  # type: ignore[return-value]

    @property
    def previously_pane(self) -> PreviouslyPane:
        return self.query_one("#previously")  # type: ignore[return-value]

    @property
    def characters_pane(self) -> EntityListPane:
        return self.query_one("#characters")  # type: ignore[return-value]

    @property
    def search_pane(self) -> SearchPane:
        return self.query_one("#search")  # type: ignore[return-value]

    @property
    def upcoming_pane(self) -> UpcomingPane:
        return self.query_one("#upcoming")  # type: ignore[return-value]

    @property
    def connections_pane(self) -> ConnectionsPane:
        return self.query_one("#connections")  # type: ignore[return-value]

    @property
    def new_pane(self) -> NewInPane:
        return self.query_one("#new")  # type: ignore[return-value]

    @property
    def map_pane(self) -> MapPane:
        return self.query_one("#map")  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        if self.famtui.session.ready:
            # The guide was loaded before the first paint (compiled): content in the first frame.
            # Only what that frame shows is composed (the list, the home pane and the last
            # view's); the other panes are mounted just after it (mount_rest).
            first = self.first_panes(self.famtui.session)
            browser, panes = self._content(first)
            yield browser  # (no "Loading…" note, no problem note: nothing is left to load)
            yield from panes
            yield from self._bottom()
            self.panes_ready = True
            self._mounted_panes = set(first)
            return
        # The shell, drawn first: boxes, the status line. The episode list, the panes and the
        # footer are mounted after the first paint (mount_panes), when the guide is loaded.
        placeholder = Static(id="browser-placeholder")
        placeholder.border_title = "Episodes"
        yield placeholder
        yield Static(line(("Loading the guide…", "$text-muted")), id="loading", classes="pane")
        yield self._hidden(Static(id="problem", classes="pane"))
        self._shown_pane = "loading"
        yield from self._bottom()

    @staticmethod
    def _bottom() -> Iterable[Widget]:
        """The status line and the key bar, docked at the bottom (two rows). The episode list
        and the panes fill the rest, side by side."""
        yield Vertical(StatusLine(id="status"), KeyBar(id="keys"), id="bottom")

    @staticmethod
    def _hidden(widget: Widget) -> Widget:
        widget.display = False
        return widget

    @property
    def pane_ids(self) -> list[str]:
        """The ids of the content panes mounted (and the notes: loading, problem), in order.

        They sit on the screen beside the episode list, one shown at a time (``_show_pane``):
        a container (a ContentSwitcher, a Horizontal) would be one more box for Textual to
        style, lay out and paint on every frame."""
        return [pane.id or "" for pane in self.query_children(".pane")]

    def _show_pane(self, pane_id: str) -> None:
        if pane_id == self._shown_pane:
            return
        with self.app.batch_update():
            if self._shown_pane is not None:
                self.query_one(f"#{self._shown_pane}").display = False
            self.query_one(f"#{pane_id}").display = True
        self._shown_pane = pane_id

    @classmethod
    def first_frame_css(cls, session: Session) -> list[Path]:
        """The pane styles the first frame needs, read with the app's own (a loaded guide)."""
        shown = set(cls.first_panes(session))
        return [PANES_CSS] if shown <= HOME_PANES else [PANES_CSS, MORE_PANES_CSS]

    @staticmethod
    def first_panes(session: Session) -> list[str]:
        """The panes the first frame may show: home (the recap of the last episode watched, or
        the first episode's teaser before any) and the last view's."""
        assert session.view is not None
        first = {"recap" if session.view.current is not None else "upcoming"}
        last = session.last_view
        if last is not None and not session.first_run and last.screen in PANES:
            first.add(PANES[last.screen])
        return [name for name in PANE_IDS if name in first]  # in the panes' order

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual restyles the whole screen when it resumes (some 4 ms before the first frame).
        # The first time, every widget was styled a moment ago as it was mounted: skip it, as
        # Textual itself does when an opaque screen is popped. Later resumes keep it.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_mount(self) -> None:
        self.query_one(StatusLine).show_status(self.famtui.session.profile, None)
        if self.panes_ready:
            self._apply_list()
            self.famtui.show_loaded()  # before the first paint
            self.call_after_refresh(self.mount_rest)  # the other panes, once it is on screen

    # -- the episode list: hidden with b, and on its own when the window is narrow ----
    @property
    def list_shown(self) -> bool:
        if self.list_wanted is not None:
            return self.list_wanted
        return self.app.size.width >= self.NARROW

    def on_resize(self) -> None:
        self._apply_list()

    def _apply_list(self) -> None:
        shown = self.list_shown
        self.set_class(not shown, "-list-hidden")
        if not shown and self.panes_ready and self.browser.has_focus and self.current is not None:
            self.set_focus(self.query_one(f"#{PANES[self.current[0]]}"))

    def action_toggle_list(self) -> None:
        self.list_wanted = not self.list_shown
        self._apply_list()
        if self.list_wanted and self.panes_ready:
            self.set_focus(self.browser)

    @staticmethod
    def _content(names: Iterable[str] = PANE_IDS) -> tuple[EpisodeBrowser, list[Widget]]:
        """The episode list and the content panes with these ids (hidden)."""
        from famtui.tui.widgets.episode_browser import EpisodeBrowser

        panes = [MainScreen._hidden(_make_pane(name).add_class("pane")) for name in names]
        return EpisodeBrowser(id="browser"), panes

    def has_pane(self, pane_id: str) -> bool:
        """Whether the pane with this id is mounted (all are, once mount_rest has run)."""
        return self.panes_ready and (self._mounted_panes is None or pane_id in self._mounted_panes)

    async def mount_rest(self) -> None:
        """Mount the panes the first frame did not show (hidden), and fill them from the view.

        The app holds back input until they are mounted (FamtuiApp.on_event), so a key pressed
        meanwhile is handled after, in order, never lost.
        """
        mounted = self._mounted_panes
        if mounted is None:
            return
        try:
            # each in its place among the panes, so their order is always PANE_IDS
            if not self.is_attached:  # the app is closing (quit right after the first frame)
                return
            self._load_css(MORE_PANES_CSS)
            waits = []
            for index, name in enumerate(PANE_IDS):
                if name in mounted:
                    continue
                _browser, (pane,) = self._content([name])
                later = next((f"#{other}" for other in PANE_IDS[index + 1:] if other in mounted), None)
                waits.append(self.mount(pane, before=later or "#bottom"))
            for wait in waits:
                await wait
            self._mounted_panes = None
            if self._search_problem is not None:
                self.search_pane.unavailable = self._search_problem
            view = self.view
            if view is not None:
                self._fill_lists(view)
        finally:
            self._mounted_panes = None
            self.famtui.panes_mounted.set()

    async def mount_panes(self) -> None:
        """Mount the content panes (hidden) once; the first frame does not wait for them."""
        if self.panes_ready:
            return
        browser, panes = self._content()
        self._load_css(PANES_CSS, MORE_PANES_CSS)
        await self.mount_all(panes, before="#bottom")
        placeholder = self.query_one("#browser-placeholder")
        await self.mount(browser, before=placeholder)
        await placeholder.remove()
        self.query_one("#loading", Static).update("")  # loaded: the first frame's note is done
        self.panes_ready = True
        self._apply_list()

    def _load_css(self, *paths: Path) -> None:
        """Pane styles the first frame did not need: read with the panes they style."""
        stylesheet = self.app.stylesheet
        new = [path for path in paths if not stylesheet.has_source(str(path), "")]
        for path in new:
            stylesheet.read(path)
        if new:
            stylesheet.reparse()
            stylesheet.update(self.app)

    # -- states -------------------------------------------------------------------
    def show_problem(self, message: str, stage: str = "guide") -> None:
        """Say which file is broken (the guide, an imported recap or the progress file) and
        the command that helps with it."""
        heading, hint, note = PROBLEMS.get(stage, PROBLEMS["guide"])
        if not self.query("#problem"):  # a guide loaded before the first frame has no such note
            self.mount(self._hidden(Static(id="problem", classes="pane")), before="#bottom")
        self.query_one("#problem", Static).update(
            line((heading, "bold $text-error"), "\n\n", message, "\n\n", (hint, "$text-muted")))
        self._show_pane("problem")
        self.query_one(StatusLine).show_status(self.famtui.session.profile, None, note)
        self.refresh_bindings()

    def rebuild(self, view: View) -> None:
        """Refill everything from ``view``; panes not on screen are emptied or refilled."""
        browser = self.browser
        browser.show_view(view)
        self.refresh_status()
        for pane in self.query(Pane):
            pane.reset()
        self._fill_lists(view)
        self.history = [entry for entry in self.history if self._visible(view, *entry)]
        current, self.current = self.current, None
        if current is None or not self.open(*current, push=False):
            self.open_home()
        self.refresh_bindings()

    def _fill_lists(self, view: View) -> None:
        """The panes that show a list of everything visible (when mounted)."""
        if not self.has_pane("characters"):
            return
        self.characters_pane.show_view(view)
        self.connections_pane.show_view(view)
        self.map_pane.reset()
        self.search_pane.show_view(view, self.famtui.session.index)

    def refresh_status(self, note: str = "") -> None:
        self.query_one(StatusLine).show_status(self.famtui.session.profile, self.view, note)

    def index_ready(self) -> None:
        if self.view is not None and self.has_pane("search"):
            self.search_pane.show_view(self.view, self.famtui.session.index)

    def search_unavailable(self, message: str) -> None:
        """Building the search index failed: the search pane says why (now or once mounted)."""
        self._search_problem = message
        if self.has_pane("search"):
            self.search_pane.unavailable = message

    # -- navigation -----------------------------------------------------------------
    @staticmethod
    def _visible(view: View, screen: str, item: str) -> bool:
        if screen == "recap":
            ep = parse_code(item)
            return ep is not None and view.admits(ep)
        if screen == "entity":
            return view.entity(item) is not None
        if screen in ("previously", "so-far"):
            return view.progress is not None
        if screen == "new":
            ep = parse_code(item)
            return ep is not None and view.admits(ep)
        if screen == "map":
            return not item or view.entity(item) is not None
        return screen in PANES

    def open(self, screen: str, item: str = "", *, push: bool = True, focus: str = "") -> bool:
        """Show ``screen`` for ``item`` if the view allows it; False (nothing changes) if not."""
        view = self.view
        if view is None or screen not in PANES or not self.has_pane(PANES[screen]):
            return False
        if self.current is not None and self.current[0] == "search" and self.has_pane("search"):
            # the query typed since search was opened is what Esc should come back to
            self.current = ("search", self.search_pane.query_text)
        if screen == "recap":
            ep = parse_code(item)
            if ep is None:
                return False
            if not view.admits(ep):
                if view.next is not None and view.next.ep == ep:
                    return self.open("upcoming", push=push)
                return False
            self.recap_pane.show_recap(view, ep, focus)
            self.browser.highlight_id(ep.code)
        elif screen == "entity":
            page = self.entity_pane.show_entity(view, item)
            if page is None:
                return False
            item = page.id
        elif screen == "previously":
            if not self.previously_pane.show_previously(view):
                return False
        elif screen == "upcoming":
            self.upcoming_pane.show_upcoming(view)
            if view.next is not None:
                self.browser.highlight_id(view.next.code)
            item = ""
        elif screen == "search":
            pane = self.search_pane
            if item and item != pane.query_text:
                pane.set_query(item)
            pane.show_view(view, self.famtui.session.index)
            item = pane.query_text
        elif screen == "characters":
            item = ""
        elif screen == "so-far":
            if not self.query_one("#so-far").show_so_far(view):  # type: ignore[attr-defined]
                return False
            item = ""
        elif screen == "history":
            session = self.famtui.session
            history = self.query_one("#history")
            history.show_history(view, session.watch_dates(), session.profile)  # type: ignore[attr-defined]
            item = ""
        elif screen == "connections":
            item = ""
        elif screen == "new":
            ep = parse_code(item)
            if ep is None or not self.new_pane.show_new(view, ep):
                return False
            item = ep.code
        elif screen == "map":
            if not self.map_pane.show_map(view, item):
                return False
        entry = (screen, item)
        if push and self.current is not None and self.current != entry:
            self.history.append(self.current)
            del self.history[:-50]
        self.current = entry
        self._show_pane(PANES[screen])
        self._place_focus(screen)
        self.famtui.remember(screen, item)
        self.famtui.sub_title = self._subtitle(view, screen, item)
        return True

    def _subtitle(self, view: View, screen: str, item: str) -> str:
        if screen == "recap":
            ep = parse_code(item)
            return view.episode(ep).label if ep else TITLES[screen]
        if screen == "entity":
            page = view.entity(item)
            return page.name if page else TITLES[screen]
        if screen == "new":
            ep = parse_code(item)
            return f"What you learned in {ep.code}" if ep else TITLES[screen]
        if screen == "map" and item:
            page = view.entity(item)
            return f"Map: {page.name}" if page else TITLES[screen]
        return TITLES[screen]

    def _place_focus(self, screen: str) -> None:
        """Inputs for search and characters; otherwise the browser keeps focus (and gets it
        when nothing has it), or the pane takes it from a widget that is now hidden."""
        if screen == "search":
            self.search_pane.focus_query()
        elif screen == "characters":
            self.characters_pane.focus_filter()
        elif screen == "connections":
            self.connections_pane.focus_filter()
        elif screen == "map":
            self.map_pane.focus_canvas()
        elif self.focused is None and self.list_shown:
            self.set_focus(self.browser)
        elif self.focused is not self.browser or not self.list_shown:
            self.set_focus(self.query_one(f"#{PANES[screen]}"))

    def open_home(self) -> None:
        view = self.view
        if view is None:
            return
        if view.current is not None:
            self.open("recap", view.current.code, push=False)
        else:
            self.open("upcoming", push=False)

    @on(Open)
    def on_open(self, message: Open) -> None:
        message.stop()
        if not self.open(message.screen, message.item, focus=message.focus):
            self.app.bell()

    @on(LineList.OptionSelected, "#browser")
    def episode_chosen(self, event: LineList.OptionSelected) -> None:
        event.stop()
        view = self.view
        ep = parse_code(event.option.id or "")
        if view is None or ep is None:
            return
        if view.admits(ep) or (view.next is not None and view.next.ep == ep):
            self.open("recap", ep.code)
        else:
            self.famtui.say(f"{view.episode(ep).label} is after the next episode: nothing to show yet.")

    # -- actions --------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.famtui.problem is not None:
            return False  # a file is broken: only quitting, help and the palette apply
        if action in ("search", "characters") and isinstance(self.focused, Input):
            return False  # the key is typed into the field
        view = self.view
        if action in ("mark_next", "mark_to_here", "move_back", "search", "characters", "previously",
                      "recap", "episodes", "so_far", "learned", "connections", "map") and view is None:
            return None
        if view is None:
            return True
        if action == "mark_next" and view.next is None:
            return None
        if action == "move_back" and view.progress is None:
            return None
        if action in ("previously", "so_far", "learned") and view.progress is None:
            return None
        if action == "mark_to_here":
            # On a watched episode too: the key then says what happened and how to move back.
            return True if self._highlighted_episode() is not None else None
        return True

    def _highlighted_episode(self):
        option = self.browser.highlighted_option
        return parse_code(option.id) if option is not None and option.id else None

    @on(LineList.OptionHighlighted, "#browser")
    def browser_moved(self) -> None:
        self.refresh_bindings()

    def action_mark_next(self) -> None:
        move = self.famtui.session.next_move()
        if move is not None:
            self.famtui.request_move(move)

    def action_mark_to_here(self) -> None:
        ep, view = self._highlighted_episode(), self.view
        if ep is None or view is None:
            return
        if not view.admits(ep):
            self.famtui.request_move(self.famtui.session.move_to(ep))
            return
        label = view.episode(ep).label
        if ep == view.progress:
            self.famtui.say(f"{label} is your progress; u moves back one episode")
        else:
            self.famtui.say(f"{ep.code} already watched · back: ctrl+p, Progress: set to {ep.code}")

    def action_move_back(self) -> None:
        move = self.famtui.session.back_move()
        if move is not None:
            self.famtui.request_move(move)

    def action_search(self) -> None:
        self.open("search", self.search_pane.query_text)

    def action_characters(self) -> None:
        self.open("characters")

    def action_previously(self) -> None:
        self.open("previously")

    def action_so_far(self) -> None:
        self.open("so-far")

    def action_recap(self) -> None:
        self.open_home()

    def action_learned(self) -> None:
        """What the recap shown revealed; from anywhere else, what the last episode watched did."""
        view = self.view
        if view is None or view.progress is None:
            return
        current = self.current
        code = current[1] if current is not None and current[0] in ("recap", "new") else ""
        ep = parse_code(code)
        self.open("new", (ep if ep is not None and view.admits(ep) else view.progress).code)

    def action_connections(self) -> None:
        self.open("connections")

    def action_map(self) -> None:
        """The map of the page shown, or everyone's."""
        current = self.current
        center = current[1] if current is not None and current[0] in ("entity", "map") else ""
        self.open("map", center)

    def action_episodes(self) -> None:
        if not self.list_shown:
            self.list_wanted = True
            self._apply_list()
        browser = self.browser
        self.set_focus(browser)
        view = self.view
        if view is not None and (view.next or view.current):
            browser.highlight_id((view.next or view.current).code)

    def action_back(self) -> None:
        view = self.view
        while self.history and view is not None:
            entry = self.history.pop()
            if self.open(*entry, push=False):
                return
        if view is not None and self.current is not None and self.current[0] not in ("recap", "upcoming"):
            self.open_home()  # nothing to go back to (a view restored at start): home, the last recap
            return
        if not self.browser.has_focus and self.list_shown:
            self.set_focus(self.browser)
