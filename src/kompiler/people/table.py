"""Assessments as columns: the shape every computation of the people stage works on.

A million people are read, scored and planned in chunks of rows held as NumPy arrays, never as a
million Python objects; a chunk's columns index the corpus' positions and competencies by number.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kompiler.model import Corpus


@dataclass(frozen=True)
class Index:
    """The numbering of the corpus' positions and competencies, in code order, that chunks refer to."""

    positions: tuple[str, ...]
    competencies: tuple[str, ...]
    position_at: dict[str, int]
    competency_at: dict[str, int]

    @classmethod
    def of(cls, corpus: Corpus) -> Index:
        positions = tuple(sorted(corpus.positions))
        competencies = tuple(sorted(corpus.competencies))
        return cls(
            positions,
            competencies,
            {code: i for i, code in enumerate(positions)},
            {code: i for i, code in enumerate(competencies)},
        )


@dataclass(frozen=True)
class Chunk:
    """Consecutive people of one assessment file.

    ``levels[i, c]`` is person ``i``'s assessed level of competency ``c`` (1–5), NaN where the
    assessment has no score; ``performance`` and ``potential`` are NaN where the file has none;
    ``rows`` is the file row (1 = header) where each person's data starts, for messages.
    """

    people: tuple[str, ...]
    position: np.ndarray
    levels: np.ndarray
    dates: tuple[str, ...]
    purposes: tuple[str, ...]
    performance: np.ndarray
    potential: np.ndarray
    rows: np.ndarray

    def __len__(self) -> int:
        return len(self.people)
