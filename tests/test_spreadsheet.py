"""How both readers of other people's workbooks (``kompiler import`` and the people stage) open one and
read its rows (:mod:`kompiler.spreadsheet`): to the last row whatever the sheet's ``<dimension>`` says,
and never past a bound on the shared strings or the XML openpyxl would hold in memory."""

from __future__ import annotations

import io
import re
import time
import zipfile
from collections.abc import Callable
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
    unsaved_formula,
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


def sheet_of(rows: bytes, root: str = f'<worksheet xmlns="{MAIN}">', end: str = "</worksheet>") -> bytes:
    """A workbook whose first sheet is ``rows`` inside ``root``'s sheetData (unprefixed)."""
    sheet = root.encode() + b"<sheetData>" + rows + b"</sheetData>" + end.encode()
    return rewritten(workbook([["-"]]), {"xl/worksheets/sheet1.xml": sheet})


def refusal(data: bytes, tmp_path: Path) -> tuple[list[tuple[str, str]], str]:
    """What the people stage and ``kompiler import`` say of the workbook ``data``."""
    path = tmp_path / "asesmen.xlsx"
    path.write_bytes(data)
    count, diagnostics = people_read(path)
    with pytest.raises(Unreadable) as imported:
        read_table(path, "asesmen.xlsx")
    assert count == 0
    return diagnostics, imported.value.message.en


HEADER = b'<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>'


@pytest.mark.parametrize(
    ("data", "said"),
    [
        # 1.5 MB unpacking to one 1.5 GB cell took 3 GB and ended in a MemoryError (exit 3).
        (lambda: sheet_of(HEADER + b'<row r="2"><c t="inlineStr"><is><t>' + b"A" * (1 << 20) + b"</t></is></c></row>"),
         "longer than 1 MiB"),
        # 107 KB unpacking to 26 million empty cells of one row took 8 GB and a minute.
        (lambda: sheet_of(HEADER + b'<row r="2">' + b"<c/>" * (1 << 18) + b"</row>"), "elements in one row"),
        # What openpyxl keeps of a sheet: whatever is not a row, here between two rows.
        (lambda: sheet_of(HEADER + b"<a/>" * (1 << 20) + b'<row r="2"/>'), "elements outside rows"),
        # A row of another namespace is no row to openpyxl, which keeps all it holds.
        (lambda: sheet_of(HEADER + b'<row xmlns="urn:x">' + b"<c/>" * 10 + b"</row>"), "no spreadsheet program"),
        (lambda: sheet_of(b"<q:row>" + b"<a/>" * (1 << 20) + b"</q:row>", f'<worksheet xmlns="{MAIN}" xmlns:q="urn:x">'),
         "elements outside rows"),
        (
            lambda: sheet_of(b"<row>" + b"<a/>" * (1 << 20) + b"</row></sheetData></w>", f'<worksheet xmlns="{MAIN}"><w xmlns="urn:x">'),
            "no spreadsheet program",
        ),
        # A part read whole, or in another encoding than the one whose '<' is counted, or with entities.
        (lambda: rewritten(workbook(ROWS), {"xl/styles.xml": f'<styleSheet xmlns="{MAIN}">'.encode() + b"<a/>" * (1 << 20) + b"</styleSheet>"}),
         "elements outside rows"),
        (lambda: rewritten(workbook(ROWS), {"xl/styles.xml": f'<styleSheet xmlns="{MAIN}"/>'.encode("utf-16")}),
         "no spreadsheet program"),
        (lambda: rewritten(workbook(ROWS), {"xl/workbook.xml": b'<!DOCTYPE w [<!ENTITY a "aaaa">]>' + zipfile.ZipFile(io.BytesIO(workbook(ROWS))).read("xl/workbook.xml")}),
         "no spreadsheet program"),
        (lambda: rewritten(workbook(ROWS), {}, {"xl/sharedStrings.xml": f'<sst xmlns="{MAIN}"><si><t>x</t></si>'.encode() + b"<a/>" * (1 << 20) + b"</sst>"}),
         "elements outside rows"),
    ],
)  # fmt: skip
def test_xml_that_openpyxl_would_hold_in_memory_is_refused_by_both_readers(
    data: Callable[[], bytes], said: str, tmp_path: Path
) -> None:
    diagnostics, imported = refusal(data(), tmp_path)
    assert [code for code, _ in diagnostics] == ["KMP200"] and said in diagnostics[0][1]
    assert said in imported


