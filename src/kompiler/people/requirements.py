"""The corpus' competency requirements as padded arrays, the one table every people computation reads.

A chunk of people is matched against their positions by gathering rows of these arrays with NumPy
fancy indexing, never by walking ``Position.requirements`` per person. Row ``p`` is position ``p`` of
:class:`~kompiler.people.table.Index` (positions in code order); column ``r`` is its ``r``-th required
competency in the order the YAML lists them (manajerial, sosial kultural, teknis). Positions require
different numbers of competencies, so every row is padded to the longest: a padded slot has
competency ``-1``, level 0, importance NaN and type ``-1``; ``mask`` says which slots are real.

A requirement whose competency the corpus does not define is left out (the reference rules report it,
and no assessment can score a competency the index does not number); a competency listed twice in one
position counts once, at the first listing (the rules report the duplicate).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kompiler.model import Corpus
from kompiler.model.entities import CompetencyType, Requirement
from kompiler.people.table import Index

TYPES: tuple[CompetencyType, ...] = (
    CompetencyType.MANAGERIAL,
    CompetencyType.SOCIOCULTURAL,
    CompetencyType.TECHNICAL,
)
"""The competency types by their number in ``Requirements.type``: the order also breaks ties between
equal gaps (managerial and socio-cultural before technical, see :mod:`kompiler.people.match`)."""

TYPE_NUMBER = {t: i for i, t in enumerate(TYPES)}
PAD = -1


@dataclass(frozen=True)
class Requirements:
    """What every position requires, as (positions × slots) arrays padded to the longest list.

    ``competency`` int32 (index into ``index.competencies``, -1 = padding); ``level`` float64 (the
    required level 1–5, 0 = padding); ``importance`` float64 (the ``kepentingan`` rating 1–5, NaN where
    not rated or padding); ``type`` int8 (number into :data:`TYPES`, -1 = padding); ``count`` int32 (the
    real slots of each row, which come first); ``competency_type`` int8 (the type of each competency of
    the index, by competency number).
    """

    index: Index
    competency: np.ndarray
    level: np.ndarray
    importance: np.ndarray
    type: np.ndarray
    count: np.ndarray
    competency_type: np.ndarray

    @classmethod
    def of(cls, corpus: Corpus, index: Index | None = None) -> Requirements:
        index = index or Index.of(corpus)
        rows = [_row(corpus.positions[code].requirements, index) for code in index.positions]
        return cls.from_rows(index, rows, _competency_types(corpus, index))

    @classmethod
    def from_rows(
        cls,
        index: Index,
        rows: list[list[tuple[int, int, float | None, int]]],
        competency_type: np.ndarray,
    ) -> Requirements:
        """Build the arrays from one list per position of ``(competency, level, importance, type)``
        numbers, in the index's position order (tests and generated benchmarks build them this way)."""
        width = max((len(row) for row in rows), default=0)
        shape = (len(rows), width)
        competency = np.full(shape, PAD, dtype=np.int32)
        level = np.zeros(shape, dtype=np.float64)
        importance = np.full(shape, np.nan, dtype=np.float64)
        type_ = np.full(shape, PAD, dtype=np.int8)
        count = np.zeros(len(rows), dtype=np.int32)
        for p, row in enumerate(rows):
            count[p] = len(row)
            for r, (c, lv, imp, t) in enumerate(row):
                competency[p, r], level[p, r], type_[p, r] = c, lv, t
                if imp is not None:
                    importance[p, r] = imp
        return cls(index, competency, level, importance, type_, count, competency_type)

    @property
    def width(self) -> int:
        """The number of slots of every row (the longest requirement list)."""
        return self.competency.shape[1]

    @property
    def mask(self) -> np.ndarray:
        """(positions × slots) bool: the slot holds a real requirement."""
        return self.competency >= 0


def _row(requirements: tuple[Requirement, ...], index: Index) -> list[tuple[int, int, float | None, int]]:
    row: list[tuple[int, int, float | None, int]] = []
    seen: set[int] = set()
    for req in requirements:
        number = index.competency_at.get(req.code)
        if number is None or number in seen:
            continue
        seen.add(number)
        row.append((number, req.level, req.importance, TYPE_NUMBER[CompetencyType(req.type)]))
    return row


def _competency_types(corpus: Corpus, index: Index) -> np.ndarray:
    return np.array(
        [TYPE_NUMBER[CompetencyType(corpus.competencies[code].type)] for code in index.competencies],
        dtype=np.int8,
    )
