"""The site's graph picture draws each position's strongest links, chosen the same whatever the pair order."""

from __future__ import annotations

import numpy as np

from kompiler.graph.picture import strongest


def test_the_strongest_pairs_of_each_position_are_kept() -> None:
    codes = ["D", "A", "C", "B"]
    # pairs: D-A 0.9, D-C 0.5, D-B 0.5, A-C 0.7, C-B 0.2
    left = np.array([0, 0, 0, 1, 2])
    right = np.array([1, 2, 3, 2, 3])
    score = np.array([0.9, 0.5, 0.5, 0.7, 0.2])
    # D's best is D-A; A's is D-A; C's is A-C; B's is D-B (0.5, above C-B at 0.2).
    assert strongest(codes, left, right, score, 1).tolist() == [0, 2, 3]
    assert strongest(codes, left, right, score, 5).tolist() == [0, 1, 2, 3, 4]
    assert strongest(codes, left, right, score, 0).tolist() == []


def test_equal_scores_are_decided_by_the_codes_not_the_order_of_the_pairs() -> None:
    codes = ["C", "A", "B"]
    # pairs: A-C 0.5, A-B 0.5, B-C 0.9: A's one pair is A-B (B comes before C), B's and C's is B-C.
    left, right, score = np.array([1, 1, 2]), np.array([0, 2, 0]), np.array([0.5, 0.5, 0.9])
    assert strongest(codes, left, right, score, 1).tolist() == [1, 2]
    swapped = strongest(codes, left[[1, 0, 2]], right[[1, 0, 2]], score[[1, 0, 2]], 1)
    assert swapped.tolist() == [0, 2]
