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
    sims: Similarities,
    threshold: float,
    max_size: int,
    rejected: Iterable[frozenset[int]] = (),
    scores: np.ndarray | None = None,
) -> list[Group]:
    """Complete-linkage groups of two or more members whose every pair scores at least ``threshold``.

    A pair's score is ``scores[k]`` for the pair ``k`` of ``sims`` (the merge scores of
    :mod:`kompiler.graph.crowding`), or its similarity when ``scores`` is None.

    Each step merges the best pair of live clusters that is completely linked (every pair of their
    members is an edge): the higher minimum first and, on equal minima, the pair whose members (the
    earlier cluster's, then the other's) come first. A pair too large or completing a rejected set is
    passed over. A cluster's links are summed in the order of its merges, so the means are the same
    numbers on every run.
    """
    score = sims.score if scores is None else scores
    keep = score >= threshold
    linkage = _Linkage(sims.left[keep], sims.right[keep], score[keep], max_size, rejected)
    while (pair := linkage.best_pair()) is not None:
        linkage.try_merge(*pair)
    return linkage.groups()


# A link between two clusters: [edge count, minimum, sum]; the edges inside a cluster are the same three.
_Link = list[float]


class _Linkage:
    """The state of complete linkage: the live clusters, their links, and the pairs waiting to merge.

    A large corpus has hundreds of thousands of edges between single positions and merges only a few
    percent of them, so single positions are kept out of the dictionaries and the heap: their pairs are
    read in merge order from sorted arrays, and their links from an adjacency list of the edges. Only the
    clusters that merging makes get dictionary entries and heap entries.
    """

    def __init__(
        self,
        left: np.ndarray,
        right: np.ndarray,
        score: np.ndarray,
        max_size: int,
        rejected: Iterable[frozenset[int]],
    ) -> None:
        self.max_size = max_size
        self.rejected = [r for r in rejected if len(r) >= 2]
        singles = int(max(left.max(), right.max())) + 1 if len(score) else 0
        self.singles = singles
        # The edges of each single position: adjacent[starts[c]:starts[c + 1]], with their scores.
        ends = np.concatenate([left, right])
        by_end = np.argsort(ends, kind="stable")
        self.starts: list[int] = np.searchsorted(ends[by_end], np.arange(singles + 1)).tolist()
        self.adjacent: list[int] = np.concatenate([right, left])[by_end].tolist()
        self.adjacent_score: list[float] = np.concatenate([score, score])[by_end].tolist()
        # The pairs of single positions in merge order; ``taken`` of them are used or passed over.
        order = np.lexsort((right, left, -score))
        self.pair_left: list[int] = left[order].tolist()
        self.pair_right: list[int] = right[order].tolist()
        self.pair_key: list[float] = (-score[order]).tolist()
        self.taken = 0
        # The live cluster each position is in: itself while alone; merged clusters count from ``singles``.
        self.cluster = list(range(singles))
        self.new = singles
        self.dead = bytearray(2 * singles)  # clusters merged into a larger one
        self.members: dict[int, tuple[int, ...]] = {}  # of the merged clusters
        # Of the merged clusters: the live clusters with an edge to it.
        self.neighbours: dict[int, set[int]] = {}
        self.links: dict[tuple[int, int], _Link] = {}  # (other, merged) → link
        self.inner: dict[int, tuple[int, float, float]] = {}  # edges inside a merged cluster
        # Completely linked pairs of a merged cluster and a cluster that was there before it, best last,
        # and the best of each merged cluster's pairs in the heap.
        self.candidates: dict[int, list[tuple[float, tuple[int, ...], int]]] = {}
        self.heap: list[tuple[float, tuple[int, ...], int, int]] = []

    def members_of(self, c: int) -> tuple[int, ...]:
        return self.members[c] if c >= self.singles else (c,)

    def best_pair(self) -> tuple[int, int, _Link | None] | None:
        """The best live pair, from the single positions' pairs or the heap, whichever comes first.

        A pair of single positions comes with its one edge as the link between them; a heap pair's link
        is still in ``links``. None when no pair is left.
        """
        dead, heap, pair_key, pair_left, pair_right = (
            self.dead,
            self.heap,
            self.pair_key,
            self.pair_left,
            self.pair_right,
        )
        taken = self.taken
        while taken < len(pair_key) and (dead[pair_left[taken]] or dead[pair_right[taken]]):
            taken += 1
        self.taken = taken
        while heap and (dead[heap[0][2]] or dead[heap[0][3]]):
            self.offer(heapq.heappop(heap)[2])
        if taken < len(pair_key) and (
            not heap or (pair_key[taken], (pair_left[taken], pair_right[taken])) < heap[0][:2]
        ):
            self.taken = taken + 1
            return pair_left[taken], pair_right[taken], [1, -pair_key[taken], -pair_key[taken]]
        if heap:
            _, _, a, b = heapq.heappop(heap)
            return a, b, None
        return None

    def try_merge(self, a: int, b: int, between: _Link | None) -> None:
        """Merge ``a`` and ``b`` unless the result is too large or completes a rejected set."""
        joined = tuple(sorted(self.members_of(a) + self.members_of(b)))
        if len(joined) > self.max_size or _completes_rejected(
            joined, self.members_of(a), self.members_of(b), self.rejected
        ):
            if between is None:
                self.offer(a)
            return
        if between is None:
            between = self.links.pop((a, b) if a < b else (b, a))
        combined = self._combined_links(a, b)
        self._link_new(a, b, joined, combined)
        self._retire(a, b, joined, between)

    def _combined_links(self, a: int, b: int) -> dict[int, _Link]:
        """The links of the new cluster: from no edges, add a's, then b's, so the sums have one order."""
        combined: dict[int, _Link] = {}
        for other, (count, low, total) in chain(self._links_of(a, b).items(), self._links_of(b, a).items()):
            link = combined.setdefault(other, [0, 1.0, 0.0])
            link[0] += count
            link[1] = min(link[1], low)
            link[2] += total
        return combined

    def _links_of(self, c: int, partner: int) -> dict[int, _Link]:
        """The links of ``c`` to every live cluster but ``partner``, taken out of ``links``."""
        links = self.links
        if c >= self.singles:
            return {
                other: links.pop((other, c) if other < c else (c, other))
                for other in self.neighbours.pop(c)
                if other != partner
            }
        singles, cluster, adjacent, adjacent_score = (
            self.singles,
            self.cluster,
            self.adjacent,
            self.adjacent_score,
        )
        found: dict[int, _Link] = {}
        for k in range(self.starts[c], self.starts[c + 1]):
            other = cluster[adjacent[k]]
            if other != partner and other not in found:
                found[other] = (
                    links.pop((c, other)) if other >= singles else [1, adjacent_score[k], adjacent_score[k]]
                )
        return found

    def _link_new(self, a: int, b: int, joined: tuple[int, ...], combined: dict[int, _Link]) -> None:
        """Give the new cluster ``a`` and ``b``'s links, and queue its completely linked pairs that fit."""
        new, singles, max_size = self.new, self.singles, self.max_size
        links, members, neighbours = self.links, self.members, self.neighbours
        waiting = []
        for other, link in combined.items():
            if other >= singles:
                around = neighbours[other]
                around.discard(a)
                around.discard(b)
                around.add(new)
                mates = members[other]
            else:
                mates = (other,)
            links[(other, new)] = link
            size = len(mates)
            if link[0] == len(joined) * size and len(joined) + size <= max_size:
                waiting.append((-link[1], joined + mates if joined < mates else mates + joined, other))
        waiting.sort(reverse=True)
        self.candidates[new] = waiting
        self.candidates.pop(a, None)
        self.candidates.pop(b, None)
        self.neighbours[new] = set(combined)

    def _retire(self, a: int, b: int, joined: tuple[int, ...], between: _Link) -> None:
        """Replace ``a`` and ``b`` by the new cluster, with the edges inside all three, and offer its pairs."""
        new = self.new
        inner_a, inner_b = self.inner.pop(a, (0, 1.0, 0.0)), self.inner.pop(b, (0, 1.0, 0.0))
        self.inner[new] = (
            int(between[0]) + inner_a[0] + inner_b[0],
            min(between[1], inner_a[1], inner_b[1]),
            between[2] + inner_a[2] + inner_b[2],
        )
        self.members.pop(a, None)
        self.members.pop(b, None)
        self.members[new] = joined
        self.dead[a] = self.dead[b] = 1
        for position in joined:
            self.cluster[position] = new
        self.offer(new)
        self.new += 1

    def offer(self, c: int) -> None:
        """Put the best pair of ``c`` whose partner is still live into the heap."""
        waiting = self.candidates.get(c, [])
        while waiting:
            key, concatenated, other = waiting.pop()
            if not self.dead[other]:
                heapq.heappush(self.heap, (key, concatenated, c, other))
                return

    def groups(self) -> list[Group]:
        """The merged clusters still live, in the order of their members."""
        groups = []
        for c in sorted(self.members, key=self.members.__getitem__):
            count, minimum, total = self.inner[c]
            groups.append(Group(self.members[c], minimum, total / count))
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
