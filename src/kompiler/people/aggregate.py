"""The agency view's figures: a competency × unit gap heatmap and the share of plans reaching the
minimum JP, counted while streaming and suppressed where a group is too small to publish.

**Counting.** A person belongs to the unit (``unit_kerja``) of the position they hold. Cell (unit,
competency) counts the people of the unit whose position requires the competency, the sum of their gaps
(a missing score counted as the match policy's ``missing`` level) and how many have a gap there. Per unit:
the people assessed, those with any gap, and those whose plan reaches the minimum JP. Counts are kept as
sparse (unit, competency) keys merged chunk by chunk, so memory follows the pairs that occur, not
units × competencies.

**Suppression** (UU 27/2022: aggregates must not single anyone out). A cell or a unit of fewer than
``minimum`` people (default 5) is suppressed: its figures are ``None`` and documents print
"disembunyikan". The per-competency totals over all units and the agency total are sums over disjoint
groups (each person in one unit), so a suppressed group could be recomputed from a total less the
groups shown. Secondary suppression prevents that: along each line with a total (a competency's column
of units; the list of units), while the suppressed groups together hold some but fewer than ``minimum``
people, the smallest group still shown (then the first by name) is suppressed too; if nothing is left to
suppress, the total itself is. The rows of the heatmap (one unit across competencies) have no published
total — a unit's share with any gap counts people, not competency cells, and no mean over a unit's
competencies is shown — so a suppressed cell cannot be recovered along its row, and rows need no
secondary suppression.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kompiler.diagnostics import Message
from kompiler.model import Corpus
from kompiler.people.match import MatchColumns
from kompiler.people.plan import PlanColumns
from kompiler.people.requirements import Requirements
from kompiler.people.table import Chunk

DEFAULT_MINIMUM_GROUP = 5
SUPPRESSED = Message("disembunyikan", "suppressed")


@dataclass(frozen=True)
class Aggregates:
    """The counts, before suppression, over the units and competencies that occur (in name/code order).

    ``people[u, c]``, ``gap_sum[u, c]``, ``with_gap[u, c]``: the cell's people, sum of gaps and people
    with a gap; ``unit_people[u]``, ``unit_with_gap[u]``; ``unit_reaching[u]`` the plans reaching the
    minimum JP (``None`` when no plan was computed). The field names match what the agency view renders.
    """

    units: tuple[str, ...]
    competencies: tuple[str, ...]
    competency_names: dict[str, str]
    people: np.ndarray
    gap_sum: np.ndarray
    with_gap: np.ndarray
    unit_people: np.ndarray
    unit_with_gap: np.ndarray
    unit_reaching: np.ndarray | None


class Tally:
    """Counts the aggregates chunk by chunk (:meth:`add`), then gives them (:meth:`aggregates`)."""

    def __init__(self, corpus: Corpus, requirements: Requirements) -> None:
        index = requirements.index
        units = sorted({corpus.positions[code].unit for code in index.positions})
        unit_at = {unit: u for u, unit in enumerate(units)}
        self._corpus = corpus
        self._requirements = requirements
        self._units = tuple(units)
        self._unit_of = np.array(
            [unit_at[corpus.positions[code].unit] for code in index.positions], dtype=np.int64
        )
        width = len(index.competencies)
        self._width = max(width, 1)
        self._keys = np.empty(0, dtype=np.int64)
        self._cells = np.zeros((0, 3))
        self._unit = np.zeros((len(units), 3), dtype=np.int64)
        self._plans = False

    def add(self, chunk: Chunk, match: MatchColumns, plans: PlanColumns | None = None) -> None:
        position = np.asarray(chunk.position, dtype=np.int64)
        known = position >= 0
        unit = self._unit_of[np.where(known, position, 0)]
        mask = (match.competency >= 0) & known[:, None]
        keys = (unit[:, None] * self._width + match.competency)[mask]
        gap = match.gap[mask]
        values = np.stack([np.ones(len(keys)), gap, (gap > 0).astype(np.float64)], axis=1)
        self._merge(keys, values)
        has_gap = match.has_gap
        reaching = plans.person("meets_minimum") if plans is not None else np.zeros(len(chunk), dtype=bool)
        self._plans |= plans is not None
        for column, flags in enumerate((known, has_gap & known, reaching & known)):
            self._unit[:, column] += np.bincount(unit[flags], minlength=len(self._units))

    def _merge(self, keys: np.ndarray, values: np.ndarray) -> None:
        keys = np.concatenate([self._keys, keys])
        values = np.concatenate([self._cells, values])
        self._keys, inverse = np.unique(keys, return_inverse=True)
        self._cells = np.stack(
            [np.bincount(inverse, weights=values[:, k], minlength=len(self._keys)) for k in range(3)], axis=1
        )

    def aggregates(self) -> Aggregates:
        index = self._requirements.index
        seen_units = np.flatnonzero(self._unit[:, 0] > 0)
        unit_pos = {int(u): k for k, u in enumerate(seen_units)}
        cell_unit, cell_competency = np.divmod(self._keys, self._width)
        seen_competencies = np.unique(cell_competency)
        competency_pos = {int(c): k for k, c in enumerate(seen_competencies)}
        shape = (len(seen_units), len(seen_competencies))
        people, gap_sum, with_gap = np.zeros(shape, np.int64), np.zeros(shape), np.zeros(shape, np.int64)
        rows = np.array([unit_pos[int(u)] for u in cell_unit], dtype=np.int64)
        cols = np.array([competency_pos[int(c)] for c in cell_competency], dtype=np.int64)
        people[rows, cols] = np.rint(self._cells[:, 0]).astype(np.int64)
        gap_sum[rows, cols] = self._cells[:, 1]
        with_gap[rows, cols] = np.rint(self._cells[:, 2]).astype(np.int64)
        codes = tuple(index.competencies[int(c)] for c in seen_competencies)
        names = {}
        for code in codes:
            found = self._corpus.competencies.get(code)
            names[code] = found.name if found else code
        unit = self._unit[seen_units]
        return Aggregates(
            units=tuple(self._units[int(u)] for u in seen_units),
            competencies=codes,
            competency_names=names,
            people=people,
            gap_sum=gap_sum,
            with_gap=with_gap,
            unit_people=unit[:, 0],
            unit_with_gap=unit[:, 1],
            unit_reaching=unit[:, 2] if self._plans else None,
        )


@dataclass(frozen=True)
class Figure:
    """One published group: its people, mean gap and share with a gap (percent), or all ``None`` when
    suppressed; ``secondary`` says it was suppressed only to protect another group. A cell nobody's
    position requires has 0 people and no mean."""

    people: int | None
    mean_gap: float | None
    share_with_gap: float | None
    secondary: bool = False


@dataclass(frozen=True)
class UnitFigure:
    """A unit (or the whole agency): people, share with any gap and share of plans reaching the
    minimum JP (percent; ``None`` when suppressed or when no plan was computed)."""

    unit: str
    people: int | None
    share_with_gap: float | None
    share_reaching: float | None
    secondary: bool = False


@dataclass(frozen=True)
class Suppressed:
    """The aggregates as they may be published: ``cells[u][c]``, ``totals[c]`` (a competency over all
    units), ``units[u]`` and ``agency`` (all units)."""

    units: tuple[UnitFigure, ...]
    competencies: tuple[str, ...]
    cells: tuple[tuple[Figure, ...], ...]
    totals: tuple[Figure, ...]
    agency: UnitFigure
    minimum: int


def suppress(data: Aggregates, minimum: int = DEFAULT_MINIMUM_GROUP) -> Suppressed:
    """The publishable figures of ``data`` (see the module for the rules)."""
    people = data.people
    hidden = (people > 0) & (people < minimum)
    secondary = np.zeros_like(hidden)
    total_hidden = np.zeros(people.shape[1], dtype=bool)
    for c in range(people.shape[1]):
        extra, total_hidden[c] = _complement(people[:, c], hidden[:, c], data.units, minimum)
        secondary[:, c] = extra
    unit_hidden = data.unit_people < minimum
    unit_extra, agency_hidden = _complement(data.unit_people, unit_hidden, data.units, minimum)
    cells = tuple(
        tuple(
            _figure(int(people[u, c]), data.gap_sum[u, c], int(data.with_gap[u, c]), hidden[u, c] or secondary[u, c],
                    bool(secondary[u, c]))
            for c in range(people.shape[1])
        )
        for u in range(people.shape[0])
    )  # fmt: skip
    totals = tuple(
        _figure(
            int(people[:, c].sum()), data.gap_sum[:, c].sum(), int(data.with_gap[:, c].sum()), total_hidden[c]
        )
        for c in range(people.shape[1])
    )
    reaching = data.unit_reaching
    units = tuple(
        _unit(unit, int(data.unit_people[u]), int(data.unit_with_gap[u]),
              None if reaching is None else int(reaching[u]), unit_hidden[u] or unit_extra[u], bool(unit_extra[u]))
        for u, unit in enumerate(data.units)
    )  # fmt: skip
    agency = _unit(
        "",
        int(data.unit_people.sum()),
        int(data.unit_with_gap.sum()),
        None if reaching is None else int(reaching.sum()),
        agency_hidden,
    )
    return Suppressed(units, data.competencies, cells, totals, agency, minimum)


def shown(value: float | int | None, locale: str = "id", digits: int = 2) -> str:
    """A figure as text, "disembunyikan" when suppressed."""
    if value is None:
        return SUPPRESSED.text(locale)
    return str(value) if isinstance(value, int) else f"{value:.{digits}f}"


def _complement(
    people: np.ndarray, hidden: np.ndarray, names: tuple[str, ...], minimum: int
) -> tuple[np.ndarray, bool]:
    """Secondary suppression along one line with a total: the groups added to ``hidden`` and whether
    the total must be suppressed too."""
    hidden = hidden.copy()
    extra = np.zeros_like(hidden)
    present = people > 0
    while 0 < people[hidden & present].sum() < minimum:
        shown_groups = np.flatnonzero(present & ~hidden)
        if not len(shown_groups):
            break
        smallest = min(shown_groups, key=lambda g: (people[g], names[g]))
        hidden[smallest] = extra[smallest] = True
    total = int(people.sum())
    hidden_people = int(people[hidden & present].sum())
    return extra, total < minimum or 0 < hidden_people < minimum


def _figure(people: int, gap_sum: float, with_gap: int, hide: bool, secondary: bool = False) -> Figure:
    if people == 0:
        return Figure(0, None, None)  # nobody there: nothing to hide
    if hide:
        return Figure(None, None, None, secondary)
    return Figure(people, round(gap_sum / people, 2), round(100.0 * with_gap / people, 1))


def _unit(
    name: str, people: int, with_gap: int, reaching: int | None, hide: bool, secondary: bool = False
) -> UnitFigure:
    if hide or people == 0:
        return UnitFigure(name, None, None, None, secondary)
    share_reaching = None if reaching is None else round(100.0 * reaching / people, 1)
    return UnitFigure(name, people, round(100.0 * with_gap / people, 1), share_reaching)
