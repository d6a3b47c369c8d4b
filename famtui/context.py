"""What every face needs before it can show anything: config, guide, progress store and view.

Loaded lazily, so a command pays only for what it uses. The CLI and the TUI both stand on
this module; neither imports the other.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from famtui.errors import FamtuiError

if TYPE_CHECKING:
    from argparse import Namespace
    from types import SimpleNamespace


class Context:
    """What a command needs, loaded lazily: config, show, progress store, the view."""

    def __init__(self, args: Namespace | SimpleNamespace) -> None:
        """``args``: the parsed command line (or, for the app alone, ``entry.app_arguments``)."""
        self.args = args
        from famtui.config import check_profile, load_config

        self.config = load_config(args.config)
        self.settings = self.config.settings
        self.profile = check_profile(self.settings.default_profile if args.profile is None else args.profile)
        self._guide: Any = None
        self._show: Any = None

    @property
    def data_dir(self) -> Path:
        from famtui.config import data_dir_of
        from famtui.locations import bundled_data_dir

        if self.args.data:
            return Path(self.args.data).expanduser()
        if self.settings.data_dir:
            return data_dir_of(self.config.path, self.settings.data_dir)
        return bundled_data_dir()

    @property
    def guide(self) -> Any:
        """The bundled (or chosen) show guide alone: enough for progress commands."""
        if self._guide is None:
            from famtui.gate import Show

            self._guide = Show.load(self.data_dir)
        return self._guide

    def compiled_guide(self) -> Any:
        """The guide if its compiled form is at hand (then loading is fast), else None."""
        if self._guide is None:
            from famtui.gate import Show

            self._guide = Show.load_compiled(self.data_dir)
        return self._guide

    @property
    def show(self) -> Any:
        """The guide with the viewer's imported recaps, for commands that show content."""
        if self._show is None:
            from famtui.imports import load_imports

            imports = load_imports(self.guide)
            self._show = self.guide.with_imports(imports) if imports else self.guide
        return self._show

    @property
    def rules(self) -> Any:
        from famtui.gate import TitleRules

        return TitleRules(self.settings.show_next_title, self.settings.hide_future_titles)

    @property
    def store(self) -> Any:
        from famtui.locations import progress_file
        from famtui.progress import ProgressStore

        guide = self.guide
        return ProgressStore(progress_file(self.config.path), guide.has)

    def progress(self) -> Any:
        if self.args.as_of is not None:
            return self.guide.parse_episode(self.args.as_of, allow_none=True)
        return self.state().progress

    def state(self) -> Any:
        """The profile's saved state. Reading a profile that is not saved while others are
        (a typo in --profile) is an error naming them; the first save creates a profile."""
        from famtui.errors import NotFound
        from famtui.progress import ProfileState

        states = self.store.read()
        if self.profile not in states and states:
            saved = ", ".join(sorted(states))
            raise NotFound(f"no saved progress for profile '{self.profile}'; saved profiles: "
                           f"{saved} (the first 'progress set' or 'watched' creates it)")
        return states.get(self.profile, ProfileState())

    def view(self) -> Any:
        return self.show.view(self.progress(), self.rules)

    def no_saving(self, what: str) -> None:
        if self.args.as_of is not None:
            raise FamtuiError(f"--as-of only looks; it cannot be used with '{what}'")
