"""Merge scores corrected for crowding: what a pair's neighbourhoods do to the score that decides a merge."""

from __future__ import annotations

import random

import numpy as np
import pytest

from kompiler.graph.cluster import merge_groups
from kompiler.graph.crowding import crowding, merge_scores
from kompiler.merge_settings import MergeSettings
from tests.graph.conftest import scored_pairs


def _reference_crowding(n: int, pairs: dict[tuple[int, int], float], neighbours: int) -> list[float]:
    """The definition, position by position: the mean of its highest similarities, missing ones as 0."""
    crowd = []
    for position in range(n):
        mine = sorted((s for (a, b), s in pairs.items() if position in (a, b)), reverse=True)
        mine = (mine + [0.0] * neighbours)[:neighbours]
        crowd.append(sum(mine) / neighbours)
    return crowd


def test_crowding_is_the_mean_of_the_nearest_neighbours() -> None:
    pairs = {(0, 1): 0.9, (0, 2): 0.6, (0, 3): 0.3, (1, 2): 0.5}
    assert crowding(scored_pairs(4, pairs), 2) == pytest.approx([0.75, 0.7, 0.55, 0.15])


@pytest.mark.parametrize("seed", range(20))
def test_crowding_and_merge_scores_follow_the_definition(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(2, 14)
    everything = [(a, b) for a in range(n) for b in range(a + 1, n)]
    pairs = {
        p: round(rng.uniform(0.3, 1.0), 2) for p in rng.sample(everything, rng.randint(1, len(everything)))
    }
    neighbours = rng.randint(1, 6)
    strength = rng.choice([0.25, 0.5, 1.0])
    sims = scored_pairs(n, pairs)
    crowd = _reference_crowding(n, pairs, neighbours)
    top = max(max(pair) for pair in pairs)
    assert crowding(sims, neighbours) == pytest.approx(crowd[: top + 1])
    present = {position for pair in pairs for position in pair}
    typical = sum(crowd[p] for p in present) / len(present)
    expected = [
        s - strength * max(0.0, (crowd[a] + crowd[b]) / 2 - typical) for (a, b), s in sorted(pairs.items())
    ]
    assert merge_scores(sims, neighbours, strength) == pytest.approx(expected)


def test_strength_zero_leaves_the_similarity() -> None:
    sims = scored_pairs(3, {(0, 1): 0.8, (1, 2): 0.4})
    assert np.array_equal(merge_scores(sims, 10, 0.0), sims.score)


def test_no_pairs_no_scores() -> None:
    sims = scored_pairs(0, {})
    assert len(crowding(sims, 10)) == 0
    assert len(merge_scores(sims, 10, 0.5)) == 0


def test_pairs_that_score_zero_still_count_as_neighbours() -> None:
    """With ``ambang_kemiripan: 0`` a pair may score 0; the typical crowding is still a number."""
    sims = scored_pairs(3, {(0, 1): 0.0, (1, 2): 0.0})
    assert merge_scores(sims, 10, 0.5) == pytest.approx([0.0, 0.0])


def test_equally_crowded_positions_keep_their_similarity() -> None:
    """A ring where every position has the same neighbourhood: nothing to correct."""
    ring = {(min(a, (a + 1) % 6), max(a, (a + 1) % 6)): 0.5 for a in range(6)}
    sims = scored_pairs(6, ring)
    assert merge_scores(sims, 10, 0.5) == pytest.approx(sims.score)


def test_a_position_close_to_many_unrelated_ones_needs_more_to_merge() -> None:
    """Position 0 is as close to 1, 2, 3 and 4 (which are nothing alike) as a generic title is to every
    field's positions; 5 and 6 are close only to each other, a little less. Under the shipped defaults the
    raw similarity groups both pairs; the merge score keeps 5 and 6 and leaves the generic one alone."""
    settings = MergeSettings()
    hub = {(0, k): settings.threshold + 0.02 for k in (1, 2, 3, 4)}
    pair = {(5, 6): settings.threshold + 0.01}
    sims = scored_pairs(7, hub | pair)
    raw = merge_groups(sims, settings.threshold, settings.max_group_size)
    assert [g.members for g in raw] == [(0, 1), (5, 6)]
    scores = merge_scores(sims, settings.crowding_neighbours, settings.crowding_strength)
    corrected = merge_groups(sims, settings.threshold, settings.max_group_size, scores=scores)
    assert [g.members for g in corrected] == [(5, 6)]
    assert scores[-1] == pytest.approx(sims.score[-1])  # not crowded: its similarity, never more
    assert np.all(scores[:4] < settings.threshold)


def test_the_correction_never_raises_a_score() -> None:
    """A pair in a sparse corner of a crowded corpus keeps its similarity: ``ambang_gabung`` stays a
    minimum similarity."""
    crowded = {(a, b): 0.9 for a in range(6) for b in range(a + 1, 6)}
    sims = scored_pairs(8, crowded | {(6, 7): 0.35})
    scores = merge_scores(sims, 10, 1.0)
    assert np.all(scores <= sims.score)
    assert scores[-1] == pytest.approx(0.35)
