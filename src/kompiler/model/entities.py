"""Typed entities of a standards corpus: sources, grades, families, competencies and positions.

Entities refer to each other by code (plain strings), exactly as the YAML does; :mod:`kompiler.model.link`
indexes them, and the reference rules report codes that resolve to nothing. Every entity remembers the
document and pointer it came from, so any later stage can point a diagnostic at the exact line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from kompiler.check.load import Document, Pointer
from kompiler.diagnostics import Location


class CompetencyType(StrEnum):
    MANAGERIAL = "manajerial"
    SOCIOCULTURAL = "sosial_kultural"
    TECHNICAL = "teknis"


class PositionKind(StrEnum):
    JPT = "jpt"
    ADMINISTRATOR = "administrator"
    SUPERVISOR = "pengawas"
    EXPERT = "fungsional_keahlian"
    SKILLED = "fungsional_keterampilan"
    EXECUTOR = "pelaksana"


EDUCATION_ORDER = {"SD": 1, "SMP": 2, "SMA": 3, "D1": 4, "D2": 5, "D3": 6, "D4": 7, "S1": 7, "S2": 8, "S3": 9}
RANK_ORDER = {
    f"{group}/{letter}": index
    for index, (group, letter) in enumerate(
        (g, letter)
        for g in ("I", "II", "III", "IV")
        for letter in "abcde"
        if not (g != "IV" and letter == "e")
    )
}


@dataclass(frozen=True)
class Origin:
    """Where an entity was written: its document and the pointer of its node inside it."""

    document: Document
    pointer: Pointer

    def at(self, *relative: str | int, key: bool = False) -> Location:
        """Location of a node below this entity (of its key with ``key=True``)."""
        return self.document.location((*self.pointer, *relative), key=key)

    @property
    def location(self) -> Location:
        return self.document.location(self.pointer)

    @property
    def file(self) -> str:
        return self.document.path


@dataclass(frozen=True)
class Citation:
    """A reference to a legal source: its code and the article it rests on."""

    code: str
    article: str | None = None


@dataclass(frozen=True)
class Source:
    code: str
    kind: str
    number: str
    year: int
    title: str
    status: str
    revoked_by: str | None
    origin: Origin = field(compare=False, repr=False)

    @property
    def revoked(self) -> bool:
        return self.status == "dicabut"


@dataclass(frozen=True)
class Grade:
    code: str
    name: str
    kind: PositionKind
    order: int
    managerial_level: int
    sociocultural_level: int
    rank_min: str | None
    rank_max: str | None
    education_min: str | None
    name_pattern: str | None
    citation: Citation
    verified: bool
    note: str | None
    origin: Origin = field(compare=False, repr=False)


@dataclass(frozen=True)
class Family:
    code: str
    name: str
    parent: str | None
    description: str | None
    citation: Citation | None
    origin: Origin = field(compare=False, repr=False)


@dataclass(frozen=True)
class Indicator:
    number: str
    text: str


@dataclass(frozen=True)
class Level:
    level: int
    description: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Dictionary:
    """One ``kamus/`` file: the competencies of one type (and, for technical ones, one field)."""

    type: CompetencyType
    field: str | None
    name: str
    citation: Citation
    valid_from: str | None
    valid_until: str | None
    origin: Origin = field(compare=False, repr=False)


@dataclass(frozen=True)
class Competency:
    code: str
    name: str
    definition: str
    type: CompetencyType
    field: str | None
    levels: tuple[Level, ...]
    dictionary: Dictionary = field(compare=False, repr=False)
    origin: Origin = field(compare=False, repr=False)

    def level(self, number: int) -> Level | None:
        return next((lv for lv in self.levels if lv.level == number), None)


@dataclass(frozen=True)
class Requirement:
    """A competency that a position requires, at a level; ``index`` is its place in the YAML list.

    ``importance`` (``kepentingan``, 1–5) is optional: the regulation's standards have none, but agencies'
    spreadsheets often rate how much each element matters, and that rating tells two positions with the
    same list of requirements apart.
    """

    code: str
    level: int
    type: CompetencyType
    index: int
    importance: float | None = None


@dataclass(frozen=True)
class Qualification:
    """One line of the Persyaratan Jabatan table: a description and how much it matters."""

    text: str
    importance: str


@dataclass(frozen=True)
class Education:
    level: str
    fields: tuple[str, ...]
    importance: str


@dataclass(frozen=True)
class Qualifications:
    education: tuple[Education, ...]
    training: dict[str, tuple[Qualification, ...]]
    experience: tuple[Qualification, ...]
    rank: str | None
    rank_importance: str | None
    performance: tuple[Qualification, ...]


@dataclass(frozen=True)
class Position:
    code: str
    name: str
    kind: PositionKind
    grade: str
    classification: str | None
    family: str
    field: str | None
    unit: str
    affairs: str
    summary: str
    tasks: tuple[str, ...]
    outputs: tuple[str, ...]
    requirements: tuple[Requirement, ...]
    cross_field_reason: str | None
    qualifications: Qualifications
    citation: Citation
    valid_from: str
    valid_until: str | None
    origin: Origin = field(compare=False, repr=False)

    def required(self, type_: CompetencyType) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if r.type == type_)


@dataclass(frozen=True)
class Decision:
    """A reviewer's decision on a proposed merge, kept in ``keputusan-gabung.yaml``."""

    members: frozenset[str]
    verdict: str
    reason: str
    date: str
    reviewer: str | None
    origin: Origin = field(compare=False, repr=False)


