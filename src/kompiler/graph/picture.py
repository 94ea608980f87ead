"""What the site's graph picture and merge-proposals page print: a small structure, laid out at build time.

The site never touches the graph stage's internals. It consumes:

- :class:`GraphPicture`: ``families`` (one labelled box per job family, holding its positions),
  ``nodes`` (one per position: code, name, family, place, the lines of its label, its merge group),
  ``edges`` (pairs of position codes with a similarity score in 0–1), ``groups`` (the merge groups to
  highlight, each member joined to the next) and the picture's ``width`` and ``height``, drawn as SVG with hand-written script;
- a tuple of proposal dictionaries in the documented merge format (``proposal_dict`` of the graph stage:
  ``kode``, ``status``, ``keputusan``, ``anggota``, ``skor``, ``bukti``, ``usulan``), printed as is.

A reviewer reads the picture as a map of job families, so it is laid out as one: every family is a box
with its name on top, and the boxes are packed in rows about as wide as a screen's shape asks for (a
family followed by its sub-families, so related families sit side by side). Inside a box the positions take the cells of a grid, each cell
wide enough for the position's name on two lines, so no label ever covers another; they are placed in
the order of a walk along their strongest links, snaking through the rows, so linked positions (and so
the members of a merge group) are neighbours and their links short. Everything is computed from
sorted input with no randomness, linear in the number of positions and links: the same standards
always give the same picture, and 50,000 positions lay out in moments. Above :data:`LABEL_LIMIT`
positions only the merge groups' members carry a printed label (the others name themselves on hover and
focus), so the page stays a size a browser opens.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from kompiler.graph.merge import MergeResult, proposal_dict
from kompiler.model import Corpus

WIDTH = 1000.0  # the narrowest picture; a family wider than this widens it
EDGES_PER_NODE = 6
EDGES_PER_NODE_LARGE = 2  # above LABEL_LIMIT positions: a picture of thousands is read by its families
LABEL_LIMIT = 2000  # positions above which only merge-group members carry a printed label
CELL_WIDTH, CELL_HEIGHT = 170.0, 34.0  # one position: its dot and its name on two lines
LINE_CHARACTERS = 28  # characters of a label line that fit a cell at the picture's label size
PADDING, HEADER, GAP = 10.0, 24.0, 16.0  # inside a family box, its title band, between boxes
SHAPE = 1.5  # width over height the rows of boxes are packed for
TITLE_CHARACTER = 8.0  # width of one character of a family title, generously (13-unit bold serif)


@dataclass(frozen=True, slots=True)
class GraphNode:
    code: str
    name: str
    family: str
    x: float
    y: float
    label: tuple[str, ...]  # the printed lines of the name; empty when the node names itself on hover only
    group: str  # the code of the merge proposal it belongs to, or ""


@dataclass(frozen=True, slots=True)
class GraphEdge:
    source: str
    target: str
    score: float


@dataclass(frozen=True, slots=True)
class FamilyKey:
    """A job family's box: its place, size and printed title (the name, shortened only if it must be)."""

    code: str
    name: str
    colour: int
    x: float
    y: float
    width: float
    height: float
    title: str


@dataclass(frozen=True, slots=True)
class MergeGroup:
    """A merge proposal's members, to be drawn joined and highlighted."""

    code: str
    members: tuple[str, ...]
    score: float


