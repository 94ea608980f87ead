"""Rencana Pengembangan Kompetensi: a yearly development plan per person, computed for a chunk at once.

The rules, as a user reads them:

1. **Targets.** A person with gaps gets one target per gap, most urgent first (the order of
   :mod:`kompiler.people.match`), each aimed at the required level. A person without gaps still gets a
   plan — every ASN has the right and duty to 20 JP a year (PP 17/2020) — aimed at the next level of their
   requirements, the ones they exceed least first (then managerial before technical, then code order);
   a competency already at level 5 is aimed at 5, to keep it (there is no level above).
2. **Candidates.** An activity of the catalogue is a candidate for a target when it develops that
   competency up to at least the target level. Candidates are tried closest fit first (the lowest
   sufficient level), then the fewest JP, then by code.
3. **Cover.** Targets are taken in order and each gets the candidate that keeps the plan's 10/20/70 split
   closest to the policy's shares (the largest deviation of any bucket, smallest first). An activity
   already in the plan that also develops the target covers it at no extra JP (its row shows 0 JP, so
   totals count every activity once). A gap with no candidate is listed as ``uncovered``. Every gap is
   covered; for a person without gaps, targets are covered only until the minimum JP is reached.
4. **Minimum.** While the total is under ``minimum_jp``, more candidates of the targets are added, in
   target order, each the one closest to the split; then the catalogue's general activities (those that
   develop no particular competency).
5. **Balance.** While a bucket's share is further than ``tolerance`` points from its target, a further
   candidate (then a general activity) is added only if it brings the split strictly closer.

Everything is deterministic. A plan depends only on its targets (competency and level, in order) and
whether they are gaps, so it is computed once per distinct target signature — the memo is a
``numpy.unique`` over the chunk's signatures — and the per-signature work itself is vectorised over the
signatures, step by step through the targets. The plan's year is the assessment's year + 1 unless a
planning year is given.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kompiler.model import Corpus
from kompiler.model.entities import DevelopmentPolicy
from kompiler.people.match import MatchColumns
from kompiler.people.requirements import Requirements
from kompiler.people.results import Plan, PlanItem
from kompiler.people.table import Chunk, Index

MAX_LEVEL = 5
GENERAL = "umum"
"""The competency name of a general activity's row (one added to reach the minimum or the split)."""
_BLOCK = 16384
_EPSILON = 1e-9


@dataclass(frozen=True)
class Catalogue:
    """The learning catalogue as arrays, built once per corpus.

    ``activities`` codes in code order; ``bucket`` (A,) the index into ``buckets`` (10, 20, 70) of each
    activity's form; ``jp`` (A,); ``candidates`` (competencies × 6 × L) int32, for a competency and a
    target level 1–5 the activities developing it that far, in the order rule 2 tries them (-1 = none);
    ``general`` the activities that develop no competency, in code order; ``shares`` the target share of
    each bucket in percent.
    """

    activities: tuple[str, ...]
    bucket: np.ndarray
    jp: np.ndarray
    candidates: np.ndarray
    general: np.ndarray
    buckets: tuple[int, ...]
    shares: np.ndarray
    minimum_jp: float
    tolerance: float

    @classmethod
    def of(cls, policy: DevelopmentPolicy, index: Index) -> Catalogue:
        """The usable part of the policy's catalogue: an activity whose form is unknown, whose form's
        bucket the plan policy has no share for, or with no JP is left out (the policy rules report it)."""
        plan = policy.plan
        shares = dict(sorted(plan.shares.items())) if plan else {}
        buckets = tuple(shares)
        usable = []
        for code in sorted(policy.catalogue):
            activity = policy.catalogue[code]
            form = policy.forms.get(activity.form)
            if form is None or form.bucket not in shares or not activity.jp > 0:
                continue
            usable.append(activity)
        codes = tuple(a.code for a in usable)
        bucket = np.array([buckets.index(policy.forms[a.form].bucket) for a in usable], dtype=np.int64)
        jp = np.array([a.jp for a in usable], dtype=np.float64)
        per_target: dict[tuple[int, int], list[tuple[int, float, str, int]]] = {}
        general = []
        for number, activity in enumerate(usable):
            developed = [(index.competency_at.get(d.competency), d.level) for d in activity.develops]
            if not activity.develops:
                general.append(number)
            for competency, level in developed:
                if competency is None:
                    continue
                for target in range(1, min(level, MAX_LEVEL) + 1):
                    per_target.setdefault((competency, target), []).append(
                        (level, activity.jp, activity.code, number)
                    )
        width = max((len(v) for v in per_target.values()), default=0)
        candidates = np.full((len(index.competencies), MAX_LEVEL + 1, max(width, 1)), -1, dtype=np.int32)
        for (competency, target), found in per_target.items():
            ordered = [number for *_, number in sorted(found)]
            candidates[competency, target, : len(ordered)] = ordered
        return cls(
            activities=codes,
            bucket=bucket,
            jp=jp,
            candidates=candidates,
            general=np.array(general, dtype=np.int32),
            buckets=buckets,
            shares=np.array(list(shares.values()), dtype=np.float64),
            minimum_jp=plan.minimum_jp if plan else 0.0,
            tolerance=plan.tolerance if plan else 0.0,
        )


