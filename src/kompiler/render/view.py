"""What the documents and the site print, resolved once from the corpus into plain, ordered values.

Templates stay lean and logic-free: every lookup (a requirement's level description and indicators, the
family's name, the label of an importance) is done here, once, and every list is already in its final
order, so the same corpus always renders to the same bytes whichever template prints it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kompiler.model import Competency, CompetencyType, Corpus, Position
from kompiler.project import regulation_number
from kompiler.render.labels import labels, long_date
from kompiler.runtime.sharing import Shared

TYPE_ORDER = (CompetencyType.MANAGERIAL, CompetencyType.SOCIOCULTURAL, CompetencyType.TECHNICAL)


@dataclass(frozen=True, slots=True)
class IndicatorView:
    number: str
    text: str


@dataclass(frozen=True, slots=True)
class LevelView:
    level: int
    description: str
    indicators: tuple[IndicatorView, ...]


@dataclass(frozen=True, slots=True)
class CompetencyView:
    code: str
    name: str
    definition: str
    type: str
    field: str | None
    levels: tuple[LevelView, ...]


@dataclass(frozen=True, slots=True)
class DictionaryView:
    """One dictionary section of chapter I: a title and its competencies in code order."""

    title: str
    competencies: tuple[CompetencyView, ...]


@dataclass(frozen=True, slots=True)
class RequirementRow:
    """One row of table II: a required competency at a level, with that level's text."""

    number: int
    code: str
    name: str
    level: int
    description: str
    indicators: tuple[IndicatorView, ...]


@dataclass(frozen=True, slots=True)
class RequirementGroup:
    key: str
    label: str
    rows: tuple[RequirementRow, ...]


@dataclass(frozen=True, slots=True)
class QualificationLine:
    """One line of table III: its sub-label (``Jenjang``), text and importance (mutlak/penting/perlu)."""

    label: str
    text: str
    importance: str


@dataclass(frozen=True, slots=True)
class QualificationSection:
    letter: str
    title: str
    lines: tuple[QualificationLine, ...]


@dataclass(frozen=True, slots=True)
class PositionView:
    code: str
    name: str
    group: str
    kind: str
    grade: str
    family_code: str
    family_name: str
    unit: str
    affairs: str
    summary: str
    tasks: tuple[str, ...]
    outputs: tuple[str, ...]
    requirement_groups: tuple[RequirementGroup, ...]
    qualification_sections: tuple[QualificationSection, ...]
    source: str
    valid_from: str
    valid_until: str | None
    valid_from_iso: str
    valid_until_iso: str | None

    def requirements(self) -> tuple[RequirementRow, ...]:
        return tuple(row for group in self.requirement_groups for row in group.rows)


@dataclass(frozen=True, slots=True)
class FamilySection:
    """Positions of one family, as they appear in chapter II and on the family's page."""

    code: str
    name: str
    parent: str | None
    description: str | None
    positions: tuple[PositionView, ...]

    def extent(self) -> int:
        """How much a page about this family prints, in positions (its render's allowance grows with it:
        :mod:`kompiler.render.limits`)."""
        return len(self.positions)


@dataclass(frozen=True, slots=True)
class RegulationInfo:
    """The regulation whose appendix this is, and its signature block."""

    agency: str
    title: str
    number: str
    year: str
    about: str
    place: str
    date: str
    office: str
    signer: str


@dataclass(frozen=True, slots=True)
class Publication:
    """Everything a document or the site prints, in order."""

    locale: str
    regulation: RegulationInfo
    dictionaries: tuple[DictionaryView, ...]
    families: tuple[FamilySection, ...]
    competencies: tuple[CompetencyView, ...]

    def positions(self) -> tuple[PositionView, ...]:
        return tuple(p for family in self.families for p in family.positions)

    def extent(self) -> int:
        """How much a document of the whole publication prints, in positions and dictionary entries (its
        render's allowance grows with it: :mod:`kompiler.render.limits`)."""
        return sum(len(family.positions) for family in self.families) + len(self.competencies)


