"""Talent: the 9-box of PermenPANRB 3/2020 and a position's talent pool.

**9-box.** Each axis (performance, potential) is cut by the policy's two cut points into 1 (low),
2 (middle) and 3 (high): a value below the first cut is low, from the first cut (inclusive) up to the
second middle, from the second cut up high. The box is the policy's name for (performance, potential),
with its number when the policy gives one; a document words it in its language. A person without both
scores has no box.

**Talent pool.** For one position, the assessed people ranked by readiness, their match percentage
against that position under the policy's formula, best first; equal readiness keeps the order of the
assessment file (a stable sort, so the ranking never depends on how the file was chunked). People who
already hold the position are left out unless asked for, and the pool keeps the best ``limit`` people
while streaming, so a national file never sits in memory.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from kompiler.model.entities import MatchPolicy, TalentPolicy
from kompiler.people.match import bands, match_against
from kompiler.people.requirements import Requirements
from kompiler.people.table import Chunk

FILLING = "pengisian"


@dataclass(frozen=True)
class TalentColumns:
    """(n,) int8 classes of a chunk's people on each axis: 1 low, 2 middle, 3 high, 0 not scored."""

    performance: np.ndarray
    potential: np.ndarray


def axis_class(values: np.ndarray, cuts: tuple[float, float]) -> np.ndarray:
    """1, 2 or 3 by the two cut points (each inclusive lower bound of the class above it); 0 for NaN."""
    values = np.asarray(values, dtype=np.float64)
    found = 1 + (values >= cuts[0]).astype(np.int8) + (values >= cuts[1]).astype(np.int8)
    return np.where(np.isnan(values), 0, found).astype(np.int8)


def talent_chunk(chunk: Chunk, policy: TalentPolicy) -> TalentColumns:
    return TalentColumns(
        axis_class(chunk.performance, policy.performance_cuts),
        axis_class(chunk.potential, policy.potential_cuts),
    )


@dataclass(frozen=True)
class TalentBox:
    """A person's box: its number (1–9, ``None`` when the policy gives none) and the policy's name of it.
    A document words it in its own language (``Kotak 9: …``, ``Box 9: …``)."""

    number: int | None
    name: str


def box_of(columns: TalentColumns, i: int, policy: TalentPolicy) -> TalentBox | None:
    """Person ``i``'s box, or None without both scores."""
    key = (int(columns.performance[i]), int(columns.potential[i]))
    if 0 in key or key not in policy.boxes:
        return None
    return TalentBox(policy.numbers.get(key), policy.boxes[key])


@dataclass(frozen=True)
class Candidate:
    """One person of a talent pool: their id, the position they hold, their readiness for the pooled
    position and its category under the filling purpose, and where they are in the file."""

    person: str
    position: str
    readiness: float
    band: str
    band_name: str
    row: int


def talent_pool(
    chunks: Iterable[Chunk],
    position: int,
    requirements: Requirements,
    policy: MatchPolicy,
    *,
    limit: int | None = None,
    include_holders: bool = False,
    purpose: str = FILLING,
) -> tuple[Candidate, ...]:
    """The people of ``chunks`` ranked by readiness for position number ``position`` (see the module).

    ``purpose`` names the categories shown (filling a position by default; the policy's first purpose
    when it has no such one).
    """
    purpose = purpose if purpose in policy.purposes else next(iter(policy.purposes), purpose)
    kept_readiness = np.empty(0)
    kept_order = np.empty(0, dtype=np.int64)
    kept: dict[int, tuple[str, int, int]] = {}
    seen = 0
    for chunk in chunks:
        n = len(chunk)
        readiness = match_against(chunk, np.full((n, 1), position), requirements, policy)[:, 0]
        eligible = ~np.isnan(readiness)
        if not include_holders:
            eligible &= np.asarray(chunk.position) != position
        local = np.flatnonzero(eligible)
        readiness_all = np.concatenate([kept_readiness, readiness[local]])
        order_all = np.concatenate([kept_order, seen + local])
        best = np.lexsort((order_all, -readiness_all))
        if limit is not None:
            best = best[:limit]
        kept_readiness, kept_order = readiness_all[best], order_all[best]
        for order in kept_order[kept_order >= seen].tolist():
            i = order - seen
            kept[order] = (chunk.people[i], int(chunk.position[i]), int(chunk.rows[i]))
        if limit is not None and len(kept) > 2 * limit:
            survivors = set(kept_order.tolist())
            kept = {k: v for k, v in kept.items() if k in survivors}
        seen += n
    pooled = policy.purposes.get(purpose)
    found = bands(kept_readiness, (purpose,) * len(kept_readiness), policy)
    out = []
    for readiness, order, band in zip(kept_readiness, kept_order, found, strict=True):
        person, held, row = kept[int(order)]
        chosen = pooled.bands[band] if pooled is not None and band >= 0 else None
        out.append(
            Candidate(
                person=person,
                position=requirements.index.positions[held] if held >= 0 else "",
                readiness=float(readiness),
                band=chosen.code if chosen else "",
                band_name=chosen.name if chosen else "",
                row=row,
            )
        )
    return tuple(out)
