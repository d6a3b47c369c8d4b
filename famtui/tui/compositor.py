"""The main screen's compositor: a partial update renders only the lines it repaints.

On a partial update (a keystroke in search repaints the query, the note and some hits)
Textual's compositor asks every widget whose *clip* meets the repainted area for all of
its lines, and then keeps the few it needs; a pane that sits straight on the screen is
clipped by the whole screen, so every pane, the episode list, the status line and the
screen itself are rendered again for a keystroke that changed none of them. Here a widget
is asked only for the lines of its visible part that fall in the repainted rows, and not
at all when that part lies outside them. What reaches the terminal is the same:
``tests/test_compositor.py`` lays every update on a grid of cells, as a terminal would,
and holds it to a full render by Textual's own compositor after each of 40 keys.

``_get_renders`` is Textual's (8.x) own hook inside its compositor; :func:`cropping` puts
this one in only where the compositor is exactly the class it was written against.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip


class CroppedCompositor(Compositor):
    def _get_renders(self, crop: Region | None = None) -> Iterable[tuple[Region, Region, list[Strip]]]:
        intersection = Region.intersection
        for widget, (region, clip) in self.visible_widgets.items():
            x, y, width, height = intersection(region, clip)
            if crop is not None:  # keep the rows of the update; none if the widget is beside it
                top, bottom = max(y, crop.y), min(y + height, crop.bottom)
                if bottom <= top or x >= crop.right or x + width <= crop.x:
                    continue
                y, height = top, bottom - top
            if width and height:
                # the clip handed back is what was rendered: the caller lays it over the region
                yield region, Region(x, y, width, height), widget.render_lines(
                    Region(x - region.x, y - region.y, width, height))


def cropping(compositor: Compositor) -> Compositor:
    """A cropping compositor in place of Textual's, when Textual's is the one this knows."""
    if type(compositor) is Compositor and callable(getattr(Compositor, "_get_renders", None)):
        return CroppedCompositor()
    return compositor
