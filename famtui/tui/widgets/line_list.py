"""A list of options drawn line by line (Textual's line API), for lists whose options never wrap.

The episode list and the search hits are read at a glance and redrawn often: at start-up
(the episode list is in the first frame) and on every keystroke in search. ``OptionList``
measures, wraps and pads each option through the visual pipeline and styles five component
classes; here an option is one or more lines of ``Content``, each cut to the width with an
ellipsis, drawn once into a ``Strip`` and kept until that line, the width or the styles
change: new options repaint only the lines that differ. The keys, the mouse and the messages
are those of ``OptionList`` (and ``NavList``'s vim keys), so the lists behave alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from famtui.tui.widgets.direct_draw import StripScrollBar, finish, plain_box
from famtui.tui.widgets.nav_list import NavList, highlight_id

if TYPE_CHECKING:
    from typing import Self

    from textual.widgets.option_list import Option

# what a line looks like: the plain line, the highlighted option's, a disabled option's, the hovered one's
PLAIN, HIGHLIGHTED, DISABLED, HOVER = "", "line-list--highlighted", "line-list--disabled", "line-list--hover"


def _lines_of(prompt: Content) -> list[Content]:
    """The prompt's lines (slices keep their styles: some times faster than ``split``, which
    a search hit's two lines would pay on every keystroke)."""
    plain = prompt.plain
    if "\n" not in plain:
        return [prompt]
    lines, start = [], 0
    while (end := plain.find("\n", start)) != -1:
        lines.append(prompt[start:end])
        start = end + 1
    lines.append(prompt[start:])
    return lines


def _same_line(old: tuple[int, Content], new: tuple[int, Content],
               old_options: list[Option], new_options: list[Option]) -> bool:
    """Whether a line looks the same in the new options as in the old (text, styles, and
    whether its option is disabled)."""
    (old_index, old_text), (new_index, new_text) = old, new
    return ((old_text is new_text or (old_text.plain == new_text.plain and old_text.spans == new_text.spans))
            and old_options[old_index].disabled == new_options[new_index].disabled)


