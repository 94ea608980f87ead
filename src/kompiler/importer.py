"""Import standards held in spreadsheets: a positions table and a requirements table → a standards project.

Agencies keep their current standards in tables: one row per position (code, title, group) and one row
per requirement (position code, element id, element name, level, importance). The import writes a
complete project that ``kompiler check`` accepts: the shipped sources, grade table and managerial and
socio-cultural dictionaries; one technical dictionary with every element as a competency (levels 1–5 with
generated descriptions, honestly marked as imported); one family per group; one file per position.

Levels are rescaled linearly from the source scale (0–7 by default) to 1–5; elements below the importance
cut are not required (a position with none keeps its most important one), and those kept carry their
importance as ``kepentingan``, rescaled from [cut, top of the importance scale] to 1–5 (the top is the
highest importance in the table unless given). Tables are CSV or XLSX (first sheet), with a header row.
"""

from __future__ import annotations

import csv
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from kompiler.resources import data_dir

SHIPPED_FILES = ("sumber.yaml", "jenjang.yaml", "kamus/manajerial.yaml", "kamus/sosial-kultural.yaml")
MAX_PER_DICTIONARY = 999
CITATION = {"kode": "PERMENPANRB-38-2017", "pasal": "Lampiran"}


class ImportError_(ValueError):
    """The tables cannot be imported; the message says why, in Indonesian and English."""


@dataclass(frozen=True)
class ImportOptions:
    min_importance: float = 3.0
    importance_max: float | None = None  # None: the highest importance in the table
    scale_min: float = 0.0
    scale_max: float = 7.0
    kind: str = "fungsional_keahlian"
    grade: str = "AHLI-PERTAMA"
    classification: str | None = None
    agency: str = "Instansi (data impor)"
    valid_from: str = ""


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV or XLSX table as dicts keyed by the lower-cased header."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(h or "").strip().lower() for h in next(rows, ())]
        return [
            {h: "" if v is None else str(v).strip() for h, v in zip(header, row, strict=False)}
            for row in rows
            if any(v is not None for v in row)
        ]
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [
            {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(handle)
        ]


def _column(row: dict[str, str], name: str, table: str) -> str:
    """The value of column ``name``, also accepting a header that starts with it (``level_0_to_7``)."""
    if name in row:
        return row[name]
    for key, value in row.items():
        if key.startswith(name):
            return value
    raise ImportError_(
        f"Kolom {name!r} tidak ada di tabel {table}. / Column {name!r} is missing from {table}."
    )


def _code(text: str) -> str:
    code = re.sub(r"[^A-Z0-9._-]", "-", text.strip().upper()).strip("-") or "X"
    return code if code[0].isalnum() else f"X{code}"


def _family_code(group: str) -> str:
    return "RJ-" + (re.sub(r"[^A-Z0-9]+", "-", group.upper()).strip("-") or "LAIN")[:36]


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
    span = options.scale_max - options.scale_min
    fraction = (value - options.scale_min) / span if span else 0.0
    return max(1, min(5, round(1 + 4 * fraction)))


def _dictionary_field(number: int) -> tuple[str, str]:
    letter = chr(ord("a") + number)
    return f"impor_{letter}", f"IMPOR{letter.upper()}"


def _levels(name: str) -> list[dict[str, Any]]:
    return [
        {
            "level": level,
            "deskripsi": f"{name}: tingkat {level} dari 5 (diimpor; deskripsi belum disusun).",
            "indikator": [
                {
                    "nomor": f"{level}.{n}",
                    "uraian": f"Indikator {n} {name} tingkat {level} (diimpor; uraian belum disusun).",
                }
                for n in (1, 2, 3)
            ],
        }
        for level in range(1, 6)
    ]


def _dump(data: dict[str, Any], schema: str, depth: int) -> str:
    prefix = "../" * depth
    return f"# yaml-language-server: $schema={prefix}schemas/{schema}.schema.json\n" + yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, width=110
    )


