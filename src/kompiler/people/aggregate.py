"""The agency view's figures: a competency × unit gap heatmap and the share of plans reaching the
minimum JP, counted while streaming and suppressed where a group is too small to publish.

**Counting.** A person belongs to the unit (``unit_kerja``) of the position they hold. Cell (unit,
competency) counts the people of the unit whose position requires the competency, the sum of their gaps
(a missing score counted as the match policy's ``missing`` level) and the sum of their squares. Per unit:
the people assessed and those whose plan reaches the minimum JP. Only what the heatmap shows or its
suppression needs is counted: a cell's mean gap and a unit's people and share of plans, with the sums of
squares saying whether a cell's gaps are all equal. Counts are kept as sparse (unit, competency) keys
merged chunk by chunk, so memory follows the pairs that occur, not units × competencies.

**Suppression** (UU 27/2022: aggregates must not single anyone out). A cell or a unit of fewer than
``minimum`` people (default 5) is suppressed: its figures are ``None`` and documents print
"disembunyikan". So is a figure that, whatever the group's size, says what each member's value is
because they are all equal (attribute disclosure): a cell whose gaps are all the same (a mean gap of 0
says that nobody of the group has a gap), a unit whose plans all reach the minimum JP or all miss it
(100 % or 0 %); the unit's count of people stays. The per-competency totals over all units and the
agency total are sums over disjoint groups (each person in one unit), so a suppressed group could be
recomputed from a total less the groups shown. Secondary suppression prevents that: along each line with
a total (a competency's column of units; the list of units, for its people and its plans' share), while
the suppressed groups together hold some but fewer than ``minimum`` people, or people whose values are
all equal, the smallest group still shown (then the first by name) is suppressed too; if nothing is left
to suppress, the total itself is, as is a total whose own group is all equal. The rows of the heatmap
(one unit across competencies) have no published total — a unit's people and share of plans count
people, not competency cells, and no mean over a unit's competencies is shown — so a suppressed cell
cannot be recovered along its row, and rows need no secondary suppression.
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

    ``people[u, c]``, ``gap_sum[u, c]``, ``gap_squares[u, c]``: the cell's people, sum of gaps and sum of
    squared gaps (which says whether all its gaps are equal); ``unit_people[u]``; ``unit_reaching[u]`` the
    plans reaching the minimum JP (``None`` when no plan was computed). The field names match what the
    agency view renders.
    """

    units: tuple[str, ...]
    competencies: tuple[str, ...]
    competency_names: dict[str, str]
    people: np.ndarray
    gap_sum: np.ndarray
    unit_people: np.ndarray
    unit_reaching: np.ndarray | None
    gap_squares: np.ndarray


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
        self._unit = np.zeros((len(units), 2), dtype=np.int64)
        self._plans = False

    def add(self, chunk: Chunk, match: MatchColumns, plans: PlanColumns | None = None) -> None:
        position = np.asarray(chunk.position, dtype=np.int64)
        known = position >= 0
        unit = self._unit_of[np.where(known, position, 0)]
        mask = (match.competency >= 0) & known[:, None]
        keys = (unit[:, None] * self._width + match.competency)[mask]
        gap = match.gap[mask].astype(np.float64)
        values = np.stack([np.ones(len(keys)), gap, gap * gap], axis=1)
        self._merge(keys, values)
        reaching = plans.person("meets_minimum") if plans is not None else np.zeros(len(chunk), dtype=bool)
        self._plans |= plans is not None
        for column, flags in enumerate((known, reaching & known)):
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
        cell_unit, cell_competency = np.divmod(self._keys, self._width)
        seen_competencies = np.unique(cell_competency)
        shape = (len(seen_units), len(seen_competencies))
        people, gap_sum, gap_squares = np.zeros(shape, np.int64), np.zeros(shape), np.zeros(shape)
        rows = np.searchsorted(seen_units, cell_unit)
        cols = np.searchsorted(seen_competencies, cell_competency)
        people[rows, cols] = np.rint(self._cells[:, 0]).astype(np.int64)
        gap_sum[rows, cols] = self._cells[:, 1]
        gap_squares[rows, cols] = self._cells[:, 2]
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
            unit_people=unit[:, 0],
            unit_reaching=unit[:, 1] if self._plans else None,
            gap_squares=gap_squares,
        )


@dataclass(frozen=True)
class Figure:
    """One published group: its people and mean gap, or both ``None`` when suppressed; ``secondary`` says
    it was suppressed only to protect another group. A cell nobody's position requires has 0 people and
    no mean."""

    people: int | None
    mean_gap: float | None
    secondary: bool = False


EMPTY = Figure(0, None)
"""A cell nobody's position requires: nothing to show and nothing to hide."""


