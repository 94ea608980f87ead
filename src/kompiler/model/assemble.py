"""Turn schema-checked documents into typed entities.

Only nodes that passed the schema become entities: an item with a schema error is left out (its error
already stands), and its code, when readable, is remembered as "declared but invalid" so that references
to it are not reported a second time as unknown.

Which key fills which attribute is the table in :mod:`kompiler.model.fields`, the one the outputs write
back through; the texts and values positions repeat are shared (:mod:`kompiler.runtime.sharing`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from kompiler.check.load import Document, Pointer, split_lines
from kompiler.model.entities import (
    SCORE_SCALE,
    Band,
    Competency,
    CompetencyType,
    Decision,
    Develops,
    Dictionary,
    Education,
    Equivalence,
    Family,
    Grade,
    Indicator,
    LearningActivity,
    LearningForm,
    Level,
    MatchFormula,
    MatchPolicy,
    MatchPurpose,
    Origin,
    PlanPolicy,
    PolicySection,
    Position,
    Qualification,
    Qualifications,
    Requirement,
    Source,
    TalentPolicy,
)
from kompiler.model.fields import (
    DICTIONARY,
    EQUIVALENCE,
    FAMILY,
    GRADE,
    GROUNDS,
    LEARNING_ACTIVITY,
    LEARNING_FORM,
    POSITION,
    SOURCE,
    Field,
    read,
)
from kompiler.project import FileKind
from kompiler.runtime.sharing import Shared


@dataclass
class Entities:
    """Everything built from the documents, in file order, duplicates included (rules report those)."""

    project: dict[str, Any] | None = None
    project_origin: Origin | None = None
    sources: list[Source] = field(default_factory=list)
    grades: list[Grade] = field(default_factory=list)
    families: list[Family] = field(default_factory=list)
    dictionaries: list[Dictionary] = field(default_factory=list)
    competencies: list[Competency] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    policy_sections: list[PolicySection] = field(default_factory=list)
    # The codes (and dictionary fields) written in declarations that broke the schema, or in files that
    # could not be read as a whole: references to them are not reported as unknown.
    invalid_codes: set[str] = field(default_factory=set)
    # The kinds of declaring file one of which holds nothing to read (empty, only comments, not a
    # mapping, an empty mapping): what it declared is unknown, so no reference to a code of that kind is
    # called undeclared while its own error stands. A broken file that shows its lines declares what
    # they show, and nothing else.
    unknown_kinds: set[FileKind] = field(default_factory=set)


def _broken(invalid: frozenset[Pointer], pointer: Pointer) -> bool:
    size = len(pointer)
    return any(bad[:size] == pointer for bad in invalid)


def _remember_codes(items: Any, codes: set[str]) -> None:
    """Remember the codes of items that will not become entities, so references to them stay quiet."""
    for item in items if isinstance(items, list) else ():
        if isinstance(item, dict) and isinstance(item.get("kode"), str):
            codes.add(item["kode"])


def _items(
    document: Document, key: str, invalid: frozenset[Pointer], codes: set[str]
) -> Iterable[tuple[int, dict]]:
    """The valid items of the list under ``key``, remembering the codes of invalid ones."""
    data = document.data if isinstance(document.data, dict) else {}
    items = data.get(key)
    if not isinstance(items, list):
        return
    for index, item in enumerate(items):
        if _broken(invalid, (key, index)):
            _remember_codes([item], codes)
            continue
        yield index, item


def build(
    documents: Iterable[tuple[Document, FileKind, frozenset[Pointer]]],
    unloadable: Iterable[tuple[str, FileKind]] = (),
) -> Entities:
    """Build entities from (document, kind, invalid pointers) triples; ``unloadable`` holds the text
    and kind of each file that could not be loaded as YAML, whose codes are remembered as declared."""
    out = Entities()
    shared = Shared()
    for document, kind, invalid in documents:
        _BUILDERS[kind](document, invalid, out, shared)
        if kind in _DECLARING and (
            any(len(bad) <= 1 for bad in invalid) or not isinstance(document.data, dict)
        ):
            empty = not (isinstance(document.data, dict) and document.data)
            _remember(kind, _every_code(document.data), empty, out)
    for text, kind in unloadable:
        if kind in _DECLARING:
            _remember(kind, codes_written(text), not _written(text), out)
    return out


def _remember(kind: FileKind, codes: set[str], empty: bool, out: Entities) -> None:
    """Count the codes a declaring file broken as a whole still shows as declared; when it holds
    nothing to read (``empty``), every code of its kind (:attr:`Entities.unknown_kinds`)."""
    out.invalid_codes |= codes
    if empty and not codes:
        out.unknown_kinds.add(kind)


def _written(text: str) -> bool:
    """Whether ``text`` holds anything but blank lines and comments."""
    return any(line.strip() and not line.lstrip().startswith("#") for line in split_lines(text))


# The files other files refer to by code. When one of them is broken as a whole (it cannot be loaded,
# or its top-level list is misnamed or not a list), the one error that says so stands for every item
# in it: each reference to one of its codes would otherwise be a second error for the same mistake
# (a missing "]" in sumber.yaml made 137 "undeclared source" errors in the shipped project).
_DECLARING = frozenset(
    {FileKind.SOURCES, FileKind.GRADES, FileKind.DICTIONARY, FileKind.FAMILIES, FileKind.DEVELOPMENT}
)
# A line giving a code, or a dictionary's field, in block style (``kode: X``, ``- kode: X``), with an
# optional trailing comment.
_WRITTEN_CODE = re.compile(
    r"[\s-]*(?:kode|bidang)\s*:\s*(?P<code>'[^']*'|\"[^\"]*\"|[^\s#'\"](?:[^#]*[^\s#])?)\s*(?:#.*)?"
)


def _every_code(node: Any) -> set[str]:
    """Every ``kode`` (and a dictionary's ``bidang``) text anywhere under ``node``."""
    codes: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            codes.update(current[key] for key in ("kode", "bidang") if isinstance(current.get(key), str))
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return codes


def codes_written(text: str) -> set[str]:
    """The codes a file that YAML cannot read still shows on its lines, read as plainly as they are
    written (quotes taken off, nothing else interpreted): the lines before and after the one mistake."""
    codes: set[str] = set()
    for line in split_lines(text):
        found = _WRITTEN_CODE.fullmatch(line)
        if found is not None:
            code = found["code"]
            codes.add(code[1:-1] if code[0] in "'\"" else code)
    return codes


def _project(document: Document, invalid: frozenset[Pointer], out: Entities, shared: Shared) -> None:
    if isinstance(document.data, dict):
        out.project = document.data
        out.project_origin = Origin(document, ())


def _coded(
    document: Document,
    key: str,
    table: tuple[Field, ...],
    invalid: frozenset[Pointer],
    out: Entities,
    shared: Shared,
) -> Iterator[dict[str, Any]]:
    """The attributes of each valid item under ``key``: its code, the fields of ``table``, its origin."""
    for index, item in _items(document, key, invalid, out.invalid_codes):
        yield {"code": item["kode"], **read(item, table, shared), "origin": Origin(document, (key, index))}


def _sources(document: Document, invalid: frozenset[Pointer], out: Entities, shared: Shared) -> None:
    out.sources += (Source(**a) for a in _coded(document, "sumber", SOURCE, invalid, out, shared))


def _grades(document: Document, invalid: frozenset[Pointer], out: Entities, shared: Shared) -> None:
    out.grades += (Grade(**a) for a in _coded(document, "jenjang", GRADE, invalid, out, shared))


def _families(document: Document, invalid: frozenset[Pointer], out: Entities, shared: Shared) -> None:
    out.families += (Family(**a) for a in _coded(document, "rumpun", FAMILY, invalid, out, shared))


def _dictionary(document: Document, invalid: frozenset[Pointer], out: Entities, shared: Shared) -> None:
    data = document.data if isinstance(document.data, dict) else {}
    header = data.get("kamus")
    if not isinstance(header, dict) or _broken(invalid, ("kamus",)):
        _remember_codes(data.get("kompetensi"), out.invalid_codes)
        if isinstance(header, dict) and isinstance(header.get("bidang"), str):
            out.invalid_codes.add(header["bidang"])  # the field it was written for (KMP103)
        return
    dictionary = Dictionary(**read(header, DICTIONARY, shared), origin=Origin(document, ("kamus",)))
    out.dictionaries.append(dictionary)
    for index, item in _items(document, "kompetensi", invalid, out.invalid_codes):
        levels = tuple(
            Level(
                level=lv["level"],
                description=lv["deskripsi"],
                indicators=tuple(Indicator(i["nomor"], i["uraian"]) for i in lv["indikator"]),
            )
            for lv in item["level"]
        )
        out.competencies.append(
            Competency(
                code=item["kode"],
                name=item["nama"],
                definition=item["definisi"],
                type=dictionary.type,
                field=dictionary.field,
                levels=levels,
                dictionary=dictionary,
                origin=Origin(document, ("kompetensi", index)),
            )
        )


def _qualifications(data: dict[str, Any], shared: Shared) -> Qualifications:
    def line(item: dict[str, Any]) -> Qualification:
        text, importance = shared.text(item["uraian"]), shared.text(item["tingkat"])
        return shared.value((Qualification, text, importance), lambda: Qualification(text, importance))

    def lines(items: list[dict[str, Any]] | None) -> tuple[Qualification, ...]:
        return tuple(line(item) for item in items or ())

    def education(item: dict[str, Any]) -> Education:
        level, importance = shared.text(item["jenjang"]), shared.text(item["tingkat"])
        fields = shared.text(tuple(shared.text(f) for f in item.get("bidang", ())))
        return shared.value(
            (Education, level, fields, importance), lambda: Education(level, fields, importance)
        )

    rank = data.get("pangkat") or {}
    return Qualifications(
        education=tuple(education(e) for e in data["pendidikan"]),
        training={shared.text(kind): lines(items) for kind, items in (data.get("pelatihan") or {}).items()},
        experience=lines(data.get("pengalaman")),
        rank=shared.text(rank.get("golongan")),
        rank_importance=shared.text(rank.get("tingkat")),
        performance=lines(data.get("indikator_kinerja")),
    )


def _requirement(item: dict[str, Any], group: str, index: int, shared: Shared) -> Requirement:
    code, level, importance = shared.text(item["kode"]), item["level"], item.get("kepentingan")
    return shared.value(
        (Requirement, code, level, type(level), group, index, importance, type(importance)),
        lambda: Requirement(code, level, CompetencyType(group), index, importance),
    )


def _position(document: Document, invalid: frozenset[Pointer], out: Entities, shared: Shared) -> None:
    data = document.data
    if invalid or not isinstance(data, dict):
        if isinstance(data, dict) and isinstance(data.get("kode"), str):
            out.invalid_codes.add(data["kode"])
        return
    text = shared.text
    requirements = tuple(
        _requirement(item, group, index, shared)
        for group in ("manajerial", "sosial_kultural", "teknis")
        for index, item in enumerate(data["kompetensi"][group])
    )
    out.positions.append(
        Position(
            code=data["kode"],
            **read(data, POSITION, shared),
            tasks=text(tuple(text(task) for task in data["tugas"])),
            outputs=text(tuple(text(output) for output in data.get("hasil_kerja", ()))),
            requirements=requirements,
            qualifications=_qualifications(data["persyaratan"], shared),
            origin=Origin(document, ()),
        )
    )


def _decisions(document: Document, invalid: frozenset[Pointer], out: Entities, shared: Shared) -> None:
    for index, item in _items(document, "keputusan", invalid, set()):
        out.decisions.append(
            Decision(
                members=frozenset(item["anggota"]),
                verdict=item["keputusan"],
                reason=item["alasan"],
                date=item["tanggal"],
                reviewer=item.get("peninjau"),
                origin=Origin(document, ("keputusan", index)),
            )
        )


def _development(document: Document, invalid: frozenset[Pointer], out: Entities, shared: Shared) -> None:
    """Every section a ``pengembangan/`` file declares, in the file's order; a section that broke the
    schema is still recorded (so a second declaration is reported), with no content."""
    data = document.data if isinstance(document.data, dict) else {}
    for name, value in data.items():
        origin = Origin(document, (name,))
        if name in _SINGLE_SECTIONS:
            broken = _broken(invalid, (name,)) or not isinstance(value, dict)
            content: Any = None if broken else _SINGLE_SECTIONS[name](value, origin, shared)
        elif name in _LIST_SECTIONS:
            table, make = _LIST_SECTIONS[name]
            content = tuple(
                make(item, read(item, table, shared), Origin(document, (name, index)), shared)
                for index, item in _items(document, name, invalid, out.invalid_codes)
            )
        else:
            continue
        out.policy_sections.append(PolicySection(name, content, origin))


def _match(data: dict[str, Any], origin: Origin, shared: Shared) -> MatchPolicy:
    purposes = {
        code: MatchPurpose(
            code,
            purpose["nama"],
            tuple(Band(band["kode"], band["nama"], band["minimal"]) for band in purpose["kategori"]),
        )
        for code, purpose in data["tujuan"].items()
    }
    return MatchPolicy(
        version=data["versi"],
        formula=MatchFormula(data["rumus"]),
        capped=data["batas_atas"],
        missing=data.get("nilai_kosong", 0),
        purposes=purposes,
        **read(data, GROUNDS, shared),
        origin=origin,
    )


def _plan(data: dict[str, Any], origin: Origin, shared: Shared) -> PlanPolicy:
    split = data["proporsi"]
    grounds = read(split, GROUNDS, shared)
    return PlanPolicy(
        minimum_jp=data["jp_minimal"],
        shares={int(bucket): share for bucket, share in split["kelompok"].items()},
        tolerance=split["toleransi"],
        **read(data, GROUNDS, shared),
        origin=origin,
        shares_citation=grounds["citation"],
        shares_confidence=grounds["confidence"],
        shares_note=grounds["note"],
    )


def _talent(data: dict[str, Any], origin: Origin, shared: Shared) -> TalentPolicy:
    performance, potential = data["kinerja"]["batas"], data["potensi"]["batas"]
    boxes = data["kotak"]
    return TalentPolicy(
        performance_cuts=(performance[0], performance[1]),
        potential_cuts=(potential[0], potential[1]),
        boxes={(box["kinerja"], box["potensi"]): box["nama"] for box in boxes},
        **read(data, GROUNDS, shared),
        origin=origin,
        numbers={(box["kinerja"], box["potensi"]): box["nomor"] for box in boxes},
        written=tuple((box["kinerja"], box["potensi"], box["nomor"]) for box in boxes),
        performance_scale=_scale(data["kinerja"]),
        potential_scale=_scale(data["potensi"]),
    )


def _scale(axis: dict[str, Any]) -> tuple[float, float]:
    """An axis's ``skala``, or the scale assessment values are read on when the policy names none."""
    scale = axis.get("skala")
    return (scale[0], scale[1]) if scale else SCORE_SCALE


def _form(item: dict[str, Any], fields: dict[str, Any], origin: Origin, shared: Shared) -> LearningForm:
    return LearningForm(code=item["kode"], **fields, origin=origin)


def _activity(
    item: dict[str, Any], fields: dict[str, Any], origin: Origin, shared: Shared
) -> LearningActivity:
    develops = tuple(Develops(shared.text(d["kompetensi"]), d["level"]) for d in item["mengembangkan"])
    return LearningActivity(code=item["kode"], **fields, develops=develops, origin=origin)


def _equivalence(item: dict[str, Any], fields: dict[str, Any], origin: Origin, shared: Shared) -> Equivalence:
    return Equivalence(**fields, origin=origin)


_SINGLE_SECTIONS = {"kecocokan": _match, "rencana": _plan, "talenta": _talent}
_LIST_SECTIONS = {
    "bentuk_pembelajaran": (LEARNING_FORM, _form),
    "katalog": (LEARNING_ACTIVITY, _activity),
    "penyetaraan": (EQUIVALENCE, _equivalence),
}


_BUILDERS = {
    FileKind.POSITION: _position,
    FileKind.PROJECT: _project,
    FileKind.SOURCES: _sources,
    FileKind.GRADES: _grades,
    FileKind.FAMILIES: _families,
    FileKind.DICTIONARY: _dictionary,
    FileKind.DECISIONS: _decisions,
    FileKind.DEVELOPMENT: _development,
}
