"""What a spreadsheet kompiler did not write (CSV or XLSX) says about itself, decided the same way for every
reader of one.

Two readers take tables from other people's spreadsheets: ``kompiler import`` (``authoring/importer``),
which reads a whole table, and the people stage's assessment reader, which streams a million rows. They
agree here on what a table file is: the separator a CSV's header line uses (Excel in an Indonesian locale
writes ``;``), the encoding its byte order mark names, why a CSV record cannot be read, and how much an
XLSX archive may unpack to before openpyxl is let near it (a "zip bomb" declares gigabytes in kilobytes).
The tables kompiler writes for a spreadsheet use :func:`spreadsheet_text` so that none of their text runs
as a formula there, and the readers refuse an id that would (:data:`FORMULA_START`).
"""

from __future__ import annotations

import codecs
import csv
import zipfile

from kompiler.diagnostics import Message

DELIMITERS = (",", ";", "\t")
ZIP_MAGIC = b"PK\x03\x04"


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
        limit = csv.field_size_limit()
        return Message(
            f"Sel pada catatan yang dimulai di baris ini lebih dari {limit:_} karakter: tanda kutip yang "
            "dibuka di sini tidak ditutup? Baris berikutnya tidak diperiksa.".replace("_", "."),
            f"A cell of the record starting on this line is longer than {limit:_} characters: a quote "
            "opened here and never closed? The lines after it are not checked.".replace("_", ","),
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
    limit = max_unpacked // (1024 * 1024)
    return Message(
        f"Berisi lebih dari {limit:_} MiB setelah dibuka; bagi tabelnya.".replace("_", "."),
        f"Unpacks to more than {limit:_} MiB; split the table.".replace("_", ","),
    )
