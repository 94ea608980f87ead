"""The rows of both tables checked against each other, and the project they make.

Checks that need more than one cell: a position code given twice (also when the codes differ only in
case or separators, which would write one file over another), an element listed twice for one position
or under two names, a requirement of an unknown position, a position without requirements. Then the
project: every file's text by its relative path, and for each part of a file the table cell it came
from, so that a rule the written project breaks can be reported at that cell.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, partial
from typing import Any, NamedTuple

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from kompiler.authoring.fmt import canonical_dump, trimmed
from kompiler.authoring.fmt.order import key_order
from kompiler.authoring.importer.cells import (
    Column,
    Parsed,
    code_key,
    formulas_explained,
    number,
    parse_rows,
    position_code,
    quoted,
    text,
)
from kompiler.authoring.importer.options import ImportOptions
from kompiler.authoring.importer.plain import plain_text
from kompiler.authoring.importer.tables import DUPLICATE, REFERENCE, SHAPE, Table, problem
from kompiler.authoring.importer.texts import Job, made
from kompiler.diagnostics import Diagnostic, Location, Message, Related, Severity
from kompiler.project import UNNUMBERED, FileKind

SHIPPED_FILES = ("sumber.yaml", "jenjang.yaml", "kamus/manajerial.yaml", "kamus/sosial-kultural.yaml")
MAX_PER_DICTIONARY = 999
MAX_DICTIONARIES = 26
CITATION = {"kode": "PERMENPANRB-38-2017", "pasal": "Lampiran"}
# What making a file costs (:class:`~.texts.Job`), in positions: a position's own code, name and summary
# written by the dumper (the rest is spliced from text made once), and a little for every technical
# requirement; a dictionary competency written without the dumper (:mod:`.plain`) a tenth of that.
REQUIREMENTS_PER_POSITION = 250
COMPETENCIES_PER_POSITION = 10


def importance_weight(importance: float, cut: float, top: float) -> float:
    """The source importance of a kept element on the 1–5 ``kepentingan`` scale.

    The cut is where "required" starts, so it maps to 1 and ``top`` (the top of the importance scale) to
    5: the weight says how far above "merely required" an element is, which is what tells two positions
    with the same required elements apart. An element at or below the cut (a position that keeps its most
    important element although nothing reaches the cut) is merely required: 1, whatever the table's top.
    """
    fraction = (importance - cut) / (top - cut) if top > cut else 0.0
    return round(max(1.0, min(5.0, 1 + 4 * fraction)), 2)


def rescale(value: float, options: ImportOptions) -> int:
    """A level of the source scale on the standards' 1–5, linearly and rounded."""
    span = options.scale_max - options.scale_min
    fraction = (value - options.scale_min) / span if span else 0.0
    return max(1, min(5, round(1 + 4 * fraction)))


def _position_columns() -> tuple[Column, ...]:
    return (
        Column("code", position_code),
        Column("title", text(300, required=True)),
        Column("group", text(200, required=False)),
        Column("unit_kerja", text(300, required=False), required=False),
        Column("urusan", text(300, required=False), required=False),
    )


def _requirement_columns(options: ImportOptions) -> tuple[Column, ...]:
    low, high = options.scale_min, options.scale_max
    top = options.importance_max
    importance_scale = (f"0 sampai {top:g}", f"0 to {top:g}") if top is not None else ("≥ 0", "≥ 0")
    return (
        Column("code", position_code),
        Column("element_id", text(200, required=True)),
        Column("element_name", text(300, required=False)),
        Column("level", number(low, high, (f"{low:g} sampai {high:g}", f"{low:g} to {high:g}"))),
        Column("importance", number(0.0, top, importance_scale)),
    )


Pointer = tuple[str | int, ...]
Origins = dict[str, list[tuple[Pointer, Location]]]


class Written(NamedTuple):
    """A file of the project: its text, and the values the strict loader reads from that text (which
    the check of the written project validates, instead of parsing the text again)."""

    text: str
    data: Any


Files = dict[str, Written]


class _Pending(NamedTuple):
    """A file whose values are settled and whose text is still to be made."""

    job: Job
    data: Any


_Technical = tuple[str, str, int, float, Parsed]  # competency code, field, level 1–5, kepentingan, its row


@dataclass
class _Element:
    name: str
    first: Parsed


