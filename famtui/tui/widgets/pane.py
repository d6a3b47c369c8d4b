"""What every content pane shares: a name for the history and resume, and an Open message."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static


class Open(Message):
    """Ask the main screen to show ``screen`` (recap, entity, ...) for ``item``."""

    def __init__(self, screen: str, item: str = "", focus: str = "") -> None:
        super().__init__()
        self.screen = screen
        self.item = item
        self.focus = focus  # for a recap: text to find and highlight (a search hit's match)


class Pane(VerticalScroll):
    """A content pane. ``name`` is the screen name saved as the last view."""

    #: the history entry this pane shows (screen, item)
    item: str = ""

    def scroll_home_now(self) -> None:
        self.scroll_home(animate=False)

    def reset(self) -> None:
        """Forget what was shown (after the view changed): empty every ``.fill`` and list."""
        self.item = ""
        for static in self.query(".fill").results(Static):
            static.update("")
        for options in self.query("OptionList, LineList"):
            options.clear_options()  # type: ignore[attr-defined]