def test_text_naming_a_namespace_many_times_is_read_in_time_in_proportion(tmp_path: Path) -> None:
    """Each "xmlns" in a row was judged from its tag's start: a 1 MiB attribute holding it 200,000 times,
    in a 6 KB workbook, took minutes in both readers."""
    cell = b'<c r="D2" a="' + b"xmlns" * 200_000 + b'"><v>3</v></c>'
    path = tmp_path / "asesmen.xlsx"
    path.write_bytes(people_sheet(cell))
    started = time.monotonic()
    assert people_read(path) == (1, [])
    assert time.monotonic() - started < 10


def test_sheets_as_other_programs_write_them_are_read(tmp_path: Path) -> None:
    """A prefixed SpreadsheetML namespace (the Open XML SDK's ``x:``), no ``<dimension>`` (openpyxl's
    write-only mode: openpyxl then parsed the whole sheet to look for one), and namespaces declared
    after the rows (Excel's extensions)."""
    cells = "".join(
        f'<x:row r="{n + 2}"><x:c r="A{n + 2}" t="inlineStr"><x:is><x:t>P-{n}</x:t></x:is></x:c></x:row>'
        for n in range(3)
    )
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="{MAIN}"><x:sheetData>'
        '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c></x:row>'
        f'{cells}</x:sheetData><x:extLst><x:ext uri="u" xmlns:x14="urn:x14"/></x:extLst></x:worksheet>'
    ).encode()
    data = rewritten(workbook([["-"]]), {"xl/worksheets/sheet1.xml": sheet})
    with opened_workbook(io.BytesIO(data), WorkbookLimits(1 << 30)) as book:
        values = [row[0] for row in sheet_rows(book.active, columns=1) if row[0] is not None]
    assert values == ["id", "P-0", "P-1", "P-2"]


def people_sheet(cells: bytes) -> bytes:
    """A workbook of ROWS's header and one person, P-1, whose M.01 cell (D2) is ``cells``."""
    header = "".join(
        f'<c r="{column}1" t="inlineStr"><is><t>{text}</t></is></c>'
        for column, text in zip("ABCD", ROWS[0], strict=True)
    )
    person = (
        '<c r="A2" t="inlineStr"><is><t>P-1</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>NTB.JF.HUMAS.MUDA</t></is></c>'
        '<c r="C2" t="inlineStr"><is><t>2025-03-01</t></is></c>'
    )
    rows = f'<row r="1">{header}</row><row r="2">{person}'.encode() + cells + b"</row>"
    return sheet_of(rows)


@pytest.mark.parametrize(
    "cell",
    [
        b'<c r="D2"><f>1+1</f><v></v></c>',  # as openpyxl writes a formula
        b'<c r="D2"><f>1+1</f></c>',
        b'<c r="D2" t="n"><f>1+1</f><v/></c>',
    ],
)
def test_a_formula_whose_result_was_never_saved_is_refused_at_its_cell(cell: bytes, tmp_path: Path) -> None:
    """It reads as an empty cell, which in an assessment means "not assessed": P-1 would get a gap in
    M.01 and training for it on a level nobody knows."""
    path = tmp_path / "asesmen.xlsx"
    path.write_bytes(people_sheet(cell))
    assessments = read_assessments(path, INDEX, today=date(2026, 1, 1))
    assert sum(len(chunk) for chunk in assessments.chunks()) == 0
    [diagnostic] = assessments.diagnostics
    assert diagnostic.code == "KMP200" and "formula whose result was never saved" in diagnostic.message.en
    assert (diagnostic.location.line, diagnostic.location.column) == (2, 4)