def regulation_title(kind: str, office: str) -> str:
    """``Peraturan Gubernur`` + ``Gubernur Nusa Tenggara Barat`` → ``Peraturan Gubernur Nusa Tenggara Barat``.

    The project file names the kind of regulation and the office that enacts it; the appendix heading
    says both without repeating the office's first words.
    """
    kind_words, office_words = kind.split(), office.split()
    for overlap in range(min(len(kind_words), len(office_words)), 0, -1):
        if [w.lower() for w in kind_words[-overlap:]] == [w.lower() for w in office_words[:overlap]]:
            return " ".join(kind_words[:-overlap] + office_words)
    return f"{kind} {office}".strip()


def _regulation(project: dict[str, Any], locale: str) -> RegulationInfo:
    document = project.get("dokumen") or {}
    signer = document.get("penandatangan") or {}
    return RegulationInfo(
        agency=str((project.get("instansi") or {}).get("nama", "")),
        title=regulation_title(str(document.get("jenis_peraturan", "")), str(document.get("pejabat", ""))),
        number=regulation_number(project),
        year=str(document.get("tahun", "")),
        about=str(document.get("tentang", "")),
        place=str(signer.get("tempat", "")),
        date=long_date(signer.get("tanggal"), locale) or "…",  # to be written in once signed
        office=str(signer.get("jabatan", "")),
        signer=str(signer.get("nama", "")),
    )


def _competency(competency: Competency) -> CompetencyView:
    return CompetencyView(
        code=competency.code,
        name=competency.name,
        definition=competency.definition,
        type=competency.type.value,
        field=competency.field,
        levels=tuple(
            LevelView(lv.level, lv.description, tuple(IndicatorView(i.number, i.text) for i in lv.indicators))
            for lv in sorted(competency.levels, key=lambda lv: lv.level)
        ),
    )


def _requirement_groups(
    position: Position, views: dict[str, CompetencyView], t: Any, shared: Shared
) -> tuple[RequirementGroup, ...]:
    groups = []
    number = 0
    for type_ in TYPE_ORDER:
        rows = []
        for requirement in position.required(type_):
            number += 1
            competency = views.get(requirement.code)
            level = (
                next((lv for lv in competency.levels if lv.level == requirement.level), None)
                if competency
                else None
            )
            row = RequirementRow(
                number=number,
                code=requirement.code,
                name=competency.name if competency else requirement.code,
                level=requirement.level,
                description=level.description if level else "",
                indicators=level.indicators if level else (),
            )
            rows.append(shared.one(row, type(requirement.level)))
        group = RequirementGroup(type_.value, t[f"type_{type_.value}"], tuple(rows))
        groups.append(shared.one(group, *(type(row.level) for row in rows)))
    return shared.one(tuple(groups), *(type(row.level) for g in groups for row in g.rows))


def _qualifications(position: Position, t: Any, shared: Shared) -> tuple[QualificationSection, ...]:
    q = position.qualifications

    def imp(key: str | None) -> str:
        return key or ""

    education = []
    for item in q.education:
        education.append(QualificationLine(t["q_jenjang_pendidikan"], item.level, imp(item.importance)))
        if item.fields:
            education.append(
                QualificationLine(t["q_bidang_ilmu"], ", ".join(item.fields), imp(item.importance))
            )
    training = [
        QualificationLine(t[f"q_pelatihan_{kind}"], line.text, imp(line.importance))
        for kind in ("manajerial", "teknis", "fungsional")
        for line in q.training.get(kind, ())
    ]
    sections = [
        (t["q_pendidikan"], education),
        (t["q_pelatihan"], training),
        (t["q_pengalaman"], [QualificationLine("", e.text, imp(e.importance)) for e in q.experience]),
        (t["q_pangkat"], [QualificationLine("", q.rank, imp(q.rank_importance))] if q.rank else []),
        (t["q_kinerja"], [QualificationLine("", p.text, imp(p.importance)) for p in q.performance]),
    ]
    return shared.one(
        tuple(
            shared.one(QualificationSection("ABCDE"[index], title, tuple(shared.one(line) for line in lines)))
            for index, (title, lines) in enumerate(sections)
        )
    )


def _group_label(kind: str, grade: str) -> str:
    """The Kelompok Jabatan line: "Jabatan Fungsional Keahlian (Ahli Muda)", but "Jabatan Administrator",
    not "Jabatan Administrator (Administrator)": the grade is named only when the kind's label lacks it."""
    return kind if grade.casefold() in kind.casefold() else f"{kind} ({grade})"


