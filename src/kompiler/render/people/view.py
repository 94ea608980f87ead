"""What a people document prints, resolved once into plain values: every format (Markdown, PDF, Word,
CSV) reads the same view, so they always say the same thing.

A view is built for one person at a time from a :class:`~kompiler.people.results.PersonReport` (never for
a whole file of people at once), with the policy's facts every document names: the formula and its
version, the plan's minimum JP and 10:20:70 targets. Numbers are written as the locale writes them
(``85,5`` in Indonesian).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from kompiler.model.entities import DevelopmentPolicy, Position
from kompiler.people.results import Gap, Move, PersonReport, Plan
from kompiler.people.talent import TalentBox
from kompiler.render.labels import number
from kompiler.render.people.labels import people_labels

BUCKETS = (10, 20, 70)


@dataclass(frozen=True)
class Setting:
    """The facts of the policy every document and table names, and the locale it is written in."""

    locale: str
    formula: str
    version: str
    capped: bool
    minimum_jp: float
    targets: Mapping[int, float]
    tolerance: float
    purposes: Mapping[str, str]
    built: str = ""

    @classmethod
    def of(cls, policy: DevelopmentPolicy, locale: str, built: str = "") -> Setting:
        match, plan = policy.match, policy.plan
        return cls(
            locale=locale,
            formula=match.formula.value if match else "",
            version=match.version if match else "",
            capped=match.capped if match else False,
            minimum_jp=plan.minimum_jp if plan else 0.0,
            targets=MappingProxyType(dict(plan.shares)) if plan else MappingProxyType({}),
            tolerance=plan.tolerance if plan else 0.0,
            purposes=MappingProxyType({code: p.name for code, p in match.purposes.items()} if match else {}),
            built=built,
        )

    @property
    def t(self) -> Mapping[str, str]:
        return people_labels(self.locale)

    @property
    def formula_text(self) -> str:
        """The formula as a reader understands it ("Rata-rata rasio …; setiap rasio paling tinggi 100 %");
        the tables keep its code (``formula``), which an HR system imports."""
        if not self.formula:
            return ""
        text = self.t[f"rumus_{self.formula}"]
        return f"{text}; {self.t['rumus_dibatasi']}" if self.capped else text

    @property
    def support(self) -> str:
        """The sentence every output carries: the formula version, and that it supports a human decision."""
        return self.t["dukungan"].format(version=self.version or "—")


@dataclass(frozen=True)
class GapRow:
    number: int
    competency: str
    name: str
    type: str
    required: int
    actual: str
    gap: int
    importance: str
    priority: str


@dataclass(frozen=True)
class PlanRow:
    number: int
    competency: str
    competency_name: str
    gap: int
    activity: str
    activity_name: str
    form: str
    form_name: str
    bucket: int
    jp: str
    year: int


@dataclass(frozen=True)
class ShareRow:
    bucket: int
    label: str
    share: str
    target: str
    within: bool


@dataclass(frozen=True)
class PlanView:
    rows: tuple[PlanRow, ...]
    total_jp: str
    minimum_jp: str
    shares: tuple[ShareRow, ...]
    tolerance: str
    meets_minimum: bool
    balanced: bool
    uncovered: tuple[str, ...]


@dataclass(frozen=True)
class MoveRow:
    number: int
    position: str
    name: str
    unit: str
    kind: str
    kind_name: str
    by_equivalence: bool
    relatedness: str
    readiness: str
    score: str
    explanation: str


@dataclass(frozen=True)
class PersonView:
    """One person's document: the header, the match, and whichever of gaps, plan and moves it shows."""

    person: str
    position: str
    position_name: str
    unit: str
    date: str
    purpose: str
    percentage: str
    band: str
    band_name: str
    talent_box: str
    gaps: tuple[GapRow, ...]
    plan: PlanView | None
    moves: tuple[MoveRow, ...]


