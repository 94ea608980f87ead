"""What the people stage says about one person: gaps, a development plan and possible moves.

The computations work on chunks (:mod:`kompiler.people.table`); these objects are built only for the
people a document or a table row describes, one at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kompiler.people.talent import TalentBox


@dataclass(frozen=True)
class Gap:
    """One required competency of a position against a person's assessed level.

    ``actual`` is None when the assessment did not score it (the match then counts it as the policy's
    ``missing`` level); ``gap`` is ``required - actual`` (0 when met or exceeded); ``priority`` orders
    the gaps to close first (larger gap, more important, managerial before technical at equal weight).
    """

    competency: str
    name: str
    type: str
    required: int
    actual: int | None
    gap: int
    importance: float | None
    priority: float


@dataclass(frozen=True)
class Match:
    """A person against a position: the match percentage under the policy's formula, its category for
    the assessment's purpose, and every required competency's gap, most urgent first."""

    position: str
    percentage: float
    band: str
    band_name: str
    gaps: tuple[Gap, ...]


@dataclass(frozen=True)
class PlanItem:
    """One line of a Rencana Pengembangan Kompetensi: the gap it closes and the activity that closes it."""

    competency: str
    competency_name: str
    gap: int
    activity: str
    activity_name: str
    form: str
    form_name: str
    bucket: int
    jp: float
    year: int


@dataclass(frozen=True)
class Plan:
    """A development plan: its items, total JP and the share of each 10/20/70 bucket in percent.

    ``meets_minimum`` says the total reaches the policy's minimum JP; ``balanced`` that every bucket's
    share is within the tolerance of its target; ``uncovered`` lists gaps the catalogue has no activity for.
    """

    items: tuple[PlanItem, ...]
    total_jp: float
    shares: dict[int, float]
    meets_minimum: bool
    balanced: bool
    uncovered: tuple[str, ...]


class MoveKind(StrEnum):
    HORIZONTAL = "horizontal"
    VERTICAL = "vertikal"
    DIAGONAL = "diagonal"


@dataclass(frozen=True)
class Move:
    """A position a person could be assigned to: how related it is to their current one (the merge
    stage's similarity), how ready they are (its match percentage), the rank score combining both, the
    kind of move, whether it rests on a penyetaraan, and the gaps that explain the readiness."""

    position: str
    name: str
    unit: str
    relatedness: float
    readiness: float
    score: float
    kind: MoveKind
    by_equivalence: bool
    gaps: tuple[Gap, ...]


@dataclass(frozen=True)
class PersonReport:
    """Everything the stage says about one person, as a document or a CSV row shows it."""

    person: str
    position: str
    date: str
    purpose: str
    match: Match
    plan: Plan | None
    moves: tuple[Move, ...]
    talent_box: TalentBox | None
