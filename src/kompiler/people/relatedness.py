"""How related every position is to every other, across units, kinds and grades: the candidates of a move.

The score is the merge stage's similarity (:mod:`kompiler.graph.similarity`: technical competencies by
level and importance, tasks, name and context, weighted by the project's ``gabung`` settings) without its
compatibility constraint. A merge only joins positions of one kind and grade; a person moves across
them (Pranata Humas Ahli Pertama to Ahli Muda, Kepala Bidang to a functional Ahli Madya).

Only each position's ``k`` most related positions are kept, as two dense ``(n, k)`` arrays: scored in
blocks of rows through sparse products, so memory holds one block's candidate pairs and the result,
never the ``n × n`` matrix, and no pair is visited in a Python loop.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from kompiler.graph.similarity import Features, candidate_index, features, score_rows
from kompiler.merge_settings import MergeSettings
from kompiler.model import Corpus

# How many related positions each position keeps: more than a person's ten moves, so the ranking by
# readiness still has related positions to choose from after the downward ones are left out.
DEFAULT_NEIGHBOURS = 50
BLOCK_ROWS = 2048


@dataclass(frozen=True)
class Relatedness:
    """Each position's most related positions, best first.

    ``positions`` are the codes in code order (the numbering of :class:`kompiler.people.table.Index`);
    row ``i`` of ``neighbours`` holds the numbers of position ``i``'s related positions (-1 after the
    last one) and ``scores`` their similarity in (0, 1] (0 after the last one).
    """

    positions: tuple[str, ...]
    neighbours: np.ndarray
    scores: np.ndarray

    def of(self, code: str) -> list[tuple[str, float]]:
        """The related positions of ``code`` with their scores, best first."""
        row = self.positions.index(code)
        return [
            (self.positions[j], float(s))
            for j, s in zip(self.neighbours[row], self.scores[row], strict=True)
            if j >= 0
        ]

    def reverse(self) -> sp.csr_matrix:
        """Row ``j`` lists the positions that count ``j`` among their related ones, with the score: the
        positions whose holders are candidates for ``j`` (its talent pool's first circle)."""
        n = len(self.positions)
        rows, slots = np.nonzero(self.neighbours >= 0)
        matrix = sp.csr_matrix(
            (self.scores[rows, slots], (self.neighbours[rows, slots], rows)), shape=(n, n), dtype=np.float32
        )
        matrix.sort_indices()
        return matrix


def related(
    corpus: Corpus,
    settings: MergeSettings,
    k: int = DEFAULT_NEIGHBOURS,
    feats: Features | None = None,
    block: int = BLOCK_ROWS,
) -> Relatedness:
    """The ``k`` most related positions of every position of ``corpus`` (ties in code order).

    ``feats`` reuses the evidence matrices the merge stage already built for the same positions.
    """
    feats = feats or features(corpus.positions.values())
    n = len(feats.positions)
    width = max(0, min(k, n - 1))
    neighbours = np.full((n, width), -1, dtype=np.int32)
    scores = np.zeros((n, width), dtype=np.float32)
    weights, indexes = candidate_index(feats, settings)
    for start in range(0, n, block):
        left, right, score = score_rows(feats, weights, indexes, start, min(n, start + block))
        _keep_best(left, right, score, width, neighbours, scores)
    return Relatedness(tuple(p.code for p in feats.positions), neighbours, scores)


def _keep_best(
    left: np.ndarray,
    right: np.ndarray,
    score: np.ndarray,
    width: int,
    neighbours: np.ndarray,
    scores: np.ndarray,
) -> None:
    """Write each row's ``width`` best-scored pairs into ``neighbours`` and ``scores``.

    Pairs sort by row, then score (highest first), then column; a pair's rank is its distance from its
    row's first pair, so one sort selects every row's best at once.
    """
    positive = score > 0
    left, right, score = left[positive], right[positive], score[positive]
    order = np.lexsort((right, -score, left))
    left, right, score = left[order], right[order], score[order]
    rank = np.arange(len(left)) - np.searchsorted(left, left, side="left")
    kept = rank < width
    neighbours[left[kept], rank[kept]] = right[kept]
    scores[left[kept], rank[kept]] = score[kept]