@dataclass(frozen=True, slots=True)
class GraphPicture:
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    families: tuple[FamilyKey, ...]
    groups: tuple[MergeGroup, ...] = ()
    width: float = WIDTH
    height: float = 0.0

    def neighbours(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for edge in self.edges:
            out[edge.source].append(edge.target)
            out[edge.target].append(edge.source)
        return {code: sorted(codes) for code, codes in out.items()}


@dataclass(frozen=True)
class GraphData:
    picture: GraphPicture
    proposals: tuple[dict[str, Any], ...]


def graph_data(corpus: Corpus, merge: MergeResult) -> GraphData:
    """Lay out the graph stage's similarity graph of ``corpus`` and collect its proposals for the site.

    Only each position's strongest links are drawn (:data:`EDGES_PER_NODE`, fewer above
    :data:`LABEL_LIMIT` positions): enough to read the picture, not a hairball. They are chosen on the arrays of the merge stage, as a large corpus has
    about a million similarity pairs.
    """
    sims = merge.similarities
    codes = sims.codes
    score = np.array([round(value, 3) for value in sims.score.tolist()], dtype=np.float64)
    per_position = EDGES_PER_NODE if len(codes) <= LABEL_LIMIT else EDGES_PER_NODE_LARGE
    keep = strongest(codes, sims.left, sims.right, score, per_position)
    rank = code_rank(codes)
    keep = keep[np.lexsort((rank[sims.right[keep]], rank[sims.left[keep]]))]
    edges = [
        GraphEdge(codes[a], codes[b], value)
        for a, b, value in zip(
            sims.left[keep].tolist(), sims.right[keep].tolist(), score[keep].tolist(), strict=True
        )
    ]
    groups = [
        MergeGroup(p.code, tuple(sorted(p.member_codes)), round(p.similarity.mean, 3))
        for p in merge.proposals
    ]
    return GraphData(
        picture=layout(corpus, edges, groups),
        proposals=tuple(proposal_dict(p) for p in merge.proposals),
    )


def layout(corpus: Corpus, edges: list[GraphEdge], groups: Sequence[MergeGroup] = ()) -> GraphPicture:
    """Place every position of ``corpus``; see the module docstring for the boxes and their grids."""
    positions = sorted(corpus.positions.values(), key=lambda p: p.code)
    if not positions:
        return GraphPicture((), (), (), tuple(groups), WIDTH, 0.0)
    members: dict[str, list[str]] = defaultdict(list)
    for position in positions:
        members[position.family].append(position.code)
    group_of = {code: group.code for group in groups for code in group.members}
    together = {code: group.members for group in groups for code in group.members}
    links = _links(edges)
    names = {f: (corpus.families[f].name if f in corpus.families else f) for f in members}

    boxes = []
    for family in family_order(corpus, members):
        count = len(members[family])
        columns = max(1, round(math.sqrt(count * CELL_HEIGHT / CELL_WIDTH * 1.6)))
        rows = math.ceil(count / columns)
        width = max(columns * CELL_WIDTH, len(names[family]) * TITLE_CHARACTER) + 2 * PADDING
        boxes.append((family, columns, min(width, _widest(columns)), HEADER + rows * CELL_HEIGHT + PADDING))
    # Rows as wide as a picture about half again as wide as tall holding every box: a screen's shape,
    # whether there are ten families or a thousand.
    area = sum(width * height for _, _, width, height in boxes)
    total_width = round(max(WIDTH, *(width for _, _, width, _ in boxes), math.sqrt(area * SHAPE)), 1)

    labelled = len(positions) <= LABEL_LIMIT
    by_code = {p.code: p for p in positions}
    nodes: list[GraphNode] = []
    families: list[FamilyKey] = []
    x = y = row_height = 0.0
    for colour, (family, columns, width, height) in enumerate(boxes):
        if x > 0 and x + width > total_width:
            x, y, row_height = 0.0, y + row_height + GAP, 0.0
        title = _shorten(names[family], int((width - 2 * PADDING) / TITLE_CHARACTER))
        families.append(FamilyKey(family, names[family], colour, x, y, width, height, title))
        for index, code in enumerate(walk(members[family], links, together)):
            row, column = divmod(index, columns)
            if row % 2:  # snake: the walk turns at the row's end instead of jumping back
                column = columns - 1 - column
            position = by_code[code]
            group = group_of.get(code, "")
            nodes.append(
                GraphNode(
                    code,
                    position.name,
                    family,
                    round(x + PADDING + column * CELL_WIDTH + 8.0, 1),
                    round(y + HEADER + row * CELL_HEIGHT + CELL_HEIGHT / 2, 1),
                    label_lines(position.name) if labelled or group else (),
                    group,
                )
            )
        x += width + GAP
        row_height = max(row_height, height)
    placed = {node.code: index for index, node in enumerate(nodes)}
    nodes.sort(key=lambda node: node.code)
    return GraphPicture(
        tuple(nodes),
        tuple(edges),
        tuple(families),
        tuple(chained(group, placed) for group in groups),
        total_width,
        round(y + row_height, 1),
    )


def chained(group: MergeGroup, placed: dict[str, int]) -> MergeGroup:
    """``group`` with its members in the order they were placed, which the picture joins one to the
    next: a short chain through neighbouring cells, not a line between every pair (28 for a group of 8)."""
    members = sorted(group.members, key=lambda code: (placed.get(code, len(placed)), code))
    return MergeGroup(group.code, tuple(members), group.score)


def family_order(corpus: Corpus, members: dict[str, list[str]]) -> list[str]:
    """The families that hold positions, each followed by its sub-families (depth first, by code), so
    that a family and its sub-families sit side by side in the picture."""
    children: dict[str | None, list[str]] = defaultdict(list)
    for code in sorted(set(corpus.families) | set(members)):
        family = corpus.families.get(code)
        parent = family.parent if family is not None and family.parent in corpus.families else None
        children[parent].append(code)
    order: list[str] = []
    stack = list(reversed(children[None]))
    seen: set[str] = set()
    while stack:
        code = stack.pop()
        if code in seen:  # a cycle of parents is the rules' to report; the picture just stops there
            continue
        seen.add(code)
        if code in members:
            order.append(code)
        stack.extend(reversed(children.get(code, [])))
    order += [code for code in sorted(members) if code not in seen]  # families only reached by a cycle
    return order


def walk(
    codes: list[str],
    links: dict[str, list[tuple[float, str]]],
    together: dict[str, tuple[str, ...]] | None = None,
) -> list[str]:
    """``codes`` in the order of a breadth-first walk along the strongest links first, from the lowest
    code of each connected part: linked positions come one after the other. A position of a merge
    group (``together``: code → the group's members) brings its fellow members right after it, so a
    group is a run of neighbouring cells however the links between them rank."""
    inside = set(codes)
    fellows = together or {}
    order: list[str] = []
    seen: set[str] = set()
    queue: deque[str] = deque()

    def reach(code: str) -> None:
        seen.add(code)
        order.append(code)
        queue.append(code)
        for fellow in fellows.get(code, ()):
            if fellow in inside and fellow not in seen:
                seen.add(fellow)
                order.append(fellow)
                queue.append(fellow)

    for start in codes:  # codes arrive sorted
        if start in seen:
            continue
        reach(start)
        while queue:
            for _, other in links.get(queue.popleft(), ()):
                if other in inside and other not in seen:
                    reach(other)
    return order


def label_lines(name: str) -> tuple[str, ...]:
    """A position's name on at most two lines of :data:`LINE_CHARACTERS`, broken between words; a name
    that does not fit ends in an ellipsis (the full name is in the node's title and shown on hover)."""
    lines: list[str] = []
    current = ""
    cut = False
    for word in name.split():
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= LINE_CHARACTERS or not current:
            current = candidate
            continue
        lines.append(current)
        current = word
        if len(lines) == 2:
            cut = True
            break
    else:
        if current:
            lines.append(current)
    lines = [_shorten(line, LINE_CHARACTERS) for line in lines]
    if cut:
        last = lines[-1]
        lines[-1] = f"{last} …" if len(last) + 2 <= LINE_CHARACTERS else _shorten(last + "…", LINE_CHARACTERS)
    return tuple(lines)


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: max(1, limit - 1)].rstrip() + "…"