def import_tables(
    positions_path: Path, requirements_path: Path, target: Path, options: ImportOptions
) -> Iterator[str]:
    """Write the project into ``target``; yields the relative path of every file written."""
    positions = read_table(positions_path)
    requirements = read_table(requirements_path)
    valid_from = options.valid_from or date.today().isoformat()

    elements: dict[str, str] = {}
    rated: list[tuple[str, str, float, int]] = []  # code, element, importance, level rescaled to 1–5
    for row in requirements:
        element = _column(row, "element_id", requirements_path.name)
        elements.setdefault(element, _column(row, "element_name", requirements_path.name) or element)
        try:
            importance = float(_column(row, "importance", requirements_path.name))
            level = float(_column(row, "level", requirements_path.name))
        except ValueError as error:
            raise ImportError_(f"Nilai bukan angka / not a number: {error}") from None
        code = _code(_column(row, "code", requirements_path.name))
        rated.append((code, element, importance, rescale(level, options)))
    top = options.importance_max
    if top is None:
        top = max((importance for _, _, importance, _ in rated), default=options.min_importance)

    required: dict[str, dict[str, tuple[int, float]]] = {}
    most_important: dict[str, tuple[float, str, int]] = {}
    for code, element, importance, level in rated:
        if importance >= options.min_importance:
            required.setdefault(code, {})[element] = (
                level,
                importance_weight(importance, options.min_importance, top),
            )
        if code not in most_important or importance > most_important[code][0]:
            most_important[code] = (importance, element, level)
    # A standard needs at least one technical competency: a position with no element above the cut keeps
    # its single most important one.
    for code, (importance, element, level) in most_important.items():
        if not required.get(code):
            required[code] = {element: (level, importance_weight(importance, options.min_importance, top))}

    ordered = sorted(elements)
    competency_code: dict[str, tuple[str, str]] = {}
    dictionaries: dict[str, list[dict[str, Any]]] = {}
    for number, element in enumerate(ordered):
        field, prefix = _dictionary_field(number // MAX_PER_DICTIONARY)
        code = f"T.{prefix}.{number % MAX_PER_DICTIONARY + 1:03d}"
        competency_code[element] = (code, field)
        dictionaries.setdefault(field, []).append(
            {
                "kode": code,
                "nama": elements[element],
                "definisi": f"{elements[element]} (elemen {element}, diimpor dari {requirements_path.name}).",
                "level": _levels(elements[element]),
            }
        )

    target.mkdir(parents=True, exist_ok=True)
    shipped = data_dir("standards")
    for relative in SHIPPED_FILES:
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shipped / relative, target / relative)
        yield relative
    grades = {g["kode"]: g for g in yaml.safe_load((shipped / "jenjang.yaml").read_text("utf-8"))["jenjang"]}
    grade = grades.get(options.grade)
    if grade is None or grade["jenis_jabatan"] != options.kind:
        raise ImportError_(
            f"Jenjang {options.grade} tidak sesuai jenis {options.kind}. / "
            f"Grade {options.grade} does not match kind {options.kind}."
        )

    project = {
        "schema_version": 1,
        "bahasa": "id",
        "instansi": {"nama": options.agency},
        "dokumen": {
            "jenis_peraturan": "Peraturan (data impor)",
            "pejabat": "Pejabat (data impor)",
            "nomor": "1",
            "tahun": int(valid_from[:4]),
            "tentang": f"Standar kompetensi jabatan yang diimpor dari {positions_path.name}",
        },
    }
    (target / "kompiler.yaml").write_text(_dump(project, "proyek", 0), encoding="utf-8")
    yield "kompiler.yaml"

    for field, items in dictionaries.items():
        header = {
            "jenis": "teknis",
            "bidang": field,
            "nama": f"Kamus Kompetensi Teknis (diimpor dari {requirements_path.name})",
            "sumber": CITATION,
        }
        relative = f"kamus/teknis-{field.replace('_', '-')}.yaml"
        (target / relative).write_text(_dump({"kamus": header, "kompetensi": items}, "kamus", 1), "utf-8")
        yield relative

    groups = sorted({_column(row, "group", positions_path.name) or "lain" for row in positions})
    families = [
        {"kode": _family_code(g), "nama": g if not g.isdigit() else f"Kelompok {g}", "deskripsi": "Diimpor."}
        for g in groups
    ]
    (target / "rumpun").mkdir(exist_ok=True)
    (target / "rumpun/rumpun.yaml").write_text(_dump({"rumpun": families}, "rumpun", 1), "utf-8")
    yield "rumpun/rumpun.yaml"

    (target / "jabatan").mkdir(exist_ok=True)
    for row in positions:
        code = _code(_column(row, "code", positions_path.name))
        title = _column(row, "title", positions_path.name)
        technical = sorted(
            (competency_code[e] + requirement for e, requirement in required.get(code, {}).items()),
            key=lambda t: t[0],
        )
        fields = sorted({f for _, f, _, _ in technical}) or [_dictionary_field(0)[0]]
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
                "rumpun": _family_code(_column(row, "group", positions_path.name) or "lain"),
                "bidang": fields[0],
                "unit_kerja": row.get("unit_kerja") or "Tidak disebutkan (data impor)",
                "urusan": row.get("urusan") or "Tidak disebutkan (data impor)",
                "ikhtisar": f"{title}: standar diimpor dari {positions_path.name}; ikhtisar belum disusun.",
                "tugas": ["Uraian tugas belum disusun (data impor)."],
                "kompetensi": {
                    "manajerial": [
                        {"kode": f"M.{n:02d}", "level": grade["level_manajerial"]} for n in range(1, 9)
                    ],
                    "sosial_kultural": [{"kode": "SK.01", "level": grade["level_sosial_kultural"]}],
                    "teknis": [
                        {"kode": c, "level": lv, "kepentingan": weight} for c, _, lv, weight in technical
                    ],
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
        relative = f"jabatan/{code.lower()}.yaml"
        (target / relative).write_text(_dump(position, "jabatan", 1), encoding="utf-8")
        yield relative
