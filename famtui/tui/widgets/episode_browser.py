"""The episode browser: seasons and episodes as the viewer's progress allows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets.option_list import Option

from famtui.tui.text import line
from famtui.tui.widgets.line_list import LineList

if TYPE_CHECKING:
    from famtui.gate import EpisodeLine, View

MARKS = {"watched": ("✓", "$text-success"), "next": ("▶", "$text-warning"), "unwatched": (" ", "")}


def episode_prompt(episode: EpisodeLine, years: bool = False) -> Content:
    mark, style = MARKS[episode.state]
    title = (episode.title, "") if episode.title else ("—", "$text-muted")
    code_style = "$text-muted" if episode.state == "unwatched" else ""
    # the in-story year, once watched (a column only when the view shows any year)
    year = (f"{episode.story_year} " if episode.story_year else "     ") if years else ""
    return line((mark, style), " ", (f"{episode.code:<6}", code_style), " ", (year, "$text-muted"), title)


class EpisodeBrowser(LineList):
    """Season headers and one line per episode; option ids are episode codes."""

    BORDER_TITLE = "Episodes"

    def show_view(self, view: View) -> None:
        options: list[Option] = []
        season = None
        years = any(episode.story_year for episode in view.episodes())
        for episode in view.episodes():
            if episode.ep.season != season:
                season = episode.ep.season
                options.append(Option(line((f"Season {season}", "bold")), id=f"season-{season}",
                                      disabled=True))
            options.append(Option(episode_prompt(episode, years), id=episode.code))
        self.set_options(options)
        focus = view.next or view.current
        if focus is not None:
            self.highlight_id(focus.code)
        self.border_subtitle = view.progress_label
