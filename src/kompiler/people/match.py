"""Job Person Match: a chunk of people against their positions' requirements, as columns.

The percentage follows the policy's formula (``kecocokan.rumus``):

- ``rata_rata_rasio``: 100 × mean over the position's requirements of actual/required, each ratio
  capped at 1 when ``capped`` (a surplus in one competency then never hides a gap in another);
- ``jumlah_minimum``: 100 × Σ min(actual, required) / Σ required (capped by its definition, so
  ``capped`` changes nothing).

Every requirement counts, whatever its type; a competency the assessment did not score counts as the
policy's ``missing`` level. The percentage is rounded to two decimals *before* it is categorised, so the
category always agrees with the number a document shows (79.995 shows as 80.00 and is categorised as
80.00). The category comes from the person's assessment purpose (``pengisian``, ``pemetaan`` …): the first
band, from the highest, whose inclusive minimum the percentage reaches. A position with no requirement
has no percentage (NaN) and no category (band -1), as has a person whose purpose the policy does not
define.

Gaps are ``max(required − actual, 0)`` with the missing level as actual. They are ranked by
``priority = gap × importance / 3`` where the position rates importance (3 is the middle of the 1–5
scale, so a rated "3" weighs as an unrated requirement) and ``gap`` where it does not; at equal priority
managerial and socio-cultural competencies come before technical ones, because their level is set by the
grade for every position of it (PermenPANRB 38/2017): a gap there follows the person to any position of
the grade, while a technical gap belongs to one field. Competency code order breaks the last ties.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kompiler.model import Corpus
from kompiler.model.entities import MatchFormula, MatchPolicy
from kompiler.people.requirements import TYPES, Requirements
from kompiler.people.results import Gap, Match
from kompiler.people.table import Chunk

NEUTRAL_IMPORTANCE = 3.0
UNCATEGORISED = ("tidak_dikategorikan", "tidak dikategorikan")
_BLOCK_ELEMENTS = 1 << 22


@dataclass(frozen=True)
class MatchColumns:
    """A chunk's people against their current positions, one row per person.

    ``competency`` (n × slots) int32 the required competencies (-1 = padding) and ``type`` their type
    numbers; ``percentage`` (n,) rounded to two decimals, NaN without requirements; ``band`` (n,) int8, the
    index into the person's purpose's bands (-1 = none); ``required``, ``actual``, ``gap``,
    ``priority`` (n × slots) float64 in the position's slot order (``actual`` NaN where not scored,
    ``required`` 0 on padding); ``order`` (n × slots) int16, the slots most urgent first, padding last.
    """

    competency: np.ndarray
    type: np.ndarray
    percentage: np.ndarray
    band: np.ndarray
    required: np.ndarray
    actual: np.ndarray
    gap: np.ndarray
    priority: np.ndarray
    order: np.ndarray

    @property
    def has_gap(self) -> np.ndarray:
        """(n,) bool: the person falls short of at least one requirement."""
        return (self.gap > 0).any(axis=1)


def match_chunk(chunk: Chunk, requirements: Requirements, policy: MatchPolicy) -> MatchColumns:
    """Every person of ``chunk`` against their current position."""
    position = np.asarray(chunk.position, dtype=np.int64)
    known = position >= 0
    rows = np.where(known, position, 0)
    competency = np.where(known[:, None], requirements.competency[rows], -1)
    mask = competency >= 0
    required = np.where(mask, requirements.level[rows], 0.0)
    actual = _gather(chunk.levels, competency, mask)
    filled = np.where(np.isnan(actual), policy.missing, actual)
    percentage = _percentage(required, filled, mask, policy)
    gap = np.where(mask, np.maximum(required - filled, 0.0), 0.0)
    importance = requirements.importance[rows]
    weight = np.where(np.isnan(importance), 1.0, importance / NEUTRAL_IMPORTANCE)
    priority = np.where(mask, gap * weight, 0.0)
    type_ = requirements.type[rows]
    order = np.lexsort((competency, type_, -priority, ~mask), axis=1).astype(np.int16)
    return MatchColumns(
        competency=competency.astype(np.int32),
        type=type_,
        percentage=percentage,
        band=bands(percentage, chunk.purposes, policy),
        required=required,
        actual=actual,
        gap=gap,
        priority=priority,
        order=order,
    )


def match_against(
    chunk: Chunk, positions: np.ndarray, requirements: Requirements, policy: MatchPolicy
) -> np.ndarray:
    """(n × K) match percentages of each person against ``positions[i, k]`` (-1 = none, giving NaN).

    Readiness for candidate positions: the same formula and rounding as :func:`match_chunk`, computed in
    blocks of people so the (people × K × slots) intermediate stays within a few tens of MB.
    """
    positions = np.asarray(positions, dtype=np.int64)
    n, k = positions.shape
    out = np.full((n, k), np.nan)
    step = max(1, _BLOCK_ELEMENTS // max(1, k * requirements.width))
    for start in range(0, n, step):
        block = positions[start : start + step]
        known = block >= 0
        rows = np.where(known, block, 0)
        competency = np.where(known[..., None], requirements.competency[rows], -1)
        mask = competency >= 0
        required = np.where(mask, requirements.level[rows], 0.0)
        levels = chunk.levels[start : start + step]
        person = np.arange(len(block))[:, None, None]
        actual = np.where(mask, levels[person, np.maximum(competency, 0)], np.nan)
        filled = np.where(np.isnan(actual), policy.missing, actual)
        out[start : start + step] = _percentage(required, filled, mask, policy)
    return out


def percentage_of(required: np.ndarray, actual: np.ndarray, policy: MatchPolicy) -> float:
    """One person's percentage from their required and actual levels (NaN = not scored)."""
    required = np.asarray(required, dtype=np.float64)[None, :]
    filled = np.where(np.isnan(actual), policy.missing, actual)[None, :]
    return float(_percentage(required, filled, required > 0, policy)[0])