def _widest(columns: int) -> float:
    """A box is never narrower than its grid, whatever its title."""
    return max(WIDTH, columns * CELL_WIDTH + 2 * PADDING)


def _links(edges: list[GraphEdge]) -> dict[str, list[tuple[float, str]]]:
    """Each position's links, strongest first (ties by code)."""
    out: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for edge in edges:
        out[edge.source].append((-edge.score, edge.target))
        out[edge.target].append((-edge.score, edge.source))
    for linked in out.values():
        linked.sort()
    return out


def strongest(
    codes: Sequence[str], left: np.ndarray, right: np.ndarray, score: np.ndarray, per_position: int
) -> np.ndarray:
    """Indices, ascending, of the pairs among the ``per_position`` highest-scoring pairs of either position.

    Equal scores are ranked by the codes of the pair (left, then right), so the choice never depends on
    the order the pairs come in.
    """
    count = len(score)
    if count == 0 or per_position <= 0:
        return np.zeros(0, dtype=np.int64)
    rank = code_rank(codes)
    pair = np.concatenate([np.arange(count), np.arange(count)])
    end = np.concatenate([left, right])
    order = np.lexsort((rank[right][pair], rank[left][pair], -score[pair], end))
    end, pair = end[order], pair[order]
    first = np.searchsorted(end, end, side="left")
    place = np.arange(len(end)) - first
    return np.unique(pair[place < per_position])


def code_rank(codes: Sequence[str]) -> np.ndarray:
    """Each code's place in code order (``rank[i] < rank[j]`` exactly when ``codes[i] < codes[j]``)."""
    rank = np.empty(len(codes), dtype=np.int64)
    rank[np.array(sorted(range(len(codes)), key=codes.__getitem__), dtype=np.int64)] = np.arange(len(codes))
    return rank
