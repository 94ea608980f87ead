"""The header of an assessment file: which column holds what, and which layout the file has.

Two layouts, told apart by the header alone. **Wide** (what HR exports from an assessment system): one
row per person with ``id``, ``jabatan``, ``tanggal``, optional ``tujuan``, ``kinerja``, ``potensi``, then
one column per competency code holding the level. **Long** (what a database query gives): one row per
person and competency with ``kompetensi`` and ``level`` columns. Header names are matched without regard
to case, spaces or hyphens (``Kode Jabatan`` = ``kode_jabatan``), with a few English and longer Indonesian
aliases. A column that is none of these is an error, not ignored: it may be a competency code typed wrong
or personal data nobody meant to hand over. A file without a header row has its first person as the
header, so a header cell is quoted in a message only as :func:`~kompiler.people.cells.named` allows.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from enum import StrEnum

from kompiler.diagnostics import Message, grouped
from kompiler.people.cells import named
from kompiler.people.personal_data import personal_column
from kompiler.rules.common import did_you_mean

MAX_COLUMNS = 1_000


class Role(StrEnum):
    ID = "id"
    POSITION = "jabatan"
    DATE = "tanggal"
    PURPOSE = "tujuan"
    PERFORMANCE = "kinerja"
    POTENTIAL = "potensi"
    COMPETENCY = "kompetensi"
    LEVEL = "level"


class Layout(StrEnum):
    WIDE = "lebar"
    LONG = "panjang"

    @property
    def english(self) -> str:
        """The layout's name in an English message (its value is the Indonesian one)."""
        return "wide" if self is Layout.WIDE else "long"


ALIASES: dict[str, Role] = {
    "id": Role.ID,
    "id_pegawai": Role.ID,
    "pseudonim": Role.ID,
    "person": Role.ID,
    "person_id": Role.ID,
    "jabatan": Role.POSITION,
    "kode_jabatan": Role.POSITION,
    "position": Role.POSITION,
    "tanggal": Role.DATE,
    "tanggal_asesmen": Role.DATE,
    "tgl_asesmen": Role.DATE,
    "date": Role.DATE,
    "tujuan": Role.PURPOSE,
    "purpose": Role.PURPOSE,
    "kinerja": Role.PERFORMANCE,
    "predikat_kinerja": Role.PERFORMANCE,
    "performance": Role.PERFORMANCE,
    "potensi": Role.POTENTIAL,
    "potential": Role.POTENTIAL,
    "kompetensi": Role.COMPETENCY,
    "kode_kompetensi": Role.COMPETENCY,
    "competency": Role.COMPETENCY,
    "level": Role.LEVEL,
    "level_aktual": Role.LEVEL,
}
REQUIRED = {
    Layout.WIDE: (Role.ID, Role.POSITION, Role.DATE),
    Layout.LONG: (Role.ID, Role.POSITION, Role.COMPETENCY, Role.LEVEL, Role.DATE),
}

_SPACES = re.compile(r"[\s\-]+")
COLUMN = Message("kolom", "column")


@dataclass(frozen=True)
class HeaderProblem:
    """One problem of the header, at a column (1-based; 0 for the header as a whole)."""

    code: str
    column: int
    message: Message


@dataclass
class Header:
    """What each column holds. ``roles`` maps a role to its column (0-based); ``competencies`` maps a
    column to a competency's number in the index (wide layout); ``dropped`` are personal-data columns,
    never read past their header, each with the word of its header that says so."""

    layout: Layout
    width: int
    roles: dict[Role, int] = field(default_factory=dict)
    competencies: dict[int, int] = field(default_factory=dict)
    dropped: dict[int, str] = field(default_factory=dict)
    unknown: list[int] = field(default_factory=list)
    problems: list[HeaderProblem] = field(default_factory=list)


def normalised(cell: str) -> str:
    """A header cell as compared: trimmed, lower case, runs of spaces and hyphens as one ``_``."""
    return _SPACES.sub("_", cell.strip().lstrip("\ufeff").strip().lower())


