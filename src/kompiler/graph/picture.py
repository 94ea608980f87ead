"""What the site's graph picture and merge-proposals page print: a small structure, laid out at build time.

The site never touches the graph stage's internals. It consumes:

- :class:`GraphPicture`: ``nodes`` (one per position: code, name, family, x and y in the SVG's
  0–1000 × 0–700 box), ``edges`` (pairs of position codes with a similarity score in 0–1) and
  ``families`` (code, name, colour index), drawn as SVG with hand-written script;
- a tuple of proposal dictionaries in the documented merge format (``proposal_dict`` of the graph stage:
  ``kode``, ``status``, ``keputusan``, ``anggota``, ``skor``, ``bukti``, ``usulan``), printed as is.

The layout is deterministic (fixed seeds, sorted input) and two-level, so it stays fast for thousands of
positions and reads as a map of job families: families are placed by a spring layout of the family
graph (weighted by the similarity between their positions), then each family's positions by a spring
layout of their own links, inside a disc sized to the family and centred on the family's place.
A family too large for a spring layout (its cost grows with the square of its size) is drawn as a
sunflower spiral instead, its positions in code order, so a 50,000-position corpus still lays out in
moments and the same standards always give the same picture.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from kompiler.graph.merge import MergeResult, proposal_dict
from kompiler.model import Corpus

WIDTH, HEIGHT, MARGIN = 1000.0, 700.0, 50.0
MAX_SCALE = 140.0  # SVG units per layout unit: keeps a small graph compact and centred
EDGES_PER_NODE = 6
SEED = 38
SPRING_LIMIT = 150  # positions in one family above which it is drawn as a spiral, not a spring layout


@dataclass(frozen=True, slots=True)
class GraphNode:
    code: str
    name: str
    family: str
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class GraphEdge:
    source: str
    target: str
    score: float


@dataclass(frozen=True, slots=True)
class FamilyKey:
    code: str
    name: str
    colour: int
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class GraphPicture:
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    families: tuple[FamilyKey, ...]

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

    Only each position's strongest links are drawn (:data:`EDGES_PER_NODE`): enough to read the
    picture, not a hairball. They are chosen on the arrays of the merge stage, as a large corpus has
    about a million similarity pairs.
    """
    sims = merge.similarities
    codes = sims.codes
    score = np.array([round(value, 3) for value in sims.score.tolist()], dtype=np.float64)
    keep = strongest(codes, sims.left, sims.right, score, EDGES_PER_NODE)
    rank = code_rank(codes)
    keep = keep[np.lexsort((rank[sims.right[keep]], rank[sims.left[keep]]))]
    edges = [
        GraphEdge(codes[a], codes[b], value)
        for a, b, value in zip(
            sims.left[keep].tolist(), sims.right[keep].tolist(), score[keep].tolist(), strict=True
        )
    ]
    return GraphData(
        picture=layout(corpus, edges),
        proposals=tuple(proposal_dict(p) for p in merge.proposals),
    )


