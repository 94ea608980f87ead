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

import multiprocessing
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from kompiler.graph.similarity import Features, candidate_index, features, score_rows
from kompiler.merge_settings import MergeSettings
from kompiler.model import Corpus
from kompiler.runtime.processes import forkable_workers

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
    workers: int | None = None,
) -> Relatedness:
    """The ``k`` most related positions of every position of ``corpus`` (ties in code order).

    ``feats`` reuses the evidence matrices the merge stage already built for the same positions. Blocks
    of rows are scored on ``workers`` forked processes (default: one per core where fork is available,
    none inside a daemonic worker, which may not fork); the result does not depend on how many.
    """
    feats = feats or features(corpus.positions.values())
    n = len(feats.positions)
    width = max(0, min(k, n - 1))
    neighbours = np.full((n, width), -1, dtype=np.int32)
    scores = np.zeros((n, width), dtype=np.float32)
    weights, indexes = candidate_index(feats, settings)
    blocks = [(start, min(n, start + block)) for start in range(0, n, block)]
    count = forkable_workers() if workers is None else workers
    if multiprocessing.current_process().daemon:
        count = 0
    if count >= 2 and len(blocks) >= 2:
        context = multiprocessing.get_context("fork")
        state = (feats, weights, indexes, width)
        with context.Pool(min(count, len(blocks)), initializer=_adopt, initargs=(state,)) as pool:
            found = pool.imap_unordered(_forked_block, blocks)
            for start, best, best_scores in found:
                neighbours[start : start + len(best)] = best
                scores[start : start + len(best)] = best_scores
    else:
        for start, stop in blocks:
            _, neighbours[start:stop], scores[start:stop] = _block(
                feats, weights, indexes, width, start, stop
            )
    return Relatedness(tuple(p.code for p in feats.positions), neighbours, scores)


_WORKER: dict[str, tuple] = {}


def _adopt(state: tuple) -> None:
    """A forked worker keeps the features it inherited (never pickled: the pool is forked)."""
    _WORKER["state"] = state


def _forked_block(rows: tuple[int, int]) -> tuple[int, np.ndarray, np.ndarray]:
    feats, weights, indexes, width = _WORKER["state"]
    return _block(feats, weights, indexes, width, *rows)


def _block(feats, weights, indexes, width: int, start: int, stop: int) -> tuple[int, np.ndarray, np.ndarray]:
    """The best ``width`` related positions of rows ``[start, stop)``: (start, numbers, scores)."""
    left, right, score = score_rows(feats, weights, indexes, start, stop)
    neighbours = np.full((stop - start, width), -1, dtype=np.int32)
    scores = np.zeros((stop - start, width), dtype=np.float32)
    _keep_best(left - start, right, score, neighbours, scores)
    return start, neighbours, scores


def _keep_best(
    row: np.ndarray, right: np.ndarray, score: np.ndarray, neighbours: np.ndarray, scores: np.ndarray
) -> None:
    """Write each row's best-scored pairs into ``neighbours`` and ``scores`` (as many as they have
    columns); ``row`` counts from the block's first row.

    Pairs come sorted by row, then column. One stable sort on ``row + (1 - score) / 2`` (rows counted
    from the block's first, so the key keeps the score to about 1e-12) orders every row's pairs best
    first, equal scores in column order; a pair's rank is its distance from its row's first pair.
    """
    width = neighbours.shape[1]
    positive = score > 0
    row, right, score = row[positive], right[positive], score[positive]
    order = np.argsort(row + (1.0 - score) * 0.5, kind="stable")
    counts = np.bincount(row, minlength=len(neighbours))
    rank = np.arange(len(order)) - np.repeat(np.cumsum(counts) - counts, counts)
    chosen = order[rank < width]
    at, slots = row[chosen], rank[rank < width]
    neighbours[at, slots] = right[chosen]
    scores[at, slots] = score[chosen]
