"""What a spreadsheet kompiler did not write (CSV or XLSX) says about itself, decided the same way for every
reader of one.

Two readers take tables from other people's spreadsheets: ``kompiler import`` (``authoring/importer``),
which reads a whole table, and the people stage's assessment reader, which streams a million rows. They
agree here on what a table file is: the separator a CSV's header line uses (Excel in an Indonesian locale
writes ``;``), the encoding its byte order mark names, why a CSV record cannot be read, and how a workbook
is opened (:func:`opened_workbook`) and its rows read (:func:`sheet_rows`): what an XLSX archive may unpack
to before openpyxl is let near it (a "zip bomb" declares gigabytes in kilobytes), how many shared strings
it may hold (openpyxl keeps every one in memory), and that a sheet is read to its last row whatever its
``<dimension>`` claims; every part openpyxl reads passes the bounds of :mod:`kompiler.workbook_xml`.
The tables kompiler writes for a spreadsheet use :func:`spreadsheet_text` so that none of their text runs
as a formula there, and the readers refuse an id that would (:data:`FORMULA_START`).
"""

from __future__ import annotations

import codecs
import csv
import re
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

from kompiler.diagnostics import Message, grouped
from kompiler.workbook_xml import SHEET_ROWS, GuardedArchive, Parts, XmlRefused

DELIMITERS = (",", ";", "\t")
ZIP_MAGIC = b"PK\x03\x04"
# Rows are asked for up to SHEET_ROWS, Excel's last, never up to the row the sheet's ``<dimension>``
# declares, which a program that wrote the file may have left short.
# A cell that uses a shared string takes at least this many bytes of its worksheet's XML
# (``<c t="s"><v>0</v></c>``): a workbook holding many more strings than its parts could use is not a table.
CELL_BYTES = 20
# Strings any workbook may hold, however small its sheets: more than a table of a few thousand rows needs.
STRINGS_FLOOR = 65_536
# openpyxl's part naming the shared strings, from the archive's [Content_Types].xml, which it reads whole.
_CONTENT_TYPES = "[Content_Types].xml"
_MAX_CONTENT_TYPES = 1 << 20
# The start of a shared-string entry, ``<si>`` or ``<x:si>`` with any namespace prefix of a sane length.
_STRING_ENTRY = re.compile(rb"<(?:[^\s<>/:]{1,1000}:)?si[\s/>]")
_SCAN_OVERLAP = 1_024


