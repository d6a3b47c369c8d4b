"""The command palette (ctrl+p): every screen, progress, profile and theme, all gated.

Commands are rebuilt from the app's current view each time the palette asks, so a
hidden title or name can never be offered. Prompts are Content with the matched
letters highlighted here (``Matcher.highlight`` would parse the text as markup);
help lines are fixed text of ours, never data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from famtui.config import PROFILE_NAME
from famtui.tui.text import highlighted, plain

if TYPE_CHECKING:
    from famtui.tui.app import FamtuiApp

NEW_PROFILE = re.compile(r"^\s*profile:?\s+(?:(?:switch\s+to|new|create|add)\s+)?(\S{1,40})\s*$",
                         re.IGNORECASE)
RESERVED = {"switch", "to", "new", "create", "add"}


@dataclass(frozen=True)
class Command:
    text: str
    run: Callable[[], object]
    help: str
    discover: bool = False


def commands(app: FamtuiApp) -> list[Command]:
    session = app.session
    view = session.view
    out: list[Command] = []
    main = app.main
    if view is not None:
        if view.current is not None:
            out.append(Command(f"Screen: Recap of {view.current.label}",
                               partial(main.open, "recap", view.current.code),
                               "The recap of the last episode you watched", True))
        if view.next is not None:
            out.append(Command("Screen: Up next", partial(main.open, "upcoming"),
                               "The next episode's title and teaser", True))
        if view.progress is not None:
            out.append(Command("Screen: Previously on", partial(main.open, "previously"),
                               "Catch up before the next episode", True))
            out.append(Command(f"Screen: What you learned in {view.progress.code}",
                               partial(main.open, "new", view.progress.code),
                               "What the last episode you watched revealed", True))
        out += [
            Command("Screen: Characters and things", partial(main.open, "characters"),
                    "Everyone and everything you have met", True),
            Command("Screen: Search", main.action_search, "Search everything you have seen", True),
            Command("Screen: Connections", main.action_connections,
                    "Every relation you have seen, filtered as you type", True),
            Command("Screen: Map of everyone", partial(main.open, "map", ""),
                    "The network of relations you have seen", True),
            Command("Screen: Episodes", main.action_episodes, "The episode list", True),
            Command("Screen: Where are you", partial(app.ask_where, False),
                    "Pick the last episode you watched", True),
        ]
        if view.next is not None:
            out.append(Command(f"Progress: mark next watched ({view.next.label})",
                               main.action_mark_next, "Mark it watched and open its recap", True))
        if view.progress is not None:
            out.append(Command("Progress: set to not started",
                               partial(app.request_move, session.move_to(None)),
                               "Hide everything again (asks first)"))
        for episode in view.episodes():
            if episode.ep != view.progress:
                out.append(Command(f"Progress: set to {episode.label}",
                                   partial(app.request_move, session.move_to(episode.ep)),
                                   "Make this the last episode you watched"))
        for episode in view.episodes():
            if episode.state == "watched":
                out.append(Command(f"Recap: {episode.label}", partial(main.open, "recap", episode.code),
                                   "Open this episode's recap"))
                out.append(Command(f"Learned: {episode.label}", partial(main.open, "new", episode.code),
                                   "What this episode revealed"))
        for entity in view.entities():
            help_text = "Open this character's page" if entity.kind == "character" else "Open this page"
            out.append(Command(f"Open: {entity.name}", partial(main.open, "entity", entity.id),
                               help_text))
            out.append(Command(f"Map: {entity.name}", partial(main.open, "map", entity.id),
                               "The map of its relations"))
        for name in session.profiles():
            if name != session.profile:
                out.append(Command(f"Profile: switch to {name}", partial(app.switch_profile, name),
                                   "Use this viewer's progress", True))
            else:
                out.append(Command(f"Profile: {name} (in use)",
                                   partial(app.say, f"Profile {name} is in use"),
                                   "The profile whose progress you see", True))
        out.append(Command("Profile: new…", app.ask_profile_name,
                           "Start another viewer's progress (asks for a name)", True))
        out.append(Command("Screen: Watch history", partial(main.open, "history"),
                           "When you marked each episode watched", True))
    out.append(Command("Screen: Help", app.action_help, "Every key and what it does", True))
    for theme in sorted(app.available_themes):
        if theme != app.theme:
            out.append(Command(f"Theme: {theme}", partial(app.set_theme, theme),
                               "Change the colours for this session"))
    out.append(Command("App: Quit", app.exit, "Quit famtui (your progress is saved)"))
    return out


def match_prompt(text: str, offsets: list[int] | tuple[int, ...]) -> Content:
    return highlighted(text, [(i, i + 1) for i in offsets if not text[i].isspace()])


class FamtuiCommands(Provider):
    @property
    def famtui(self) -> FamtuiApp:
        return self.app  # type: ignore[return-value]

    def _run(self, command: Callable[[], object]) -> Callable[[], None]:
        return partial(self.famtui.on_main, command)

    async def discover(self) -> Hits:
        for command in commands(self.famtui):
            if command.discover:
                yield DiscoveryHit(plain(command.text), self._run(command.run), text=command.text,
                                   help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        fuzzy = matcher.fuzzy_search
        for command in commands(self.famtui):
            score, offsets = fuzzy.match(query, command.text)
            if score > 0:
                yield Hit(score, match_prompt(command.text, list(offsets)), self._run(command.run),
                          text=command.text, help=command.help)
        new = self._new_profile(query)
        if new is not None:
            yield new

    def _new_profile(self, query: str) -> Hit | None:
        match = NEW_PROFILE.match(query)
        session = self.famtui.session
        if match is None or session.view is None:
            return None
        name = match.group(1)
        if name.lower() in RESERVED or not PROFILE_NAME.match(name) or name in session.profiles():
            return None
        text = f"Profile: switch to a new profile {name}"
        return Hit(1.0, plain(text), self._run(partial(self.famtui.switch_profile, name)), text=text,
                   help="Start a new viewer's progress")
