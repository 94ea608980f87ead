"""The typed column parsers of ``kompiler import``: every cell of a table becomes a value or a problem.

A column says what its cells hold (text of a bounded length on one line, a position code, a number on a
scale); its parser either returns the value or raises :class:`_Invalid` with a code and a message, which
:func:`parse_rows` turns into a diagnostic located at the cell (``table:row:column``). Every cell of every
row goes through its parser, so all problems of a table are known at once; a cell that repeats (a code,
an element, a level) is parsed once.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from kompiler.authoring.importer.tables import (
    CODE,
    EMPTY,
    NUMBER,
    SHAPE,
    TEXT,
    Row,
    Table,
    at,
    formula_cells,
    problem,
    shown,
)
from kompiler.diagnostics import Diagnostic, Location, Message, Severity
from kompiler.spreadsheet import quoted

CODE_PATTERN = re.compile(r"[A-Z0-9][A-Z0-9._-]{1,39}")
SPREADSHEET_ERRORS = frozenset(
    ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!", "#GETTING_DATA")
)
MAX_CODE = 40


class _Invalid(Exception):
    """One cell cannot be read as its column says: the code and the message of the problem."""

    def __init__(self, code: str, id_: str, en: str) -> None:
        super().__init__(en)
        self.code, self.message = code, Message(id_, en)


Parser = Callable[[object], Any]

# Characters no standard's text may hold: control characters and line breaks (a cell is one line),
# bytes that were not UTF-8 (kept as lone surrogates), bidirectional overrides that make text read
# otherwise than it is stored, a byte order mark inside text, and Unicode's noncharacters.
_FORBIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufdd0-\ufdef\ud800-\udfff"
    + "".join(chr(plane << 16 | low) for plane in range(17) for low in (0xFFFE, 0xFFFF))
    + "]"
)
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+")
_CODE_CHARACTERS = re.compile(r"[A-Za-z0-9._/ -]+")
_CODE_SPACES = re.compile(r"[\s/]+")
_CODE_SEPARATORS = re.compile(r"[._-]+")


def cell_text(value: object) -> str:
    """A cell as text: spreadsheet numbers as written (15, not 15.0); a date is refused, since Excel
    turns codes such as 1-2 into dates."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime, date, time, timedelta)):
        raise _Invalid(
            TEXT,
            "Excel membaca sel ini sebagai tanggal atau waktu; format kolomnya sebagai Teks dan ketik ulang.",
            "Excel read this cell as a date or time; format the column as Text and type it again.",
        )
    return str(value)


def _check_characters(text: str) -> None:
    found = _FORBIDDEN.search(text)
    if found is None:
        return
    character = found.group()
    if "\udc80" <= character <= "\udcff":
        byte = ord(character) - 0xDC00
        raise _Invalid(
            TEXT,
            f"Byte 0x{byte:02X} bukan UTF-8: simpan tabel sebagai 'CSV UTF-8' (berkas ini tampaknya Latin-1 "
            "atau Windows-1252).",
            f"Byte 0x{byte:02X} is not UTF-8: save the table as 'CSV UTF-8' (this file looks like Latin-1 or "
            "Windows-1252).",
        )
    if character in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029":
        raise _Invalid(
            TEXT,
            "Sel berisi pindah baris; setiap nilai ditulis dalam satu baris.",
            "The cell holds a line break; every value is written on one line.",
        )
    raise _Invalid(
        TEXT,
        f"Sel berisi karakter kendali atau tak terlihat U+{ord(character):04X}.",
        f"The cell holds the control or invisible character U+{ord(character):04X}.",
    )


def text(limit: int, *, required: bool) -> Parser:
    """Text of at most ``limit`` characters on one line, without control or invisible characters, and
    not an error value a spreadsheet formula left behind (``#N/A``)."""

    def parse(value: object) -> str:
        content = cell_text(value)
        if not content:
            if required:
                raise _Invalid(EMPTY, "Sel ini wajib diisi.", "This cell must not be empty.")
            return ""
        _check_characters(content)
        if content in SPREADSHEET_ERRORS:
            raise _Invalid(
                TEXT,
                f"{content} adalah nilai galat rumus lembar kerja, bukan teks.",
                f"{content} is the error value of a spreadsheet formula, not text.",
            )
        if len(content) > limit:
            raise _Invalid(
                TEXT,
                f"Nilai {len(content)} karakter; paling banyak {limit}.",
                f"The value has {len(content)} characters; at most {limit}.",
            )
        return content

    return parse


