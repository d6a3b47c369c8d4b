"""The key bar under the status line: the keys that apply, as many as fit, never cut.

Textual's Footer lays every key out in a row and lets the last ones fall off the
right edge (at 80 columns "q Quit" and "? Help" were gone, and a stray letter of the
next key showed). This bar picks keys by priority until the width is used up
(quit and help first, so they are always there), shows them in their natural order
and never cuts a key in half. Keys are clickable, like the footer's.
"""

from __future__ import annotations

from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.style import Style
from textual.widgets import Static

from famtui.record import Record
from famtui.tui.text import line

#: actions in the order they are kept when the bar is short of room
PRIORITY = ("quit", "help", "search", "mark_next", "characters", "toggle_list", "previously",
            "so_far", "command_palette", "mark_to_here", "move_back", "history")
SPECIAL = {
    "question_mark": "?", "slash": "/", "escape": "Esc", "enter": "Enter", "tab": "Tab",
    "space": "Space", "up": "↑", "down": "↓", "left": "←", "right": "→", "home": "Home",
    "end": "End", "pageup": "PgUp", "pagedown": "PgDn", "delete": "Del", "backspace": "Backspace",
}
GAP = "  "


def key_name(key: str) -> str:
    """A binding's key list as a person writes it: ``question_mark,f1`` -> ``? or F1``."""
    names = []
    for one in key.split(","):
        one = one.strip()
        *mods, base = one.split("+")
        if base in SPECIAL:
            base = SPECIAL[base]
        elif len(base) > 1 and base[0] == "f" and base[1:].isdigit():
            base = base.upper()
        names.append("+".join([*mods, base]))
    return " or ".join(names)


def short_key(key: str) -> str:
    """The first key of a list, for the bar: ``question_mark,f1`` -> ``?``."""
    return key_name(key.split(",")[0])


class Key(Record):
    press: str  # the key to simulate on a click: "question_mark"
    display: str  # "?"
    description: str
    action: str
    enabled: bool = True
    shown: bool = True  # the binding asks to be shown (others stand in for quit and help)

    @property
    def width(self) -> int:
        return len(self.display) + 1 + len(self.description)


def _rank(action: str) -> int:
    name = action.rpartition(".")[2]
    return PRIORITY.index(name) if name in PRIORITY else len(PRIORITY)


def fit(keys: list[Key], width: int) -> list[Key]:
    """The keys that fit ``width``, most needed first, shown in their original order."""
    chosen: set[int] = set()
    used = 0
    for i in sorted(range(len(keys)), key=lambda i: (not keys[i].enabled, _rank(keys[i].action), i)):
        cost = keys[i].width + (len(GAP) if chosen else 0)
        if used + cost <= width:
            chosen.add(i)
            used += cost
    return [keys[i] for i in sorted(chosen)]


class KeyBar(Static):
    """One line of keys for the screen it is on; rebuilt when bindings or the width change."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self.rebuild)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self.rebuild)

    def on_resize(self, event: Resize) -> None:
        self.rebuild()

    def keys(self) -> list[Key]:
        shown: dict[str, Key] = {}
        palette: Key | None = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            first = binding.key.split(",")[0].strip()
            if binding.action == "command_palette":
                palette = Key(first, short_key(binding.key), "palette", binding.action, enabled)
            elif binding.action not in shown or (binding.show and not shown[binding.action].shown):
                # A hidden binding only stands in for quit and help (ctrl+q while typing).
                if binding.show or _rank(binding.action) < 2:
                    shown[binding.action] = Key(first, binding.key_display or short_key(binding.key),
                                                binding.description or "Quit", binding.action,
                                                enabled, binding.show)
        # Screen keys first, then the app's (quit, help), the palette last, as in a footer.
        ordered = sorted(shown.values(), key=lambda k: _rank(k.action) < 2)
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            ordered.append(palette)
        return ordered

    def rebuild(self) -> None:
        if not self.is_attached:
            return
        width = self.size.width or self.app.size.width
        parts: list[Content] = []
        for key in fit(self.keys(), max(width - 1, 0)):
            key_style = "bold $text-accent" if key.enabled else "$text-disabled"
            text_style = "" if key.enabled else "$text-disabled"
            part = line((key.display, key_style), " ", (key.description, text_style))
            if key.enabled:
                part = part.stylize(Style.from_meta({"@click": f"app.simulate_key({key.press!r})"}))
            parts.append(part)
        self.update(Content(GAP).join(parts))
