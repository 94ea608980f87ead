"""Turn schema-checked documents into typed entities.

Only nodes that passed the schema become entities: an item with a schema error is left out (its error
already stands), and its code, when readable, is remembered as "declared but invalid" so that references
to it are not reported a second time as unknown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kompiler.check.load import Document, Pointer
from kompiler.model.entities import (
    Citation,
    Competency,
    CompetencyType,
    Decision,
    Dictionary,
    Education,
    Family,
    Grade,
    Indicator,
    Level,
    Origin,
    Position,
    PositionKind,
    Qualification,
    Qualifications,
    Requirement,
    Source,
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
    invalid_codes: set[str] = field(default_factory=set)


def _broken(invalid: frozenset[Pointer], pointer: Pointer) -> bool:
    size = len(pointer)
    return any(bad[:size] == pointer for bad in invalid)


def _citation(data: dict[str, Any] | None) -> Citation | None:
    if not data:
        return None
    return Citation(data["kode"], data.get("pasal"))


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


def build(documents: Iterable[tuple[Document, FileKind, frozenset[Pointer]]]) -> Entities:
    """Build entities from (document, kind, invalid pointers) triples."""
    out = Entities()
    shared = Shared()
    for document, kind, invalid in documents:
        if kind is FileKind.POSITION:
            _position(document, invalid, out, shared)
        else:
            _BUILDERS[kind](document, invalid, out)
    return out


def _project(document: Document, invalid: frozenset[Pointer], out: Entities) -> None:
    if isinstance(document.data, dict):
        out.project = document.data
        out.project_origin = Origin(document, ())


def _sources(document: Document, invalid: frozenset[Pointer], out: Entities) -> None:
    for index, item in _items(document, "sumber", invalid, out.invalid_codes):
        out.sources.append(
            Source(
                code=item["kode"],
                kind=item["jenis"],
                number=item["nomor"],
                year=item["tahun"],
                title=item["judul"],
                status=item.get("status", "berlaku"),
                revoked_by=item.get("dicabut_oleh"),
                origin=Origin(document, ("sumber", index)),
            )
        )


def _grades(document: Document, invalid: frozenset[Pointer], out: Entities) -> None:
    for index, item in _items(document, "jenjang", invalid, out.invalid_codes):
        out.grades.append(
            Grade(
                code=item["kode"],
                name=item["nama"],
                kind=PositionKind(item["jenis_jabatan"]),
                order=item["urutan"],
                managerial_level=item["level_manajerial"],
                sociocultural_level=item["level_sosial_kultural"],
                rank_min=item.get("pangkat_terendah"),
                rank_max=item.get("pangkat_tertinggi"),
                education_min=item.get("pendidikan_minimal"),
                name_pattern=item.get("pola_nama"),
                citation=Citation(item["sumber"]["kode"], item["sumber"].get("pasal")),
                verified=item["keyakinan"] == "terverifikasi",
                note=item.get("catatan"),
                origin=Origin(document, ("jenjang", index)),
            )
        )


def _families(document: Document, invalid: frozenset[Pointer], out: Entities) -> None:
    for index, item in _items(document, "rumpun", invalid, out.invalid_codes):
        out.families.append(
            Family(
                code=item["kode"],
                name=item["nama"],
                parent=item.get("induk"),
                description=item.get("deskripsi"),
                citation=_citation(item.get("sumber")),
                origin=Origin(document, ("rumpun", index)),
            )
        )


def _dictionary(document: Document, invalid: frozenset[Pointer], out: Entities) -> None:
    data = document.data if isinstance(document.data, dict) else {}
    header = data.get("kamus")
    if not isinstance(header, dict) or _broken(invalid, ("kamus",)):
        _remember_codes(data.get("kompetensi"), out.invalid_codes)
        return
    dictionary = Dictionary(
        type=CompetencyType(header["jenis"]),
        field=header.get("bidang"),
        name=header["nama"],
        citation=Citation(header["sumber"]["kode"], header["sumber"].get("pasal")),
        valid_from=header.get("berlaku_mulai"),
        valid_until=header.get("berlaku_sampai"),
        origin=Origin(document, ("kamus",)),
    )
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


def _shared_citation(data: dict[str, Any], shared: Shared) -> Citation:
    code, article = shared.text(data["kode"]), shared.text(data.get("pasal"))
    return shared.value((Citation, code, article), lambda: Citation(code, article))


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
            name=text(data["nama"]),
            kind=PositionKind(data["jenis"]),
            grade=text(data["jenjang"]),
            classification=text(data.get("klasifikasi")),
            family=text(data["rumpun"]),
            field=text(data.get("bidang")),
            unit=text(data["unit_kerja"]),
            affairs=text(data["urusan"]),
            summary=text(data["ikhtisar"]),
            tasks=text(tuple(text(task) for task in data["tugas"])),
            outputs=text(tuple(text(output) for output in data.get("hasil_kerja", ()))),
            requirements=requirements,
            cross_field_reason=text(data.get("alasan_lintas_bidang")),
            qualifications=_qualifications(data["persyaratan"], shared),
            citation=_shared_citation(data["sumber"], shared),
            valid_from=text(data["berlaku_mulai"]),
            valid_until=text(data.get("berlaku_sampai")),
            origin=Origin(document, ()),
        )
    )


def _decisions(document: Document, invalid: frozenset[Pointer], out: Entities) -> None:
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


_BUILDERS = {
    FileKind.PROJECT: _project,
    FileKind.SOURCES: _sources,
    FileKind.GRADES: _grades,
    FileKind.FAMILIES: _families,
    FileKind.DICTIONARY: _dictionary,
    FileKind.DECISIONS: _decisions,
}