def read_header(cells: list[str], competency_at: dict[str, int]) -> Header:
    """The columns of ``cells`` (the header row as text) against the index's competency codes."""
    names = [normalised(c) for c in cells]
    while names and not names[-1]:
        names.pop()
    layout = Layout.LONG if {ALIASES.get(n) for n in names} >= {Role.COMPETENCY, Role.LEVEL} else Layout.WIDE
    header = Header(layout, len(names))
    if len(names) > MAX_COLUMNS:
        header.problems.append(
            HeaderProblem(
                "KMP203",
                MAX_COLUMNS + 1,
                Message(
                    f"Lebih dari {grouped(MAX_COLUMNS).id} kolom; bagi tabelnya.",
                    f"More than {grouped(MAX_COLUMNS).en} columns; split the table.",
                ),
            )
        )
        return header
    seen: dict[str, int] = {}
    for column, (raw, name) in enumerate(zip(cells, names, strict=False)):
        _place(header, column, raw, name, seen, competency_at)
    for role in REQUIRED[layout]:
        if role not in header.roles:
            header.problems.append(_missing(role, layout, names))
    if layout is Layout.WIDE and not header.competencies and not header.problems:
        header.problems.append(
            HeaderProblem(
                "KMP203",
                0,
                Message(
                    "Tidak ada kolom kode kompetensi (misalnya M.01, T.HUMAS.02), dan tidak ada kolom "
                    "'kompetensi' dan 'level' untuk tata letak panjang.",
                    "There is no competency-code column (such as M.01, T.HUMAS.02), nor 'kompetensi' and "
                    "'level' columns for the long layout.",
                ),
            )
        )
    return header


def _place(
    header: Header, column: int, raw: str, name: str, seen: dict[str, int], competency_at: dict[str, int]
) -> None:
    """Give one header cell its role, or say what is wrong with it."""
    key = name.upper() if ALIASES.get(name) is None else name
    if not name:
        header.problems.append(
            HeaderProblem(
                "KMP203",
                column + 1,
                Message("Kolom tanpa judul.", "A column without a header."),
            )
        )
        return
    if key in seen:
        said = named(raw, COLUMN)
        header.problems.append(
            HeaderProblem(
                "KMP203",
                column + 1,
                Message(
                    f"{said.id} berjudul sama dengan kolom {seen[key] + 1}.",
                    f"{said.en} has the same header as column {seen[key] + 1}.",
                ),
            )
        )
        return
    seen[key] = column
    role = ALIASES.get(name)
    if role is not None and (header.layout is Layout.LONG or role not in (Role.COMPETENCY, Role.LEVEL)):
        header.roles[role] = column
        return
    code = raw.strip().lstrip("\ufeff").strip().upper().replace(" ", "")
    if header.layout is Layout.WIDE and code in competency_at:
        header.competencies[column] = competency_at[code]
        return
    word = personal_column(name)
    if word is not None:
        header.dropped[column] = word
        return
    header.unknown.append(column)
    header.problems.append(_unknown(column, raw, code, header.layout, competency_at))


def _unknown(
    column: int, raw: str, code: str, layout: Layout, competency_at: dict[str, int]
) -> HeaderProblem:
    fixed = sorted({n for n, r in ALIASES.items() if layout is Layout.WIDE or r is not Role.COMPETENCY})
    close = difflib.get_close_matches(normalised(raw), fixed, n=1, cutoff=0.75)
    said = named(raw, COLUMN)
    if not close and layout is Layout.WIDE:
        close = difflib.get_close_matches(code, list(competency_at), n=1)
        hint_id, hint_en = did_you_mean(close)
        return HeaderProblem(
            "KMP210",
            column + 1,
            Message(
                f"{said.id} bukan kolom yang dikenal dan bukan kode kompetensi dalam kamus proyek.{hint_id}",
                f"{said.en} is neither a known column nor a competency code of the project's "
                f"dictionaries.{hint_en}",
            ),
        )
    hint_id, hint_en = did_you_mean(close)
    return HeaderProblem(
        "KMP203",
        column + 1,
        Message(
            f"{said.id} tidak dikenal; hapus kolom itu.{hint_id}",
            f"{said.en} is not known; delete it.{hint_en}",
        ),
    )


def _missing(role: Role, layout: Layout, names: list[str]) -> HeaderProblem:
    aliases = [n for n, r in ALIASES.items() if r is role]
    close = difflib.get_close_matches(role.value, [n for n in names if n not in ALIASES], n=1, cutoff=0.7)
    # The column is named by its number: its header may be a person's data (a file without a header row).
    at = names.index(close[0]) + 1 if close else 0
    hint_id, hint_en = (f" Kolom {at}?", f" Column {at}?") if close else ("", "")
    return HeaderProblem(
        "KMP203",
        0,
        Message(
            f"Kolom wajib {role.value!r} tidak ada (tata letak {layout.value}; nama lain: "
            f"{', '.join(aliases[1:]) or '-'}).{hint_id}",
            f"The required column {role.value!r} is missing ({layout.english} layout; other names: "
            f"{', '.join(aliases[1:]) or '-'}).{hint_en}",
        ),
    )