class Confidence(StrEnum):
    """How sure a policy value is: checked against the regulation's text, or common practice only."""

    VERIFIED = "terverifikasi"
    UNVERIFIED = "belum_terverifikasi"


@dataclass(frozen=True)
class Band:
    """One category of a match percentage (``memenuhi_syarat`` from 80 up, …); ``minimum`` is inclusive."""

    code: str
    name: str
    minimum: float


@dataclass(frozen=True)
class MatchPurpose:
    """Why a match is computed (``pengisian`` to fill a position, ``pemetaan`` to map people), with its
    categories from the highest ``minimum`` down; the last has minimum 0."""

    code: str
    name: str
    bands: tuple[Band, ...]

    def band(self, percentage: float) -> Band:
        return next((b for b in self.bands if percentage >= b.minimum), self.bands[-1])


class MatchFormula(StrEnum):
    """How actual and required levels become one percentage (``kecocokan.rumus``).

    ``rata_rata_rasio``: the mean over required competencies of actual/required (Job Person Match as
    agencies compute it); ``jumlah_minimum``: sum of min(actual, required) over sum of required.
    """

    MEAN_RATIO = "rata_rata_rasio"
    SUM_MINIMUM = "jumlah_minimum"


@dataclass(frozen=True)
class MatchPolicy:
    """The ``kecocokan`` section: the formula of the match percentage, its version and categories.

    ``missing`` is the level a competency the assessment did not score counts as (0 by default);
    ``capped`` limits each ratio to 1, so a surplus in one competency never hides a gap in another.
    """

    version: str
    formula: MatchFormula
    capped: bool
    missing: float
    purposes: dict[str, MatchPurpose]
    citation: Citation | None
    confidence: Confidence
    note: str | None
    origin: Origin = field(compare=False, repr=False)


@dataclass(frozen=True)
class LearningForm:
    """A form of learning (``diklat``, ``coaching``, ``penugasan`` …): classical or not, its 10:20:70
    bucket, and the JP one unit of it counts as."""

    code: str
    name: str
    classical: bool
    bucket: int
    jp_per_unit: float
    unit: str
    citation: Citation | None
    confidence: Confidence
    note: str | None
    origin: Origin = field(compare=False, repr=False)


@dataclass(frozen=True)
class Develops:
    """A competency a learning activity raises, up to ``level`` (the highest level it teaches)."""

    competency: str
    level: int


@dataclass(frozen=True)
class LearningActivity:
    """One entry of the learning catalogue: an activity of one form, its JP and what it develops."""

    code: str
    name: str
    form: str
    jp: float
    develops: tuple[Develops, ...]
    provider: str | None
    origin: Origin = field(compare=False, repr=False)


