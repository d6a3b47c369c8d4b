"""What the app knows, kept apart from how it looks: show, profile, progress, view, index.

No Textual here. Everything the app shows comes from :attr:`Session.view`, which is
replaced (never patched) whenever the progress or the profile changes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from famtui.record import Record

if TYPE_CHECKING:
    from famtui.context import Context
    from famtui.episodes import Ep
    from famtui.gate import Show, View
    from famtui.progress import LastView
    from famtui.search import SearchIndex


#: a last save older than this is "a long break" (the app then offers a refresher)
BREAK = timedelta(days=28)


def away_for(updated: datetime | None, now: datetime | None = None) -> timedelta | None:
    """How long since the last save, when it is a long break (else None)."""
    if updated is None:
        return None
    if updated.tzinfo is None:
        updated = updated.replace(tzinfo=UTC)
    gone = (now or datetime.now(UTC)) - updated
    return gone if gone >= BREAK else None


class Move(Record):
    """A change of progress the viewer asked for, described before it is made."""

    target: Ep | None
    steps: int  # positive forward, negative back
    origin: Ep | None = None  # the progress the move was worked out from

    @property
    def needs_confirmation(self) -> bool:
        return self.steps < 0 or self.steps > 1


class Session:
    """The loaded guide and one profile's progress. Built in a worker by :meth:`load`."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.profile: str = ctx.profile
        self.show: Show | None = None
        self.view: View | None = None
        self.index: SearchIndex | None = None
        self.store: Any = None
        self.first_run = False
        self.last_view: LastView | None = None
        self.state: Any = None  # the profile's saved state (progress, updated, history)
        self.last_saved: datetime | None = None
        self.stamp: Any = None  # the progress file as last read (see :meth:`follow`)
        self.stage = "guide"  # what load() was reading when it stopped

    # -- loading (worker thread) --------------------------------------------------
    def load(self) -> None:
        """Read the guide and the progress file. Raises FamtuiError with a readable message;
        :attr:`stage` then says which file was being read (guide, imports or progress)."""
        self.stage = "guide"
        self.show = self.ctx.guide
        self.stage = "imports"
        self.show = self.ctx.show
        self.stage = "progress"
        self.store = self.ctx.store
        self._read_profile()
        self.stage = "done"

    def preload(self) -> bool:
        """Load now if the guide is compiled (milliseconds); False (nothing loaded) if not.

        Any problem is left for :meth:`load` in the worker, which reports it.
        """
        try:
            if self.ctx.compiled_guide() is None:
                return False
            self.load()
        except Exception:  # anything at all: the worker loads again and says what went wrong
            self.show = self.view = self.store = None
            return False
        return True

    def build_index(self) -> None:
        from famtui.search import SearchIndex

        assert self.show is not None
        self.index = SearchIndex(self.show, self.ctx.rules)

    def _read_profile(self) -> None:
        assert self.show is not None
        self.stamp = self.store.stamp()
        states = self.store.read()
        state = states.get(self.profile)
        self.state = state
        self.last_saved = self._last_saved(state)
        self.first_run = state is None
        self.last_view = state.last_view if state else None
        self.view = self.show.view(state.progress if state else None, self.ctx.rules)

    def _last_saved(self, state: Any) -> datetime | None:
        """When this viewer last used famtui: the later of the last progress change and the
        progress file's last write (the app saves the last view as the viewer moves around)."""
        times = [state.updated] if state is not None and state.updated is not None else []
        times = [t if t.tzinfo else t.replace(tzinfo=UTC) for t in times]
        try:
            times.append(datetime.fromtimestamp(self.store.path.stat().st_mtime, UTC))
        except (OSError, AttributeError):
            pass
        return max(times) if times and state is not None else None

    @property
    def ready(self) -> bool:
        return self.view is not None

    # -- progress -----------------------------------------------------------------
    def move_to(self, target: Ep | None) -> Move:
        assert self.show is not None and self.view is not None
        return Move(target, self.show.ordinal(target) - self.view.horizon, self.view.progress)

    def next_move(self) -> Move | None:
        """Marking the next episode watched, or None when every episode is watched."""
        assert self.view is not None
        nxt = self.view.next
        return None if nxt is None else self.move_to(nxt.ep)

    def back_move(self) -> Move | None:
        """Un-marking the last episode watched, or None before the first."""
        assert self.show is not None and self.view is not None
        if self.view.progress is None:
            return None
        return self.move_to(self.show.episode_at(self.view.horizon - 1))

    def apply(self, move: Move) -> View:
        """Save the new progress at once and return the new view.

        A compare-and-set: when the file no longer holds the progress the move was worked
        out from (another famtui moved it), nothing is written and
        :class:`~famtui.progress.ProgressMoved` is raised; :meth:`follow` then catches up.
        """
        from famtui.progress import ProgressMoved

        assert self.show is not None and self.view is not None
        if move.origin != self.view.progress:
            raise ProgressMoved(self.store.get(self.profile))
        self.state = self.store.set_progress(self.profile, move.target, expected=move.origin)
        self.stamp = self.store.stamp()
        self.first_run = False
        if move.steps < 0:
            self.last_view = None
        self.view = self.show.view(move.target, self.ctx.rules)
        return self.view

    def watch_dates(self) -> dict:
        """When each watched episode was marked watched (None: before the history was kept)."""
        from famtui.progress import watched_on

        if self.state is None or self.view is None:
            return {}
        return watched_on(self.state, [line.ep for line in self.view.episodes()])

    def follow(self) -> tuple[View, int] | None:
        """When the progress file changed and holds another progress for this profile, move
        the whole view there: ``(new view, steps)``; else None. One stat when unchanged."""
        assert self.show is not None and self.view is not None
        stamp = self.store.stamp()
        if stamp == self.stamp:
            return None
        self.stamp = stamp
        state = self.store.read().get(self.profile)
        self.state = state
        progress = state.progress if state else None
        if state is None or progress == self.view.progress:
            return None
        steps = self.show.ordinal(progress) - self.view.horizon
        self.first_run = False
        self.last_view = state.last_view
        self.view = self.show.view(progress, self.ctx.rules)
        return self.view, steps

    # -- profiles -----------------------------------------------------------------
    def profiles(self) -> list[str]:
        """Every profile in the progress file, and the one in use."""
        names = set(self.store.read()) if self.store is not None else set()
        names.add(self.profile)
        return sorted(names)

    def switch_profile(self, name: str) -> View:
        from famtui.config import check_profile

        self.profile = check_profile(name)
        self._read_profile()
        assert self.view is not None
        return self.view

    # -- the last view ------------------------------------------------------------
    def remember(self, screen: str, item: str = "") -> LastView | None:
        """Note where the viewer is; the view to save, or None when unchanged.

        Nothing is saved before the viewer has said where they are (first run).
        """
        from famtui.progress import LastView

        view = LastView(screen, item)
        if self.first_run or view == self.last_view:
            return None
        self.last_view = view
        return view

    def save_last_view(self, profile: str, view: LastView, progress: Any) -> None:
        """Save the last view taken at ``progress``; skipped when the progress has moved."""
        from famtui.progress import ProgressMoved

        if self.store is not None:
            try:
                self.store.set_last_view(profile, view, expected=progress)
            except ProgressMoved:
                pass  # a view of another progress would outlive it: never saved