class LineList(ScrollView, can_focus=True):
    """Options as lines; ``highlighted`` is the cursor, Enter or a click selects."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False, id="list.arrow-down", tooltip="Next item"),
        Binding("up", "cursor_up", "Up", show=False, id="list.arrow-up", tooltip="Previous item"),
        Binding("home", "first", "First", show=False, id="list.home", tooltip="First item"),
        Binding("end", "last", "Last", show=False, id="list.end", tooltip="Last item"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page-down",
                tooltip="One page down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page-up", tooltip="One page up"),
        Binding("enter", "select", "Open", show=False, id="list.select", tooltip="Open the highlighted item"),
        *NavList.BINDINGS,
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {HIGHLIGHTED, DISABLED, HOVER}
    # OptionList's look, as defaults (any rule in the app's CSS wins, as over OptionList's)
    DEFAULT_CSS = """
    LineList {
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .line-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .line-list--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .line-list--disabled {
            color: $text-disabled;
        }
        & > .line-list--hover {
            background: $block-hover-background;
        }
    }
    """

    #: the cursor; its watcher repaints the lines of the options it left and reached, no more
    highlighted: reactive[int | None] = reactive(None, init=False, repaint=False)
    #: post ``OptionHighlighted`` when the cursor moves (a list nobody follows may say no:
    #: each message is dispatched up through every ancestor)
    announce_highlight: ClassVar[bool] = True

    class OptionMessage(Message):
        def __init__(self, line_list: LineList, option: Option, index: int) -> None:
            super().__init__()
            self.line_list = line_list
            self.option = option
            self.option_id = option.id
            self.option_index = index

        @property
        def control(self) -> LineList:
            return self.line_list

    class OptionHighlighted(OptionMessage):
        """The cursor moved to an option."""

    class OptionSelected(OptionMessage):
        """An option was chosen (Enter or a click)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._options: list[Option] = []
        self._lines: list[tuple[int, Content]] = []  # (option index, one line of its prompt)
        self._first_line: list[int] = []  # the first line of each option
        # drawn lines, by the line's text (the object: a prompt given again, as search gives a
        # hit it found before, keeps its lines and their strips wherever they move), look, width
        self._strips: dict[tuple[int, str, int], tuple[Content, Strip]] = {}
        self._split: dict[int, tuple[Content, list[Content]]] = {}  # prompt -> its lines
        self._blank: tuple[tuple, Strip] | None = None  # below the last line
        self._hover: int | None = None

    # -- options ------------------------------------------------------------------------
    @property
    def options(self) -> list[Option]:
        return self._options

    @property
    def option_count(self) -> int:
        return len(self._options)

    def get_option_at_index(self, index: int) -> Option:
        return self._options[index]

    @property
    def highlighted_option(self) -> Option | None:
        index = self.highlighted
        return None if index is None else self._options[index]

    def set_options(self, options: Iterable[Option]) -> Self:
        """Replace the options; nothing is highlighted and the list scrolls home.

        Only the lines that differ from what was there are drawn again: from one keystroke to
        the next, most search hits' lines stay as they were."""
        old_options, old_lines = self._options, self._lines
        marked = {*self._line_numbers(self.highlighted), *self._line_numbers(self._hover)}
        self._options = list(options)
        self._lines, self._first_line = [], []
        split, self._split = self._split, {}
        for index, option in enumerate(self._options):
            self._first_line.append(len(self._lines))
            prompt = option.prompt
            if isinstance(prompt, str):  # text is data: never parsed as markup
                prompt = Content(prompt)
            known = split.get(id(prompt))
            parts = known[1] if known is not None and known[0] is prompt else _lines_of(prompt)
            self._split[id(prompt)] = (prompt, parts)
            self._lines.extend((index, part) for part in parts)
        new_options, new_lines = self._options, self._lines
        changed = marked | {
            number for number in range(max(len(old_lines), len(new_lines)))
            if number >= len(old_lines) or number >= len(new_lines)
            or not _same_line(old_lines[number], new_lines[number], old_options, new_options)}
        shown = {id(text) for _, text in new_lines}
        self._strips = {key: kept for key, kept in self._strips.items() if key[0] in shown}
        self._hover = None
        self.highlighted = None
        self._set_virtual_size()
        scrolled = self.scroll_offset.y != 0
        self.scroll_to(0, 0, animate=False, immediate=True)
        if scrolled or not self.size.area:
            # Scrolling repaints it all, but not a list that is hidden (no size): Textual
            # would paint its old lines when it is shown again. Forget them all.
            self.refresh()
            return self
        runs: list[list[int]] = []  # [first, last] of each run of changed lines
        for number in sorted(changed):
            if runs and runs[-1][1] == number - 1:
                runs[-1][1] = number
            else:
                runs.append([number, number])
        for first, last in runs:
            self._refresh_lines(range(first, last + 1))
        return self

    def _line_numbers(self, index: int | None) -> range:
        """The lines option ``index`` takes now (none for None)."""
        if index is None or index >= len(self._options):
            return range(0)
        following = index + 1
        end = self._first_line[following] if following < len(self._first_line) else len(self._lines)
        return range(self._first_line[index], end)

    def _refresh_lines(self, lines: range) -> None:
        if lines:
            self.refresh(Region(0, lines.start - self.scroll_offset.y, self.size.width, len(lines)))

    def clear_options(self) -> Self:
        return self.set_options(())

    def highlight_id(self, option_id: str) -> bool:
        """Move the highlight to the option with this id; False when there is none."""
        return highlight_id(self, option_id)

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        if highlighted is None or not self._options:
            return None
        return min(max(highlighted, 0), len(self._options) - 1)

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for index in (old, new):
            self._refresh_option(index)
        if new is not None and not self._options[new].disabled:
            self.scroll_to_highlight()
            if self.announce_highlight:
                self.post_message(self.OptionHighlighted(self, self._options[new], new))

    def scroll_to_highlight(self, top: bool = False) -> None:
        index = self.highlighted
        if index is None or not self.is_mounted or not self.size.area:
            return  # hidden: scrolled when shown (on_show), with its real height
        lines = self._line_numbers(index)
        self.scroll_to_region(Region(0, lines.start, self.scrollable_content_region.width, len(lines)),
                              force=True, animate=False, top=top, immediate=True)

    def _refresh_option(self, index: int | None) -> None:
        self._refresh_lines(self._line_numbers(index))

    # -- drawing ------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        number = self.scroll_offset.y + y
        if number >= len(self._lines):
            blank_style = self.get_visual_style().rich_style
            if self._blank is None or self._blank[0] != (width, blank_style):
                self._blank = (width, blank_style), Strip.blank(width, blank_style)
            return self._blank[1]
        index, text = self._lines[number]
        option = self._options[index]
        look = (DISABLED if option.disabled else HIGHLIGHTED if index == self.highlighted
                else HOVER if index == self._hover else PLAIN)
        key = (id(text), look, width)
        kept = self._strips.get(key)
        if kept is not None and kept[0] is text:
            return kept[1]
        style = self.get_visual_style(look) if look else self.get_visual_style()
        shown = text.truncate(width, ellipsis=True) if text.cell_length > width else text
        segments, length = shown.render_segments(style), shown.cell_length
        if length < width:  # padded with the line's style, as Strip.extend_cell_length pads
            segments = [*segments, Segment(" " * (width - length), style.rich_style)]
        strip = Strip(segments, max(width, length))
        self._strips[key] = (text, strip)
        return strip

    def render_lines(self, crop: Region) -> list[Strip]:
        if not plain_box(self):  # a border or padding: Textual styles each line
            return super().render_lines(crop)
        # the lines as drawn: each is kept (self._strips) until it changes
        return finish(self, [self.render_line(y) for y in crop.line_range], crop)

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        bar = super().vertical_scrollbar
        if type(bar) is ScrollBar:  # Textual's own, just made: the same bar, drawn to strips
            bar.__class__ = StripScrollBar
        return bar

    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    def _on_resize(self, _: events.Resize) -> None:
        self._strips.clear()
        self._set_virtual_size()

    def _set_virtual_size(self) -> None:
        size = Size(self.scrollable_content_region.width, len(self._lines))
        if size != self.virtual_size:
            # set quietly: the reactive would repaint every line; the scrollbars are told here,
            # and a list whose height follows its length is laid out again
            self.set_reactive(LineList.virtual_size, size)
            self._scroll_update(size)
            if self.styles.auto_dimensions:
                self.refresh(layout=True)

    def on_show(self) -> None:
        self.scroll_to_highlight()

    # -- mouse --------------------------------------------------------------------------
    def _option_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        number = self.scroll_offset.y + offset.y
        return self._lines[number][0] if 0 <= number < len(self._lines) else None

    def _on_click(self, event: events.Click) -> None:
        index = self._option_at(event)
        if index is not None and not self._options[index].disabled:
            self.highlighted = index
            self.action_select()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._option_at(event)
        if index != self._hover:
            old, self._hover = self._hover, index
            self._refresh_option(old)
            self._refresh_option(index)

    def _on_leave(self, _: events.Leave) -> None:
        old, self._hover = self._hover, None
        self._refresh_option(old)

    # -- keys -----------------------------------------------------------------------------
    def _enabled(self, start: int, step: int, wrap: bool) -> int | None:
        """The first enabled option from ``start`` on, going ``step``; wrapping if asked."""
        count = len(self._options)
        for turn in range(count):
            index = start + step * turn
            if wrap:
                index %= count
            elif not 0 <= index < count:
                return None
            if not self._options[index].disabled:
                return index
        return None

    def _move(self, step: int) -> None:
        if not self._options:
            return
        current = self.highlighted
        start = (0 if step > 0 else len(self._options) - 1) if current is None else current + step
        found = self._enabled(start, step, wrap=True)
        if found is not None:
            self.highlighted = found

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_first(self) -> None:
        if self._options and (found := self._enabled(0, 1, wrap=False)) is not None:
            self.highlighted = found

    def action_last(self) -> None:
        if self._options and (found := self._enabled(len(self._options) - 1, -1, wrap=False)) is not None:
            self.highlighted = found

    def _move_page(self, step: int) -> None:
        current = self.highlighted
        if current is None:
            (self.action_first if step < 0 else self.action_last)()
            return
        page = max(self.scrollable_content_region.height, 1)
        number = min(max(self._first_line[current] + step * page, 0), len(self._lines) - 1)
        anchor = self._lines[number][0]
        found = self._enabled(anchor, step, wrap=False)
        if found is None:
            found = self._enabled(anchor, -step, wrap=False)
        if found is not None:
            self.highlighted = found

    def action_page_down(self) -> None:
        self._move_page(1)

    def action_page_up(self) -> None:
        self._move_page(-1)

    def action_select(self) -> None:
        index = self.highlighted
        if index is not None and not self._options[index].disabled:
            self.post_message(self.OptionSelected(self, self._options[index], index))