@dataclass(frozen=True)
class PlanColumns:
    """The plans of a chunk: one row per distinct target signature, and each person's row.

    ``row`` (n,) the signature row of each person; ``year`` (n,) the plan year. Per signature row:
    ``gap_mode`` (targets are gaps), ``targets`` and ``levels`` (U × T) competency numbers and target
    levels in order (-1 = none); ``activity``, ``target``, ``jp`` (U × M) the plan's items in order
    (activity number, target position, JP counted; -1 / 0 padding); ``bucket_jp`` (U × buckets);
    ``total_jp``, ``meets_minimum``, ``balanced`` (U,); ``uncovered`` (U × T) the gaps no activity covers.
    """

    row: np.ndarray
    year: np.ndarray
    gap_mode: np.ndarray
    targets: np.ndarray
    levels: np.ndarray
    activity: np.ndarray
    target: np.ndarray
    jp: np.ndarray
    bucket_jp: np.ndarray
    total_jp: np.ndarray
    meets_minimum: np.ndarray
    balanced: np.ndarray
    uncovered: np.ndarray

    def person(self, name: str) -> np.ndarray:
        """A per-person view of a per-signature column (``total_jp``, ``meets_minimum`` …)."""
        return getattr(self, name)[self.row]


def plan_chunk(
    chunk: Chunk, match: MatchColumns, catalogue: Catalogue, year: int | None = None
) -> PlanColumns:
    """The plans of every person of ``chunk`` (``match`` is :func:`match_chunk` of the same chunk, whose
    columns carry every requirement a plan needs)."""
    gap_mode, targets, levels = _targets(match)
    signature = np.concatenate([gap_mode[:, None].astype(np.int32), targets, levels], axis=1)
    unique, row = _distinct(signature)
    width = targets.shape[1]
    parts = [
        _plan(unique[s : s + _BLOCK, 0].astype(bool), unique[s : s + _BLOCK, 1 : 1 + width],
              unique[s : s + _BLOCK, 1 + width :], catalogue)
        for s in range(0, max(len(unique), 1), _BLOCK)  # an empty chunk still gets (empty) columns
    ]  # fmt: skip
    items = max((p["activity"].shape[1] for p in parts), default=0)
    joined = {k: np.concatenate([_pad(p[k], items) for p in parts]) for k in _ITEM_KEYS}
    rest = {k: np.concatenate([p[k] for p in parts]) for k in _ROW_KEYS}
    return PlanColumns(
        row=row.reshape(-1).astype(np.int64),
        year=_years(chunk, year),
        gap_mode=unique[:, 0].astype(bool),
        targets=unique[:, 1 : 1 + width],
        levels=unique[:, 1 + width :],
        **joined,
        **rest,
    )


