"""The progress store: ``progress.toml``, one table per profile, written atomically.

``progress.toml`` is the app's own file (the config is the user's). Reads validate
everything and fail with one line naming file and line; a broken file is never
rewritten. Read-modify-write runs under an exclusive lock on a sibling lock file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from famtui.atomic import remove_leftovers, target, write_atomic
from famtui.config import PROFILE_NAME
from famtui.episodes import Ep, parse_code
from famtui.errors import FamtuiError
from famtui.record import Record, replace
from famtui.tomlfile import LineFinder, did_you_mean, read_toml

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]

HEADER = (
    "# famtui progress: written by famtui (atomically). One [profiles.NAME] table per viewer.\n"
    "# progress = the last episode watched (\"none\" before the first).\n\n"
)
PROFILE_KEYS = ("progress", "updated", "last_view", "history")
VIEW_KEYS = ("screen", "item")
HISTORY_KEYS = ("episode", "at")


class LastView(Record):
    screen: str
    item: str = ""


#: the date of episodes marked before famtui kept a history, when even the last save is unknown
UNKNOWN = datetime(1970, 1, 1, tzinfo=UTC)


class Watched(Record):
    """A forward move: every episode up to ``episode`` not watched before was marked at ``at``."""

    episode: Ep
    at: datetime


class ProfileState(Record):
    progress: Ep | None = None
    updated: datetime | None = None
    last_view: LastView | None = None
    history: tuple[Watched, ...] = ()  # ascending; nothing after ``progress``


def moved(state: ProfileState, progress: Ep | None) -> ProfileState:
    """``state`` with new progress, stamped with the time of the change.

    Forward, the watch history gains the move; back, it loses everything after the new
    progress (the episodes still watched keep the date they were first marked). Moving
    back also drops the last view: it may show what the new progress has not reached (a
    later page, or a search for a later name), and nothing of the later view may stay.
    """
    now = datetime.now(UTC).replace(microsecond=0)
    history = list(state.history)
    if progress is None:
        history = []
    elif state.progress is None or progress > state.progress:
        if state.progress is not None and not history:  # watched before the history was kept
            history.append(Watched(state.progress, state.updated or UNKNOWN))
        history.append(Watched(progress, now))
    else:
        later = [w for w in history if w.episode > progress]
        history = [w for w in history if w.episode <= progress]
        if later and (not history or history[-1].episode != progress):
            history.append(Watched(progress, later[0].at))
    back = state.progress is not None and (progress is None or progress < state.progress)
    return replace(state, progress=progress, updated=now, history=tuple(history),
                   last_view=None if back else state.last_view)


def watched_on(state: ProfileState, episodes: list[Ep]) -> dict[Ep, datetime | None]:
    """When each of ``episodes`` (in show order) up to the progress was marked watched;
    None for episodes marked before famtui kept a history."""
    out: dict[Ep, datetime | None] = {}
    if state.progress is None:
        return out
    marks = list(state.history)
    for ep in episodes:
        if ep > state.progress:
            break
        mark = next((w for w in marks if w.episode >= ep), None)
        out[ep] = mark.at if mark is not None and mark.at != UNKNOWN else None
    return out


class ProgressMoved(FamtuiError):
    """The stored progress is no longer the one a change was made from (another process
    moved it); nothing was written. ``state`` is what the file holds now."""

    def __init__(self, state: ProfileState) -> None:
        where = state.progress.code if state.progress else "none"
        super().__init__(f"progress was changed elsewhere (it is now {where}); nothing was saved")
        self.state = state


_ANY = object()


class ProgressStore:
    """Progress of every profile in one file. ``exists(ep)`` says which episodes are real."""

    def __init__(self, path: Path, exists: Callable[[Ep], bool]) -> None:
        self.path = path
        self.lock_path = path.with_name(path.name + ".lock")
        self._exists = exists

    # -- reading ------------------------------------------------------------------
    def read(self) -> dict[str, ProfileState]:
        self._tidy()
        if not self.path.exists():
            return {}
        table, text = read_toml(self.path)
        return self._parse(table, LineFinder(text))

    def get(self, profile: str) -> ProfileState:
        return self.read().get(profile, ProfileState())

    def _fail(self, line: int, message: str) -> FamtuiError:
        return FamtuiError(f"{self.path}:{line}: {message} (the file was left as it is)")

    def _parse(self, table: dict[str, Any], lines: LineFinder) -> dict[str, ProfileState]:
        for key in table:
            if key != "profiles":
                return_line = lines.top(key)
                raise self._fail(return_line, f"unknown key '{key}'{did_you_mean(key, ('profiles',))}")
        profiles = table.get("profiles", {})
        if not isinstance(profiles, dict):
            raise self._fail(lines.top("profiles"), "'profiles' must be a table")
        states = {}
        for name, entry in profiles.items():
            def where(key: str | None = None, sub: tuple[str, ...] = (), name: str = name) -> int:
                """The line of ``key`` in the profile (or its ``sub`` table); else of the header."""
                table = ("profiles", name, *sub)
                found = lines.in_table(table, key)
                if found is None and sub:
                    found = lines.in_table(("profiles", name), sub[0])
                if found is None and key is not None:
                    found = lines.in_table(("profiles", name))
                return found or lines.text(f"profiles.{name}", 0) or lines.text(name, 1)

            if not PROFILE_NAME.match(name):
                raise self._fail(where(), f"'{name[:40]}' is not a valid profile name")
            if not isinstance(entry, dict):
                raise self._fail(where(), f"profile '{name}' must be a table")
            for key in entry:
                if key not in PROFILE_KEYS:
                    raise self._fail(where(key), f"unknown key '{key}' in profile '{name}'"
                                     f"{did_you_mean(key, PROFILE_KEYS)}")
            states[name] = self._parse_profile(name, entry, where)
        return states

    def _parse_profile(self, name: str, entry: dict[str, Any], where: Callable[..., int]) -> ProfileState:
        raw = entry.get("progress", "none")
        if not isinstance(raw, str):
            raise self._fail(where("progress"), f"progress of '{name}' must be a string like \"S2E6\"")
        progress = None
        if raw.strip().lower() != "none":
            progress = parse_code(raw)
            if progress is None or not self._exists(progress):
                shown = raw if len(raw) <= 20 else raw[:19] + "…"
                raise self._fail(where("progress"), f"progress of '{name}' is '{shown}', not an "
                                 "episode of the guide")
        updated = entry.get("updated")
        if updated is not None and not isinstance(updated, datetime):
            raise self._fail(where("updated"), f"'updated' of '{name}' must be a date-time")
        view = entry.get("last_view")
        last_view = None
        if view is not None:
            if not isinstance(view, dict) or set(view) - set(VIEW_KEYS) or not all(
                isinstance(view.get(k, ""), str) and len(view.get(k, "")) <= 200 for k in VIEW_KEYS
            ):
                bad = None
                if isinstance(view, dict):
                    bad = next((k for k in view if k not in VIEW_KEYS or not isinstance(view[k], str)
                                or len(view[k]) > 200), None)
                line = where(bad, ("last_view",)) if bad else where("last_view")
                raise self._fail(line, f"last_view of '{name}' must be a table of short strings "
                                 "'screen' and 'item'")
            last_view = LastView(view.get("screen", ""), view.get("item", ""))
        return ProfileState(progress, updated, last_view, self._parse_history(name, entry, where))

    def _parse_history(self, name: str, entry: dict[str, Any], where: int) -> tuple[Watched, ...]:
        raw = entry.get("history", [])
        problem = self._fail(where, f"history of '{name}' must be a list of tables with an episode "
                             "and a date-time 'at'")
        if not isinstance(raw, list) or len(raw) > 10_000:
            raise problem
        history = []
        for item in raw:
            if not isinstance(item, dict) or set(item) != set(HISTORY_KEYS):
                raise problem
            ep = parse_code(item["episode"]) if isinstance(item["episode"], str) else None
            if ep is None or not self._exists(ep) or not isinstance(item["at"], datetime):
                raise problem
            history.append(Watched(ep, item["at"]))
        return tuple(sorted(history, key=lambda w: w.episode))

    def _tidy(self) -> None:
        """Remove a killed writer's temp file, if the lock is free right now (never waits)."""
        real = target(self.path)
        if fcntl is None or not real.parent.is_dir():
            return
        if not any(real.parent.glob(f".{real.name}.*.tmp")):
            return
        try:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            remove_leftovers(self.path)
        except OSError:
            pass  # a writer holds the lock; it cleans up after itself
        finally:
            os.close(fd)

    # -- writing ------------------------------------------------------------------
    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the store's exclusive lock; clears temp files a killed writer left."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            remove_leftovers(self.path)
            yield
        finally:
            os.close(fd)

    def update(self, profile: str, change: Callable[[ProfileState], ProfileState]) -> ProfileState:
        """Read, change one profile, write back atomically, all under the lock."""
        with self.locked():
            states = self.read()
            new = change(states.get(profile, ProfileState()))
            states[profile] = new
            write_atomic(self.path, self._render(states))
            return new

    def profiles(self) -> list[str]:
        """The names of the saved profiles."""
        return sorted(self.read())

    def set_progress(self, profile: str, progress: Ep | None, expected: Any = _ANY) -> ProfileState:
        """Save ``progress``; with ``expected``, only if the file still holds that progress
        (a compare-and-set: otherwise :class:`ProgressMoved` and nothing is written)."""
        def change(state: ProfileState) -> ProfileState:
            if expected is not _ANY and state.progress != expected:
                raise ProgressMoved(state)
            return moved(state, progress)

        return self.update(profile, change)

    def set_last_view(self, profile: str, view: LastView, expected: Any = _ANY) -> ProfileState:
        """Save the last view; with ``expected``, only if the progress is still that one
        (a view taken at a progress that has since moved is not saved: ProgressMoved)."""
        def change(state: ProfileState) -> ProfileState:
            if expected is not _ANY and state.progress != expected:
                raise ProgressMoved(state)
            return replace(state, last_view=view)

        return self.update(profile, change)

    def stamp(self) -> tuple[int, int, int] | None:
        """What changes whenever the file is replaced or written (cheap: one stat)."""
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def _render(self, states: dict[str, ProfileState]) -> bytes:
        profiles: dict[str, Any] = {}
        for name in sorted(states):
            state = states[name]
            entry: dict[str, Any] = {"progress": state.progress.code if state.progress else "none"}
            if state.updated is not None:
                entry["updated"] = state.updated
            if state.last_view is not None:
                entry["last_view"] = {"screen": state.last_view.screen, "item": state.last_view.item}
            if state.history:
                entry["history"] = [{"episode": w.episode.code, "at": w.at} for w in state.history]
            profiles[name] = entry
        import tomli_w

        return (HEADER + tomli_w.dumps({"profiles": profiles})).encode("utf-8")