@dataclass
class Plan:
    """The rows of both tables, checked against each other, and the project they make."""

    options: ImportOptions
    positions_file: str
    requirements_file: str
    problems: list[Diagnostic] = field(default_factory=list)
    positions: dict[str, Parsed] = field(default_factory=dict)  # by code_key, table order
    clashing: set[str] = field(default_factory=set)  # code_key of codes given to several positions
    requirements: list[Parsed] = field(default_factory=list)
    elements: dict[str, _Element] = field(default_factory=dict)
    elements_overflow: bool = False  # said once: more distinct elements than the dictionaries hold

    def read(self, positions: Table, requirements: Table) -> None:
        position_rows, problems = parse_rows(positions, _position_columns())
        self.problems += formulas_explained(positions, problems)
        requirement_rows, problems = parse_rows(requirements, _requirement_columns(self.options))
        self.problems += formulas_explained(requirements, problems)
        self._index_positions(position_rows)
        self._index_requirements(requirement_rows)

    def _duplicate(self, row: Parsed, column: str, first: Parsed, id_: str, en: str) -> None:
        here = Message(f"Baris {first.number} di sini.", f"Row {first.number} is here.")
        self.problems.append(
            Diagnostic(
                Severity.ERROR,
                DUPLICATE,
                Message(id_, en),
                row.at(column),
                (Related(first.at(column), here),),
            )
        )

    def _index_positions(self, rows: list[Parsed]) -> None:
        for row in rows:
            code = row.values.get("code")
            if code is None:
                continue
            first = self.positions.setdefault(code_key(code), row)
            if first is row:
                continue
            self.clashing.add(code_key(code))
            this, other = quoted(row.written("code")), quoted(first.written("code"))
            self._duplicate(
                row,
                "code",
                first,
                f"Kode jabatan {this} sama dengan {other} di baris {first.number} (kode yang hanya berbeda huruf "
                "besar/kecil, spasi, atau pemisah . _ - dianggap sama); setiap jabatan perlu kode sendiri.",
                f"The position code {this} is the same as {other} in row {first.number} (codes that differ "
                "only in case, spaces or the separators . _ - count as the same); every position needs a code "
                "of its own.",
            )

    def _index_requirements(self, rows: list[Parsed]) -> None:
        pairs: dict[tuple[str, str], Parsed] = {}
        for row in rows:
            code, element = row.values.get("code"), row.values.get("element_id")
            if code is not None and self.positions and code_key(code) not in self.positions:
                self.problems.append(
                    problem(
                        REFERENCE,
                        row.at("code"),
                        Message(
                            f"Tidak ada jabatan berkode {code} di {self.positions_file}.",
                            f"There is no position with the code {code} in {self.positions_file}.",
                        ),
                    )
                )
                continue
            if element is None:
                continue
            if code is not None and code_key(code) not in self.clashing:
                first = pairs.setdefault((code_key(code), element), row)
                if first is not row:
                    self._duplicate(
                        row,
                        "element_id",
                        first,
                        f"Elemen {quoted(element)} untuk jabatan {code} sudah ada di baris {first.number}.",
                        f"The element {quoted(element)} of position {code} is already in row {first.number}.",
                    )
                    continue
            self._name_element(row, element)
            if row.complete:
                self.requirements.append(row)
        required = {code_key(r.values["code"]) for r in rows if "code" in r.values}
        if not required:  # the requirements table itself is broken, and says so
            return
        for key, row in self.positions.items():
            if key not in required:
                self.problems.append(
                    problem(
                        REFERENCE,
                        row.at("code"),
                        Message(
                            f"Jabatan {row.values['code']} tidak punya baris di {self.requirements_file}; "
                            "standar memerlukan sedikitnya satu kompetensi teknis.",
                            f"The position {row.values['code']} has no row in {self.requirements_file}; a "
                            "standard needs at least one technical competency.",
                        ),
                    )
                )

    def _name_element(self, row: Parsed, element: str) -> None:
        """Record the element's name; the same element under two names is a problem, not a silent pick."""
        name = row.values.get("element_name", "")
        known = self.elements.get(element)
        if known is None:
            if len(self.elements) >= MAX_PER_DICTIONARY * MAX_DICTIONARIES:
                if self.elements_overflow:
                    return
                self.elements_overflow = True
                self.problems.append(
                    problem(
                        SHAPE,
                        row.at("element_id"),
                        Message(
                            f"Lebih dari {MAX_PER_DICTIONARY * MAX_DICTIONARIES} elemen berbeda.",
                            f"More than {MAX_PER_DICTIONARY * MAX_DICTIONARIES} distinct elements.",
                        ),
                    )
                )
                return
            self.elements[element] = _Element(name, row)
        elif name and known.name and name != known.name:
            self._duplicate(
                row,
                "element_name",
                known.first,
                f"Elemen {quoted(element)} bernama {quoted(known.name)} di baris {known.first.number}, di sini "
                f"{quoted(name)}; satu elemen satu nama.",
                f"The element {quoted(element)} is named {quoted(known.name)} in row {known.first.number} and "
                f"{quoted(name)} here; one element, one name.",
            )
        elif name and not known.name:
            known.name = name

    def project(self, grade: dict[str, Any]) -> tuple[Files, Origins]:
        """Every file of the project by its relative path, and where in the tables each part came from.

        The values of every file are settled here; their texts are made by :func:`~.texts.made`, on two
        processes when there are two cores."""
        options = self.options
        valid_from = options.valid_from and date.fromisoformat(options.valid_from).isoformat()
        valid_from = valid_from or date.today().isoformat()
        origins: Origins = {}
        project = {
            "schema_version": 1,
            "instansi": {"nama": options.agency},
            "bahasa": "id",
            "dokumen": {
                "jenis_peraturan": "Peraturan (data impor)",
                "pejabat": "Pejabat (data impor)",
                "nomor": UNNUMBERED,
                "tahun": int(valid_from[:4]),
                "tentang": f"Standar kompetensi jabatan yang diimpor dari {self.positions_file}",
            },
        }
        pending: dict[str, _Pending] = {
            "kompiler.yaml": _Pending(Job(partial(_file, project, FileKind.PROJECT, 0), 1), project)
        }
        competency = self._dictionaries(pending, origins)
        family = self._families(pending, origins)
        required = self._required()
        # An importance every kept requirement shares (binary profiles: required or not) says nothing
        # about any of them, so ``kepentingan`` is written only when the table rates requirements apart.
        rated = len({weight for kept in required.values() for _, weight, _ in kept.values()}) > 1
        shared = _Shared(FileKind.POSITION, _SHARED_POSITION_KEYS)
        for row in self.positions.values():
            code = row.values["code"]
            technical = sorted(
                (
                    (*competency[element], level, weight, source)
                    for element, (level, weight, source) in required.get(code_key(code), {}).items()
                ),
                key=lambda requirement: requirement[0],
            )
            relative = f"jabatan/{code.lower()}.yaml"
            position = self._position(row, grade, family[_group(row)], technical, valid_from)
            written = {
                **position,
                "kompetensi": {
                    **position["kompetensi"],
                    "teknis": _technical_data(technical, rated=rated),
                },
            }
            make = partial(_position_text, position, technical, rated, shared)
            cost = 1 + len(technical) / REQUIREMENTS_PER_POSITION
            pending[relative] = _Pending(Job(make, cost), written)
            origins[relative] = _position_origins(row, technical)
        texts = made({relative: file.job for relative, file in pending.items()})
        return {relative: Written(texts[relative], file.data) for relative, file in pending.items()}, origins

    def _dictionaries(self, pending: dict[str, _Pending], origins: Origins) -> dict[str, tuple[str, str]]:
        """The technical dictionaries (999 elements each, by element id); each element's code and field."""
        competency: dict[str, tuple[str, str]] = {}
        items: dict[str, list[dict[str, Any]]] = {}
        for number_, element in enumerate(sorted(self.elements)):
            field_, prefix = _dictionary_field(number_ // MAX_PER_DICTIONARY)
            code = f"T.{prefix}.{number_ % MAX_PER_DICTIONARY + 1:03d}"
            competency[element] = (code, field_)
            known = self.elements[element]
            name = known.name or element
            relative = f"kamus/teknis-{field_.replace('_', '-')}.yaml"
            index = len(items.setdefault(field_, []))
            items[field_].append(
                {
                    "kode": code,
                    "nama": name,
                    "definisi": f"{name} (elemen {element}, diimpor dari {self.requirements_file}).",
                    "level": _LEVELS_PLACEHOLDER,
                }
            )
            origins.setdefault(relative, []).extend(
                (
                    (("kompetensi", index), known.first.at("element_id")),
                    (("kompetensi", index, "nama"), known.first.at("element_name")),
                    (("kompetensi", index, "definisi"), known.first.at("element_name")),
                )
            )
        for field_, listed in items.items():
            header = {
                "jenis": "teknis",
                "bidang": field_,
                "nama": f"Kamus Kompetensi Teknis (diimpor dari {self.requirements_file})",
                "sumber": CITATION,
            }
            written = {"kamus": header, "kompetensi": [{**entry, "level": _levels()} for entry in listed]}
            make = partial(_dictionary_text, {"kamus": header, "kompetensi": listed})
            cost = 1 + len(listed) / COMPETENCIES_PER_POSITION
            pending[f"kamus/teknis-{field_.replace('_', '-')}.yaml"] = _Pending(Job(make, cost), written)
        return competency

    def _families(self, pending: dict[str, _Pending], origins: Origins) -> dict[str, str]:
        """One family per group, each with a code of its own even when two groups' names give the same."""
        first_row: dict[str, Parsed] = {}
        for row in self.positions.values():
            first_row.setdefault(_group(row), row)
        codes: dict[str, str] = {}
        taken: set[str] = set()
        families = []
        for index, group in enumerate(sorted(first_row)):
            codes[group] = _unique_family_code(group, taken)
            families.append(
                {
                    "kode": codes[group],
                    "nama": group if not group.isdigit() else f"Kelompok {group}",
                    "deskripsi": "Diimpor.",
                }
            )
            origins.setdefault("rumpun/rumpun.yaml", []).append(
                (("rumpun", index), first_row[group].at("group"))
            )
        make = partial(_file, {"rumpun": families}, FileKind.FAMILIES, 1)
        pending["rumpun/rumpun.yaml"] = _Pending(Job(make, len(families)), {"rumpun": families})
        return codes

    def _position(
        self, row: Parsed, grade: dict[str, Any], family: str, technical: list[_Technical], valid_from: str
    ) -> dict[str, Any]:
        """A position's standard: its row, its family's code, its technical requirements, its grade's
        managerial and socio-cultural levels."""
        options = self.options
        code, title = row.values["code"], row.values["title"]
        fields = sorted({f for _, f, _, _, _ in technical}) or [_dictionary_field(0)[0]]
        pattern = grade.get("pola_nama")
        name = f"{title} {pattern}" if pattern and pattern.lower() not in title.lower() else title
        position: dict[str, Any] = {
            "kode": code,
            "nama": name,
            "jenis": options.kind,
            "jenjang": options.grade,
        }
        if options.kind == "pelaksana":
            position["klasifikasi"] = options.classification or "klerek"
        position.update(
            {
                "rumpun": family,
                "bidang": fields[0],
                "unit_kerja": row.values.get("unit_kerja") or "Tidak disebutkan (data impor)",
                "urusan": row.values.get("urusan") or "Tidak disebutkan (data impor)",
                "ikhtisar": f"{title}: standar diimpor dari {self.positions_file}; ikhtisar belum disusun.",
                "tugas": ["Uraian tugas belum disusun (data impor)."],
                "kompetensi": {
                    "manajerial": [
                        {"kode": f"M.{n:02d}", "level": grade["level_manajerial"]} for n in range(1, 9)
                    ],
                    "sosial_kultural": [{"kode": "SK.01", "level": grade["level_sosial_kultural"]}],
                    "teknis": _TECHNICAL_PLACEHOLDER,
                },
            }
        )
        if len(fields) > 1:
            position["alasan_lintas_bidang"] = (
                "Kamus impor dipecah menjadi beberapa berkas karena jumlah elemen."
            )
        position["persyaratan"] = {
            "pendidikan": [{"jenjang": grade.get("pendidikan_minimal") or "S1", "tingkat": "mutlak"}]
        }
        position["sumber"] = CITATION
        position["berlaku_mulai"] = valid_from
        return position

    def _required(self) -> dict[str, dict[str, tuple[int, float, Parsed]]]:
        """The elements each position requires: those at or above the importance cut, or, when none is,
        its single most important one (a standard needs at least one technical competency)."""
        options = self.options
        rated = [
            (code_key(r.values["code"]), r.values["element_id"], r.values["importance"], r)
            for r in self.requirements
        ]
        top = options.importance_max
        if top is None:
            top = max((importance for _, _, importance, _ in rated), default=options.min_importance)
        required: dict[str, dict[str, tuple[int, float, Parsed]]] = {}
        most_important: dict[str, tuple[float, str, Parsed]] = {}
        for key, element, importance, row in rated:
            if importance >= options.min_importance:
                required.setdefault(key, {})[element] = (
                    rescale(row.values["level"], options),
                    importance_weight(importance, options.min_importance, top),
                    row,
                )
            if key not in most_important or importance > most_important[key][0]:
                most_important[key] = (importance, element, row)
        for key, (importance, element, row) in most_important.items():
            if not required.get(key):
                required[key] = {
                    element: (
                        rescale(row.values["level"], options),
                        importance_weight(importance, options.min_importance, top),
                        row,
                    )
                }
        return required


def _position_origins(row: Parsed, technical: list[_Technical]) -> list[tuple[Pointer, Location]]:
    """The cells a position's file is made of: its row's, and each technical requirement's row."""
    origins: list[tuple[Pointer, Location]] = [
        ((), row.at("code")),
        (("nama",), row.at("title")),
        (("ikhtisar",), row.at("title")),
        (("rumpun",), row.at("group")),
        (("unit_kerja",), row.at("unit_kerja" if "unit_kerja" in row.columns else "code")),
        (("urusan",), row.at("urusan" if "urusan" in row.columns else "code")),
    ]
    return origins + [
        (("kompetensi", "teknis", index), source.at("element_id"))
        for index, (*_, source) in enumerate(technical)
    ]


def _group(row: Parsed) -> str:
    return row.values.get("group") or "lain"


def _unique_family_code(group: str, taken: set[str]) -> str:
    """``RJ-`` and the group's name in capitals; ``-2``, ``-3`` … when another group already gave it."""
    stem = "RJ-" + (re.sub(r"[^A-Z0-9]+", "-", group.upper()).strip("-") or "LAIN")[:36]
    code, suffix = stem, 1
    while code in taken:
        suffix += 1
        code = f"{stem[: 39 - len(str(suffix))].rstrip('-')}-{suffix}"
    taken.add(code)
    return code


def _dictionary_field(number_: int) -> tuple[str, str]:
    letter = chr(ord("a") + number_)
    return f"impor_{letter}", f"IMPOR{letter.upper()}"


# The levels every imported competency gets, the same for all: the tables say which element a position
# requires and at what level, never what a level means, so there is nothing per competency to write but
# the five levels the rules ask for (KMP104), each with one placeholder indicator rather than the usual
# three (three placeholders say no more than one and made 13,000 imported elements 34 MB). The file says
# so in a waiver of KMP104 with its reason, which the drafters remove once they write the indicators.
PLACEHOLDER = "Belum disusun (data impor)."
PLACEHOLDER_INDICATORS = 1
_LEVELS_PLACEHOLDER = "impor-levels-placeholder"
_COMPETENCIES_PLACEHOLDER = "impor-competencies-placeholder"
_COMPETENCY_KEYS = ("kode", "nama", "definisi")
PLACEHOLDER_WAIVER = (
    "# kompiler: abaikan-berkas KMP104 -- indikator hasil impor belum disusun (satu per level); hapus "
    "baris ini setelah indikator ditulis\n"
)


def _levels() -> list[dict[str, Any]]:
    return [
        {
            "level": level,
            "deskripsi": PLACEHOLDER,
            "indikator": [
                {"nomor": f"{level}.{n}", "uraian": PLACEHOLDER} for n in range(1, PLACEHOLDER_INDICATORS + 1)
            ],
        }
        for level in range(1, 6)
    ]


@lru_cache(maxsize=1)
def _levels_text() -> str:
    """The YAML of :func:`_levels` as it stands under a competency's ``level:`` key in a dictionary file,
    made once: the canonical text of a competency holding them, without writing the same thirty values
    thirteen thousand times."""
    return _yaml({"kompetensi": [{"level": _levels()}]}, FileKind.DICTIONARY).split("level:", 1)[1]


# What positions of one import mostly hold alike: all but their code, name and summary.
_SHARED_POSITION_KEYS = (
    "jenis",
    "jenjang",
    "klasifikasi",
    "rumpun",
    "bidang",
    "unit_kerja",
    "urusan",
    "tugas",
    "kompetensi",
    "alasan_lintas_bidang",
    "persyaratan",
    "sumber",
    "berlaku_mulai",
)
# Where a position's technical requirements go in its file: written by :func:`_technical_text`, since
# writing 129,000 requirement mappings one value at a time was most of the time of a large import.
_TECHNICAL_PLACEHOLDER = "impor-technical-placeholder"
# A sample requirement, whose canonical text gives the layout of every one; its values as YAML writes them.
_SAMPLE_REQUIREMENT = {
    "kode": ("T.IMPORA.001", "T.IMPORA.001"),
    "level": (1, "1"),
    "kepentingan": (1.5, "1.5"),
}


@lru_cache(maxsize=2)
def _technical_item(rated: bool) -> str:
    """One technical requirement as it stands under ``kompetensi: teknis:``, with ``{kode}``, ``{level}``
    and ``{kepentingan}`` (only when ``rated``) where its values go: the canonical text of a sample
    requirement, so the layout (indentation, dashes) is fmt's."""
    sample = {key: value for key, (value, _) in _SAMPLE_REQUIREMENT.items() if rated or key != "kepentingan"}
    body = _yaml({"kompetensi": {"teknis": [sample]}}, FileKind.POSITION).split("teknis:\n", 1)[1]
    for key, (_, written) in _SAMPLE_REQUIREMENT.items():
        body = body.replace(f"{key}: {written}\n", f"{key}: {{{key}}}\n")
    return body


def _technical_text(technical: list[_Technical], *, rated: bool = True) -> str:
    """The YAML of a position's technical requirements under ``kompetensi: teknis:``: the canonical text
    of ``[{"kode": code, "level": level, "kepentingan": weight}, …]`` (without ``kepentingan`` unless
    ``rated``). Codes are the import's own ``T.IMPORx.nnn`` (plain scalars), levels integers and weights
    floats between 1 and 5 with two decimals, so Python's ``repr`` of each is what YAML writes."""
    if not technical:
        return " []\n"
    item = _technical_item(rated)
    return "\n" + "".join(
        item.format(kode=code, level=level, kepentingan=repr(float(weight)))
        for code, _, level, weight, _ in technical
    )


def _position_text(
    position: dict[str, Any], technical: list[_Technical], rated: bool, shared: _Shared
) -> str:
    """A position's file: its values written as ``shared`` keeps them, its technical requirements spliced
    in where :data:`_TECHNICAL_PLACEHOLDER` stands."""
    return _file(position, FileKind.POSITION, 1, shared=shared).replace(
        f" {_TECHNICAL_PLACEHOLDER}\n", _technical_text(technical, rated=rated), 1
    )


def _dictionary_text(dictionary: dict[str, Any]) -> str:
    """A technical dictionary's file: its header as fmt writes it, under the waiver that says its
    indicators are placeholders, and its competencies spliced in, each by :func:`_competency_text`."""
    competencies = "".join(_competency_text(entry) for entry in dictionary["kompetensi"])
    header = {**dictionary, "kompetensi": _COMPETENCIES_PLACEHOLDER}
    return _file(header, FileKind.DICTIONARY, 1, PLACEHOLDER_WAIVER).replace(
        f" {_COMPETENCIES_PLACEHOLDER}\n", "\n" + competencies, 1
    )


def _competency_text(entry: dict[str, str]) -> str:
    """A dictionary competency as it stands under ``kompetensi:``: its code, name and definition written
    into :func:`_competency_layout` where they are simple values (:func:`.plain.plain_text`), else
    the whole competency written by fmt's dumper."""
    parts, places = _competency_layout()
    values = [plain_text(entry[key], *places[index]) for index, key in enumerate(_COMPETENCY_KEYS)]
    if None in values:
        return _competency_dumped(entry)
    return "".join(part + value for part, value in zip(parts, [*values, ""], strict=True))


def _competency_dumped(entry: dict[str, str]) -> str:
    return (
        _yaml({"kompetensi": [entry]}, FileKind.DICTIONARY)
        .split("kompetensi:\n", 1)[1]
        .replace(f" {_LEVELS_PLACEHOLDER}\n", _levels_text())
    )


@lru_cache(maxsize=1)
def _competency_layout() -> tuple[list[str], list[tuple[int, int]]]:
    """A competency's text cut where its code, name and definition go (each with the space before it),
    and for each the column of the colon before it and the indentation of its folded lines: read from
    the canonical text of sample competencies, so the layout is fmt's."""
    markers = [f"impor{key}x" for key in _COMPETENCY_KEYS]
    text = _competency_dumped(
        {**dict(zip(_COMPETENCY_KEYS, markers, strict=True)), "level": _LEVELS_PLACEHOLDER}
    )
    long = [" ".join([marker] * 30) for marker in markers]
    folded = _competency_dumped(
        {**dict(zip(_COMPETENCY_KEYS, long, strict=True)), "level": _LEVELS_PLACEHOLDER}
    )
    parts = re.split("|".join(f" {marker}" for marker in markers), text)
    places = []
    for marker, part in zip(markers, parts, strict=False):
        continued = folded.split(f" {marker}", 1)[1].split("\n", 1)[1]
        places.append((len(part.rsplit("\n", 1)[-1]), len(continued) - len(continued.lstrip(" "))))
    return parts, places


def _technical_data(technical: list[_Technical], *, rated: bool = True) -> list[dict[str, Any]]:
    """The values :func:`_technical_text` writes, as the loader reads them back."""
    return [
        {"kode": code, "level": level, "kepentingan": float(weight)}
        if rated
        else {"kode": code, "level": level}
        for code, _, level, weight, _ in technical
    ]


def _file(
    data: dict[str, Any], kind: FileKind, depth: int, comment: str = "", shared: _Shared | None = None
) -> str:
    """A file of ``kind`` holding ``data``, ``depth`` folders below the project: its schema link, then
    ``comment`` (lines of their own above the first key, where fmt keeps them), then :func:`_yaml` (the
    values ``shared`` names written as it keeps them)."""
    link = f"# yaml-language-server: $schema={'../' * depth}schemas/{kind.value}.schema.json\n"
    return link + comment + (shared.text(data) if shared is not None else _yaml(data, kind))


class _Shared:
    """Top-level values that many files of one kind hold alike (a position's grade, unit, family,
    managerial competencies, requirements, citation), each written once: a file is its own top-level
    entries (``key: value`` and the lines under it) in canonical key order, and the canonical text of
    an entry among ``keys`` is made the first time its value is met. The pure-Python dumper takes about
    as long for each value it writes, so writing those forty values again for each of 3,000 positions
    was most of a large import's time; at the top level an entry is written the same whatever stands
    beside it."""

    def __init__(self, kind: FileKind, keys: tuple[str, ...]) -> None:
        self.kind, self.keys = kind, keys
        self._entries: dict[str, str] = {}

    def text(self, data: dict[str, Any]) -> str:
        order = key_order(self.kind)
        own = {key: value for key, value in data.items() if key not in self.keys}
        entries = dict(zip(order.arranged(list(own)), _entries(_yaml(own, self.kind)), strict=True))
        for key in data.keys() & set(self.keys):
            identity = json.dumps([key, data[key]])
            entry = self._entries.get(identity)
            if entry is None:
                entry = self._entries[identity] = _yaml({key: data[key]}, self.kind)
            entries[key] = entry
        return "".join(entries[key] for key in order.arranged(list(data)))


def _entries(text: str) -> list[str]:
    """The top-level entries of a mapping's canonical text, in order: each starts at a line that is not
    indented (what belongs to it is, lists included)."""
    entries: list[str] = []
    for line in text.splitlines(keepends=True):
        if line[:1] in (" ", "") and entries:
            entries[-1] += line
        else:
            entries.append(line)
    return entries


def _yaml(data: dict[str, Any], kind: FileKind) -> str:
    """``data`` as ``kompiler fmt`` writes a file of ``kind``, so that an imported project passes
    ``fmt --check`` (the pre-commit hook, CI) from its first commit.

    fmt's own canonical form of the values (key order, quoting, block style) written by its own dumper,
    lines trimmed of trailing spaces as fmt trims them: not a second emitter made to look alike, which
    would drift when fmt changes. What fmt adds around that (moving comments back, proving that values
    and waivers are kept, a second pass) has nothing to do on values the import made, and running it
    per file would multiply the import's time. Every value is a number or one line of text, which
    trimming cannot change (a folded line's trailing space is not part of the value)."""
    return trimmed(canonical_dump(_tree(data), kind))


def _tree(value: Any) -> Any:
    """Plain values as the round-trip library's nodes, which fmt's canonical form works on."""
    if isinstance(value, dict):
        return CommentedMap((key, _tree(item)) for key, item in value.items())
    if isinstance(value, list):
        return CommentedSeq(_tree(item) for item in value)
    return value
