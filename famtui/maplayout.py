"""Where a graph's boxes and lines go on a character grid (headless; grandalf's Sugiyama layout).

Each connected part of the graph is laid out in layers by grandalf (crossing reduction and
Brandes-Koepf placement); parts are stacked top to bottom, the largest first. Every line runs
between two neighbouring layers in the gap below the upper one, on its own row of that gap,
so lines never run on top of each other. Edges joining the same two nodes share one line
(their captions are joined). The result depends only on the graph, so a graph at progress P
is drawn exactly as the graph of a guide cut at P.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from famtui.episodes import parse_code
from famtui.graph import Graph

BOX_H = 3  # top border, name, bottom border
GAP_X = 3


@dataclass(frozen=True)
class Box:
    id: str
    x: int  # left column
    y: int  # top row
    w: int

    @property
    def center(self) -> tuple[int, int]:
        return self.x + self.w // 2, self.y + 1


@dataclass
class Line:
    """A drawn connection: a path of grid points (orthogonal steps) and its caption."""

    ends: tuple[str, str]
    caption: str
    ended: bool  # every relation on it has a known end
    points: list[tuple[int, int]] = field(default_factory=list)
    label_at: tuple[int, int] | None = None  # the caption's first cell


@dataclass
class Layout:
    width: int
    height: int
    boxes: dict[str, Box]
    lines: list[Line]


class _View:
    def __init__(self, w: float, h: float) -> None:
        self.w, self.h = w, h
        self.xy = (0.0, 0.0)


def box_width(name: str) -> int:
    return len(name) + 4


def layout(graph: Graph) -> Layout:
    """Boxes for every node and a path for every pair of joined nodes.

    One entity's map is a fan (the entity on the left, each relation a labelled branch to
    one box on the right, in the graph's order); everyone's map is layered by grandalf.
    """
    if graph.center is not None:
        return _fan(graph, graph.center)
    return _layered(graph)


def _fan(graph: Graph, center: str) -> Layout:
    """The centre's box, a trunk, and one branch per neighbour with its caption on it."""
    from famtui.relkinds import KINDS

    names = {node.id: node.name for node in graph.nodes}
    order = {kind: i for i, kind in enumerate(KINDS)}
    branches: dict[str, list] = {}
    # As the page's cards: by kind read from the centre (the vocabulary's order), then by
    # the episode that revealed the relation, then in edge order.
    for edge in sorted(graph.edges, key=lambda e: (order[e.kind_from(center)], parse_code(e.since))):
        other = edge.target if edge.source == center else edge.source
        branches.setdefault(other, []).append(edge)
    count = len(branches)
    middle = max(count * (BOX_H + 1) - 1, BOX_H) // 2 - 1
    hub = Box(center, 0, max(middle, 0), box_width(names[center]))
    if not branches:
        return Layout(hub.w, BOX_H, {center: hub}, [])
    captions = {other: ", ".join(dict.fromkeys(e.caption_from(center) for e in edges))
                for other, edges in branches.items()}
    trunk = hub.x + hub.w + 1
    column = trunk + max(len(caption) for caption in captions.values()) + 5
    boxes = {center: hub}
    lines = []
    y_hub = hub.y + 1
    for row, (other, edges) in enumerate(branches.items()):
        box = Box(other, column, row * (BOX_H + 1), box_width(names[other]))
        boxes[other] = box
        y = box.y + 1
        points = [(hub.x + hub.w - 1, y_hub), (trunk, y_hub), (trunk, y), (box.x, y)]
        key = (edges[0].source, edges[0].target)
        lines.append(Line(key, captions[other], all(e.ended for e in edges), points, (trunk + 2, y)))
    width = max(box.x + box.w for box in boxes.values())
    height = max(box.y + BOX_H for box in boxes.values())
    return Layout(width, height, boxes, lines)