def plan_of(
    plans: PlanColumns,
    i: int,
    match: MatchColumns,
    catalogue: Catalogue,
    policy: DevelopmentPolicy,
    requirements: Requirements,
    corpus: Corpus,
) -> Plan:
    """Person ``i``'s plan as a :class:`Plan`, its items in the order they were chosen."""
    u = int(plans.row[i])
    index = requirements.index
    gaps = {int(c): round(float(g)) for c, g in zip(match.competency[i], match.gap[i], strict=True) if c >= 0}
    items = []
    for activity, target, jp in zip(plans.activity[u], plans.target[u], plans.jp[u], strict=True):
        if activity < 0:
            break
        entry = policy.catalogue[catalogue.activities[activity]]
        form = policy.forms[entry.form]
        competency = int(plans.targets[u, target]) if target >= 0 else -1
        code = index.competencies[competency] if competency >= 0 else ""
        found = corpus.competencies.get(code)
        items.append(
            PlanItem(
                competency=code,
                competency_name=found.name if found else (code or GENERAL),
                gap=gaps.get(competency, 0) if plans.gap_mode[u] else 0,
                activity=entry.code,
                activity_name=entry.name,
                form=form.code,
                form_name=form.name,
                bucket=catalogue.buckets[int(catalogue.bucket[activity])],
                jp=float(jp),
                year=int(plans.year[i]),
            )
        )
    total = float(plans.total_jp[u])
    shares = {
        b: (round(100.0 * float(plans.bucket_jp[u, k]) / total, 2) if total else 0.0)
        for k, b in enumerate(catalogue.buckets)
    }
    uncovered = tuple(
        index.competencies[int(c)]
        for c, missing in zip(plans.targets[u], plans.uncovered[u], strict=True)
        if missing
    )
    return Plan(
        items=tuple(items),
        total_jp=total,
        shares=shares,
        meets_minimum=bool(plans.meets_minimum[u]),
        balanced=bool(plans.balanced[u]),
        uncovered=uncovered,
    )


_ITEM_KEYS = ("activity", "target", "jp")
_ROW_KEYS = ("bucket_jp", "total_jp", "meets_minimum", "balanced", "uncovered")


def _targets(match: MatchColumns) -> tuple[np.ndarray, ...]:
    """(n,) gap mode, (n × T) target competencies and levels in order, per rule 1."""
    competency = match.competency
    gap_mode = match.has_gap
    person = np.arange(len(competency))[:, None]
    order = match.order.astype(np.int64)
    targets = np.where(match.gap[person, order] > 0, competency[person, order], -1).astype(np.int32)
    levels = np.where(targets >= 0, match.required[person, order], 0).astype(np.int32)
    grow = np.flatnonzero(~gap_mode)
    if len(grow):
        targets[grow], levels[grow] = _growth(match, grow)
    return gap_mode, targets, levels


