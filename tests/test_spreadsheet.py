"""How both readers of other people's workbooks (``kompiler import`` and the people stage) open one and
read its rows (:mod:`kompiler.spreadsheet`): to the last row whatever the sheet's ``<dimension>`` says,
and never past a bound on the shared strings openpyxl would hold in memory."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from kompiler.authoring.importer.tables import Unreadable, read_table
from kompiler.people.assessment import read_assessments
from kompiler.people.table import Index
from kompiler.spreadsheet import (
    CELL_BYTES,
    STRINGS_FLOOR,
    WorkbookLimits,
    WorkbookRefused,
    opened_workbook,
    sheet_rows,
)

ROWS = [
    ["id", "jabatan", "tanggal", "M.01"],
    ["P-1", "NTB.JF.HUMAS.MUDA", "2025-03-01", 2],
    ["P-2", "NTB.JF.HUMAS.MUDA", "2025-03-01", 3],
]
INDEX = Index(("NTB.JF.HUMAS.MUDA",), ("M.01",), {"NTB.JF.HUMAS.MUDA": 0}, {"M.01": 0})
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def rewritten(data: bytes, change: dict[str, bytes], added: dict[str, bytes] | None = None) -> bytes:
    """The archive ``data`` with the members named in ``change`` replaced and those in ``added`` added;
    ``added`` parts are declared in [Content_Types].xml as shared strings (openpyxl finds them there)."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = change.get(info.filename, source.read(info))
            if info.filename == "[Content_Types].xml":
                for name in added or {}:
                    override = f'<Override PartName="/{name}" ContentType="{STRINGS}"/></Types>'
                    content = content.replace(b"</Types>", override.encode())
            archive.writestr(info.filename, content)
        for name, content in (added or {}).items():
            archive.writestr(name, content)
    return target.getvalue()


def stale(rows: list[list[object]]) -> bytes:
    """A workbook whose sheet declares ``<dimension ref="A1:D2"/>`` however many rows it holds, as some
    programs that write XLSX leave it."""
    data = workbook(rows)
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    sheet, found = re.subn(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:D2"/>', sheet)
    assert found == 1
    return rewritten(data, {"xl/worksheets/sheet1.xml": sheet})


def shared(entries: int, rows: list[list[object]] = ROWS) -> bytes:
    """A workbook of ``rows`` with a shared-strings part of ``entries`` one-letter strings no cell uses."""
    table = f'<sst xmlns="{MAIN}">'.encode() + b"<si><t>x</t></si>" * entries + b"</sst>"
    return rewritten(workbook(rows), {}, {"xl/sharedStrings.xml": table})


def people_read(path: Path) -> tuple[int, list[tuple[str, str]]]:
    assessments = read_assessments(path, INDEX, today=date(2026, 1, 1))
    count = sum(len(chunk) for chunk in assessments.chunks())
    return count, [(d.code, d.message.en) for d in assessments.diagnostics]


def test_rows_past_a_stale_dimension_are_read_by_both_readers(tmp_path: Path) -> None:
    path = tmp_path / "asesmen.xlsx"
    path.write_bytes(stale(ROWS))
    with opened_workbook(path.open("rb"), WorkbookLimits(1 << 20)) as book:
        assert book.active.max_row == 2, "the sheet must understate its rows for this test to mean anything"
        assert len(list(sheet_rows(book.active, columns=4))) == 3
    assert people_read(path) == (2, [])
    table = read_table(path, "asesmen.xlsx")
    assert [row.values[0] for row in table.rows] == ["P-1", "P-2"]


def test_shared_strings_more_than_the_cells_could_use_are_refused_by_both_readers(tmp_path: Path) -> None:
    """Ten million entries packed in 400 KB took a gigabyte and a minute and a half; just past the bound
    is enough to show that neither reader hands such a workbook to openpyxl."""
    path = tmp_path / "asesmen.xlsx"
    path.write_bytes(shared(STRINGS_FLOOR + 1_000))
    count, diagnostics = people_read(path)
    assert count == 0 and [code for code, _ in diagnostics] == ["KMP200"]
    assert "shared-strings table holds more than" in diagnostics[0][1]
    with pytest.raises(Unreadable, match="shared-strings table holds more than"):
        read_table(path, "asesmen.xlsx")


def test_shared_strings_the_cells_use_are_read(tmp_path: Path) -> None:
    """A workbook as Excel writes it, every text a shared string that its cell points at, past the floor:
    the bound grows with the cells."""
    count = STRINGS_FLOOR + 10
    cells = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>{n - 1}</v></c></row>' for n in range(1, count + 1))
    sheet = f'<worksheet xmlns="{MAIN}"><sheetData>{cells}</sheetData></worksheet>'.encode()
    table = f'<sst xmlns="{MAIN}">'.encode() + b"".join(b"<si><t>T%d</t></si>" % n for n in range(count))
    data = rewritten(
        workbook([["-"]]), {"xl/worksheets/sheet1.xml": sheet}, {"xl/sharedStrings.xml": table + b"</sst>"}
    )
    with opened_workbook(io.BytesIO(data), WorkbookLimits(1 << 30)) as book:
        values = [row[0] for row in sheet_rows(book.active, columns=1)]
    assert len(values) == count and values[0] == "T0" and values[-1] == f"T{count - 1}"


def test_an_entry_cut_by_a_chunk_of_the_count_is_counted_once() -> None:
    """Entries are counted a MiB at a time (two MiB here, entries cut at both ends); one entry past the
    bound is refused and the bound itself is not, whatever namespace prefix the entries use."""
    entry = b"<x:si><x:t>0123456789</x:t></x:si>"

    def holding(entries: int) -> bytes:
        table = f'<x:sst xmlns:x="{MAIN}">'.encode() + entry * entries + b"</x:sst>"
        return rewritten(workbook(ROWS), {}, {"xl/sharedStrings.xml": table})

    archive = zipfile.ZipFile(io.BytesIO(holding(0)))
    rest = sum(m.file_size for m in archive.infolist() if m.filename != "xl/sharedStrings.xml")
    bound = STRINGS_FLOOR + rest // CELL_BYTES
    assert bound * len(entry) > 2 << 20
    with (
        pytest.raises(WorkbookRefused, match="holds more than"),
        opened_workbook(io.BytesIO(holding(bound + 1)), WorkbookLimits(1 << 30)),
    ):
        pass
    with opened_workbook(io.BytesIO(holding(bound)), WorkbookLimits(1 << 30)) as book:
        assert book.sheetnames


def test_a_shared_strings_part_larger_than_its_bound_is_not_read() -> None:
    data = shared(100)
    with (
        pytest.raises(WorkbookRefused, match="shared-strings table is larger than"),
        opened_workbook(io.BytesIO(data), WorkbookLimits(1 << 30, string_bytes=1_000)),
    ):
        pass
