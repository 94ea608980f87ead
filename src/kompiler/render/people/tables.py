"""The CSV tables HR systems import: one row per person and competency, plan item, move or person.

Column names are stable (they are what an import is configured against) and listed here, in order, once:
:data:`COLUMNS`. Numbers are written with a decimal point whatever the locale, levels as integers, a
missing value as an empty cell, booleans as ``ya``/``tidak``. Every row names the formula version
(``versi_rumus``) and carries the notice (``keterangan``): confidential personal data, supporting, not
replacing, a human decision (UU 27/2022 Pasal 10), so that a row copied out of the file still says so.

Rows are produced one person at a time and written as they come (:class:`Table`), so a file of a million
people never sits in memory.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import TextIO

from kompiler.people.results import PersonReport
from kompiler.render.people.view import Setting, decimal, explanation

# Plain ASCII without a comma: a million rows neither quote it nor leave the encoder's fast path.
NOTICE = "RAHASIA - data pribadi; hasil rumus mendukung dan tidak menggantikan keputusan manusia (UU 27/2022 Pasal 10)"

COLUMNS: dict[str, tuple[str, ...]] = {
    "kesenjangan": (
        "id_pegawai",
        "kode_jabatan",
        "tanggal_asesmen",
        "tujuan",
        "versi_rumus",
        "kecocokan",
        "kategori",
        "urutan",
        "kode_kompetensi",
        "nama_kompetensi",
        "jenis_kompetensi",
        "level_standar",
        "level_aktual",
        "kesenjangan",
        "bobot",
        "prioritas",
        "keterangan",
    ),
    "rencana": (
        "id_pegawai",
        "kode_jabatan",
        "versi_rumus",
        "urutan",
        "kode_kompetensi",
        "nama_kompetensi",
        "kesenjangan",
        "kode_kegiatan",
        "nama_kegiatan",
        "bentuk",
        "porsi",
        "jp",
        "tahun",
        "keterangan",
    ),
    "mutasi": (
        "id_pegawai",
        "kode_jabatan_asal",
        "versi_rumus",
        "peringkat",
        "kode_jabatan",
        "nama_jabatan",
        "unit_kerja",
        "jenis_mutasi",
        "penyetaraan",
        "keterkaitan",
        "kesiapan",
        "skor",
        "kesenjangan_utama",
        "keterangan",
    ),
    "ringkasan": (
        "id_pegawai",
        "kode_jabatan",
        "tanggal_asesmen",
        "tujuan",
        "rumus",
        "versi_rumus",
        "kecocokan",
        "kategori",
        "nama_kategori",
        "jumlah_kompetensi",
        "jumlah_kesenjangan",
        "kotak_talenta",
        "keterangan",
    ),
}


def _flag(value: bool) -> str:
    return "ya" if value else "tidak"


def gap_rows(report: PersonReport, setting: Setting) -> Iterator[list[str]]:
    match = report.match
    for rank, gap in enumerate(match.gaps, 1):
        yield [
            report.person,
            report.position,
            report.date,
            report.purpose,
            setting.version,
            decimal(match.percentage),
            match.band,
            str(rank),
            gap.competency,
            gap.name,
            gap.type,
            str(gap.required),
            "" if gap.actual is None else str(gap.actual),
            str(gap.gap),
            "" if gap.importance is None else decimal(gap.importance, 3),
            decimal(gap.priority, 3),
            NOTICE,
        ]


def plan_rows(report: PersonReport, setting: Setting) -> Iterator[list[str]]:
    if report.plan is None:
        return
    for rank, item in enumerate(report.plan.items, 1):
        yield [
            report.person,
            report.position,
            setting.version,
            str(rank),
            item.competency,
            item.competency_name,
            str(item.gap),
            item.activity,
            item.activity_name,
            item.form,
            str(item.bucket),
            decimal(item.jp),
            str(item.year),
            NOTICE,
        ]


def move_rows(report: PersonReport, setting: Setting) -> Iterator[list[str]]:
    for rank, move in enumerate(report.moves, 1):
        yield [
            report.person,
            report.position,
            setting.version,
            str(rank),
            move.position,
            move.name,
            move.unit,
            move.kind.value,
            _flag(move.by_equivalence),
            decimal(move.relatedness, 4),
            decimal(move.readiness),
            decimal(move.score, 4),
            explanation(move.gaps),
            NOTICE,
        ]


def summary_rows(report: PersonReport, setting: Setting) -> Iterator[list[str]]:
    match = report.match
    yield [
        report.person,
        report.position,
        report.date,
        report.purpose,
        setting.formula,
        setting.version,
        decimal(match.percentage),
        match.band,
        match.band_name,
        str(len(match.gaps)),
        str(sum(1 for gap in match.gaps if gap.gap > 0)),
        report.talent_box or "",
        NOTICE,
    ]


ROWS = {"kesenjangan": gap_rows, "rencana": plan_rows, "mutasi": move_rows, "ringkasan": summary_rows}


class Table:
    """One CSV table written as people come: the header first, then each report's rows."""

    def __init__(self, name: str, stream: TextIO, setting: Setting) -> None:
        self.name = name
        self.columns = COLUMNS[name]
        self._rows = ROWS[name]
        self._setting = setting
        self._writer = csv.writer(stream, lineterminator="\r\n")
        self._writer.writerow(self.columns)
        self.count = 0

    def add(self, report: PersonReport) -> None:
        self.add_rows(list(self._rows(report, self._setting)))

    def add_rows(self, rows: list[list[str]]) -> None:
        """Rows made elsewhere (:mod:`kompiler.render.people.chunk_rows`), in this table's columns."""
        self._writer.writerows(rows)
        self.count += len(rows)