def _growth(match: MatchColumns, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The targets of people without gaps: every requirement, least exceeded first, one level up (5
    stays 5); an unscored one counts at its required level (it made no gap)."""
    competency = match.competency[rows]
    required = match.required[rows]
    actual = match.actual[rows]
    filled = np.floor(np.where(np.isnan(actual), required, actual))
    surplus = np.where(competency >= 0, filled - required, np.inf)
    order = np.lexsort((competency, match.type[rows], surplus), axis=1)
    person = np.arange(len(rows))[:, None]
    grow = competency[person, order]
    level = np.where(grow >= 0, np.minimum(filled[person, order] + 1, MAX_LEVEL), 0)
    return grow, level.astype(np.int32)


def _distinct(signature: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``numpy.unique(signature, axis=0, return_inverse=True)``, faster: rows are hashed to one
    integer and sorted as such, and the grouping is verified row by row (a hash collision, never seen
    in practice, falls back to the exact comparison)."""
    weights = np.random.default_rng(0).integers(1, 2**62, signature.shape[1], dtype=np.uint64) | np.uint64(1)
    with np.errstate(over="ignore"):
        keys = (signature.astype(np.uint64) * weights).sum(axis=1, dtype=np.uint64)
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    if not (signature[first][inverse] == signature).all():
        unique, inverse = np.unique(signature, axis=0, return_inverse=True)
        return unique, inverse.reshape(-1)
    return signature[first], inverse.reshape(-1)


def _years(chunk: Chunk, year: int | None) -> np.ndarray:
    if year is not None:
        return np.full(len(chunk), year, dtype=np.int32)
    known: dict[str, int] = {}
    for date in set(chunk.dates):
        known[date] = int(date[:4]) + 1 if date[:4].isdigit() else 0
    return np.array([known[d] for d in chunk.dates], dtype=np.int32)


def _pad(array: np.ndarray, width: int) -> np.ndarray:
    fill = -1 if array.dtype.kind == "i" else 0
    out = np.full((array.shape[0], width), fill, dtype=array.dtype)
    out[:, : array.shape[1]] = array
    return out


class _State:
    """The plans being built for a block of signatures: items so far and JP per bucket."""

    def __init__(self, size: int, targets: int, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.activity = np.full((size, targets + 4), -1, dtype=np.int32)
        self.target = np.full((size, targets + 4), -1, dtype=np.int16)
        self.jp = np.zeros((size, targets + 4), dtype=np.float64)
        self.count = np.zeros(size, dtype=np.int64)
        self.bucket_jp = np.zeros((size, len(catalogue.buckets)), dtype=np.float64)
        self.uncovered = np.zeros((size, targets), dtype=bool)

    def total_of(self, rows: np.ndarray) -> np.ndarray:
        return self.bucket_jp[rows].sum(axis=1)

    @property
    def total(self) -> np.ndarray:
        return self.bucket_jp.sum(axis=1)

    def deviation(self, rows: np.ndarray) -> np.ndarray:
        """The largest distance of any bucket's share from its target, now; an empty plan is infinitely
        far (it has no split at all)."""
        jp = self.bucket_jp[rows]
        total = jp.sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            dev = np.abs(100.0 * jp / total - self.catalogue.shares).max(axis=1)
        return np.where(total[:, 0] > 0, dev, np.inf)

    def in_plan(self, rows: np.ndarray, options: np.ndarray) -> np.ndarray:
        """(m × L) bool: the option is already one of the row's activities."""
        used = int(self.count[rows].max(initial=0))
        if used == 0:
            return np.zeros(options.shape, dtype=bool)
        chosen = self.activity[rows, :used]
        return (options[:, :, None] == chosen[:, None, :]).any(axis=2) & (options >= 0)

    def best(
        self, rows: np.ndarray, options: np.ndarray, allowed: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """For each row, the allowed option whose addition leaves the split closest to the shares
        (first in candidate order on ties), and that deviation (inf when none is allowed)."""
        cat = self.catalogue
        if not len(cat.jp):
            return np.full(len(rows), -1, dtype=np.int32), np.full(len(rows), np.inf)
        safe = np.maximum(options, 0)
        add = np.where(allowed, cat.jp[safe], 0.0)
        bucket = cat.bucket[safe]
        current = self.bucket_jp[rows]
        scale = 100.0 / np.maximum(current.sum(axis=1)[:, None] + add, _EPSILON)
        dev = np.zeros(options.shape)
        for b, share in enumerate(cat.shares):  # three buckets: unrolled, no (m × L × B) temporaries
            after = (current[:, b, None] + np.where(bucket == b, add, 0.0)) * scale
            np.maximum(dev, np.abs(after - share), out=dev)
        dev = np.where(allowed, dev, np.inf)
        pick = dev.argmin(axis=1)
        return options[np.arange(len(rows)), pick], dev[np.arange(len(rows)), pick]

    def _grow(self) -> None:
        """Double the item columns: most plans need a few items, a few need many."""
        width = self.activity.shape[1]
        self.activity = _pad(self.activity, 2 * width)
        self.target = _pad(self.target, 2 * width)
        self.jp = _pad(self.jp, 2 * width)

    def add(self, rows: np.ndarray, activity: np.ndarray, target: np.ndarray, counted: bool) -> None:
        slot = self.count[rows]
        if len(rows) and slot.max() >= self.activity.shape[1]:
            self._grow()
        jp = self.catalogue.jp[activity] if counted else np.zeros(len(rows))
        self.activity[rows, slot] = activity
        self.target[rows, slot] = target
        self.jp[rows, slot] = jp
        self.count[rows] += 1
        if counted:
            self.bucket_jp[rows, self.catalogue.bucket[activity]] += jp  # rows are distinct


def _plan(gap_mode: np.ndarray, targets: np.ndarray, levels: np.ndarray, catalogue: Catalogue) -> dict:
    """Rules 3–5 for a block of distinct signatures, vectorised over the block."""
    size, width = targets.shape
    state = _State(size, width, catalogue)
    minimum = catalogue.minimum_jp
    candidates = catalogue.candidates
    for k in range(width):  # rule 3: cover
        rows = np.flatnonzero(targets[:, k] >= 0)
        rows = rows[gap_mode[rows] | (state.total_of(rows) < minimum)]
        if not len(rows):
            continue
        options = candidates[targets[rows, k], levels[rows, k]]
        valid = options >= 0
        taken = state.in_plan(rows, options)
        free = taken.any(axis=1)
        if free.any():
            first = taken[free].argmax(axis=1)
            state.add(rows[free], options[free][np.arange(free.sum()), first], np.full(free.sum(), k), False)
        fresh = rows[~free]
        choice, dev = state.best(fresh, options[~free], valid[~free])
        found = np.isfinite(dev)
        state.add(fresh[found], choice[found], np.full(found.sum(), k), True)
        state.uncovered[fresh[~found], k] = gap_mode[fresh[~found]]
    _extend(state, targets, levels, lambda rows: state.total_of(rows) < minimum - _EPSILON, strict=False)
    _extend(state, targets, levels, lambda rows: ~_balanced(state, rows), strict=True)
    total = state.total
    used = int(state.count.max(initial=0))
    return {
        "activity": state.activity[:, :used],
        "target": state.target[:, :used],
        "jp": state.jp[:, :used],
        "bucket_jp": state.bucket_jp,
        "total_jp": total,
        "meets_minimum": total >= minimum - _EPSILON,
        "balanced": _balanced(state, np.arange(size)),
        "uncovered": state.uncovered,
    }


def _balanced(state: _State, rows: np.ndarray) -> np.ndarray:
    return state.deviation(rows) <= state.catalogue.tolerance + _EPSILON


def _extend(state: _State, targets: np.ndarray, levels: np.ndarray, wanting, strict: bool) -> None:
    """Rules 4 and 5: pass over the targets adding candidates to the rows that still want one, then
    general activities; with ``strict`` an addition must bring the split strictly closer."""
    catalogue = state.catalogue
    size, width = targets.shape
    for _ in range(catalogue.candidates.shape[2]):
        added = False
        pending = np.flatnonzero(wanting(np.arange(size)))  # only these can want more in this pass
        for k in range(width):
            rows = pending[targets[pending, k] >= 0]
            rows = rows[wanting(rows)]
            if not len(rows):
                continue
            options = catalogue.candidates[targets[rows, k], levels[rows, k]]
            added |= _offer(state, rows, options, np.full(len(rows), k), strict)
        if not added:
            break
    for _ in range(len(catalogue.general)):
        rows = np.flatnonzero(wanting(np.arange(size)))
        if not len(rows):
            break
        options = np.broadcast_to(catalogue.general, (len(rows), len(catalogue.general)))
        if not _offer(state, rows, options, np.full(len(rows), -1), strict):
            break


def _offer(state: _State, rows: np.ndarray, options: np.ndarray, target: np.ndarray, strict: bool) -> bool:
    allowed = (options >= 0) & ~state.in_plan(rows, options)
    choice, dev = state.best(rows, options, allowed)
    take = np.isfinite(dev)
    if strict:
        take &= dev < state.deviation(rows) - _EPSILON
    state.add(rows[take], choice[take], target[take], True)
    return bool(take.any())