def position_code(value: object) -> str:
    """A position code: letters, digits, ``.``, ``_``, ``-`` (spaces and ``/`` become ``-``), upper-cased,
    2 to 40 characters, starting with a letter or digit."""
    raw = text(10_000, required=True)(value)
    wrong = next((c for c in raw if not _CODE_CHARACTERS.fullmatch(c)), None)
    if wrong is not None:
        raise _Invalid(
            CODE,
            f"Kode {quoted(raw)} memuat {wrong!r}; kode hanya boleh berisi huruf A-Z, angka, titik, garis "
            "bawah, dan tanda hubung.",
            f"The code {quoted(raw)} holds {wrong!r}; a code may hold only letters A-Z, digits, dots, "
            "underscores and hyphens.",
        )
    code = _CODE_SPACES.sub("-", raw.upper())
    if len(code) > MAX_CODE:
        raise _Invalid(
            CODE,
            f"Kode {quoted(raw)} panjangnya {len(code)} karakter; paling banyak {MAX_CODE}.",
            f"The code {quoted(raw)} is {len(code)} characters long; at most {MAX_CODE}.",
        )
    if not CODE_PATTERN.fullmatch(code):
        raise _Invalid(
            CODE,
            f"Kode {quoted(raw)} harus 2 sampai {MAX_CODE} karakter dan diawali huruf atau angka.",
            f"The code {quoted(raw)} must be 2 to {MAX_CODE} characters and start with a letter or digit.",
        )
    return code


@lru_cache(maxsize=1 << 16)  # every requirement row asks for its position's key
def code_key(code: str) -> str:
    """What tells two position codes apart for a reader, as KMP111 compares them: not case or separators."""
    return _CODE_SEPARATORS.sub("", code).casefold()


def number(low: float | None, high: float | None, scale: tuple[str, str]) -> Parser:
    """A finite number within [low, high] (either end may be open); a decimal comma (3,5) is accepted,
    as Excel writes it in an Indonesian locale; thousands separators are not, since they are ambiguous."""

    def parse(value: object) -> float:
        if isinstance(value, bool):
            raise _Invalid(NUMBER, f"{value} bukan angka.", f"{value} is not a number.")
        if isinstance(value, (int, float)):
            try:
                result = float(value)
            except OverflowError:
                result = math.inf
            written = repr(value)
        else:
            written = cell_text(value)
            if not written:
                raise _Invalid(EMPTY, "Sel ini wajib diisi angka.", "This cell must hold a number.")
            if _DECIMAL.fullmatch(written):
                result = float(written)
            elif _DECIMAL_COMMA.fullmatch(written):
                result = float(written.replace(",", "."))
            else:
                raise _Invalid(
                    NUMBER,
                    f"{quoted(written)} bukan angka; tulis misalnya 3.5 atau 3,5.",
                    f"{quoted(written)} is not a number; write, for example, 3.5 or 3,5.",
                )
        if not math.isfinite(result):
            raise _Invalid(
                NUMBER,
                f"{quoted(written)} bukan angka terhingga.",
                f"{quoted(written)} is not a finite number.",
            )
        if (low is not None and result < low) or (high is not None and result > high):
            raise _Invalid(
                NUMBER,
                f"{quoted(written)} di luar skala {scale[0]}.",
                f"{quoted(written)} is outside the scale {scale[1]}.",
            )
        return result

    return parse


@dataclass(frozen=True)
class Column:
    """A column the import reads: its header, the parser of its cells, and whether the header must exist."""

    name: str
    parse: Parser
    required: bool = True


@dataclass
class Parsed:
    """A row after its cells were parsed: the values that could be read, and whether all could."""

    table: str
    number: int
    columns: dict[str, int]  # column name → column number (from 1)
    values: dict[str, Any]
    complete: bool
    cells: tuple[object, ...] = ()  # as read

    def written(self, column: str) -> str:
        """The cell as the table holds it, before its column's parser normalised it."""
        number_ = self.columns.get(column, 0)
        return cell_text(self.cells[number_ - 1]) if 0 < number_ <= len(self.cells) else ""

    def at(self, column: str) -> Location:
        return at(self.table, self.number, self.columns.get(column, 1))


