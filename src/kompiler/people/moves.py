"""Competency-based assignment: the positions each person could move to, best first, for a whole chunk.

The candidates of a person are the positions most related to the one they hold
(:mod:`kompiler.people.relatedness`), less the downward moves (:mod:`kompiler.people.career`); their
readiness for each is the match percentage of the policy (:func:`kompiler.people.match.match_against`).
The rank score is

    score = relatedness × min(1, readiness / pass mark)

where the pass mark is the lowest passing category of the person's assessment purpose (68 for
``pengisian`` in the shipped policy: *masih memenuhi syarat*). Readiness alone ranks badly: the least
demanding positions are the easiest to be ready for, so a match-only ranking recommends them to
everyone (on O*NET its recall of the related occupations is a fraction of the similarity's; see
``bench/onet_mobility.py``). Above the pass mark a person meets the position's requirements and the
positions are ranked by how related they are; below it, the score falls in proportion to the
shortfall, so a related position the person is far from ready for sinks under one they can take up.
Nothing in the score is fitted to a data set: the pass mark is the policy's own.

Everything is computed on the chunk's columns; :class:`kompiler.people.results.Move` objects (with the
gaps against the new position as the explanation) are built only for a person a document shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kompiler.merge_settings import MergeSettings
from kompiler.model import Corpus
from kompiler.model.entities import Equivalence, MatchPolicy
from kompiler.people.career import KINDS, Careers, classify
from kompiler.people.match import match_against, match_chunk, match_of
from kompiler.people.relatedness import DEFAULT_NEIGHBOURS, Relatedness, related
from kompiler.people.requirements import Requirements
from kompiler.people.results import Move
from kompiler.people.table import Chunk

DEFAULT_MOVES = 10


@dataclass(frozen=True)
class Mobility:
    """What the moves of every person are chosen from: each position's related positions and the kind
    of each move. Built once per corpus; a chunk only looks rows up in it."""

    relatedness: Relatedness
    careers: Careers

    @classmethod
    def of(
        cls,
        corpus: Corpus,
        equivalences: Sequence[Equivalence],
        settings: MergeSettings | None = None,
        k: int = DEFAULT_NEIGHBOURS,
    ) -> Mobility:
        """The mobility of ``corpus``, with its ``gabung`` settings unless ``settings`` are given.

        ``equivalences`` are the penyetaraan of the development policy; moves to a lower tier are left
        out.
        """
        settings = settings or MergeSettings.from_data(corpus.project.get("gabung"))
        table = related(corpus, settings, k)
        careers = classify(corpus, table.positions, table.neighbours, equivalences)
        return cls(table, careers)


@dataclass(frozen=True)
class MoveColumns:
    """A chunk's best moves, one row per person, best first (arrays of shape n × count).

    ``position`` int32 (the candidate position's number, -1 where the person has fewer moves),
    ``relatedness``, ``readiness`` (the match percentage; a :class:`Move` carries it exactly, to two
    decimals), ``score`` float32 (NaN on padding),
    ``kind`` int8 (number into :data:`kompiler.people.career.KINDS`), ``by_equivalence`` bool.
    """

    position: np.ndarray
    relatedness: np.ndarray
    readiness: np.ndarray
    score: np.ndarray
    kind: np.ndarray
    by_equivalence: np.ndarray

    def __len__(self) -> int:
        return len(self.position)


def pass_marks(purposes: Sequence[str], policy: MatchPolicy) -> np.ndarray:
    """(n,) the pass mark of each person's purpose: the minimum of its lowest category above zero (68
    for ``pengisian`` in the shipped policy); 100 where the purpose is unknown or has one category,
    so readiness then counts in full."""
    marks = {
        code: min((b.minimum for b in purpose.bands if b.minimum > 0), default=100.0)
        for code, purpose in policy.purposes.items()
    }
    return np.array([marks.get(p, 100.0) for p in purposes], dtype=np.float64)


def rank_score(relatedness: np.ndarray, readiness: np.ndarray, pass_mark: np.ndarray) -> np.ndarray:
    """relatedness × min(1, readiness / pass mark); NaN where readiness is NaN (no requirement)."""
    return relatedness * np.minimum(1.0, readiness / pass_mark)


def top_moves(
    chunk: Chunk,
    mobility: Mobility,
    requirements: Requirements,
    policy: MatchPolicy,
    count: int = DEFAULT_MOVES,
) -> MoveColumns:
    """The ``count`` best moves of every person of ``chunk`` (ties: the more related first, then the
    position code). A person whose position is unknown has none."""
    held = np.asarray(chunk.position, dtype=np.int64)
    known = held >= 0
    rows = np.where(known, held, 0)
    allowed = mobility.careers.allowed[rows] & known[:, None]
    candidates = np.where(allowed, mobility.relatedness.neighbours[rows], -1)
    relatedness = mobility.relatedness.scores[rows].astype(np.float64)
    marks = pass_marks(chunk.purposes, policy)[:, None]
    readiness = _readiness(chunk, candidates, relatedness, marks, requirements, policy, count)
    score = rank_score(relatedness, readiness, marks)
    valid = (candidates >= 0) & ~np.isnan(score)
    # Relatedness rows are already best first (then code order), so a stable sort on the score alone
    # breaks its ties by relatedness and code.
    order = np.argsort(np.where(valid, -score, np.inf), axis=1, kind="stable")[:, :count]
    take = np.take_along_axis
    kept = take(valid, order, axis=1)
    width = order.shape[1]
    pad = count - width

    def column(values: np.ndarray, empty, dtype) -> np.ndarray:
        chosen = np.where(kept, take(values, order, axis=1), empty).astype(dtype)
        return np.pad(chosen, ((0, 0), (0, pad)), constant_values=empty) if pad else chosen

    return MoveColumns(
        position=column(candidates, -1, np.int32),
        relatedness=column(relatedness, np.nan, np.float32),
        readiness=column(readiness, np.nan, np.float32),
        score=column(score, np.nan, np.float32),
        kind=column(mobility.careers.kind[rows], 0, np.int8),
        by_equivalence=column(mobility.careers.by_equivalence[rows], False, bool),
    )


def _readiness(
    chunk: Chunk,
    candidates: np.ndarray,
    relatedness: np.ndarray,
    marks: np.ndarray,
    requirements: Requirements,
    policy: MatchPolicy,
    count: int,
) -> np.ndarray:
    """The readiness of each person for their candidates, as far as their best ``count`` need it (NaN
    for the candidates left unmatched).

    A score never exceeds the relatedness, and candidates come most related first, so once a person's
    ``count``-th best score so far reaches the relatedness of their next candidate, no later candidate
    can enter their best (an equal score would rank after, being less related or later in code order).
    Candidates are matched a slice at a time, for the people still undecided: most people are ready for
    their most related positions, and the match, the costly part, runs on a fraction of the candidates.
    """
    n, k = candidates.shape
    readiness = np.full((n, k), np.nan)
    undecided = np.arange(n)
    done = 0
    step = max(1, 2 * count)
    while len(undecided) and done < k:
        stop = min(k, done + step)
        part = candidates[undecided, done:stop]
        readiness[undecided, done:stop] = match_against(_people(chunk, undecided), part, requirements, policy)
        score = rank_score(relatedness[undecided, :stop], readiness[undecided, :stop], marks[undecided])
        score = np.where(candidates[undecided, :stop] >= 0, score, np.nan)
        if stop == k or count == 0:
            break
        scored = np.where(np.isnan(score), -np.inf, score)
        kth = -np.partition(-scored, count - 1, axis=1)[:, count - 1] if stop >= count else -np.inf
        following = relatedness[undecided, stop]  # 0: no candidate left
        undecided = undecided[(kth < following) & (following > 0)]
        done = stop
        step *= 2
    return readiness


def _people(chunk: Chunk, rows: np.ndarray) -> Chunk:
    """The people of ``chunk`` at ``rows``, as a chunk of their own."""
    if len(rows) == len(chunk):
        return chunk
    return Chunk(
        people=tuple(chunk.people[i] for i in rows),
        position=chunk.position[rows],
        levels=chunk.levels[rows],
        dates=tuple(chunk.dates[i] for i in rows),
        purposes=tuple(chunk.purposes[i] for i in rows),
        performance=chunk.performance[rows],
        potential=chunk.potential[rows],
        rows=chunk.rows[rows],
    )


def moves_of(
    columns: MoveColumns,
    i: int,
    chunk: Chunk,
    requirements: Requirements,
    policy: MatchPolicy,
    corpus: Corpus,
) -> tuple[Move, ...]:
    """Person ``i``'s moves as :class:`Move` objects, each with the gaps against the new position."""
    targets = [int(p) for p in columns.position[i] if p >= 0]
    if not targets:
        return ()
    repeated = len(targets)
    candidate_chunk = Chunk(
        people=(chunk.people[i],) * repeated,
        position=np.array(targets, dtype=np.int64),
        levels=np.repeat(chunk.levels[i : i + 1], repeated, axis=0),
        dates=(chunk.dates[i],) * repeated,
        purposes=(chunk.purposes[i],) * repeated,
        performance=np.repeat(chunk.performance[i : i + 1], repeated),
        potential=np.repeat(chunk.potential[i : i + 1], repeated),
        rows=np.repeat(chunk.rows[i : i + 1], repeated),
    )
    matched = match_chunk(candidate_chunk, requirements, policy)
    codes = requirements.index.positions
    moves = []
    for slot, target in enumerate(targets):
        match = match_of(matched, slot, target, chunk.purposes[i], requirements, policy, corpus)
        position = corpus.positions[codes[target]]
        moves.append(
            Move(
                position=position.code,
                name=position.name,
                unit=position.unit,
                relatedness=round(float(columns.relatedness[i, slot]), 4),
                readiness=match.percentage,
                score=round(float(columns.score[i, slot]), 4),
                kind=KINDS[int(columns.kind[i, slot])],
                by_equivalence=bool(columns.by_equivalence[i, slot]),
                gaps=tuple(g for g in match.gaps if g.gap > 0),
            )
        )
    return tuple(moves)
