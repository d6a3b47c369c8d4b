"""An OptionList with quiet vim keys; options are always Content, never markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.widgets import OptionList

if TYPE_CHECKING:
    from famtui.tui.widgets.line_list import LineList


class NavList(OptionList):
    """Line-based list (cheap to redraw), with ``j``/``k``/``g``/``G`` beside the arrows."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down", tooltip="Next item"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up", tooltip="Previous item"),
        Binding("g", "first", "First", show=False, id="list.first", tooltip="First item"),
        Binding("G", "last", "Last", show=False, id="list.last", tooltip="Last item"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)

    def highlight_id(self, option_id: str) -> bool:
        """Move the highlight to the option with this id; False when there is none."""
        return highlight_id(self, option_id)


def highlight_id(listing: OptionList | LineList, option_id: str) -> bool:
    """Move ``listing``'s highlight to its option with this id; False when there is none."""
    for index, option in enumerate(listing.options):
        if option.id == option_id:
            listing.highlighted = index
            return True
    return False