# How a cell that a spreadsheet would run as a formula starts (OWASP, "CSV Injection"): ``=``, ``+``, ``-``,
# ``@``, a tab or a carriage return.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """``text`` for a CSV cell that Excel or LibreOffice shows and never runs.

    The people tables hold names, units and activities from the standards, which an unreviewed pull
    request can change, and the HR office opens them in a spreadsheet: ``=HYPERLINK(…)`` or a DDE payload
    there would run on the officer's machine. A leading apostrophe makes the spreadsheet read the cell
    as text and is what OWASP recommends; codes never need it (their patterns start with a letter or
    digit), nor do the numbers kompiler writes (never negative).
    """
    return "'" + text if text.startswith(FORMULA_START) else text


def shown(text: str) -> str:
    """``text`` safe to print on one line: anything not printable (a newline in a file name, a byte that
    was not UTF-8) becomes ``?``."""
    return "".join(c if c.isprintable() else "?" for c in text)


def quoted(text: str, limit: int = 40) -> str:
    """``text`` quoted for a message, cut short: a 300-character cell is not repeated in full."""
    return repr(shown(text if len(text) <= limit else text[:limit] + "…"))


def delimiter_of(line: str) -> str:
    """The separator the header line uses most (``,`` when it holds none: a one-column table)."""
    counts = {d: line.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ","


def encoding_of(head: bytes) -> tuple[str, int]:
    """The codec a CSV's first bytes name and the length of its byte order mark: UTF-16 when a BOM says
    so (Excel's "Unicode Text"), otherwise UTF-8, with or without its BOM."""
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return codec, len(bom)
    return "utf-8", len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0


def unreadable_record(error: csv.Error) -> Message:
    """Why the record starting at a line cannot be read. A cell past the reader's limit is almost always
    a quote opened there and never closed (the rest of the file then reads as one cell), so that is what
    is said, at the line where the record starts rather than thousands of lines later."""
    if "field limit" in str(error):
        limit = grouped(csv.field_size_limit())
        return Message(
            f"Sel pada catatan yang dimulai di baris ini lebih dari {limit.id} karakter: tanda kutip yang "
            "dibuka di sini tidak ditutup? Baris berikutnya tidak diperiksa.",
            f"A cell of the record starting on this line is longer than {limit.en} characters: a quote "
            "opened here and never closed? The lines after it are not checked.",
        )
    if "unexpected end of data" in str(error):
        return Message(
            "Tanda kutip yang dibuka pada catatan yang dimulai di baris ini tidak pernah ditutup sampai akhir "
            "berkas.",
            "A quote opened in the record starting on this line is never closed before the end of the file.",
        )
    return Message(
        f"CSV tidak dapat dibaca mulai baris ini (csv: {error}); baris berikutnya tidak diperiksa.",
        f"The CSV cannot be read from this line on (csv: {error}); the lines after it are not checked.",
    )


def oversized_archive(members: list[zipfile.ZipInfo], max_unpacked: int, max_members: int) -> Message | None:
    """Why an XLSX archive is not opened, or ``None`` when what it declares fits. The declared sizes bind:
    Python's zipfile stops a member at its declared size, so a member cannot unpack to more."""
    if len(members) <= max_members and sum(m.file_size for m in members) <= max_unpacked:
        return None
    limit = grouped(max_unpacked // (1024 * 1024))
    return Message(
        f"Berisi lebih dari {limit.id} MiB setelah dibuka; bagi tabelnya.",
        f"Unpacks to more than {limit.en} MiB; split the table.",
    )


class WorkbookRefused(Exception):
    """A workbook that is not opened, or not read to its end; ``message`` says why in both languages."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


DAMAGED = Message(
    "Bukan berkas XLSX yang utuh (rusak, atau format lain yang diberi nama .xlsx).",
    "Not a sound XLSX file (damaged, or another format named .xlsx).",
)


@dataclass(frozen=True)
class WorkbookLimits:
    """What a workbook may declare before openpyxl reads it: bytes unpacked in all, members, and the
    shared strings openpyxl holds in memory all at once (entries, and bytes of their part)."""

    unpacked: int
    members: int = 10_000
    # A sheet's distinct texts: its ids, a million at most, and a few codes and words besides.
    strings: int = 2 * SHEET_ROWS
    string_bytes: int = 256 << 20


@contextmanager
def opened_workbook(stream: IO[bytes], limits: WorkbookLimits, *, data_only: bool = True) -> Iterator[Any]:
    """openpyxl's read-only workbook of ``stream`` (formulas as their saved values, unless not
    ``data_only``), for the ``with`` block, once the archive's directory and shared strings fit ``limits``. Raises
    :class:`WorkbookRefused` for a workbook that does not fit, has no worksheet, or that openpyxl fails
    on, opening it or in the block: it parses a stranger's XML, so any failure means a damaged file."""
    try:
        with zipfile.ZipFile(stream) as archive:
            refused = oversized_archive(archive.infolist(), limits.unpacked, limits.members)
            parts = refused or _parts(archive, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError, KeyError):
        raise WorkbookRefused(DAMAGED) from None
    if isinstance(parts, Message):
        raise WorkbookRefused(parts)
    stream.seek(0)
    from openpyxl.reader.excel import ExcelReader

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = ExcelReader(stream, read_only=True, data_only=data_only)
            guarded = GuardedArchive(reader.archive, parts)
            reader.archive = guarded
            reader.read()
            book = reader.wb
            guarded.loaded()
        except XmlRefused as refusal:
            raise WorkbookRefused(refusal.message) from None
        except Exception:
            raise WorkbookRefused(DAMAGED) from None
        try:
            if not book.sheetnames:
                raise WorkbookRefused(
                    Message("Buku kerja tanpa lembar kerja.", "The workbook has no worksheet.")
                )
            yield book
        except WorkbookRefused:
            raise
        except XmlRefused as refusal:
            raise WorkbookRefused(refusal.message) from None
        except Exception:
            raise WorkbookRefused(DAMAGED) from None
        finally:
            book.close()


def _parts(archive: zipfile.ZipFile, limits: WorkbookLimits) -> Message | Parts:
    """What :class:`GuardedArchive` must know of the workbook's parts, or why they are not read.

    openpyxl reads every entry of the shared-strings part [Content_Types].xml names into memory before
    a row is read (ten million entries packed in 400 KB took a gigabyte and a minute and a half), so the
    part is bounded in bytes by its declared size and in entries by a count that stops at the bound: at
    most ``limits.strings``, and no more than the rest of the archive has cells to use
    (:data:`CELL_BYTES`), beyond :data:`STRINGS_FLOOR`."""
    from openpyxl.packaging.manifest import Manifest
    from openpyxl.xml.constants import SHARED_STRINGS, WORKSHEET_TYPE
    from openpyxl.xml.functions import fromstring

    types = archive.getinfo(_CONTENT_TYPES)
    if types.file_size > _MAX_CONTENT_TYPES:
        return DAMAGED
    try:
        manifest = Manifest.from_tree(fromstring(archive.read(types)))
        found = manifest.find(SHARED_STRINGS)
        worksheets = frozenset(part.PartName[1:] for part in manifest.findall(WORKSHEET_TYPE))
    except Exception:  # openpyxl parses it the same way and would fail alike
        return DAMAGED
    if found is None:
        return Parts(None, 0, worksheets)
    name = found.PartName[1:]
    part = archive.getinfo(name)
    if part.file_size > limits.string_bytes:
        size = grouped(limits.string_bytes // (1024 * 1024))
        return Message(
            f"Daftar teks bersama buku kerja (sharedStrings) lebih dari {size.id} MiB; berkas ini tidak "
            "dibuka. Bagi tabelnya, atau simpan sebagai CSV.",
            f"The workbook's shared-strings table is larger than {size.en} MiB; the file is not opened. "
            "Split the table, or save it as CSV.",
        )
    rest = sum(m.file_size for m in archive.infolist() if m is not part)
    limit = min(limits.strings, STRINGS_FLOOR + rest // CELL_BYTES)
    if _entries(archive, part, limit) <= limit:
        return Parts(name, limit, worksheets)
    count = grouped(limit)
    return Message(
        f"Daftar teks bersama buku kerja (sharedStrings) memuat lebih dari {count.id} entri, lebih banyak "
        "daripada yang dapat dipakai sel-selnya; berkas ini tidak dibuka. Simpan ulang dari Excel, atau "
        "sebagai CSV.",
        f"The workbook's shared-strings table holds more than {count.en} entries, more than its cells "
        "can use; the file is not opened. Save it again from Excel, or as CSV.",
    )


def _entries(archive: zipfile.ZipFile, part: zipfile.ZipInfo, limit: int) -> int:
    """The entries of the shared-strings ``part``, counted a MiB at a time until past ``limit``."""
    count, carried = 0, b""
    with archive.open(part) as stream:
        while count <= limit:
            chunk = stream.read(1 << 20)
            data = carried + chunk
            # An entry's start cut by the chunk's end is counted with the next chunk, never twice.
            cut = len(data) - _SCAN_OVERLAP if chunk else len(data)
            count += sum(1 for found in _STRING_ENTRY.finditer(data) if found.start() < cut)
            if not chunk:
                break
            carried = data[max(cut, 0) :]
    return count


def sheet_rows(
    sheet: Any, *, columns: int, first: int = 1, last: int = SHEET_ROWS
) -> Iterator[tuple[object, ...]]:
    """The values of rows ``first`` to ``last`` of an openpyxl read-only ``sheet``, ``columns`` wide.

    ``last`` is always passed on: without it openpyxl stops at the last row the sheet's ``<dimension>``
    declares, and a workbook written by a program that did not update it loses its rows past it
    without a word."""
    return sheet.iter_rows(min_row=first, max_row=last, max_col=columns, values_only=True)


# A cell's formula element (``<f>``, ``<x:f …/>``); in a cell it comes first, right after the cell's tag.
_FORMULA_ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?f[\s/>]")
_CELL_START = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?c[\s>]")
_CELL_END = re.compile(rb"</(?:[A-Za-z_][\w.\-]*:)?c\s*>")
_VALUE_ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?v\s*(/)?>\s*(<)?")
_CELL_REFERENCE = re.compile(rb"""\sr\s*=\s*["']([A-Z]{1,3})([0-9]{1,7})["']""")
_TEXT_TYPE = re.compile(rb"""\st\s*=\s*["']str["']""")
_SCAN_CHUNK = 1 << 23
# A row of more bytes than this is no assessment's or table's, whose texts are ids, codes and levels.
_SCAN_ROW = 1 << 26
_LONG_ROW = Message(
    "Sebuah baris buku kerja lebih dari 64 MiB; berkas ini tidak dibaca. Simpan ulang sebagai CSV.",
    "A row of the workbook is longer than 64 MiB; the file is not read. Save it again as CSV.",
)


def unsaved_formula(sheet: Any) -> tuple[int, int] | None:
    """The row and column of the first formula of an openpyxl read-only ``sheet`` whose result was never
    saved, ``(0, 0)`` when its cell names no place, or ``None`` when every formula has its result. Raises
    :class:`WorkbookRefused` for a row longer than :data:`_SCAN_ROW`, which would have to be held whole.

    ``data_only`` reads such a formula as an empty cell: a workbook written by a program (openpyxl, an
    HR system's export) rather than by Excel or LibreOffice, which save every result. An assessment's
    empty cell means "not assessed", so the reader must not take it for one. The sheet's XML is scanned
    for formula elements only, whole rows a chunk at a time, before openpyxl reads it through the
    archive's bounds (0.5 s for the 100 MB of XML of 50,000 people). A result is saved when the cell has
    a ``<v>`` holding text, or an empty one in a text cell (``t="str"``: a formula giving ``""``);
    openpyxl writes ``<v></v>`` in a number cell.
    """
    tail = b""
    with sheet.parent._archive.raw(sheet._worksheet_path) as source:
        while True:
            chunk = source.read(_SCAN_CHUNK)
            data = tail + chunk
            cut = data.rfind(b"row>") + 4 if chunk else len(data)
            if cut < 4:
                cut = 0
            found = _first_unsaved(data[:cut])
            if found is not None:
                return found
            tail = data[cut:]
            if not chunk:
                return None
            if len(tail) > _SCAN_ROW:
                raise WorkbookRefused(_LONG_ROW)


def _first_unsaved(data: bytes) -> tuple[int, int] | None:
    """:func:`unsaved_formula` over whole rows ``data``: a cell's ``<f>`` follows its tag directly.

    A formula's ``<v>`` and cell end are looked for only up to the next formula, which belongs to a later
    cell: searched to the end of ``data``, 40,000 formulas in a 5 KB workbook took a minute and a half."""
    formulas = _FORMULA_ELEMENT.finditer(data)
    following = next(formulas, None)
    while following is not None:
        formula, following = following, next(formulas, None)
        bound = following.start() if following is not None else len(data)
        start = data.rfind(b"<", 0, formula.start())
        if not _CELL_START.match(data, max(start, 0)):
            continue  # a formula outside cells: a drop-down list's source (<xm:f> in extLst), saved by Excel
        end = _CELL_END.search(data, formula.end(), bound)
        stop = end.start() if end is not None else bound
        value = _VALUE_ELEMENT.search(data, formula.end(), stop)
        tag = data[start : data.find(b">", start) + 1]
        if value is not None and (value.group(1, 2) == (None, None) or _TEXT_TYPE.search(tag)):
            continue
        reference = _CELL_REFERENCE.search(tag)
        if reference is None:
            return 0, 0
        return int(reference.group(2)), _column_number(reference.group(1))
    return None


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number