def _position(
    corpus: Corpus, position: Position, views: dict[str, CompetencyView], locale: str, shared: Shared
) -> PositionView:
    t = labels(locale)
    grade = corpus.grade_of(position)
    family = corpus.family_of(position)
    grade_name = grade.name if grade else position.grade
    group = t.get(f"kind_{position.kind.value}", position.kind.value)
    source = corpus.sources.get(position.citation.code)
    source_text = (
        f"{source.kind} {t['regulation_number']} {source.number} {t['regulation_year']} {source.year} "
        f"{t['regulation_about']} {source.title}"
        if source
        else position.citation.code
    )
    if position.citation.article:
        source_text = f"{position.citation.article} {source_text}"
    return PositionView(
        code=position.code,
        name=position.name,
        group=_group_label(group, grade_name),
        kind=position.kind.value,
        grade=grade_name,
        family_code=position.family,
        family_name=family.name if family else position.family,
        unit=position.unit,
        affairs=position.affairs,
        summary=position.summary,
        tasks=tuple(position.tasks),
        outputs=tuple(position.outputs),
        requirement_groups=_requirement_groups(position, views, t, shared),
        qualification_sections=_qualifications(position, t, shared),
        source=source_text,
        valid_from=long_date(position.valid_from, locale),
        valid_until=long_date(position.valid_until, locale) if position.valid_until else None,
        valid_from_iso=position.valid_from,
        valid_until_iso=position.valid_until,
    )


def _dictionaries(corpus: Corpus, views: dict[str, CompetencyView], t: Any) -> tuple[DictionaryView, ...]:
    by_dictionary: dict[tuple[int, str], list[CompetencyView]] = defaultdict(list)
    titles: dict[tuple[int, str], str] = {}
    for competency in corpus.competencies.values():
        key = (TYPE_ORDER.index(competency.type), competency.field or "")
        by_dictionary[key].append(views[competency.code])
        if competency.type is CompetencyType.TECHNICAL:
            titles.setdefault(key, competency.dictionary.name)
        else:
            titles[key] = t[f"dict_{competency.type.value}"]
    return tuple(
        DictionaryView(titles[key], tuple(sorted(by_dictionary[key], key=lambda c: c.code)))
        for key in sorted(by_dictionary)
    )


def _listing_order(corpus: Corpus) -> Callable[[Position], tuple[int, str]]:
    """Where a position stands within its family: in the order ``jenjang.yaml`` lists its grade, then
    by code.

    A regulation lists positions by structure, senior first, as UU 20/2023 names them: JPT, Administrator,
    Pengawas, then functional and pelaksana positions; the shipped ``jenjang.yaml`` lists its grades in
    that order. Following the drafters' own file keeps that order theirs to change; by code alone a
    family's Pengawas came after its Pelaksana when their codes sorted so.
    """
    place = {code: index for index, code in enumerate(corpus.grades)}
    return lambda position: (place.get(position.grade, len(place)), position.code)


def publication(corpus: Corpus, locale: str = "id", only: str | None = None) -> Publication:
    """Resolve ``corpus`` into a :class:`Publication`; with ``only``, keep that one position."""
    t = labels(locale)
    views = {code: _competency(c) for code, c in corpus.competencies.items()}
    positions: dict[str, list[PositionView]] = defaultdict(list)
    shared = Shared()
    for position in sorted(corpus.positions.values(), key=_listing_order(corpus)):
        if only is None or position.code == only:
            positions[position.family].append(_position(corpus, position, views, locale, shared))
    families = []
    for code in sorted(set(corpus.families) | set(positions)):
        family = corpus.families.get(code)
        if only is not None and code not in positions:
            continue
        families.append(
            FamilySection(
                code=code,
                name=family.name if family else code,
                parent=family.parent if family else None,
                description=family.description if family else None,
                positions=tuple(positions.get(code, ())),
            )
        )
    return Publication(
        locale=locale,
        regulation=_regulation(corpus.project, locale),
        dictionaries=() if only is not None else _dictionaries(corpus, views, t),
        families=tuple(families),
        competencies=tuple(views[code] for code in sorted(views)),
    )
