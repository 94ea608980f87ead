"""Merge scores: similarity made stricter where a position's neighbourhood is crowded.

A raw similarity means different things in different parts of a corpus. Some positions are close to
many others at once: generic ones ("First-Line Supervisors of …", "Analis …"), and those whose evidence is
coarse, such as binary profiles where every requirement has one level and one importance. Their pairs
score high with neighbours of every kind, so a fixed threshold groups them with positions of other fields
(the "hubness" of nearest-neighbour search). Others have few close neighbours, and the one they have is
usually the right one.

The correction follows the cross-domain similarity local scaling of Conneau et al. (2018, "Word
translation without parallel data"), one-sided so that it can only make a merge harder: a position's
crowding is the mean of its ``neighbours`` highest similarities (a missing neighbour counts as 0), and a
pair's merge score is

    similarity − strength × max(0, mean crowding of the two − typical crowding of the corpus)

where the typical crowding is the mean over positions with at least one neighbour. A pair no more crowded
than the corpus's typical one keeps its similarity, so ``ambang_gabung`` stays a minimum similarity; a pair
in a crowded region needs as much more as its neighbourhood is more crowded (with the default strength 1).
Everything is read from the corpus's own similarities, with no constant tuned to one data set. On O*NET
it groups more occupations at a higher pair precision, on graded and on binary profiles alike
(bench/README.md).
"""

from __future__ import annotations

import numpy as np

from kompiler.graph.similarity import Similarities


def crowding(sims: Similarities, neighbours: int) -> np.ndarray:
    """Each position's mean similarity to its ``neighbours`` most similar positions (0 without any), for
    the positions up to the highest one that has a pair."""
    n = int(max(sims.left.max(), sims.right.max())) + 1 if len(sims.score) else 0
    ends = np.concatenate([sims.left, sims.right])
    scores = np.concatenate([sims.score, sims.score])
    order = np.lexsort((-scores, ends))
    ends, scores = ends[order], scores[order]
    first = np.searchsorted(ends, np.arange(n))
    rank = np.arange(len(ends)) - first[ends]
    top = rank < neighbours
    return np.bincount(ends[top], weights=scores[top], minlength=n) / neighbours


def merge_scores(sims: Similarities, neighbours: int, strength: float) -> np.ndarray:
    """The merge score of every pair of ``sims``, in its order: the similarity when ``strength`` is 0."""
    if strength == 0 or len(sims.score) == 0:
        return sims.score
    crowd = crowding(sims, neighbours)
    present = np.zeros(len(crowd), dtype=bool)
    present[sims.left] = present[sims.right] = True
    typical = float(crowd[present].mean())
    excess = np.maximum((crowd[sims.left] + crowd[sims.right]) / 2 - typical, 0.0)
    return sims.score - strength * excess