def gap_rows(gaps: tuple[Gap, ...], locale: str) -> tuple[GapRow, ...]:
    t = people_labels(locale)
    return tuple(
        GapRow(
            number=i,
            competency=g.competency,
            name=g.name,
            type=t[f"type_{g.type}"],
            required=g.required,
            actual=str(g.actual) if g.actual is not None else t["tidak_dinilai"],
            gap=g.gap,
            importance=number(g.importance, locale, 2) if g.importance is not None else "",
            priority=number(g.priority, locale, 2),
        )
        for i, g in enumerate(gaps, 1)
    )


def plan_view(plan: Plan, setting: Setting) -> PlanView:
    locale, t = setting.locale, setting.t
    rows = tuple(
        PlanRow(
            i,
            item.competency,
            item.competency_name,
            item.gap,
            item.activity,
            item.activity_name,
            item.form,
            item.form_name,
            item.bucket,
            number(item.jp, locale),
            item.year,
        )
        for i, item in enumerate(plan.items, 1)
    )
    buckets = sorted(set(BUCKETS) | set(setting.targets) | set(plan.shares))
    shares = tuple(
        ShareRow(
            bucket,
            t.get(f"bucket_{bucket}", f"{bucket} %"),
            number(plan.shares.get(bucket, 0.0), locale),
            number(setting.targets.get(bucket, 0.0), locale),
            abs(plan.shares.get(bucket, 0.0) - setting.targets.get(bucket, 0.0)) <= setting.tolerance,
        )
        for bucket in buckets
    )
    return PlanView(
        rows,
        number(plan.total_jp, locale),
        number(setting.minimum_jp, locale),
        shares,
        number(setting.tolerance, locale),
        plan.meets_minimum,
        plan.balanced,
        plan.uncovered,
    )


def explanation(gaps: tuple[Gap, ...], limit: int = 3) -> str:
    """The largest gaps of a move, as ``M.01 2→3; T.PEG.04 -→2``, in the order the stage ranked them."""
    open_gaps = [g for g in gaps if g.gap > 0][:limit]
    return "; ".join(
        f"{g.competency} {g.actual if g.actual is not None else '-'}→{g.required}" for g in open_gaps
    )


def move_rows(moves: tuple[Move, ...], locale: str) -> tuple[MoveRow, ...]:
    t = people_labels(locale)
    return tuple(
        MoveRow(
            i,
            m.position,
            m.name,
            m.unit,
            m.kind.value,
            t[f"move_{m.kind.value}"],
            m.by_equivalence,
            number(m.relatedness * 100, locale),
            number(m.readiness, locale, 2),
            number(m.score, locale, 3),
            explanation(m.gaps),
        )
        for i, m in enumerate(moves, 1)
    )


def box_text(box: TalentBox | None, locale: str) -> str:
    """A talent box in ``locale``'s words (``Kotak 9: …``, ``Box 9: …``; its name alone without a number);
    empty without a box."""
    if box is None:
        return ""
    if box.number is None:
        return box.name
    return people_labels(locale)["kotak_nomor"].format(number=box.number, name=box.name)


def person_view(report: PersonReport, setting: Setting, positions: Mapping[str, Position]) -> PersonView:
    """The view of ``report``; ``positions`` names the person's current position and its unit."""
    current = positions.get(report.position)
    locale = setting.locale
    return PersonView(
        person=report.person,
        position=report.position,
        position_name=current.name if current else "",
        unit=current.unit if current else "",
        date=report.date,
        purpose=setting.purposes.get(report.purpose, report.purpose),
        percentage=number(report.match.percentage, locale, 2),
        band=report.match.band,
        band_name=report.match.band_name,
        talent_box=box_text(report.talent_box, locale),
        gaps=gap_rows(report.match.gaps, locale),
        plan=plan_view(report.plan, setting) if report.plan is not None else None,
        moves=move_rows(report.moves, locale),
    )