@dataclass(frozen=True)
class PlanPolicy:
    """The ``rencana`` section: at least ``minimum_jp`` a year, split over the 10/20/70 buckets
    (``shares``: bucket → percentage) within ``tolerance`` percentage points."""

    minimum_jp: float
    shares: dict[int, float]
    tolerance: float
    citation: Citation | None
    confidence: Confidence
    origin: Origin = field(compare=False, repr=False)
    # The minimum JP and the 10:20:70 split rest on different grounds (a regulation, a practice), so the
    # split (``proporsi``) carries its own source, confidence and note.
    note: str | None = None
    shares_citation: Citation | None = None
    shares_confidence: Confidence = Confidence.UNVERIFIED
    shares_note: str | None = None


# The scale an assessment file's performance (``kinerja``, its PermenPANRB 6/2022 rating words read as
# Sangat Kurang = 1 … Sangat Baik = 5) and potential (``potensi``) are read on (kompiler.people.cells):
# the scale of a talent axis when the policy names none, and the widest one it may name.
SCORE_SCALE = (1.0, 5.0)


@dataclass(frozen=True)
class TalentPolicy:
    """The ``talenta`` section: the cut points of the performance and potential axes (each two values,
    splitting the axis into low, middle and high) and the name of each of the 9 boxes, keyed
    ``(performance, potential)`` with 1 = low … 3 = high.

    Each axis has a scale (``skala``, :data:`SCORE_SCALE` unless the policy narrows it, as an agency
    whose potential is rated 1–3 does): its cut points must lie inside it, and an assessment value
    outside it is refused at its cell, so a cut point can never be read on another scale than the
    values it cuts."""

    performance_cuts: tuple[float, float]
    potential_cuts: tuple[float, float]
    boxes: dict[tuple[int, int], str]
    citation: Citation | None
    confidence: Confidence
    origin: Origin = field(compare=False, repr=False)
    note: str | None = None
    # The box numbers (1–9) of PermenPANRB 3/2020, keyed like ``boxes``.
    numbers: dict[tuple[int, int], int] = field(default_factory=dict)
    # Each box as written, (performance, potential, number) in the file's order: ``boxes`` keeps one box
    # of a pair written twice, and KMP119 reports the other.
    written: tuple[tuple[int, int, int], ...] = field(default=(), compare=False, repr=False)
    performance_scale: tuple[float, float] = SCORE_SCALE
    potential_scale: tuple[float, float] = SCORE_SCALE


@dataclass(frozen=True)
class Equivalence:
    """Penyetaraan: a structural grade counted as equal to a functional one (Administrator → Ahli Madya)."""

    grade: str
    equivalent: str
    citation: Citation | None
    confidence: Confidence
    origin: Origin = field(compare=False, repr=False)
    note: str | None = None


@dataclass(frozen=True)
class DevelopmentPolicy:
    """Everything ``pengembangan/`` says about people: match, plan, forms, catalogue, talent, equivalences.

    A section no file declares is ``None`` (or empty); the people stage then says which one is missing.
    """

    match: MatchPolicy | None
    plan: PlanPolicy | None
    talent: TalentPolicy | None
    forms: dict[str, LearningForm]
    catalogue: dict[str, LearningActivity]
    equivalences: tuple[Equivalence, ...]


@dataclass(frozen=True)
class PolicySection:
    """One declaration of a ``pengembangan/`` section, as the assembly found it, before linking.

    ``content`` is the section's entity (``kecocokan``, ``rencana``, ``talenta``) or its valid items (the
    lists), ``None`` when the section broke the schema; ``origin`` points at the section's key. A project
    declares each section once: the first declaration is the policy, a later one is reported (KMP119).
    """

    name: str
    content: (
        MatchPolicy
        | PlanPolicy
        | TalentPolicy
        | tuple[LearningForm, ...]
        | tuple[LearningActivity, ...]
        | tuple[Equivalence, ...]
        | None
    )
    origin: Origin = field(compare=False, repr=False)
