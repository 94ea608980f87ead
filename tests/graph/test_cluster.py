"""Merge groups: complete linkage, best pair first, ties by the members, size and rejection limits."""

from __future__ import annotations

import itertools
import random

import pytest

from kompiler.graph.cluster import Group, merge_groups
from tests.graph.conftest import scored_pairs


def _reference(
    pairs: dict[tuple[int, int], float], threshold: float, max_size: int, rejected: list[frozenset[int]]
) -> list[tuple[tuple[int, ...], float]]:
    """The definition, one step at a time: of all the pairs of clusters that are completely linked, not
    too large and not completing a rejected set, merge the one with the highest minimum, and on equal
    minima the one whose members, the first cluster's then the second's, come first."""
    kept = {p: s for p, s in pairs.items() if s >= threshold}
    clusters = sorted({(node,) for pair in kept for node in pair})
    while True:
        best = None
        for x, y in itertools.combinations(clusters, 2):
            links = [kept.get((min(a, b), max(a, b))) for a in x for b in y]
            joined = frozenset(x + y)
            if None in links or len(joined) > max_size:
                continue
            if any(r <= joined and not r <= set(x) and not r <= set(y) for r in rejected):
                continue
            key = (-min(links), min(x, y) + max(x, y))
            if best is None or key < best[0]:
                best = (key, x, y)
        if best is None:
            break
        _, x, y = best
        clusters = sorted([c for c in clusters if c not in (x, y)] + [tuple(sorted(x + y))])
    groups = []
    for members in clusters:
        if len(members) >= 2:
            groups.append((members, min(kept[pair] for pair in itertools.combinations(members, 2))))
    return groups


@pytest.mark.parametrize("seed", range(60))
def test_groups_are_those_of_the_definition(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(2, 11)
    levels = [0.35, 0.5, 0.6, 0.6, 0.75, 0.9, 1.0]  # few values, so equal scores are common
    pairs = {(a, b): rng.choice(levels) for a, b in itertools.combinations(range(n), 2) if rng.random() < 0.6}
    if not pairs:
        pairs = {(0, 1): 1.0}
    max_size = rng.randint(2, 6)
    rejected = [
        frozenset(rng.sample(range(n), rng.randint(2, 3))) for _ in range(rng.randint(0, 2)) if n >= 3
    ]
    groups = merge_groups(scored_pairs(n, pairs), 0.5, max_size, rejected)
    assert [(g.members, g.minimum) for g in groups] == _reference(pairs, 0.5, max_size, rejected)
    for group in groups:
        inside = [pairs[p] for p in itertools.combinations(group.members, 2)]
        assert group.mean == pytest.approx(sum(inside) / len(inside))


def test_a_chain_of_likeness_does_not_make_one_group() -> None:
    # 0 is like 1 and 1 is like 2, but 0 is not like 2: the better pair is grouped, 2 stays alone.
    groups = merge_groups(scored_pairs(3, {(0, 1): 0.8, (1, 2): 0.9}), 0.5, 12)
    assert groups == [Group((1, 2), 0.9, 0.9)]


def test_equal_scores_are_decided_by_the_members() -> None:
    # 2 is as like 0 as 1, but not both: it joins the one that comes first.
    groups = merge_groups(scored_pairs(3, {(1, 2): 0.7, (0, 2): 0.7}), 0.5, 12)
    assert groups == [Group((0, 2), 0.7, 0.7)]


def test_no_pairs_give_no_groups() -> None:
    assert merge_groups(scored_pairs(3, {}), 0.5, 12) == []
    assert merge_groups(scored_pairs(3, {(0, 1): 0.4}), 0.5, 12) == []
