"""Reading a spreadsheet table (CSV or XLSX) for ``kompiler import``: bounded, each cell kept in its place.

A table comes from someone else's spreadsheet, so nothing about the file is trusted: only a regular
file is opened (a FIFO or ``/dev/zero`` is refused before a byte is read), at most ``MAX_TABLE_BYTES``
are read, an XLSX is unpacked only when what it declares to hold fits ``MAX_XLSX_UNPACKED`` and its shared
strings are few enough (:func:`kompiler.spreadsheet.opened_workbook`), and at most
``MAX_ROWS`` rows are kept. A file that cannot be read at all raises :class:`Unreadable` (a usage error);
anything wrong with the table's shape is a located diagnostic. Cells are returned as read: judging them
is the importer's work, so that every problem of every cell can be reported at once. Bytes that are not
UTF-8 stay in the text as lone surrogates (``surrogateescape``), so that the cell holding them is named.

CSV: UTF-8 with or without a BOM (or UTF-16 with its BOM, as Excel's "Unicode Text"), any line ending, separated by ``,``, ``;`` (what Excel writes in an
Indonesian locale) or a tab, whichever the header line holds most of. XLSX: the first worksheet (the
leftmost tab); formulas count as the value the spreadsheet last saved.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kompiler.diagnostics import Diagnostic, Location, Message, Severity, Span, grouped
from kompiler.spreadsheet import (
    ZIP_MAGIC,
    WorkbookLimits,
    WorkbookRefused,
    delimiter_of,
    encoding_of,
    opened_workbook,
    sheet_rows,
    shown,
    unreadable_record,
)

MAX_TABLE_BYTES = 64 * 1024 * 1024
MAX_XLSX_UNPACKED = 256 * 1024 * 1024
MAX_XLSX_MEMBERS = 10_000
MAX_ROWS = 1_000_000
# One file per position, each checked with every rule before anything is written: 10,000 take about 12 s
# and 250 MB; a positions table of a million rows ran out of memory after half a minute (exit 3).
MAX_POSITIONS = 10_000
MAX_COLUMNS = 1_000
# The diagnostic codes of the import (described in kompiler.codes).
UNREADABLE, SHAPE, TEXT, EMPTY, NUMBER, CODE, DUPLICATE, REFERENCE, SHEETS = (
    "KMP070",
    "KMP071",
    "KMP072",
    "KMP073",
    "KMP074",
    "KMP075",
    "KMP076",
    "KMP077",
    "KMP079",
)


class Unreadable(Exception):
    """The file cannot be read as a table at all; the message says why, in both languages."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


@dataclass(frozen=True, slots=True)
class Row:
    """One row: its number as a spreadsheet shows it (CSV: the line where the record starts) and its cells."""

    number: int
    values: tuple[object, ...]


@dataclass
class Table:
    """A table's header (lower-cased, stripped), its non-blank rows, and what was wrong with its shape."""

    name: str
    path: Path | None = None  # set for a workbook, which may need a second look (formula_cells)
    header: tuple[str, ...] = ()
    header_row: int = 1
    max_rows: int = MAX_ROWS
    rows: list[Row] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


def at(table: str, row: int, column: int) -> Location:
    """The location of one cell: ``table:row:column``, columns counted from 1."""
    return Location(table, Span(row, column, row, column + 1))


def problem(
    code: str, location: Location, message: Message, severity: Severity = Severity.ERROR
) -> Diagnostic:
    return Diagnostic(severity, code, message, location)


def read_table(path: Path, name: str, max_rows: int = MAX_ROWS) -> Table:
    """The table in ``path`` (shown to the user as ``name``), at most ``max_rows`` rows of it; CSV or
    XLSX by content, not by name."""
    data = _read_bounded(path)
    if data.startswith(ZIP_MAGIC) or path.suffix.lower() in (".xlsx", ".xlsm"):
        table = _xlsx(data, Table(name, max_rows=max_rows))
        table.path = path
        return table
    if path.suffix.lower() in (".xls", ".ods", ".numbers"):
        raise Unreadable(
            Message(
                f"Format {shown(path.suffix)} tidak didukung; simpan tabel sebagai CSV UTF-8 atau XLSX.",
                f"The {shown(path.suffix)} format is not supported; save the table as UTF-8 CSV or XLSX.",
            )
        )
    return _csv(data, Table(name, max_rows=max_rows))


