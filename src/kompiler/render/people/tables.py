"""The CSV tables HR systems import: one row per person and competency, plan item, move or person.

Column names are stable (they are what an import is configured against) and listed here, in order, once:
:data:`COLUMNS`. So are their values, whatever ``--locale`` the documents follow: words a table makes
(a talent box, ``Kotak 9: …``) are Indonesian (:data:`LOCALE`), numbers are written with a decimal point,
levels as integers, a missing value as an empty cell, booleans as ``ya``/``tidak``. Every row names the formula version
(``versi_rumus``) and carries the notice (``keterangan``): confidential personal data, supporting, not
replacing, a human decision (UU 27/2022 Pasal 10), so that a row copied out of the file still says so.

Rows are made from each chunk of people's columns (:mod:`kompiler.render.people.chunk_rows`) and written as
they come (:class:`Table`), so a file of a million people never sits in memory.
"""

from __future__ import annotations

import csv
from typing import TextIO

LOCALE = "id"  # the language of the words a table makes, whatever the documents' locale
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


class Table:
    """One CSV table written as people come: the header first, then the rows of each chunk of people."""

    def __init__(self, name: str, stream: TextIO) -> None:
        self.name = name
        self.columns = COLUMNS[name]
        self._writer = csv.writer(stream, lineterminator="\r\n")
        self._writer.writerow(self.columns)
        self.count = 0

    def add_rows(self, rows: list[list[str]]) -> None:
        """Rows made from a chunk's columns (:mod:`kompiler.render.people.chunk_rows`), in this table's
        columns."""
        self._writer.writerows(rows)
        self.count += len(rows)
