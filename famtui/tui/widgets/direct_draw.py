"""Lines sent to the screen as a widget drew them, past Textual's per-line box styling.

Textual passes every line a widget repaints through its styles cache, which lays the box
(border, padding, outline, tint, opacity, hatch) over the widget's own line: some tens of
microseconds a line, whether or not the box has any of those. The search hits repaint a
dozen lines, their scrollbar a whole column and the note its line on every keystroke. A
widget whose box is plain (none of those set) may draw its lines itself: :func:`finish`
then does all that the styles cache would have done (pad the line to the content width
with the background, apply the app's line filters, crop), so what reaches the screen is
the same, strip for strip. ``tests/test_direct_draw.py`` holds both paths to the same
output.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.color import Color
from rich.segment import Segment
from textual.content import Content
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Static

# ScrollBarRender's colours for a style that has none
_BACK, _BAR = Color.parse("#555555"), Color.parse("bright_magenta")


def plain_box(widget: Widget) -> bool:
    """Whether the widget's box adds nothing to its lines (so :func:`finish` may stand in
    for Textual's styles cache)."""
    styles = widget.styles
    return (
        not any(edge for edge, _ in styles.border)
        and not any(edge for edge, _ in styles.outline)
        and not any(styles.padding)
        and styles.tint.a == 0
        and styles.opacity == 1.0
        and styles.text_opacity == 1.0
        and (not styles.has_rule("hatch") or styles.hatch == "none")
        and not widget.BLANK  # (with no border, no border title is drawn either)
    )


def finish(widget: Widget, lines: Sequence[Strip], crop: Region) -> list[Strip]:
    """The lines ``crop.line_range`` of a plain-boxed widget, as Textual's styles cache would
    send them: padded to the content width with the background, filtered, cropped."""
    base_background, background = widget.background_colors
    pad = Style(background=base_background + background).rich_style
    width = widget.content_region.width
    filters = widget.get_line_filters()
    strips = []
    for strip in lines:
        strip = strip.adjust_cell_length(width, pad)
        for line_filter in filters:
            strip = strip.apply_filter(line_filter, background)
        strips.append(strip)
    if widget.auto_links:  # a link under the mouse, as the styles cache styles it
        hover = widget.hover_style
        if hover.link_id and "@click" in hover.meta and (link_style := widget.link_style_hover):
            strips = [strip.style_links(hover.link_id, link_style) for strip in strips]
    x1, x2 = crop.column_span
    if (x1, x2) != (0, widget.size.width):
        strips = [strip.crop(x1, x2) for strip in strips]
    return strips


class NoteLine(Static):
    """A one-line ``Static`` (its text cut with an ellipsis) that draws its line straight to a
    strip: the search note, new on every keystroke. Anything else (a box, more lines, other
    text options) is drawn by ``Static``."""

    _drawn: tuple[tuple, Strip] | None = None
    _text: Content | None = None  # what was drawn (kept, so its id stays its own)

    def render_lines(self, crop: Region) -> list[Strip]:
        styles = self.styles
        if (self.size.height != 1 or not plain_box(self) or styles.text_wrap != "nowrap"
                or styles.text_overflow != "ellipsis" or styles.text_align not in ("start", "left")
                or styles.line_pad or self.text_selection is not None):
            return super().render_lines(crop)
        content = self.visual
        if not isinstance(content, Content) or not content.plain:
            return super().render_lines(crop)
        width = self.content_region.width
        style = self.visual_style
        key = (id(content), width, style)
        if self._drawn is None or self._drawn[0] != key or self._text is not content:
            self._text = content
            shown = content.truncate(width, ellipsis=True) if content.cell_length > width else content
            segments, x = [], 0  # each piece knows its offset, for selecting text with the mouse
            for text, text_style in shown.render(style, end="", parse_style=self._get_style):
                segments.append(Segment(text, (style + text_style).rich_style_with_offset(x, 0)))
                x += len(text)
            self._drawn = key, Strip(segments, shown.cell_length)
        return finish(self, [self._drawn[1]], crop)


class StripScrollBar(ScrollBar):
    """A vertical scrollbar drawn straight to strips: the same bar as Textual's (its own
    ``render_bar``, styles and mouse actions), kept until its size, position or colours
    change, with no trip through Rich's console and the styles cache."""

    _drawn: tuple[tuple, list[Strip]] | None = None
    _pieces: dict[tuple, Strip] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        bar = self.render()
        if type(bar) is not ScrollBarRender or not self.vertical or not plain_box(self):
            return super().render_lines(crop)  # a custom renderer or box: Textual draws it
        width, height = self.size
        base = self.visual_style.rich_style
        key = (width, height, bar.virtual_size, bar.window_size, bar.position, bar.style, base)
        if self._drawn is None or self._drawn[0] != key:
            segments = bar.render_bar(
                size=height, virtual_size=bar.virtual_size, window_size=bar.window_size,
                position=bar.position, thickness=width, vertical=True,
                back_color=bar.style.bgcolor or _BACK, bar_color=bar.style.color or _BAR,
            ).segments
            # a vertical bar is one segment a line, styled as Textual styles a widget's render;
            # it has a few kinds of line (track, thumb, ends): one strip each, kept while the
            # colours last, so a bar that moves makes no new strips (nor filters, nor cuts them)
            pieces = self._pieces if self._pieces is not None and len(self._pieces) < 64 else {}
            self._pieces, lines = pieces, []
            for segment in segments:
                piece = pieces.get((segment.text, segment.style, base, width))
                if piece is None:
                    piece = pieces[segment.text, segment.style, base, width] = Strip(
                        [Segment(segment.text, base + segment.style)], width)
                lines.append(piece)
            self._drawn = key, lines
        return finish(self, self._drawn[1][crop.y:crop.bottom], crop)


__all__ = ["NoteLine", "StripScrollBar", "finish", "plain_box"]