def bands(percentage: np.ndarray, purposes: tuple[str, ...], policy: MatchPolicy) -> np.ndarray:
    """(n,) int8: each person's band index within their purpose's bands (-1: NaN or unknown purpose)."""
    out = np.full(len(percentage), -1, dtype=np.int8)
    codes = np.asarray(purposes, dtype=object)
    for code, purpose in policy.purposes.items():
        chosen = (codes == code) & ~np.isnan(percentage)
        minima = np.array([b.minimum for b in purpose.bands])
        below = (percentage[chosen, None] < minima[None, :]).sum(axis=1)
        out[chosen] = np.minimum(below, len(minima) - 1)
    return out


def match_of(
    columns: MatchColumns,
    i: int,
    position: int,
    purpose: str,
    requirements: Requirements,
    policy: MatchPolicy,
    corpus: Corpus,
) -> Match:
    """Person ``i`` of a chunk's columns as a :class:`Match`, gaps most urgent first."""
    index = requirements.index
    band = int(columns.band[i])
    known = policy.purposes.get(purpose)
    code, name = (known.bands[band].code, known.bands[band].name) if known and band >= 0 else UNCATEGORISED
    gaps = []
    for slot in columns.order[i]:
        c = int(requirements.competency[position, slot]) if position >= 0 else -1
        if c < 0:
            continue
        competency = corpus.competencies.get(index.competencies[c])
        actual = columns.actual[i, slot]
        importance = requirements.importance[position, slot]
        gaps.append(
            Gap(
                competency=index.competencies[c],
                name=competency.name if competency else index.competencies[c],
                type=TYPES[int(requirements.type[position, slot])].value,
                required=int(columns.required[i, slot]),
                actual=None if np.isnan(actual) else int(actual),
                gap=round(float(columns.gap[i, slot])),
                importance=None if np.isnan(importance) else float(importance),
                priority=float(columns.priority[i, slot]),
            )
        )
    return Match(
        position=index.positions[position] if position >= 0 else "",
        percentage=float(columns.percentage[i]),
        band=code,
        band_name=name,
        gaps=tuple(gaps),
    )


def _gather(levels: np.ndarray, competency: np.ndarray, mask: np.ndarray) -> np.ndarray:
    person = np.arange(len(levels))[:, None]
    return np.where(mask, levels[person, np.maximum(competency, 0)], np.nan).astype(np.float64)


def _percentage(
    required: np.ndarray, filled: np.ndarray, mask: np.ndarray, policy: MatchPolicy
) -> np.ndarray:
    """Percentages over the last axis, rounded to two decimals (NaN where nothing is required)."""
    count = mask.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        if policy.formula is MatchFormula.SUM_MINIMUM:
            value = np.where(mask, np.minimum(filled, required), 0.0).sum(axis=-1) / required.sum(axis=-1)
        else:
            ratio = np.where(mask, filled / np.where(mask, required, 1.0), 0.0)
            if policy.capped:
                ratio = np.minimum(ratio, 1.0)
            value = ratio.sum(axis=-1) / count
    return np.where(count > 0, np.round(value * 100.0, 2), np.nan)
