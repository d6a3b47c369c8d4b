"""First run: where is the viewer? 'I haven't started', or the last episode watched."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static
from textual.widgets.option_list import Option

from famtui.episodes import Ep
from famtui.tui.text import line
from famtui.tui.widgets.key_bar import KeyBar
from famtui.tui.widgets.nav_list import NavList

if TYPE_CHECKING:
    from famtui.gate import Show, TitleRules

NOT_STARTED = "not-started"


@dataclass(frozen=True)
class Choice:
    """The viewer's answer: the last episode watched, or None for not started."""

    progress: Ep | None


class WelcomeScreen(Screen[Choice | None]):
    """Seasons on the left; the highlighted season's episodes on the right.

    Titles show only up to the highlighted episode, so browsing never reveals a later one.
    """

    CSS_PATH = "welcome.tcss"
    BINDINGS = [
        Binding("right,l", "to_episodes", "Episodes", key_display="→", id="welcome.episodes",
                tooltip="Pick the last episode you watched in this season"),
        Binding("left,h", "to_seasons", "Seasons", key_display="←", id="welcome.seasons",
                tooltip="Back to the seasons"),
        Binding("escape", "back", "Back", id="welcome.back",
                tooltip="Back to the seasons, or keep your progress as it is"),
    ]

    def __init__(self, show: Show, rules: TitleRules, *, first_run: bool) -> None:
        from famtui.gate import TitleRules

        super().__init__()
        self.show = show
        # Only the highlighted episode and earlier ones have visible titles.
        self.rules = TitleRules(show_next_title=False, hide_future_titles=rules.hide_future_titles)
        self.first_run = first_run
        self.seasons = sorted({e.ep.season for e in show.view(None, self.rules).episodes()})

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome-box"):
            yield Static(line(("Welcome to famtui", "bold")) if self.first_run
                         else line(("Where are you?", "bold")), id="welcome-title")
            yield Static(line(("A spoiler-safe companion for For All Mankind. Tell it the last "
                               "episode you watched and it shows only what you have seen.",
                               "$text-muted")), id="welcome-lede")
            with Horizontal(id="welcome-pickers"):
                seasons = NavList(id="welcome-seasons")
                seasons.border_title = "Season"
                yield seasons
                episodes = NavList(id="welcome-episodes")
                episodes.border_title = "Last episode watched"
                yield episodes
            yield Static(id="welcome-hint")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        seasons = self.query_one("#welcome-seasons", NavList)
        options = [Option(line(("I haven't started", "bold")), id=NOT_STARTED)]
        options += [Option(line(f"Season {s}"), id=f"season-{s}") for s in self.seasons]
        seasons.set_options(options)
        seasons.highlighted = 0
        self.set_focus(seasons)
        self._hint()

    # -- seasons ------------------------------------------------------------------
    def _season(self) -> int | None:
        option = self.query_one("#welcome-seasons", NavList).highlighted_option
        if option is None or option.id == NOT_STARTED or not option.id:
            return None
        return int(option.id.removeprefix("season-"))

    @on(NavList.OptionHighlighted, "#welcome-seasons")
    def season_highlighted(self) -> None:
        self._fill_episodes(None)
        self._hint()

    @on(NavList.OptionSelected, "#welcome-seasons")
    def season_selected(self, event: NavList.OptionSelected) -> None:
        event.stop()
        if event.option.id == NOT_STARTED:
            self.dismiss(Choice(None))
        else:
            self.action_to_episodes()

    # -- episodes -----------------------------------------------------------------
    def _fill_episodes(self, highlighted: Ep | None) -> None:
        season = self._season()
        episodes = self.query_one("#welcome-episodes", NavList)
        if season is None:
            episodes.clear_options()
            return
        view = self.show.view(highlighted, self.rules)
        options = []
        for item in view.episodes():
            if item.ep.season == season:
                title = (item.title, "") if item.title else ("—", "$text-muted")
                options.append(Option(line((f"{item.code:<6} ", "bold"), title), id=item.code))
        keep = episodes.highlighted
        episodes.set_options(options)
        if highlighted is not None:
            episodes.highlighted = keep

    def _episode(self) -> Ep | None:
        option = self.query_one("#welcome-episodes", NavList).highlighted_option
        return self.show.parse_episode(option.id) if option is not None and option.id else None

    @on(NavList.OptionHighlighted, "#welcome-episodes")
    def episode_highlighted(self) -> None:
        episodes = self.query_one("#welcome-episodes", NavList)
        if episodes.has_focus:
            self._fill_episodes(self._episode())
            self._hint()

    @on(NavList.OptionSelected, "#welcome-episodes")
    def episode_selected(self, event: NavList.OptionSelected) -> None:
        event.stop()
        ep = self._episode()
        if ep is not None:
            self.dismiss(Choice(ep))

    def action_to_episodes(self) -> None:
        if self._season() is None:
            return
        episodes = self.query_one("#welcome-episodes", NavList)
        self.set_focus(episodes)
        if episodes.highlighted is None:
            episodes.highlighted = 0
        self._fill_episodes(self._episode())
        self._hint()

    def action_to_seasons(self) -> None:
        self.set_focus(self.query_one("#welcome-seasons", NavList))
        self._fill_episodes(None)
        self._hint()

    def action_back(self) -> None:
        if self.query_one("#welcome-episodes", NavList).has_focus:
            self.action_to_seasons()
        elif not self.first_run:
            self.dismiss(None)

    def _hint(self) -> None:
        hint = self.query_one("#welcome-hint", Static)
        ep = self._episode() if self.query_one("#welcome-episodes", NavList).has_focus else None
        if ep is not None:
            label = self.show.view(ep, self.rules).episode(ep).label
            hint.update(line(("Enter", "bold"), " saves ", (label, "bold"),
                             " as the last episode you watched."))
        elif self._season() is None:
            hint.update(line(("Enter", "bold"), " starts from the very first episode."))
        else:
            hint.update(line(("Enter", "bold"), " or ", ("→", "bold"),
                             " to pick the last episode you watched in this season."))
