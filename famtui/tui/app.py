"""The famtui terminal app: wiring only. Screens and widgets live in their own modules."""

from __future__ import annotations

import asyncio
import gc
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App
from textual.binding import Binding

from famtui.errors import FamtuiError
from famtui.tui.screens.main import MainScreen
from famtui.tui.session import Move, Session, away_for
from famtui.tui.text import line
from famtui.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from textual.command import Provider

    from famtui.context import Context
    from famtui.episodes import Ep
    from famtui.gate import View
    from famtui.progress import LastView
    from famtui.tui.screens.welcome import Choice


FOLLOW_SECONDS = 1.0  # how often the progress file is checked for another process's change


def _commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens."""
    from famtui.tui.commands import FamtuiCommands

    return FamtuiCommands


class FamtuiApp(App[int]):
    CSS_PATH = "famtui.tcss"
    TITLE = "famtui"
    COMMANDS = {_commands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit famtui (your progress is saved)"),
        Binding("question_mark,f1", "help", "Help", id="app.help", tooltip="Every key and what it does"),
    ]

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.session = Session(ctx)
        self.problem: str | None = None
        self.ready = asyncio.Event()
        #: set once every content pane is mounted; input waits for it (see on_event)
        self.panes_mounted = asyncio.Event()
        self._theme_name = ctx.settings.theme
        # A compiled guide loads in milliseconds: then the first frame shows the content,
        # rather than an empty shell and a second paint. Otherwise the shell comes first.
        if self.session.preload():
            self.css_path.extend(MainScreen.first_frame_css(self.session))
        else:  # the shell mounts every pane at once, when the guide is loaded
            self.panes_mounted.set()

    async def on_event(self, event: events.Event) -> None:
        # The first frame holds only the panes it shows; the others are mounted right after
        # it. A key or a click that comes meanwhile waits for them, so it is never lost.
        if isinstance(event, events.InputEvent) and not self.panes_mounted.is_set():
            await self.panes_mounted.wait()
        await super().on_event(event)

    def get_default_screen(self) -> MainScreen:
        self._main = MainScreen()
        return self._main

    @property
    def main(self) -> MainScreen:
        return self._main

    def on_mount(self) -> None:
        if self._theme_name in self.available_themes:
            self.theme = self._theme_name
        else:
            self.notify(f"Unknown theme '{self._theme_name[:40]}' in the config; using the default.",
                        severity="warning", markup=False)
        self.call_after_refresh(self._first_frame_painted)
        if self.session.ready:  # on screen already (MainScreen.on_mount): index it next
            self.call_after_refresh(self.index_guide)
        else:  # the shell is on screen first; the guide loads after that first paint
            self.call_after_refresh(self.load_guide)

    @staticmethod
    def _first_frame_painted() -> None:
        """The cyclic garbage collector, off for start-up (famtui.entry), is on again; what
        start-up made (Textual, the guide) is frozen out of its later passes."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    # -- loading ------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_guide(self) -> None:
        try:
            self.session.load()
        except FamtuiError as exc:
            self.call_from_thread(self._failed, str(exc), self.session.stage)
            return
        except Exception as exc:  # a bug must not leave a dead app: say what happened
            self.call_from_thread(self._failed, f"unexpected error: {exc!r}")
            return
        self.call_from_thread(self._loaded)
        self._build_index()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def index_guide(self) -> None:
        self._build_index()

    def _build_index(self) -> None:
        try:
            self.session.build_index()
        except Exception as exc:
            self.call_from_thread(self._search_failed, f"Search is unavailable: {exc!r}")
        self.call_from_thread(self._indexed)

    def _search_failed(self, message: str) -> None:
        self.main.search_unavailable(message)
        self.notify(message, severity="error", markup=False)

    def _failed(self, message: str, stage: str = "guide") -> None:
        self.problem = message
        self.main.show_problem(message, stage)
        self.ready.set()

    async def _loaded(self) -> None:
        await self.main.mount_panes()
        self.show_loaded()

    def show_loaded(self) -> None:
        """Fill the mounted panes from the loaded guide and reopen the last view."""
        session = self.session
        assert session.view is not None
        last = session.last_view
        # another famtui may move the progress: one stat a second notices it
        self.set_interval(FOLLOW_SECONDS, self.follow_progress, name="follow-progress")
        self.main.rebuild(session.view)
        if last is not None and not session.first_run and self.main.current != (last.screen, last.item):
            self.main.open(last.screen, last.item, push=False)  # (the home view is shown already)
        self.refresh_title()
        if session.first_run:
            others = [name for name in session.profiles() if name != session.profile]
            if others:  # perhaps a typo in --profile: say which profiles are saved
                self.notify(f"No progress saved for '{session.profile}' yet. Saved profiles: "
                            f"{', '.join(others)} (ctrl+p, Profile: switch to …).",
                            title="A new profile", severity="warning", markup=False)
            self.ask_where(first_run=True)
        else:
            self.welcome_back()

    def welcome_back(self) -> None:
        """After a long break, say where the viewer stopped and offer a refresher."""
        last, view = self.session.last_saved, self.session.view
        gone = away_for(last)
        if last is None or gone is None or view is None or view.current is None:
            return
        from famtui.tui.screens.welcome_back import WelcomeBackScreen

        self.push_screen(WelcomeBackScreen(view.current.label, last, gone),
                         lambda screen: self.on_main(self.main.open, screen) if screen else None)

    def _indexed(self) -> None:
        self.main.index_ready()
        self.ready.set()

    async def wait_ready(self) -> None:
        """Until the guide is loaded and indexed (or failed): for tests and benchmarks."""
        await self.ready.wait()

    def refresh_title(self) -> None:
        view = self.session.view
        self.title = f"famtui · {self.session.profile}"
        if view is not None:
            self.title += f" · {view.progress_label}"

    # -- progress -------------------------------------------------------------------
    def ask_where(self, first_run: bool = False) -> None:
        session = self.session
        if session.show is None:
            return
        from famtui.tui.screens.welcome import WelcomeScreen

        self.push_screen(WelcomeScreen(session.show, session.ctx.rules, first_run=first_run),
                         self._answered)

    def on_main(self, callback: Callable[..., object], *args: object) -> None:
        """Run ``callback`` once the main screen is on top again (after a dialog closed).

        A dialog's result callback runs before the dialog is popped; the main screen is
        changed only once it is back, so nothing it shows is left from the old view.
        """
        if self.screen is self.main:
            callback(*args)
        else:
            self.call_after_refresh(self.on_main, callback, *args)

    def _answered(self, choice: Choice | None) -> None:
        if choice is not None:
            self.on_main(self.apply_move, self.session.move_to(choice.progress), True)

    def request_move(self, move: Move) -> None:
        """Move progress; ask first when going back or jumping more than one episode."""
        if move.steps == 0:
            self.say("That is already your progress.")
            return
        if not move.needs_confirmation:
            self.apply_move(move)
            return
        view = self.session.view
        assert view is not None and self.session.show is not None
        target = view.episode(move.target).label if move.target else "not started"
        if move.steps < 0:
            hidden = -move.steps
            what = (f"{view.progress_label} and everything it revealed" if hidden == 1
                    else f"{hidden} episodes and everything they revealed")
            question = line("Move your progress back to ", (target, "bold"), "?\n\n",
                            (f"{what} will be hidden again.", "$text-muted"))
            yes = "Move back"
        else:
            question = line("Mark everything up to ", (target, "bold"), " as watched?\n\n",
                            (f"That is {move.steps} episodes; their recaps, names and facts "
                             "will be shown.", "$text-muted"))
            yes = "Mark watched"
        from famtui.tui.screens.confirm import ConfirmScreen

        self.push_screen(ConfirmScreen(question, yes),
                         lambda ok: self.on_main(self.apply_move, move) if ok else None)

    def apply_move(self, move: Move, from_welcome: bool = False) -> None:
        from famtui.progress import ProgressMoved

        try:
            view = self.session.apply(move)
        except ProgressMoved:
            # another famtui moved the progress since this app last read it: nothing was
            # written; catch up with the file and let the viewer decide again
            self.follow_progress(nothing_saved=True)
            return
        except FamtuiError as exc:
            self.notify(str(exc), title="Progress not saved", severity="error", markup=False)
            return
        self._show_view(view, move.steps)
        where = view.progress_label
        if move.steps > 0 and not from_welcome:
            self.say(f"✓ Watched {where} (saved) · l: what's new")
        else:
            self.say(f"Progress: {where} (saved)")

    def _show_view(self, view: View, steps: int) -> None:
        if steps < 0:
            # Nothing later may remain anywhere: not in old notifications either.
            self.clear_notifications()
        main = self.main
        main.rebuild(view)
        main.open_home()
        self.refresh_title()

    def follow_progress(self, nothing_saved: bool = False) -> None:
        """Move the whole view to the progress in the file when another process changed it."""
        session = self.session
        if session.view is None or session.store is None:
            return
        if self.screen is not self.main:
            # a dialog is open: its answer is checked against the file when it is applied
            if nothing_saved:
                self.call_after_refresh(self.follow_progress, True)
            return
        try:
            followed = session.follow()
        except FamtuiError as exc:
            if nothing_saved:
                self.notify(str(exc), title="Progress not saved", severity="error", markup=False)
            return
        if followed is None:
            if nothing_saved:
                self.notify("Progress was changed elsewhere; nothing was saved.",
                            title="Progress not saved", severity="warning", markup=False)
            return
        view, steps = followed
        self._show_view(view, steps)
        text = f"Progress is now {view.progress_label} (changed by another famtui)"
        if nothing_saved:
            text += "; nothing was saved: choose again"
        self.notify(text, title=f"Progress for {session.profile}", severity="warning", markup=False)

    def switch_profile(self, name: str) -> None:
        try:
            view = self.session.switch_profile(name)
        except FamtuiError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.clear_notifications()
        main = self.main
        main.history.clear()
        main.current = None
        last = self.session.last_view
        main.rebuild(view)
        if last is not None:
            main.open(last.screen, last.item, push=False)
        self.refresh_title()
        self.say(f"Profile: {name}")
        if self.session.first_run:
            self.ask_where(first_run=True)

    def ask_profile_name(self) -> None:
        from famtui.tui.screens.ask_name import AskNameScreen

        self.push_screen(AskNameScreen(self.session.profiles()),
                         lambda name: self.on_main(self.switch_profile, name) if name else None)

    # -- the last view ----------------------------------------------------------------
    def remember(self, screen: str, item: str) -> None:
        session = self.session
        last = session.remember(screen, item)
        if last is not None and session.store is not None and session.view is not None:
            self.save_last_view(session.profile, last, session.view.progress)

    @work(thread=True, group="last-view", exit_on_error=False)
    def save_last_view(self, profile: str, last: LastView, progress: Ep | None) -> None:
        # Writers may finish out of order; each saves the newest view at its write time,
        # so an older one finishing last cannot bring back a stale view. A view is saved
        # only while the file holds the progress it was taken at (moving back forgets it).
        session = self.session
        if session.profile == profile and session.last_view is not None and session.view is not None:
            last, progress = session.last_view, session.view.progress
        try:
            session.save_last_view(profile, last, progress)
        except FamtuiError as exc:
            self.call_from_thread(self.notify, f"Could not save where you are: {exc}",
                                  severity="warning", markup=False)

    def _save_search_query(self) -> None:
        """The query typed into search is part of the last view; saved when leaving."""
        main = self.main
        if main.current is not None and main.current[0] == "search":
            last = self.session.remember("search", main.search_pane.query_text)
            view = self.session.view
            if last is not None and view is not None:
                try:
                    self.session.save_last_view(self.session.profile, last, view.progress)
                except FamtuiError:
                    pass

    # -- app actions ------------------------------------------------------------------
    async def action_quit(self) -> None:
        self._save_search_query()
        self.exit()
    def action_help(self) -> None:
        from famtui.tui.screens.help import HelpScreen
        from famtui.tui.widgets.map_pane import MapCanvas
        from famtui.tui.widgets.nav_list import NavList

        if isinstance(self.screen, HelpScreen):
            return
        sections = [
            ("App", [*self.BINDINGS, Binding("ctrl+p", "command_palette", "Palette",
                                             tooltip="Every screen, progress, profile and theme")]),
            ("Catching up and looking up", list(MainScreen.BINDINGS)),
            ("Lists", list(NavList.BINDINGS)),
            ("Map", list(MapCanvas.BINDINGS)),
        ]
        self.push_screen(HelpScreen(sections))

    def action_open_entity(self, entity_id: str) -> None:
        """Where a clicked name in a recap or a fact leads."""
        if not self.main.open("entity", entity_id):
            self.bell()

    def set_theme(self, name: str) -> None:
        self.theme = name
        self.say(f"Theme: {name} (for this session; set 'theme' in the config to keep it)")

    def say(self, message: str) -> None:
        """Short news in the status line, where it covers nothing (toasts are for problems)."""
        self.main.query_one(StatusLine).say(message)


def run_app(ctx: Context) -> int:
    if ctx.args.as_of is not None:
        raise FamtuiError("--as-of is for the commands; the app follows your saved progress "
                          "(move it there with n, w, u or the palette)")
    app = FamtuiApp(ctx)
    app.run()
    if app.problem is not None:
        sys.stderr.write(f"famtui: {app.problem}\n")
        return 2
    return app.return_code or 0
