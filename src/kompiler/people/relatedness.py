"""How related every position is to every other, across units, kinds and grades: the candidates of a move.

The score is the merge stage's similarity (:mod:`kompiler.graph.similarity`: technical competencies by
level and importance, tasks, name and context, weighted by the project's ``gabung`` settings) without its
compatibility constraint, and with every level of a requirement counted fully. A merge only joins
positions of one kind and grade, so it lets a higher level weigh less than requiring the competency at
all; a person moves across grades (Pranata Humas Ahli Pertama to Ahli Muda, Kepala Bidang to a
functional Ahli Madya), where how far a position's levels lie above the person's is what the move is.

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
# Positions the candidate index leaves without a token are related to a sample of the positions sharing
# their tokens: this many per token, scored in blocks of this many positions.
HOLDERS_PER_TOKEN = 16
FALLBACK_ROWS = 256


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
    _without_candidates(feats, weights, indexes, neighbours, scores)
    return Relatedness(tuple(p.code for p in feats.positions), neighbours, scores)


def _without_candidates(feats, weights, indexes, neighbours: np.ndarray, scores: np.ndarray) -> None:
    """Relate the positions the candidate index left without a token.

    The index drops the tokens so common that their products would exceed the ``gabung`` budget; a
    position all of whose evidence is such tokens (one of thousands that share a field's core
    competencies and name) would get no related position, and its holders no move. Each is scored
    instead, on the full evidence, against a bounded sample of the positions sharing its tokens
    (:data:`HOLDERS_PER_TOKEN` per token, in a fixed pseudo-random order), in blocks of positions that
    share their rarest token, so a block's sample is one neighbourhood.
    """
    empty = np.ones(len(feats.positions), dtype=bool)
    for matrix in indexes.values():
        empty &= np.diff(matrix.indptr) == 0
    alone = np.flatnonzero(empty)
    if not len(alone) or not neighbours.shape[1]:
        return
    full = {name: feats.matrices[name] for name in indexes}
    alone = alone[np.argsort(_rarest_token(full, alone), kind="stable")]
    shuffled = np.random.default_rng(0).permutation(len(feats.positions))
    holders = {name: sp.csc_matrix(matrix[shuffled]) for name, matrix in full.items()}
    for start in range(0, len(alone), FALLBACK_ROWS):
        rows = alone[start : start + FALLBACK_ROWS]
        sample = np.unique(
            np.concatenate(
                [shuffled[_first_holders(holders[name], full[name][rows].indices)] for name in full]
            )
        )
        left, right, score = score_rows(feats, weights, full, rows, sample)
        local = np.zeros(len(feats.positions), dtype=np.int64)
        local[rows] = np.arange(len(rows))
        best = np.full((len(rows), neighbours.shape[1]), -1, dtype=np.int32)
        best_scores = np.zeros((len(rows), neighbours.shape[1]), dtype=np.float32)
        order = np.argsort(local[left], kind="stable")
        _keep_best(local[left][order], right[order], score[order], best, best_scores)
        neighbours[rows], scores[rows] = best, best_scores


def _rarest_token(full: dict[str, sp.csr_matrix], rows: np.ndarray) -> np.ndarray:
    """A key per row that positions sharing their rarest token share: (component, column) numbered."""
    key = np.full(len(rows), np.iinfo(np.int64).max)
    offset = 0
    for matrix in full.values():
        part = matrix[rows]
        df = np.bincount(matrix.indices, minlength=matrix.shape[1])
        lengths = np.diff(part.indptr)
        has = lengths > 0
        if part.nnz:
            token_df = df[part.indices] * matrix.shape[1] + part.indices  # rarest, then first column
            least = np.minimum.reduceat(token_df, part.indptr[:-1][has])
            key[has] = np.minimum(key[has], offset + least % matrix.shape[1])
        offset += matrix.shape[1]
    return key


def _first_holders(holders: sp.csc_matrix, tokens: np.ndarray) -> np.ndarray:
    """The rows of ``holders`` (shuffled positions) holding each of ``tokens``, at most
    :data:`HOLDERS_PER_TOKEN` each, without a Python loop over tokens."""
    tokens = np.unique(tokens)
    starts = holders.indptr[tokens]
    counts = np.minimum(holders.indptr[tokens + 1] - starts, HOLDERS_PER_TOKEN)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return holders.indices[np.repeat(starts, counts) + offsets]


_WORKER: dict[str, tuple] = {}


def _adopt(state: tuple) -> None:
    """A forked worker keeps the features it inherited (never pickled: the pool is forked)."""
    _WORKER["state"] = state


def _forked_block(rows: tuple[int, int]) -> tuple[int, np.ndarray, np.ndarray]:
    feats, weights, indexes, width = _WORKER["state"]
    return _block(feats, weights, indexes, width, *rows)


def _block(feats, weights, indexes, width: int, start: int, stop: int) -> tuple[int, np.ndarray, np.ndarray]:
    """The best ``width`` related positions of rows ``[start, stop)``: (start, numbers, scores)."""
    left, right, score = score_rows(feats, weights, indexes, np.arange(start, stop))
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
