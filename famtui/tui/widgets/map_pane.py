"""The map: the network of visible relations (one entity's, or everyone's), drawn with
box-drawing characters; arrows move along the edges, Enter opens the highlighted page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer, Vertical
from textual.geometry import Region
from textual.widgets import Static

from famtui.graph import Graph, build
from famtui.maplayout import BOX_H, Layout, layout
from famtui.tui.mapdraw import draw, highlight
from famtui.tui.text import line
from famtui.tui.widgets.pane import Open

if TYPE_CHECKING:
    from famtui.gate import View

DIRECTIONS = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}


def step(graph: Graph, plan: Layout, selected: str, direction: str) -> str | None:
    """The node to move to from ``selected``: a neighbour in that direction if there is one,
    else the nearest node in that direction; None when nothing lies that way."""
    dx, dy = DIRECTIONS[direction]
    here = plan.boxes[selected]
    cx, cy = here.center

    def ahead(node_id: str) -> tuple[int, int] | None:
        box = plan.boxes[node_id]
        x, y = box.center
        along = (x - cx) * dx + (y - cy) * dy * 4  # rows are about twice as tall as columns
        across = abs((x - cx) * dy) + abs((y - cy) * dx) * 2
        if along <= 0:
            return None
        return across, along

    for pool in (graph.neighbours(selected), [n.id for n in graph.nodes if n.id != selected]):
        scored = [(score, node_id) for node_id in pool if (score := ahead(node_id)) is not None]
        if scored:
            return min(scored)[1]
    return None


class MapCanvas(ScrollableContainer, can_focus=True):
    """The drawing, scrollable both ways; holds the keyboard selection."""

    BINDINGS = [
        Binding("left,h", "move('left')", "Left", show=False, id="map.left",
                tooltip="Move left along an edge"),
        Binding("right,l", "move('right')", "Right", show=False, id="map.right",
                tooltip="Move right along an edge"),
        Binding("up,k", "move('up')", "Up", show=False, id="map.up", tooltip="Move up along an edge"),
        Binding("down,j", "move('down')", "Down", show=False, id="map.down",
                tooltip="Move down along an edge"),
        Binding("enter", "open", "Open page", id="map.open", tooltip="Open the highlighted page"),
        Binding("a", "toggle_all", "All / one", id="map.all",
                tooltip="Switch between everyone's map and the highlighted one's"),
    ]

    def action_move(self, direction: str) -> None:
        self.parent.move(direction)  # type: ignore[union-attr]

    def action_open(self) -> None:
        self.parent.open_selected()  # type: ignore[union-attr]

    def action_toggle_all(self) -> None:
        self.parent.toggle_all()  # type: ignore[union-attr]


class MapPane(Vertical):
    """Title, a one-line key hint, and the canvas."""

    item = ""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.graph = Graph((), ())
        self.plan = Layout(0, 0, {}, [])
        self.selected: str | None = None
        self._view: View | None = None
        self._base = None  # the drawing with nothing selected, kept while the graph is the same

    def compose(self) -> ComposeResult:
        yield Static(id="map-title", classes="pane-title")
        yield Static(line(("arrows move along an edge · Enter opens · a everyone/one",
                           "$text-muted")), classes="muted")
        with MapCanvas(id="map-canvas"):
            yield Static(id="map-drawing")

    def show_map(self, view: View, center: str = "") -> bool:
        if center and view.entity(center) is None:
            return False
        self._view = view
        self.graph = build(view, center or None)
        self.plan = layout(self.graph)
        self._base = None
        self.item = center
        if center:
            self.selected = center
        elif self.selected not in self.plan.boxes:
            self.selected = self.graph.nodes[0].id if self.graph.nodes else None
        page = view.entity(center) if center else None
        title = f"Map: {page.name}" if page else "Map: everyone"
        nodes, edges = len(self.graph.nodes), len(self.graph.edges)
        counts = (f"   {nodes} node{'s' if nodes != 1 else ''}, {edges} relation{'s' if edges != 1 else ''}"
                  f" as of {view.progress_label}")
        self.query_one("#map-title", Static).update(line((title, "bold"), (counts, "$text-muted")))
        self.redraw()
        return True

    def reset(self) -> None:
        """Forget the map (the view changed); it is rebuilt when opened again."""
        self.graph, self.plan, self.selected, self._view, self.item = Graph((), ()), Layout(0, 0, {}, []), \
            None, None, ""
        self._base = None
        self.query_one("#map-title", Static).update("")
        self.query_one("#map-drawing", Static).update("")

    def redraw(self) -> None:
        drawing = self.query_one("#map-drawing", Static)
        if not self.graph.nodes:
            drawing.update(line(("No relations yet.", "$text-muted")))
            return
        if self._base is None:
            self._base = draw(self.plan, {node.id: node.name for node in self.graph.nodes})
        drawing.update(highlight(self._base, self.plan, self.selected))
        self.call_after_refresh(self._reveal)

    def _reveal(self, tries: int = 4) -> None:
        """Bring the selected box to the middle of the view, once the canvas knows the size of
        a new drawing (a switch to everyone's map grows it: scrolling before that is clamped)."""
        if self.selected is None or self.selected not in self.plan.boxes:
            return
        box = self.plan.boxes[self.selected]
        canvas = self.query_one(MapCanvas)
        region = Region(box.x, box.y, box.w, BOX_H)
        size = canvas.virtual_size
        if (size.width < region.right or size.height < region.bottom) and tries:
            self.call_after_refresh(self._reveal, tries - 1)
            return
        canvas.scroll_to_region(region, animate=False, center=True, immediate=True)

    def focus_canvas(self) -> None:
        self.screen.set_focus(self.query_one(MapCanvas))

    def move(self, direction: str) -> None:
        if self.selected is None or self.selected not in self.plan.boxes:
            return
        target = step(self.graph, self.plan, self.selected, direction)
        if target is None:
            self.app.bell()
            return
        self.selected = target
        self.redraw()

    def open_selected(self) -> None:
        if self.selected is not None:
            self.post_message(Open("entity", self.selected))

    def toggle_all(self) -> None:
        if self._view is None:
            return
        target = "" if self.item else (self.selected or "")
        self.post_message(Open("map", target))