def _column_numbers(table: Table, columns: tuple[Column, ...]) -> tuple[dict[str, int], list[Diagnostic]]:
    """Where each column is: its exact header, or one header that starts with it (``level_0_to_7``)."""
    found: dict[str, int] = {}
    problems = []
    missing = []
    for column in columns:
        exact = [i for i, h in enumerate(table.header, start=1) if h == column.name]
        matches = exact or [
            i
            for i, h in enumerate(table.header, start=1)
            if h.startswith(column.name) and not h[len(column.name)].isalnum()
        ]
        if len(matches) == 1:
            found[column.name] = matches[0]
        elif matches:
            headers = ", ".join(repr(shown(table.header[i - 1])) for i in matches)
            problems.append(
                problem(
                    SHAPE,
                    at(table.name, table.header_row, matches[1]),
                    Message(
                        f"Kolom {column.name!r} ada lebih dari sekali ({headers}); sisakan satu.",
                        f"The column {column.name!r} appears more than once ({headers}); keep one.",
                    ),
                )
            )
        elif column.required:
            missing.append(column.name)
    if missing:
        absent = ", ".join(missing)
        present = ", ".join(shown(h) for h in table.header if h) or "-"
        wanted = ", ".join(c.name for c in columns if c.required)
        problems.append(
            problem(
                SHAPE,
                at(table.name, table.header_row, 1),
                Message(
                    f"Kolom wajib tidak ada: {absent} (kolom yang ada: {present}; kolom wajib: {wanted}).",
                    f"Required columns missing: {absent} (columns present: {present}; required: {wanted}).",
                ),
            )
        )
    return found, problems


@dataclass
class _Reader:
    """Reads one column of every row; a table repeats its codes, names and levels on many rows, so each
    distinct cell is parsed once."""

    name: str
    number: int
    header: str
    parse: Parser
    memo: dict[tuple[type, object], Any] = field(default_factory=dict)

    def read(self, row: Row) -> Any:
        """The parsed value of this column's cell in ``row``, or the :class:`_Invalid` it raised."""
        value = row.values[self.number - 1] if self.number <= len(row.values) else None
        key = (value.__class__, value)
        if key not in self.memo:
            try:
                self.memo[key] = self.parse(value)
            except _Invalid as invalid:
                self.memo[key] = invalid
        return self.memo[key]

    def problem(self, table: str, row: int, invalid: _Invalid) -> Diagnostic:
        return problem(
            invalid.code,
            at(table, row, self.number),
            Message(
                f"Kolom {self.header!r}: {invalid.message.id}",
                f"Column {self.header!r}: {invalid.message.en}",
            ),
        )


def parse_rows(table: Table, columns: tuple[Column, ...]) -> tuple[list[Parsed], list[Diagnostic]]:
    """Every row through every column's parser; one located problem per cell that cannot be read."""
    if not table.header:
        empty = Message("Tabel kosong: tidak ada baris judul kolom.", "The table is empty: no header row.")
        return [], [problem(SHAPE, at(table.name, 1, 1), empty)]
    numbers, problems = _column_numbers(table, columns)
    if not table.rows and not any(p.severity is Severity.ERROR for p in table.problems):
        only_header = Message(
            "Tabel hanya berisi judul kolom, tanpa baris data.",
            "The table holds only its header, no data rows.",
        )
        problems.append(problem(SHAPE, at(table.name, table.header_row + 1, 1), only_header))
    complete_header = all(c.name in numbers for c in columns if c.required)
    readers = [
        _Reader(c.name, numbers[c.name], shown(table.header[numbers[c.name] - 1]), c.parse)
        for c in columns
        if c.name in numbers
    ]
    parsed = []
    for row in table.rows:
        values: dict[str, Any] = {}
        complete = complete_header
        for reader in readers:
            outcome = reader.read(row)
            if isinstance(outcome, _Invalid):
                complete = False
                problems.append(reader.problem(table.name, row.number, outcome))
            else:
                values[reader.name] = outcome
        parsed.append(Parsed(table.name, row.number, numbers, values, complete, row.values))
    return parsed, problems


def formulas_explained(table: Table, problems: list[Diagnostic]) -> list[Diagnostic]:
    """``problems`` with each empty required cell of a workbook that holds a formula said to be one."""
    empty = {(d.location.line, d.location.column) for d in problems if d.code == EMPTY}
    formulas = formula_cells(table, empty)
    if not formulas:
        return problems
    message = Message(
        "Sel berisi rumus yang hasilnya belum pernah disimpan; buka dan simpan buku kerja di Excel atau "
        "LibreOffice, atau tempel sebagai nilai.",
        "The cell holds a formula whose result was never saved; open and save the workbook in Excel or "
        "LibreOffice, or paste the values.",
    )
    return [
        replace(d, message=_prefixed(d.message, message))
        if (d.location.line, d.location.column) in formulas
        else d
        for d in problems
    ]


def _prefixed(original: Message, message: Message) -> Message:
    """``message`` after the ``Kolom 'x':`` that starts ``original``."""
    return Message(
        f"{original.id.split(': ', 1)[0]}: {message.id}", f"{original.en.split(': ', 1)[0]}: {message.en}"
    )