@dataclass(frozen=True)
class UnitFigure:
    """A unit (or the whole agency): people and share of plans reaching the minimum JP (percent; ``None``
    when suppressed or when no plan was computed); ``secondary`` says a figure of it was suppressed only
    to protect another group."""

    unit: str
    people: int | None
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
    people = np.asarray(data.people, dtype=np.int64)
    gap_sum, squares = np.asarray(data.gap_sum, dtype=np.float64), np.asarray(data.gap_squares, np.float64)
    first = (people > 0) & ((people < minimum) | _uniform(people, gap_sum, squares))
    hidden, secondary, total_hidden = _complement(people, first, minimum, (gap_sum, squares))
    unit_people = np.asarray(data.unit_people, dtype=np.int64)[:, None]
    unit_hidden, unit_extra, agency_hidden = _complement(unit_people, unit_people < minimum, minimum)
    reaching = data.unit_reaching
    share_hidden, share_extra, agency_share_hidden = unit_hidden, unit_extra, agency_hidden
    if reaching is not None:
        met = np.asarray(reaching, dtype=np.float64)[:, None]  # 0 or 1 a person: its own square
        uniform_share = _uniform(unit_people, met, met)
        share_hidden, share_extra, agency_share_hidden = _complement(
            unit_people, unit_hidden | uniform_share, minimum, (met, met)
        )
        share_extra &= ~unit_hidden
    at = np.nonzero(people)
    count = people[at]
    mean = np.round(gap_sum[at] / count, 2)
    rows: list[list[Figure]] = [[EMPTY] * people.shape[1] for _ in range(people.shape[0])]
    for u, c, n, m, h, x in zip(
        *(a.tolist() for a in (*at, count, mean, hidden[at], secondary[at])), strict=True
    ):
        rows[u][c] = Figure(None, None, x) if h else Figure(n, m)
    totals = tuple(
        _figure(int(n), float(g), bool(h))
        for n, g, h in zip(people.sum(axis=0), gap_sum.sum(axis=0), total_hidden, strict=True)
    )
    units = tuple(
        _unit(unit, int(data.unit_people[u]),
              None if reaching is None or share_hidden[u, 0] else int(reaching[u]), bool(unit_hidden[u, 0]),
              bool(unit_extra[u, 0] or share_extra[u, 0]))
        for u, unit in enumerate(data.units)
    )  # fmt: skip
    agency = _unit(
        "",
        int(data.unit_people.sum()),
        None if reaching is None or agency_share_hidden[0] else int(reaching.sum()),
        bool(agency_hidden[0]),
    )
    return Suppressed(units, data.competencies, tuple(map(tuple, rows)), totals, agency, minimum)


def _uniform(people: np.ndarray, total: np.ndarray, squares: np.ndarray) -> np.ndarray:
    """Whether each group's values are all equal (zero spread: n·Σx² = (Σx)²), so that its mean says what
    every member's value is: a mean gap of 0, or a share of 0 % or 100 %. Groups of nobody are not."""
    spread = people * squares - total * total
    return (people > 0) & (np.abs(spread) <= 1e-9 * np.maximum(1.0, total * total))


def shown(value: float | int | None, locale: str = "id", digits: int = 2) -> str:
    """A figure as text, "disembunyikan" when suppressed."""
    if value is None:
        return SUPPRESSED.text(locale)
    return str(value) if isinstance(value, int) else f"{value:.{digits}f}"


def _complement(
    people: np.ndarray,
    hidden: np.ndarray,
    minimum: int,
    values: tuple[np.ndarray, np.ndarray] | None = None,
) -> tuple[np.ndarray, ...]:
    """Secondary suppression down every column (a line of disjoint groups with a published total), all
    columns at once: the groups hidden in the end, those hidden only to protect another, and which
    columns' totals must be hidden too. The total less the groups shown is what the hidden groups hold
    together; that must be nobody, or at least ``minimum`` people whose ``values`` (the sums and sums of
    squares of the groups' members' values, when the line publishes values and not only counts) are not
    all equal. Groups are in name order, so of equal sizes the first goes; every group still shown has
    members of differing values, so hiding one always ends the equality."""
    present = people > 0
    hidden = hidden & present
    extra = np.zeros_like(hidden)
    columns = np.arange(people.shape[1])

    def exposed(groups: np.ndarray) -> np.ndarray:
        count = np.where(groups, people, 0).sum(axis=0)
        found = (count > 0) & (count < minimum)
        if values is not None:
            total, squares = (np.where(groups, value, 0.0).sum(axis=0) for value in values)
            found |= _uniform(count, total, squares)
        return found

    while True:
        candidates = present & ~hidden
        need = exposed(hidden) & candidates.any(axis=0)
        if not need.any():
            break
        smallest = np.where(candidates, people, np.iinfo(np.int64).max).argmin(axis=0)
        hidden[smallest[need], columns[need]] = extra[smallest[need], columns[need]] = True
    everyone = exposed(present) | (people.sum(axis=0) < minimum)
    return hidden, extra, everyone | exposed(hidden)


def _figure(people: int, gap_sum: float, hide: bool) -> Figure:
    if people == 0:
        return EMPTY  # nobody there: nothing to hide
    if hide:
        return Figure(None, None)
    return Figure(people, round(gap_sum / people, 2))


def _unit(name: str, people: int, reaching: int | None, hide: bool, secondary: bool = False) -> UnitFigure:
    if hide or people == 0:
        return UnitFigure(name, None, None, secondary)
    share_reaching = None if reaching is None else round(100.0 * reaching / people, 1)
    return UnitFigure(name, people, share_reaching, secondary)