def _layered(graph: Graph) -> Layout:
    from grandalf.graphs import Edge as GEdge
    from grandalf.graphs import Vertex, graph_core
    from grandalf.layouts import SugiyamaLayout

    # One line per joined pair, in edge order; captions joined.
    pairs: dict[tuple[str, str], list] = {}
    for edge in graph.edges:
        key = (edge.source, edge.target) if (edge.target, edge.source) not in pairs else (
            edge.target, edge.source)
        pairs.setdefault(key, []).append(edge)
    names = {node.id: node.name for node in graph.nodes}
    vertices = {node.id: Vertex(node.id) for node in graph.nodes}
    for vertex in vertices.values():
        vertex.view = _View(box_width(names[vertex.data]), BOX_H)
    # Connected parts found here, in node and edge order (grandalf's own Graph collects a
    # part's edges in a set, which would make the drawing differ from run to run).
    part_of = {node_id: node_id for node_id in vertices}

    def find(node_id: str) -> str:
        while part_of[node_id] != node_id:
            node_id = part_of[node_id]
        return node_id

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            part_of[max(ra, rb, key=list(vertices).index)] = min(ra, rb, key=list(vertices).index)
    members: dict[str, list[str]] = {}
    for node_id in vertices:
        members.setdefault(find(node_id), []).append(node_id)
    parts = []
    for ids in members.values():
        inside = set(ids)
        edges = [GEdge(vertices[a], vertices[b], data=(a, b)) for a, b in pairs if a in inside]
        parts.append(graph_core([vertices[i] for i in ids], edges))
    parts.sort(key=lambda core: -len(core.sV))
    boxes: dict[str, Box] = {}
    lines: list[Line] = []
    top, width = 0, 0
    for core in parts:
        rows, part_width = _place_part(core, SugiyamaLayout, top, boxes, lines, pairs)
        top += rows + 1
        width = max(width, part_width)
    return Layout(width, max(top - 1, 0), boxes, lines)


def _place_part(core, sugiyama, top: int, boxes: dict[str, Box], lines: list[Line],
                pairs: dict[tuple[str, str], list]) -> tuple[int, int]:
    """Lay out one connected part from row ``top``; returns its height and width."""
    order = {id(v): i for i, v in enumerate(core.sV)}
    if len(core.sV) == 1:
        (vertex,) = core.sV
        box = Box(vertex.data, 0, top, int(vertex.view.w))
        boxes[box.id] = box
        return BOX_H, box.w
    sug = sugiyama(core)
    sug.xspace, sug.yspace = GAP_X, 2
    roots = sorted((v for v in core.sV if not v.e_in()), key=lambda v: order[id(v)])
    sug.init_all(roots=roots or [core.sV[0]], optimize=True)  # long edges pulled down: ~20% narrower
    for layer in sug.layers:
        for v in layer:
            if not hasattr(v, "data"):
                v.view.w, v.view.h = 1, BOX_H
    sug.draw(3)

    # Columns: grandalf's x, shifted so the part starts at column 0.
    def left(v) -> float:
        return v.view.xy[0] - v.view.w / 2
    shift = min(left(v) for layer in sug.layers for v in layer)
    column: dict[int, int] = {}
    for layer in sug.layers:
        placed = -GAP_X
        for v in sorted(layer, key=lambda v: v.view.xy[0]):
            x = max(round(left(v) - shift), placed + (GAP_X if hasattr(v, "data") else 1))
            column[id(v)] = x
            placed = x + int(v.view.w)

    # Rows: each layer is a band of boxes, then a gap with one row per line crossing it.
    rank = {id(v): sug.grx[v].rank for layer in sug.layers for v in layer}
    chains = []
    for key, gedge in ((k, e) for k, e in _edges(core, pairs)):
        a, b = gedge.v
        if rank[id(a)] > rank[id(b)]:
            a, b = b, a
        chain = [a]
        if gedge in sug.ctrls:
            ctrl = sug.ctrls[gedge]
            chain.extend(ctrl[r] for r in range(rank[id(a)] + 1, rank[id(b)]))
        chain.append(b)
        chains.append((key, chain))

    # Ports: where each line leaves a box's bottom or enters its top, spread by the other end.
    down: dict[int, list] = {}
    up: dict[int, list] = {}
    for index, (_, chain) in enumerate(chains):
        for step, (u, v) in enumerate(pairwise(chain)):
            down.setdefault(id(u), []).append((column[id(v)], index, step))
            up.setdefault(id(v), []).append((column[id(u)], index, step))
    port: dict[tuple[int, int, str], int] = {}
    for table, side in ((down, "down"), (up, "up")):
        for vid, items in table.items():
            items.sort()
            width = _width_of(vid, core, sug)
            x0 = column[vid]
            if width == 1:
                for _, index, step in items:
                    port[(index, step, side)] = x0
                continue
            inner = max(width - 2, 1)
            for i, (_, index, step) in enumerate(items):
                offset = 1 + (i * inner) // len(items) + (inner // len(items)) // 2
                port[(index, step, side)] = x0 + min(offset, width - 2)

    # Tracks in each gap: a row for each line segment that turns or carries the caption;
    # segments whose stretches (caption included) do not meet share a row.
    captions = [", ".join(dict.fromkeys(e.caption for e in pairs[key])) for key, _ in chains]
    gaps: dict[int, list[tuple[int, int]]] = {}
    for index, (_, chain) in enumerate(chains):
        for step, (u, _) in enumerate(pairwise(chain)):
            x1, x2 = port[(index, step, "down")], port[(index, step, "up")]
            if x1 != x2 or step == 0:
                gaps.setdefault(rank[id(u)], []).append((index, step))
    tracks: dict[tuple[int, int], int] = {}
    rows: dict[int, int] = {}
    for r, items in gaps.items():
        rows[r] = _pack(items, port, captions, tracks)
    band_top: list[int] = []
    y = top
    for r in range(len(sug.layers)):
        band_top.append(y)
        y += BOX_H + rows.get(r, 0) + 1
    height = y - top - rows.get(len(sug.layers) - 1, 0) - 1

    part_width = 0
    for layer in sug.layers:
        for v in layer:
            if hasattr(v, "data"):
                box = Box(v.data, column[id(v)], band_top[rank[id(v)]], int(v.view.w))
                boxes[box.id] = box
                part_width = max(part_width, box.x + box.w)
    for index, (key, chain) in enumerate(chains):
        edges = pairs[key]
        line = Line(key, captions[index], all(e.ended for e in edges))
        points: list[tuple[int, int]] = []
        for step, (u, _) in enumerate(pairwise(chain)):
            r = rank[id(u)]
            x1, x2 = port[(index, step, "down")], port[(index, step, "up")]
            y1 = band_top[r] + BOX_H - 1  # the upper box's bottom border (or a dummy's last row)
            y2 = band_top[r + 1]  # the lower box's top border
            if not hasattr(u, "data"):
                points.append((x1, band_top[r]))
            if (index, step) in tracks:
                track = band_top[r] + BOX_H + tracks[(index, step)]
                points.extend([(x1, y1), (x1, track), (x2, track), (x2, y2)])
                if step == 0:
                    line.label_at = (max(x1, x2) + 2, track)
            else:
                points.extend([(x1, y1), (x2, y2)])
        line.points = points
        lines.append(line)
        part_width = max(part_width, *(x + 1 for x, _ in points))
    return height, part_width