def layout(corpus: Corpus, edges: list[GraphEdge]) -> GraphPicture:
    """Place every position of ``corpus``; see the module docstring for the two-level layout."""
    positions = sorted(corpus.positions.values(), key=lambda p: p.code)
    members: dict[str, list[str]] = defaultdict(list)
    for position in positions:
        members[position.family].append(position.code)
    family_of = {p.code: p.family for p in positions}
    family_codes = sorted(members)
    if not family_codes:
        return GraphPicture((), (), ())

    family_graph = nx.Graph()
    family_graph.add_nodes_from(family_codes)
    for edge in edges:
        a, b = family_of[edge.source], family_of[edge.target]
        if a != b:
            weight = family_graph.get_edge_data(a, b, {"weight": 0.0})["weight"]
            family_graph.add_edge(a, b, weight=weight + edge.score)
    radius = {f: 0.6 * math.sqrt(len(members[f])) + 0.4 for f in family_codes}
    centres = _spread(_spring(family_graph), radius)

    inside: dict[str, list[GraphEdge]] = defaultdict(list)
    for edge in edges:
        if family_of[edge.source] == family_of[edge.target]:
            inside[family_of[edge.source]].append(edge)
    places: dict[str, tuple[float, float]] = {}
    for family in family_codes:
        if len(members[family]) > SPRING_LIMIT:
            local = _sunflower(members[family])
        else:
            graph = nx.Graph()
            graph.add_nodes_from(members[family])
            graph.add_weighted_edges_from((e.source, e.target, e.score) for e in inside[family])
            local = _spring(graph)
        cx, cy = centres[family]
        for code, (x, y) in local.items():
            places[code] = (cx + x * radius[family] * 0.85, cy + y * radius[family] * 0.85)

    scale = _fit(list(places.values()))
    names = {f: (corpus.families[f].name if f in corpus.families else f) for f in family_codes}
    nodes = tuple(GraphNode(p.code, p.name, p.family, *scale(places[p.code])) for p in positions)
    families = tuple(
        FamilyKey(
            f, names[f], index, *_label_place(scale(centres[f]), [scale(places[c]) for c in members[f]])
        )
        for index, f in enumerate(family_codes)
    )
    return GraphPicture(nodes, tuple(edges), families)


def _label_place(centre: tuple[float, float], points: list[tuple[float, float]]) -> tuple[float, float]:
    """A family's name goes just above its topmost position, kept inside the picture."""
    x = min(max(centre[0], 120.0), WIDTH - 120.0)
    y = max(min(p[1] for p in points) - 14.0, 16.0)
    return round(x, 1), round(y, 1)


def _spring(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """A deterministic spring layout in the unit disc (one node sits at the centre)."""
    nodes = sorted(graph.nodes)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    ordered = nx.Graph()
    ordered.add_nodes_from(nodes)
    ordered.add_edges_from(sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])))
    # A longer ideal distance than the default 1/sqrt(n), so that linked positions stay apart enough
    # for the line between them to be seen.
    raw = nx.spring_layout(ordered, k=2.5 / math.sqrt(len(nodes)), seed=SEED, iterations=60, method="force")
    biggest = max((math.hypot(x, y) for x, y in raw.values()), default=1.0) or 1.0
    return {code: (float(x) / biggest, float(y) / biggest) for code, (x, y) in raw.items()}


def _sunflower(codes: list[str]) -> dict[str, tuple[float, float]]:
    """Evenly spaced points filling the unit disc (Vogel's spiral), one per code, in the given order."""
    golden = math.pi * (3.0 - math.sqrt(5.0))
    count = len(codes)
    return {
        code: (
            math.sqrt((i + 0.5) / count) * math.cos(i * golden),
            math.sqrt((i + 0.5) / count) * math.sin(i * golden),
        )
        for i, code in enumerate(codes)
    }


def _spread(
    centres: dict[str, tuple[float, float]], radius: dict[str, float]
) -> dict[str, tuple[float, float]]:
    """Scale the family layout up until no two family discs overlap."""
    codes = sorted(centres)
    factor = 1.0
    for i, a in enumerate(codes):
        for b in codes[i + 1 :]:
            distance = math.dist(centres[a], centres[b]) or 1e-6
            factor = max(factor, (radius[a] + radius[b]) * 1.1 / distance)
    return {c: (x * factor, y * factor) for c, (x, y) in centres.items()}


def _fit(points: list[tuple[float, float]]):
    """A function mapping layout coordinates into the SVG box, centred, keeping the aspect ratio."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    min_x, min_y = min(xs), min(ys)
    span_x, span_y = max(xs) - min_x, max(ys) - min_y
    scale = min(
        (WIDTH - 2 * MARGIN) / max(span_x, 1e-9), (HEIGHT - 2 * MARGIN) / max(span_y, 1e-9), MAX_SCALE
    )
    off_x, off_y = (WIDTH - span_x * scale) / 2, (HEIGHT - span_y * scale) / 2

    def place(point: tuple[float, float]) -> tuple[float, float]:
        return (round(off_x + (point[0] - min_x) * scale, 1), round(off_y + (point[1] - min_y) * scale, 1))

    return place


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
