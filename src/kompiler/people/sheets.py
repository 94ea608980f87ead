"""The rows of an assessment file as text, streamed in batches: a CSV a block at a time, an XLSX sheet
a row at a time, never the whole file in memory.

Both give the same thing: batches of records (lists of cell texts) with the file row each starts on
(a CSV record may span lines inside quotes; an XLSX row is its sheet row). Whatever stops the reading (a
quote never closed, a line longer than ``MAX_LINE``, a file that grew past its limit, a damaged workbook)
is handed to ``report`` at its row, and the batches end there. The file is opened through
:mod:`kompiler.reading`: regular files only, refused past a size limit before a byte is read.

CSV: UTF-8 with or without a BOM, or UTF-16 with its BOM; separated by ``,``, ``;`` or a tab, whichever
the header line holds most of (:mod:`kompiler.spreadsheet`), or as a first line ``sep=;`` names it (what
Excel writes and reads to open a file in another locale's separator). Bytes that are not UTF-8 stay in the text
as lone surrogates, so that the cell holding them is named. XLSX: openpyxl in read-only mode (rows
streamed from the sheet's XML) with ``data_only`` (a formula counts as the value the spreadsheet last
saved; nothing is evaluated, and a sheet holding a formula whose result was never saved is refused at
that cell, since an empty cell would mean "not assessed"), after the archive's declared contents and its shared strings are bounded,
to its last row whatever the sheet's ``<dimension>`` declares (:mod:`kompiler.spreadsheet`).
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from itertools import chain
from typing import Any

from kompiler.diagnostics import Message
from kompiler.reading import stream_limited
from kompiler.runtime.collector import paused
from kompiler.spreadsheet import (
    WorkbookLimits,
    WorkbookRefused,
    delimiter_of,
    encoding_of,
    grouped,
    opened_workbook,
    quoted,
    sheet_rows,
    unreadable_record,
    unsaved_formula,
)

MAX_LINE = 1 << 20
MAX_XLSX_UNPACKED = 2 << 30
MAX_XLSX_MEMBERS = 10_000
READ_COLUMNS = 1_001
# A batch's records are Python strings, some 50 bytes a cell: two million cells keep a batch near 100 MB
# however wide the file (a wide file of 430 competency columns would otherwise hold 15 million cells).
BATCH_CELLS = 2_000_000
# openpyxl gives each cell as its own object, and reads 100,000-200,000 cells a second: smaller batches
# keep a workbook's peak memory near a CSV's (50,000 people: 150 MB rather than 620 MB) at no cost in time.
XLSX_BATCH = 8_192

_SEPARATOR_LINE = re.compile(r"sep=[,;\t|]\r?\n?", re.IGNORECASE)

Report = Callable[[str, int, int, Message], None]

UNSAVED_FORMULA = Message(
    "Sel ini berisi rumus yang hasilnya belum pernah disimpan (buku kerja ditulis program, bukan Excel atau "
    "LibreOffice): nilainya tidak diketahui dan akan terbaca sebagai 'belum dinilai', jadi berkas tidak "
    "dibaca. Buka lalu simpan buku kerja di Excel atau LibreOffice, atau simpan sebagai CSV.",
    "This cell holds a formula whose result was never saved (the workbook was written by a program, not by "
    "Excel or LibreOffice): its value is unknown and would read as 'not assessed', so the file is not read. "
    "Open and save the workbook in Excel or LibreOffice, or save it as CSV.",
)
Batch = tuple[list[int], list[list[str]]]


class LineTooLong(Exception):
    """A line longer than ``MAX_LINE`` characters: not a table a person wrote."""


def csv_batches(descriptor: int, limit: int, batch: int, report: Report) -> Iterator[Batch]:
    """The records of the CSV behind ``descriptor``, ``batch`` at a time."""
    raw = stream_limited(descriptor, limit)
    codec, bom = encoding_of(raw.peek(4)[:4])
    raw.read(bom)
    errors = "surrogateescape" if codec == "utf-8" else "replace"
    text = io.TextIOWrapper(raw, encoding=codec, errors=errors, newline="")
    text._CHUNK_SIZE = 1 << 20  # decode a MiB at a time, not 8 KiB: a tenth of the calls
    lines = _lines(text)
    skipped: list[str] = []
    records: list[list[str]] = []
    ends: list[int] = []
    previous = 0
    try:
        first = next(lines, "")
        while first and not first.strip():
            skipped.append(first)
            first = next(lines, "")
        delimiter = delimiter_of(first)
        if _SEPARATOR_LINE.fullmatch(first):  # Excel's "sep=;": the separator named, the header next
            delimiter = first[4]
            skipped.append("\n")  # read as a blank line: the header's line number stays true
            first = next(lines, "")
        reader = csv.reader(chain(skipped, [first], lines), delimiter=delimiter, strict=True)
        batch = max(1, min(batch, BATCH_CELLS // (first.count(delimiter) + 1)))
        while True:
            with paused():
                for record in reader:
                    records.append(record)
                    ends.append(reader.line_num)
                    if len(records) >= batch:
                        break
            if len(records) < batch:
                break
            yield _starts(ends, previous), records
            previous, records, ends = ends[-1], [], []
    except csv.Error as error:
        report("KMP204", (ends[-1] if ends else previous) + 1, 1, unreadable_record(error))
    except LineTooLong:
        line = (ends[-1] if ends else previous) + 1
        report(
            "KMP204",
            line,
            1,
            Message(
                f"Baris lebih dari {grouped(MAX_LINE).id} karakter; ini bukan tabel asesmen. Baris berikutnya "
                "tidak diperiksa.",
                f"A line longer than {grouped(MAX_LINE).en} characters; this is not an assessment table. The "
                "lines after it are not checked.",
            ),
        )
    except UnicodeError:
        report(
            "KMP201",
            (ends[-1] if ends else previous) + 1,
            1,
            Message(
                f"Teks {codec.upper()} yang tidak sah mulai baris ini.",
                f"Invalid {codec.upper()} text from this line on.",
            ),
        )
    if records:
        yield _starts(ends, previous), records


def _lines(text: io.TextIOWrapper) -> Iterator[str]:
    readline = text.readline
    while line := readline(MAX_LINE):
        if len(line) == MAX_LINE and line[-1] not in "\r\n":
            raise LineTooLong
        yield line


def _starts(ends: list[int], previous: int) -> list[int]:
    """The line each record starts on, from the line each ends on."""
    return [previous + 1, *(end + 1 for end in ends[:-1])]


def xlsx_batches(
    descriptor: int, sheet: str | None, batch: int, report: Report, warn: Report, read: Callable[[int], None]
) -> Iterator[Batch]:
    """The rows of one worksheet (``sheet``: its name or its number, 1 the leftmost; by default the
    first) of the workbook behind ``descriptor``; ``read`` is told the number of the sheet read, which
    is part of what the results come from (two sheets are two assessments)."""
    limits = WorkbookLimits(MAX_XLSX_UNPACKED, MAX_XLSX_MEMBERS)
    with os.fdopen(os.dup(descriptor), "rb") as stream:
        try:
            with opened_workbook(stream, limits) as book:
                found = _worksheet(book, sheet, report, warn)
                if found is not None:
                    number, chosen = found
                    read(number)
                    unsaved = unsaved_formula(chosen)
                    if unsaved is not None:
                        report("KMP200", *unsaved, UNSAVED_FORMULA)
                        return
                    yield from _rows(chosen, min(batch, XLSX_BATCH))
        except WorkbookRefused as refused:
            report("KMP200", 0, 0, refused.message)


def _worksheet(book: Any, sheet: str | None, report: Report, warn: Report) -> tuple[int, Any] | None:
    """The sheet ``sheet`` names, by name first, else by number, with its number; sheets are named to the user by their
    number only, since a sheet's name may be a person's ("Budi Santoso 1985…")."""
    names = list(book.sheetnames)
    number = 1
    if sheet is not None:
        found = _numbered(sheet, names)
        if found is None:
            report(
                "KMP200",
                0,
                0,
                Message(
                    f"Lembar {quoted(sheet)} tidak ada; buku kerja berisi {len(names)} lembar: sebut namanya, "
                    f"atau nomornya dari kiri (--lembar 1 sampai --lembar {len(names)}).",
                    f"There is no sheet {quoted(sheet)}; the workbook has {len(names)} sheet(s): name one, or "
                    f"give its number from the left (--lembar 1 to --lembar {len(names)}).",
                ),
            )
            return None
        number = found
    if len(names) > 1:
        warn(
            "KMP218",
            0,
            0,
            Message(
                f"Buku kerja berisi {len(names)} lembar; hanya lembar ke-{number} dari kiri yang dibaca "
                "(pilih yang lain dengan --lembar).",
                f"The workbook has {len(names)} sheets; only sheet {number} from the left is read (choose "
                "another with --lembar).",
            ),
        )
    return number, book[names[number - 1]]


def _numbered(sheet: str, names: list[str]) -> int | None:
    """The 1-based number of the sheet named ``sheet``, or numbered so; ``None`` when there is none."""
    if sheet in names:
        return names.index(sheet) + 1
    stripped = sheet.strip()
    if stripped.isdigit() and stripped.isascii() and 1 <= int(stripped) <= len(names):
        return int(stripped)
    return None


def _rows(sheet: Any, batch: int) -> Iterator[Batch]:
    starts: list[int] = []
    records: list[list[str]] = []
    for number, values in enumerate(sheet_rows(sheet, columns=READ_COLUMNS), start=1):
        if values.count(None) == len(values):
            continue
        starts.append(number)
        records.append([_text(v) for v in values])
        if len(records) >= batch:
            yield starts, records
            starts, records = [], []
    if records:
        yield starts, records


def _text(value: object) -> str:
    """A cell as the text a CSV would hold: whole numbers without ``.0``, dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