def _read_bounded(path: Path) -> bytes:
    """The bytes of a regular file of at most ``MAX_TABLE_BYTES``; the descriptor is checked, not the
    name, so a file swapped for a FIFO after a look at it cannot make the read wait forever."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise Unreadable(
            Message(f"Tidak dapat dibuka: {error.strerror}.", f"Cannot be opened: {error.strerror}.")
        ) from None
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(
                Message(
                    "Bukan berkas biasa (melainkan folder, FIFO, atau perangkat).",
                    "Not a regular file (a folder, a FIFO or a device).",
                )
            )
        try:
            data = stream.read(MAX_TABLE_BYTES + 1)
        except OSError as error:
            raise Unreadable(
                Message(
                    f"Tidak dapat dibaca: {error.strerror}.",
                    f"Cannot be read: {error.strerror}.",
                )
            ) from None
    if len(data) > MAX_TABLE_BYTES:
        limit = MAX_TABLE_BYTES // (1024 * 1024)
        raise Unreadable(
            Message(
                f"Lebih besar dari {limit} MiB; bagi tabelnya.",
                f"Larger than {limit} MiB; split the table.",
            )
        )
    return data


def _delimiter(text: str) -> str:
    """The separator the header line uses most (``,`` when it holds none: a one-column table)."""
    return delimiter_of(next((line for line in io.StringIO(text, newline="") if line.strip()), ""))


def _decoded(data: bytes) -> str:
    """UTF-8 (a BOM is dropped), or UTF-16 when a BOM says so (Excel's "Unicode Text"); a byte that is not
    UTF-8 stays as a lone surrogate, for the cell holding it to be reported."""
    codec, bom = encoding_of(data)
    if codec != "utf-8":
        try:
            return data[bom:].decode(codec)
        except UnicodeDecodeError:
            raise Unreadable(
                Message(
                    "Berkas ber-BOM UTF-16 ini bukan teks UTF-16 yang sah.",
                    "This file has a UTF-16 BOM but is not valid UTF-16 text.",
                )
            ) from None
    return data[bom:].decode("utf-8", "surrogateescape")


def _csv(data: bytes, table: Table) -> Table:
    text = _decoded(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    name = table.name
    header: list[str] | None = None
    previous = 0
    try:
        for fields in reader:
            start, previous = previous + 1, reader.line_num
            if not any(f.strip() for f in fields):
                continue
            if header is None:
                header, table.header_row = fields, start
                table.header = _header(fields)
            elif not _keep(table, Row(start, tuple(fields))):
                break
    except csv.Error as error:
        table.problems.append(problem(SHAPE, at(name, previous + 1, 1), unreadable_record(error)))
    return table


def _header(cells: list[object] | tuple[object, ...]) -> tuple[str, ...]:
    return tuple("" if c is None else str(c).strip().lstrip("\ufeff").strip().lower() for c in cells)


def _keep(table: Table, row: Row) -> bool:
    """Add ``row`` unless it is one too many (then say so and stop) or has values beyond the header."""
    if len(table.rows) >= table.max_rows:
        limit = grouped(table.max_rows)
        table.problems.append(
            problem(
                SHAPE,
                at(table.name, row.number, 1),
                Message(
                    f"Tabel lebih dari {limit.id} baris; bagi tabelnya.",
                    f"The table has more than {limit.en} rows; split it.",
                ),
            )
        )
        return False
    width = len(table.header)
    extra = [i for i, value in enumerate(row.values[width:], start=width + 1) if str(value).strip()]
    if extra:
        table.problems.append(
            problem(
                SHAPE,
                at(table.name, row.number, extra[0]),
                Message(
                    f"Baris ini berisi {len(row.values)} nilai, judul tabel hanya {width} kolom: tanda pemisah "
                    "di dalam nilai? (Koma desimal di CSV yang dipisah koma harus diberi tanda kutip, atau "
                    "pakai ';' sebagai pemisah.)",
                    f"This row holds {len(row.values)} values but the header has {width} columns: a separator "
                    "inside a value? (A decimal comma in a comma-separated CSV must be quoted, or use ';' as "
                    "the separator.)",
                ),
            )
        )
        return True
    table.rows.append(row)
    return True


def _xlsx(data: bytes, table: Table) -> Table:
    """The first worksheet of a workbook; the archive's declared contents are bounded before unpacking."""
    try:
        with opened_workbook(io.BytesIO(data), _limits()) as book:
            return _sheet(book, table)
    except WorkbookRefused as refused:
        raise Unreadable(refused.message) from None


def _limits() -> WorkbookLimits:
    return WorkbookLimits(MAX_XLSX_UNPACKED, MAX_XLSX_MEMBERS)


def _sheet(book: Any, table: Table) -> Table:
    sheet = book.worksheets[0]
    name = table.name
    if len(book.sheetnames) > 1:
        title = shown(sheet.title)
        table.problems.append(
            problem(
                SHEETS,
                Location(name),
                Message(
                    f"Buku kerja berisi {len(book.sheetnames)} lembar; hanya lembar pertama, {title!r}, "
                    "yang dibaca.",
                    f"The workbook has {len(book.sheetnames)} sheets; only the first, {title!r}, is read.",
                ),
                Severity.WARNING,
            )
        )
    for number, values in enumerate(sheet_rows(sheet, columns=MAX_COLUMNS, last=MAX_ROWS + 1), start=1):
        if not _blank(values):
            width = max(i for i, v in enumerate(values, start=1) if _filled(v))
            table.header, table.header_row = _header(values[:width]), number
            break
    else:
        return table
    rows = sheet_rows(
        sheet,
        columns=len(table.header),
        first=table.header_row + 1,
        last=table.header_row + table.max_rows + 1,
    )
    for number, values in enumerate(rows, start=table.header_row + 1):
        if not _blank(values) and not _keep(table, Row(number, tuple(values))):
            break
    return table


def _blank(values: tuple[object, ...]) -> bool:
    """Whether a row holds nothing. A sheet may declare a million rows and a thousand columns and hold
    one cell at its end; the reader then gives a million empty rows, which must cost a C loop each
    (``count``), not a thousand Python calls, or the import takes minutes."""
    return values.count(None) == len(values) or not any(_filled(v) for v in values)


def _filled(value: object) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def formula_cells(table: Table, cells: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Which of ``cells`` (row, column) of a workbook's first sheet hold a formula.

    A formula whose result was never saved (a workbook written by a program rather than by Excel) reads
    as an empty cell; the user deserves to hear that it is a formula. Asked only about cells that read
    empty where a value is required, so a sound workbook is read once.
    """
    if table.path is None or not cells:
        return set()
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    last_row, last_column = max(r for r, _ in cells), max(c for _, c in cells)
    found = set()
    try:
        data = _read_bounded(table.path)
        with opened_workbook(io.BytesIO(data), _limits(), data_only=False) as book:
            rows = sheet_rows(book.worksheets[0], columns=last_column, last=last_row)
            for number, values in enumerate(rows, start=1):
                for column, value in enumerate(values, start=1):
                    formula = isinstance(value, (ArrayFormula, DataTableFormula)) or (
                        isinstance(value, str) and value.startswith("=")
                    )
                    if formula and (number, column) in cells:
                        found.add((number, column))
    except (Unreadable, WorkbookRefused):  # the file changed since it was read: what was found stands
        pass
    return found
