"""The network of visible relations: nodes and edges, built only from what a view returns.

Headless: the map screen draws it (``famtui.tui.widgets.map_canvas``), the CLI prints it.
Nothing here reads the catalog; a graph at progress P is exactly the graph of a guide cut at P.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from famtui.record import Record
from famtui.relkinds import ending_text, inverse, short
from famtui.relkinds import label as _label

if TYPE_CHECKING:
    from famtui.gate import Tie, View


class Node(Record):
    id: str
    name: str
    kind: str


class Edge(Record):
    """``source <kind> target``; ``ended``/``until`` only once the viewer has seen the end."""

    source: str
    target: str
    kind: str
    label: str
    since: str
    until: str | None
    ended: str | None

    @property
    def caption(self) -> str:
        """The edge's label on the map: the kind, and how it ended once that is known."""
        return self.caption_from(self.source)

    def kind_from(self, node_id: str) -> str:
        """The kind as read from ``node_id``'s side (the inverse from the target's)."""
        return self.kind if node_id == self.source else inverse(self.kind)

    def caption_from(self, node_id: str) -> str:
        kind = short(self.kind_from(node_id))
        return f"{kind} ({ending_text(self.ended)})" if self.ended else kind


class Graph(Record):
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    center: str | None = None

    def node(self, node_id: str) -> Node | None:
        return next((node for node in self.nodes if node.id == node_id), None)

    def neighbours(self, node_id: str) -> list[str]:
        """Ids joined to ``node_id`` by an edge, in edge order, each once."""
        out: dict[str, None] = {}
        for edge in self.edges:
            if edge.source == node_id:
                out.setdefault(edge.target, None)
            elif edge.target == node_id:
                out.setdefault(edge.source, None)
        return list(out)

    def as_json(self) -> dict[str, Any]:
        return {
            "center": self.center,
            "nodes": [{"id": n.id, "name": n.name, "kind": n.kind} for n in self.nodes],
            "edges": [{"source": e.source, "target": e.target, "kind": e.kind, "label": e.label,
                       "since": e.since, "until": e.until, "ended": e.ended} for e in self.edges],
        }

    def lines(self) -> list[str]:
        """The graph as text: one line per edge, read from its source ("Ed Baldwin ─ married to →
        Karen Baldwin"), or from the centre of a one-entity map; then the nodes with no edge."""
        names = {node.id: node.name for node in self.nodes}
        out = []
        for edge in self.edges:
            end = f" · {ending_text(edge.ended)}, {edge.until}" if edge.ended else ""
            source, label, target = edge.source, edge.label, edge.target
            if self.center is not None and target == self.center:
                source, label, target = target, _label(inverse(edge.kind)), source
            out.append(f"{names[source]} ─ {label.lower()} → {names[target]}  (since {edge.since}{end})")
        linked = {e.source for e in self.edges} | {e.target for e in self.edges}
        out.extend(f"{node.name}  (no relations yet)" for node in self.nodes if node.id not in linked)
        return out


def _edge(tie: Tie) -> Edge:
    return Edge(tie.source.id, tie.target.id, tie.kind, tie.label, tie.since.code,
                tie.until.code if tie.until else None, tie.ended)


def build(view: View, center: str | None = None) -> Graph:
    """The whole visible network, or one entity's visible relations (``center``).

    Nodes come in the view's entity order (characters first, by name); edges in the view's
    relation order. An unknown or unseen ``center`` gives an empty graph.
    """
    ties = view.ties()
    if center is not None:
        if view.entity(center) is None:
            return Graph((), (), None)
        ties = tuple(t for t in ties if center in (t.source.id, t.target.id))
    wanted = {t.source.id for t in ties} | {t.target.id for t in ties}
    if center is not None:
        wanted.add(center)
    nodes = tuple(Node(s.id, s.name, s.kind) for s in view.entities() if s.id in wanted)
    return Graph(nodes, tuple(_edge(t) for t in ties), center)
