"""The long layout's people: runs of consecutive rows with one id, and what their rows must agree on.

A person's rows are consecutive (see :mod:`kompiler.people.assessment` for why), so a batch is cut
where the id changes, and the last run of a batch waits for the next one, where it may go on. Found
with NumPy over the batch: where the id changes, each row's run, the first row of each run; then the
rows that contradict their run's first row, and the competencies a run assesses twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Runs:
    """The runs of the rows ``rows`` (indices into a batch): ``begins`` marks each run's first row,
    ``group`` numbers each row's run, ``heads`` are the runs' first rows as batch indices."""

    rows: np.ndarray
    begins: np.ndarray
    group: np.ndarray
    heads: np.ndarray

    @classmethod
    def of(cls, ids: list[str], rows: np.ndarray) -> Runs:
        ids_of = np.array([ids[i] for i in rows], dtype=object)
        begins = np.ones(len(rows), bool)
        begins[1:] = ids_of[1:] != ids_of[:-1]
        return cls(rows, begins, np.cumsum(begins) - 1, rows[begins])

    def __len__(self) -> int:
        return len(self.heads)


def last_run(records: list[list[str]], at: int) -> int:
    """Where the last run of one id begins in ``records`` (its rows may go on in the next batch)."""

    def id_of(record: list[str]) -> str:
        return record[at].strip() if len(record) > at else ""

    last, i = id_of(records[-1]), len(records) - 1
    while i > 0 and id_of(records[i - 1]) == last:
        i -= 1
    return i


def differing(runs: Runs, values: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Which of ``runs.rows`` hold another value than their run's first row, both read without a
    problem (``valid``, indexed by batch row); NaN (no data) equals NaN."""
    here, there = values[runs.rows], values[runs.heads[runs.group]]
    same = here == there
    if here.dtype.kind == "f":
        same |= np.isnan(here) & np.isnan(there)
    return ~same & valid[runs.rows] & valid[runs.heads[runs.group]]


def repeats(runs: Runs, competency: np.ndarray, width: int) -> Iterator[tuple[int, int]]:
    """(row, earlier row), as indices into ``runs.rows``, for each competency a run assesses again."""
    codes = competency[runs.rows]
    valid = np.flatnonzero(codes >= 0)
    keys = runs.group[valid].astype(np.int64) * max(1, width) + codes[valid]
    order = np.argsort(keys, kind="stable")
    for k in np.flatnonzero(keys[order][1:] == keys[order][:-1]):
        yield int(valid[order[k + 1]]), int(valid[order[k]])
