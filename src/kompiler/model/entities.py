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
