"""Groups of positions that are all close to each other, and broader communities (suggested families).

Merge groups are complete-linkage clusters on the candidate graph: two groups join only when every
member of one is at or above the merge threshold with every member of the other, best pair first. A
missing edge counts as "too far", so chaining (A like B like C, but A unlike C) never happens. Ties are
broken by position code, so the same input always gives the same groups. A reviewer's rejected merge is
a constraint: no group may come to contain all members of a rejected set.

Communities are modularity clusters (Leiden) of the whole similarity graph: the broader job families a
reform would consolidate narrow positions into. Leiden's random start is seeded for determinism.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from kompiler.graph.similarity import Similarities


@dataclass(frozen=True)
class Group:
    """Row indices of the members (sorted) and the pairwise similarity inside the group."""

    members: tuple[int, ...]
    minimum: float
    mean: float


def merge_groups(
    sims: Similarities, threshold: float, max_size: int, rejected: Iterable[frozenset[int]] = ()
) -> list[Group]:
    """Complete-linkage groups of two or more members whose every pair scores at least ``threshold``."""
    keep = sims.score >= threshold
    left, right, score = sims.left[keep], sims.right[keep], sims.score[keep]
    members: dict[int, tuple[int, ...]] = {}
    links: dict[tuple[int, int], list[float]] = {}  # (a, b) → [edge count, minimum, sum]
    neighbours: dict[int, set[int]] = {}
    inner: dict[int, tuple[int, float, float]] = {}  # edges inside a group: count, minimum, sum
    heap: list[tuple[float, tuple[int, ...], int, int]] = []
    for a, b, s in zip(left.tolist(), right.tolist(), score.tolist(), strict=True):
        for node in (a, b):
            members.setdefault(node, (node,))
            neighbours.setdefault(node, set())
        neighbours[a].add(b)
        neighbours[b].add(a)
        links[(a, b)] = [1, s, s]
        heap.append((-s, (a, b), a, b))
    heapq.heapify(heap)  # every entry is distinct, so the pops come in the same order as pushing each
    rejected = [r for r in rejected if len(r) >= 2]
    next_id = max(members, default=-1) + 1
    alive = set(members)
    while heap:
        _, _, a, b = heapq.heappop(heap)
        if a not in alive or b not in alive:
            continue
        joined = tuple(sorted(members[a] + members[b]))
        if len(joined) > max_size or _completes_rejected(joined, members[a], members[b], rejected):
            continue
        new = next_id
        next_id += 1
        alive -= {a, b}
        alive.add(new)
        members[new] = joined
        neighbours[new] = set()
        for other in sorted((neighbours.pop(a) | neighbours.pop(b)) - {a, b}):
            neighbours[other] -= {a, b}
            count, minimum, total = 0, 1.0, 0.0
            for old in (a, b):
                link = links.pop(_key(old, other), None)
                if link is not None:
                    count += int(link[0])
                    minimum = min(minimum, link[1])
                    total += link[2]
            neighbours[other].add(new)
            neighbours[new].add(other)
            links[_key(new, other)] = [count, minimum, total]
            if count == len(joined) * len(members[other]):
                pair = tuple(sorted((joined, members[other])))
                heapq.heappush(heap, (-minimum, pair[0] + pair[1], new, other))
        between = links.pop(_key(a, b))
        inner_a, inner_b = inner.pop(a, (0, 1.0, 0.0)), inner.pop(b, (0, 1.0, 0.0))
        inner[new] = (
            int(between[0]) + inner_a[0] + inner_b[0],
            min(between[1], inner_a[1], inner_b[1]),
            between[2] + inner_a[2] + inner_b[2],
        )
    groups = []
    for cluster in sorted(alive, key=lambda c: members[c]):
        if len(members[cluster]) < 2:
            continue
        count, minimum, total = inner[cluster]
        groups.append(Group(members[cluster], minimum, total / count))
    return groups


def _key(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _completes_rejected(
    joined: tuple[int, ...], a: tuple[int, ...], b: tuple[int, ...], rejected: list[frozenset[int]]
) -> bool:
    whole, part_a, part_b = set(joined), set(a), set(b)
    return any(r <= whole and not r <= part_a and not r <= part_b for r in rejected)


def communities(sims: Similarities, resolution: float, seed: int = 38) -> np.ndarray:
    """A community label per position (row index) from Leiden modularity on the similarity graph."""
    import igraph

    n = len(sims.features.positions)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    graph = igraph.Graph(n=n, edges=np.column_stack([sims.left, sims.right]).tolist())
    previous = igraph.set_random_number_generator(random.Random(seed))
    try:
        partition = graph.community_leiden(
            objective_function="modularity",
            weights=sims.score.tolist() if len(sims.score) else None,
            resolution=resolution,
            n_iterations=-1,
        )
    finally:
        igraph.set_random_number_generator(previous if previous is not None else random)
    labels = np.asarray(partition.membership, dtype=np.int64)
    # Renumber by the first member so that labels do not depend on the algorithm's internal order.
    first: dict[int, int] = {}
    for _index, label in enumerate(labels.tolist()):
        first.setdefault(label, len(first))
    return np.array([first[label] for label in labels.tolist()], dtype=np.int64)
