"""A position's talent pool: the people most ready for it, as Markdown (``people/talenta.md``) and CSV.

Readiness is the match percentage of a person against the position as if they held it
(:func:`kompiler.people.talent.talent_pool`). Only the :data:`POOL_SIZE` most ready are kept, so a
national file is ranked in bounded memory.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from kompiler.people.talent import Candidate
from kompiler.render.labels import number
from kompiler.render.people.tables import NOTICE
from kompiler.spreadsheet import spreadsheet_text

POOL_SIZE = 100
COLUMNS = (
    "kode_jabatan_tujuan",
    "peringkat",
    "id_pegawai",
    "kode_jabatan",
    "versi_rumus",
    "kesiapan",
    "kategori",
    "nama_kategori",
    "keterangan",
)


@dataclass(frozen=True)
class PoolRow:
    number: int
    person: str
    position: str
    readiness: str
    band_name: str


def pool_rows(candidates: Sequence[Candidate], locale: str) -> tuple[PoolRow, ...]:
    return tuple(
        PoolRow(i, c.person, c.position, number(c.readiness, locale, 2), c.band_name)
        for i, c in enumerate(candidates, 1)
    )


def pool_csv(stream: TextIO, candidates: Sequence[Candidate], position: str, version: str) -> int:
    """Write the pool as CSV (:data:`COLUMNS`); return the number of rows."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for rank, c in enumerate(candidates, 1):
        readiness = f"{c.readiness:.2f}".rstrip("0").rstrip(".")
        writer.writerow(
            [
                position,
                rank,
                c.person,
                c.position,
                version,
                readiness,
                c.band,
                spreadsheet_text(c.band_name),
                NOTICE,
            ]
        )
    return len(candidates)