def test_a_formula_written_by_openpyxl_is_refused_by_the_people_stage(tmp_path: Path) -> None:
    path = tmp_path / "asesmen.xlsx"
    path.write_bytes(workbook([ROWS[0], ["P-1", "NTB.JF.HUMAS.MUDA", "2025-03-01", "=1+1"]]))
    assert people_read(path)[1][0][0] == "KMP200"


@pytest.mark.parametrize(
    ("cell", "level"),
    [
        (b'<c r="D2"><f>1+1</f><v>2</v></c>', 2.0),  # as Excel and LibreOffice save it
        (b'<c r="D2" t="str"><f>IF(1,"","")</f><v></v></c>', None),  # a formula giving "": not assessed
        (b'<c r="D2"><v>3</v></c>', 3.0),
    ],
)
def test_a_formula_with_its_saved_result_is_read_as_that_result(
    cell: bytes, level: float | None, tmp_path: Path
) -> None:
    path = tmp_path / "asesmen.xlsx"
    path.write_bytes(people_sheet(cell))
    assessments = read_assessments(path, INDEX, today=date(2026, 1, 1))
    [chunk] = list(assessments.chunks())
    read = chunk.levels[0][0]
    assert (None if read != read else float(read)) == level
    assert [d.code for d in assessments.diagnostics if d.severity.name == "ERROR"] == []


def test_a_drop_down_list_excel_saves_outside_the_cells_is_no_unsaved_formula(tmp_path: Path) -> None:
    """Excel saves a drop-down list taken from another sheet (the levels, say) as a data validation whose
    source is an ``<xm:f>`` in the sheet's extLst, after the rows: no cell's formula, and no result to save."""
    data = people_sheet(b'<c r="D2"><v>3</v></c>')
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    validation = (
        b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
        b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        b'<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
        b'<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Level!$A$1:$A$5</xm:f>'
        b"</x14:formula1><xm:sqref>D2:D100</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>"
    )
    path = tmp_path / "asesmen.xlsx"
    path.write_bytes(
        rewritten(
            data, {"xl/worksheets/sheet1.xml": sheet.replace(b"</worksheet>", validation + b"</worksheet>")}
        )
    )
    assert people_read(path) == (1, [])


def test_the_formula_scan_finds_its_cell_across_the_chunks_it_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sheet's XML is scanned a chunk at a time, cut after a row: a cell is never split."""
    monkeypatch.setattr("kompiler.spreadsheet._SCAN_CHUNK", 37)
    rows = b"".join(
        f'<row r="{n}"><c r="A{n}"><f>1+{n}</f>{"" if n == 40 else f"<v>{n + 1}</v>"}</c></row>'.encode()
        for n in range(1, 60)
    )
    with opened_workbook(io.BytesIO(sheet_of(rows)), WorkbookLimits(1 << 30)) as book:
        assert unsaved_formula(book.active) == (40, 1)
    saved = rows.replace(b"<f>1+40</f>", b"<f>1+40</f><v>41</v>")
    with opened_workbook(io.BytesIO(sheet_of(saved)), WorkbookLimits(1 << 30)) as book:
        assert unsaved_formula(book.active) is None


def test_the_formula_scan_takes_time_in_proportion_to_the_sheet() -> None:
    """Each formula's result was looked for up to the end of the row: 40,000 formulas in one cell, a
    5 KB workbook, took a minute and a half before a row was read."""
    cells = b'<c r="D2">' + b"<f>1</f><v>2</v>" * 40_000 + b"</c>"
    with opened_workbook(io.BytesIO(people_sheet(cells)), WorkbookLimits(1 << 30)) as book:
        started = time.monotonic()
        assert unsaved_formula(book.active) is None
    assert time.monotonic() - started < 5
