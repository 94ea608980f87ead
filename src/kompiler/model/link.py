"""Link built entities into one corpus: indexes by code and the lookups every later stage uses.

The first definition of a code wins the index; the others stay in the entity lists, where the
duplicate-code rule finds and reports them. A reference that resolves to nothing returns ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kompiler.model.assemble import Entities
from kompiler.model.entities import (
    Competency,
    CompetencyType,
    Decision,
    DevelopmentPolicy,
    Dictionary,
    Equivalence,
    Family,
    Grade,
    LearningActivity,
    LearningForm,
    MatchPolicy,
    Origin,
    PlanPolicy,
    PolicySection,
    Position,
    Source,
    TalentPolicy,
)
from kompiler.project import FileKind


def _index(items: list[Any]) -> dict[str, Any]:
    index: dict[str, Any] = {}
    for item in items:
        index.setdefault(item.code, item)
    return index


@dataclass
class Corpus:
    """The linked model of one standards project."""

    project: dict[str, Any]
    project_origin: Origin | None
    sources: dict[str, Source]
    grades: dict[str, Grade]
    families: dict[str, Family]
    dictionaries: list[Dictionary]
    competencies: dict[str, Competency]
    positions: dict[str, Position]
    decisions: list[Decision]
    entities: Entities = field(repr=False)
    development: DevelopmentPolicy = field(
        default_factory=lambda: DevelopmentPolicy(None, None, None, {}, {}, ()), repr=False
    )

    def grade_of(self, position: Position) -> Grade | None:
        return self.grades.get(position.grade)

    def family_of(self, position: Position) -> Family | None:
        return self.families.get(position.family)

    def competency(self, code: str) -> Competency | None:
        return self.competencies.get(code)

    def competencies_of(self, type_: CompetencyType) -> list[Competency]:
        return [c for c in self.competencies.values() if c.type == type_]

    def declared(self, code: str, kind: FileKind) -> bool:
        """True when ``code`` was declared in a file of ``kind``, even if its declaration broke the schema,
        or may have been: a file of that kind holds nothing to read (:attr:`Entities.unknown_kinds`)."""
        return code in self.entities.invalid_codes or kind in self.entities.unknown_kinds

    def family_ancestors(self, code: str) -> list[str]:
        """The chain of parents of a family, nearest first, stopping at a cycle or an unknown parent."""
        chain: list[str] = []
        current = self.families.get(code)
        while (
            current is not None and current.parent and current.parent not in chain and current.parent != code
        ):
            chain.append(current.parent)
            current = self.families.get(current.parent)
        return chain


def _policy(sections: list[PolicySection]) -> DevelopmentPolicy:
    """The development policy: each section as its first declaration says (KMP119 reports the others);
    within a list section, the first item of a code wins, as for every other code."""
    first: dict[str, Any] = {}
    for section in sections:
        first.setdefault(section.name, section.content)
    match: MatchPolicy | None = first.get("kecocokan")
    plan: PlanPolicy | None = first.get("rencana")
    talent: TalentPolicy | None = first.get("talenta")
    forms: tuple[LearningForm, ...] = first.get("bentuk_pembelajaran") or ()
    catalogue: tuple[LearningActivity, ...] = first.get("katalog") or ()
    equivalences: tuple[Equivalence, ...] = first.get("penyetaraan") or ()
    return DevelopmentPolicy(
        match=match,
        plan=plan,
        talent=talent,
        forms=_index(list(forms)),
        catalogue=_index(list(catalogue)),
        equivalences=equivalences,
    )


def link(entities: Entities) -> Corpus:
    """Index the entities by code and wrap them in a :class:`Corpus`."""
    return Corpus(
        project=entities.project or {},
        project_origin=entities.project_origin,
        sources=_index(entities.sources),
        grades=_index(entities.grades),
        families=_index(entities.families),
        dictionaries=list(entities.dictionaries),
        competencies=_index(entities.competencies),
        positions=_index(entities.positions),
        decisions=list(entities.decisions),
        entities=entities,
        development=_policy(entities.policy_sections),
    )