def _pack(items: list[tuple[int, int]], port: dict, captions: list[str],
          tracks: dict[tuple[int, int], int]) -> int:
    """Give each segment of one gap a row (``tracks``); returns how many rows the gap needs.

    Two segments share a row when their stretches, with the caption beside the first
    segment of a line, are at least a column apart. Where one segment's line comes down a
    column that another's goes on down, the first turns on an earlier row, so the two
    never run on top of each other.
    """
    spans = {}
    for index, step in items:
        a, b = port[(index, step, "down")], port[(index, step, "up")]
        end = max(a, b) + (2 + len(captions[index]) if step == 0 else 0)
        spans[(index, step)] = (min(a, b), end, a, b)
    used: dict[int, list[tuple[int, int]]] = {}
    for item in sorted(items, key=lambda it: (spans[it][0], spans[it][1], it)):
        start, end, a, b = spans[item]
        below, above = -1, len(items) + 1  # the row must lie strictly between these
        for other, row in tracks.items():
            if other not in spans:
                continue
            _, _, oa, ob = spans[other]
            if ob == a:  # the other comes up this column from below its row: turn above it
                above = min(above, row)
            if oa == b:  # the other goes down this column to its row: turn below it
                below = max(below, row)
        row = next((t for t in range(below + 1, above)
                    if all(e + 1 < start or end + 1 < s for s, e in used.get(t, ()))),
                   max(used, default=-1) + 1)
        tracks[item] = row
        used.setdefault(row, []).append((start, end))
    return max(used, default=-1) + 1


def _edges(core, pairs):
    for gedge in core.sE:
        yield gedge.data, gedge


def _width_of(vid: int, core, sug) -> int:
    for layer in sug.layers:
        for v in layer:
            if id(v) == vid:
                return int(v.view.w)
    return 1
