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
from itertools import chain

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
    """Complete-linkage groups of two or more members whose every pair scores at least ``threshold``.

    Each step merges the best pair of live clusters that is completely linked (every pair of their
    members is an edge): the higher minimum first and, on equal minima, the pair whose members (the
    earlier cluster's, then the other's) come first. A pair too large or completing a rejected set is
    passed over. A cluster's links are summed in the order of its merges, so the means are the same
    numbers on every run.

    A large corpus has hundreds of thousands of edges between single positions and merges only a few
    percent of them, so single positions are kept out of the dictionaries and the heap: their pairs are
    read in merge order from sorted arrays, and their links from an adjacency list of the edges. Only the
    clusters that merging makes get dictionary entries and heap entries.
    """
    keep = sims.score >= threshold
    left, right, score = sims.left[keep], sims.right[keep], sims.score[keep]
    singles = int(max(left.max(), right.max())) + 1 if len(score) else 0
    ends = np.concatenate([left, right])
    by_end = np.argsort(ends, kind="stable")
    starts = np.searchsorted(ends[by_end], np.arange(singles + 1)).tolist()
    adjacent = np.concatenate([right, left])[by_end].tolist()
    adjacent_score = np.concatenate([score, score])[by_end].tolist()
    order = np.lexsort((right, left, -score))
    pair_left, pair_right, pair_key = left[order].tolist(), right[order].tolist(), (-score[order]).tolist()

    # The live cluster each position is in: itself while alone; merged clusters count from ``singles``.
    cluster = list(range(singles))
    dead = bytearray(2 * singles)  # clusters merged into a larger one
    members: dict[int, tuple[int, ...]] = {}  # of the merged clusters
    neighbours: dict[int, set[int]] = {}  # of the merged clusters: the live clusters with an edge to it
    links: dict[tuple[int, int], list[float]] = {}  # (other, merged) → [edge count, minimum, sum]
    inner: dict[int, tuple[int, float, float]] = {}  # edges inside a merged cluster: count, minimum, sum
    # Completely linked pairs of a merged cluster and a cluster that was there before it, best last,
    # and the best of each merged cluster's pairs in the heap.
    candidates: dict[int, list[tuple[float, tuple[int, ...], int]]] = {}
    heap: list[tuple[float, tuple[int, ...], int, int]] = []
    rejected = [r for r in rejected if len(r) >= 2]

    def members_of(c: int) -> tuple[int, ...]:
        return members[c] if c >= singles else (c,)

    def links_of(c: int, partner: int) -> dict[int, list[float]]:
        """The links of ``c`` to every live cluster but ``partner``, taken out of ``links``."""
        if c >= singles:
            return {
                other: links.pop((other, c) if other < c else (c, other))
                for other in neighbours.pop(c)
                if other != partner
            }
        found: dict[int, list[float]] = {}
        for k in range(starts[c], starts[c + 1]):
            other = cluster[adjacent[k]]
            if other != partner and other not in found:
                found[other] = (
                    links.pop((c, other)) if other >= singles else [1, adjacent_score[k], adjacent_score[k]]
                )
        return found

    def offer(c: int) -> None:
        """Put the best pair of ``c`` whose partner is still live into the heap."""
        waiting = candidates.get(c, [])
        while waiting:
            key, concatenated, other = waiting.pop()
            if not dead[other]:
                heapq.heappush(heap, (key, concatenated, c, other))
                return

    new, taken = singles, 0
    while True:
        while taken < len(pair_key) and (dead[pair_left[taken]] or dead[pair_right[taken]]):
            taken += 1
        while heap and (dead[heap[0][2]] or dead[heap[0][3]]):
            offer(heapq.heappop(heap)[2])
        if taken < len(pair_key) and (
            not heap or (pair_key[taken], (pair_left[taken], pair_right[taken])) < heap[0][:2]
        ):
            a, b = pair_left[taken], pair_right[taken]
            between = [1, -pair_key[taken], -pair_key[taken]]
            taken += 1
        elif heap:
            _, _, a, b = heapq.heappop(heap)
            between = None
        else:
            break
        joined = tuple(sorted(members_of(a) + members_of(b)))
        if len(joined) > max_size or _completes_rejected(joined, members_of(a), members_of(b), rejected):
            if between is None:
                offer(a)
            continue
        if between is None:
            between = links.pop((a, b) if a < b else (b, a))
        # Every link of the new cluster starts from no edges and adds a's, then b's: one order of sums.
        combined: dict[int, list[float]] = {}
        for other, (count, low, total) in chain(links_of(a, b).items(), links_of(b, a).items()):
            link = combined.setdefault(other, [0, 1.0, 0.0])
            link[0] += count
            link[1] = min(link[1], low)
            link[2] += total
        waiting = []
        for other, link in combined.items():
            if other >= singles:
                around = neighbours[other]
                around.discard(a)
                around.discard(b)
                around.add(new)
            links[(other, new)] = link
            size = len(members_of(other))
            if link[0] == len(joined) * size and len(joined) + size <= max_size:
                mates = members_of(other)
                waiting.append((-link[1], joined + mates if joined < mates else mates + joined, other))
        waiting.sort(reverse=True)
        candidates[new] = waiting
        candidates.pop(a, None)
        candidates.pop(b, None)
        inner_a, inner_b = inner.pop(a, (0, 1.0, 0.0)), inner.pop(b, (0, 1.0, 0.0))
        inner[new] = (
            int(between[0]) + inner_a[0] + inner_b[0],
            min(between[1], inner_a[1], inner_b[1]),
            between[2] + inner_a[2] + inner_b[2],
        )
        members.pop(a, None)
        members.pop(b, None)
        members[new] = joined
        neighbours[new] = set(combined)
        dead[a] = dead[b] = 1
        for position in joined:
            cluster[position] = new
        offer(new)
        new += 1
    groups = []
    for c in sorted(members, key=members.__getitem__):
        count, minimum, total = inner[c]
        groups.append(Group(members[c], minimum, total / count))
    return groups


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
    # Pairs as tuples of ints, which igraph reads fastest and the garbage collector soon stops tracking.
    graph = igraph.Graph(n=n, edges=list(zip(sims.left.tolist(), sims.right.tolist(), strict=True)))
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
