"""``kompiler import`` against tables written carelessly or with intent: every problem is located at
``table:row:column``, nothing is written unless all is right, and what is written passes ``check``."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from kompiler.authoring.importer import ImportOptions, ImportRefused, import_tables, staging
from kompiler.diagnostics import Severity
from kompiler.model import CompetencyType
from kompiler.pipeline import compile_path
from tests.hostile.conftest import Run, files_under

HEADER_P = ["code", "title", "group"]
HEADER_R = ["code", "element_id", "element_name", "level", "importance"]
POSITIONS = [HEADER_P, ["A1", "Penyusun Anggaran", "Keuangan"], ["A2", "Pengelola Arsip", "Umum"]]
REQUIREMENTS = [HEADER_R, ["A1", "e1", "Penganggaran", "5", "4"], ["A2", "e2", "Kearsipan", "3", "3.5"]]
DATE = ["--berlaku-mulai", "2026-01-01"]


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, *sheets: tuple[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def work(tmp_path: Path) -> Path:
    folder = tmp_path / "kerja"
    folder.mkdir()
    return folder


@pytest.fixture
def run_import(kompiler: Callable[..., Run], work: Path) -> Callable[..., Run]:
    """``kompiler import P R -o out`` in ``work``; asserts that a refused import wrote nothing at all."""

    def run(positions: str = "p.csv", requirements: str = "r.csv", *options: str) -> Run:
        before = files_under(work)
        result = kompiler(["import", positions, requirements, "-o", "out", *DATE, *options], work)
        assert "Traceback" not in result.stderr
        if result.exit_code != 0:
            assert files_under(work) == before, "a refused import left something behind"
        return result

    return run


def compiled_clean(project: Path):
    result = compile_path(project)
    assert not [d for d in result.diagnostics if d.severity is Severity.ERROR], result.diagnostics
    return result


def located(result: Run) -> set[tuple[str, str]]:
    """(``table:row:column``, code) of every reported problem."""
    return set(re.findall(r"^(\S+:\d+:\d+): error (KMP\d{3})", result.stdout, re.MULTILINE))


def test_codes_that_collide_after_normalisation_are_refused_not_overwritten(work: Path, run_import) -> None:
    codes = ["A1", "a1", "A-1", "A.1", "A 1", "B1", "B_1", "C1", "C1", "D1", "E1"]
    write_csv(work / "p.csv", [HEADER_P, *([c, f"Jabatan {n}", "1"] for n, c in enumerate(codes))])
    write_csv(work / "r.csv", [HEADER_R, *([c, "e1", "Satu", "3", "4"] for c in codes)])
    result = run_import()
    assert result.exit_code == 1
    # Every row that would have overwritten another is named, at its code cell, next to the row it repeats.
    assert located(result) == {(f"p.csv:{row}:1", "KMP076") for row in (3, 4, 5, 6, 8, 10)}
    assert "'a1' is the same as 'A1' in row 2" in result.stdout


def test_every_problem_of_both_tables_is_reported_at_once(work: Path, run_import) -> None:
    write_csv(
        work / "p.csv",
        [
            HEADER_P,
            ["A1", "Satu", "1"],
            ["X" * 300, "Kode panjang", "1"],
            ["", "Tanpa kode", "1"],
            ["A4", "Kendali\x01", "1"],
            ["A5", "Nul\x00byte", "1"],
            ["A6", "Arah \u202eterbalik", "1"],
            ["A7", "Pindah\u2028baris", "1"],
            ["A8/ä", "Huruf asing", "1"],
        ],
    )
    write_csv(
        work / "r.csv",
        [
            HEADER_R,
            ["A1", "e1", "Satu", "nan", "4"],
            ["A1", "e2", "Dua", "3", "inf"],
            ["A1", "e3", "Tiga", "1e999", "4"],
            ["A1", "e4", "Empat", "8", "4"],
            ["A1", "e5", "Lima", "-1", "4"],
            ["A1", "e6", "Enam", "3", "-2"],
            ["A1", "e7", "Tujuh", "1.234,5", "4"],
            ["A1", "e1", "Satu", "3", "4"],
            ["A4", "e2", "Bukan Dua", "3", "4"],
            ["A9", "e8", "Delapan", "3", "4"],
            ["A1", "", "Kosong", "3", "4"],
        ],
    )
    result = run_import()
    assert result.exit_code == 1
    assert located(result) >= {
        ("p.csv:3:1", "KMP075"),  # 300 characters
        ("p.csv:4:1", "KMP073"),  # empty code
        ("p.csv:5:2", "KMP072"),  # U+0001
        ("p.csv:6:2", "KMP072"),  # NUL
        ("p.csv:7:2", "KMP072"),  # bidirectional override
        ("p.csv:8:2", "KMP072"),  # line separator
        ("p.csv:9:1", "KMP075"),  # a character no code may hold
        ("r.csv:2:4", "KMP074"),  # nan
        ("r.csv:3:5", "KMP074"),  # inf
        ("r.csv:4:4", "KMP074"),  # 1e999
        ("r.csv:5:4", "KMP074"),  # above the 0-7 scale
        ("r.csv:6:4", "KMP074"),  # below it
        ("r.csv:7:5", "KMP074"),  # a negative importance
        ("r.csv:8:4", "KMP074"),  # thousands separator: ambiguous
        ("r.csv:9:2", "KMP076"),  # the same element twice for one position
        ("r.csv:10:3", "KMP076"),  # one element, two names
        ("r.csv:11:1", "KMP077"),  # no such position
        ("r.csv:12:2", "KMP073"),  # empty element id
    }
    assert "at most 40" in result.stdout and "U+0000" in result.stdout and "U+202E" in result.stdout


def test_importance_above_the_given_scale_is_located(work: Path, run_import) -> None:
    write_csv(work / "p.csv", POSITIONS)
    write_csv(work / "r.csv", [*REQUIREMENTS, ["A1", "e3", "Tiga", "2", "6"]])
    result = run_import("p.csv", "r.csv", "--max-importance", "5")
    assert result.exit_code == 1
    assert located(result) == {("r.csv:4:5", "KMP074")}


@pytest.mark.parametrize(
    ("positions", "requirements", "where", "says"),
    [
        ([HEADER_P], REQUIREMENTS, ("p.csv:2:1", "KMP071"), "only its header"),
        (POSITIONS, [HEADER_R], ("r.csv:2:1", "KMP071"), "only its header"),
        (
            [["code", "title"], ["A1", "Satu"]],
            REQUIREMENTS,
            ("p.csv:1:1", "KMP071"),
            "Required columns missing: group",
        ),
        (
            POSITIONS,
            "code,element_id,element_name,level,importance\nA1,e1,Satu,5,4\nA2,e2,Arsip,3,5,4\n",
            ("r.csv:3:6", "KMP071"),
            "separator",
        ),
    ],
    ids=["header-only-positions", "header-only-requirements", "missing-column", "unquoted-decimal-comma"],
)
def test_malformed_tables_are_located(
    work: Path, run_import, positions: list, requirements: list | str, where: tuple[str, str], says: str
) -> None:
    write_csv(work / "p.csv", positions)
    if isinstance(requirements, str):  # as typed: csv.writer would quote the comma
        (work / "r.csv").write_text(requirements, encoding="utf-8")
    else:
        write_csv(work / "r.csv", requirements)
    result = run_import()
    assert result.exit_code == 1
    assert where in located(result) and says in result.stdout


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ("code\ttitle\tgroup\nA1\tSatu\t1\nA2\t#N/A\t1\n".encode("utf-16"), ("p.csv:3:2", "KMP072")),
        (b'code,title,group\nA1,"Satu,1\nA2,Dua,1\n', ("p.csv:2:2", "KMP072")),
        (b'code,title,group\nA1,"' + b"x" * 200_000 + b'",1\n', ("p.csv:2:1", "KMP071")),
        (b"\x00\x00\x00", ("p.csv:1:1", "KMP071")),
    ],
    ids=["utf16-excel-unicode-text-with-na", "unterminated-quote", "field-over-128k", "nul-bytes-only"],
)
def test_raw_tables_are_located(work: Path, run_import, data: bytes, where: tuple[str, str]) -> None:
    (work / "p.csv").write_bytes(data)
    write_csv(work / "r.csv", [HEADER_R, ["A1", "e1", "Satu", "3", "4"]])
    result = run_import()
    assert result.exit_code == 1
    assert where in located(result)


def test_latin1_table_names_the_byte_and_the_cell(work: Path, run_import) -> None:
    (work / "p.csv").write_bytes("code,title,group\nA1,Penyusun Anggaran,1\nA2,Caf\xe9,1\n".encode("latin-1"))
    write_csv(work / "r.csv", REQUIREMENTS)
    result = run_import()
    assert result.exit_code == 1
    assert located(result) == {("p.csv:3:2", "KMP072")}
    assert "0xE9 is not UTF-8" in result.stdout


def test_excel_in_an_indonesian_locale_is_read(work: Path, run_import) -> None:
    """BOM, CRLF, ``;`` as separator and a decimal comma: what Excel writes with Indonesian settings."""
    for name, rows in (
        ("p.csv", POSITIONS),
        ("r.csv", [*REQUIREMENTS[:2], ["A2", "e2", "Kearsipan", "3,5", "4,5"]]),
    ):
        text = "\r\n".join(";".join(row) for row in rows) + "\r\n"
        (work / name).write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = run_import()
    assert result.exit_code == 0, result.stdout + result.stderr
    corpus = compiled_clean(work / "out").corpus
    (requirement,) = corpus.positions["A2"].required(CompetencyType.TECHNICAL)
    assert requirement.level == 3  # 3.5 on 0-7 → 3 on 1-5


def test_quoted_decimal_comma_and_extra_columns_are_accepted(work: Path, run_import) -> None:
    write_csv(work / "p.csv", [[*HEADER_P, "catatan"], *([*row, "abaikan"] for row in POSITIONS[1:])])
    write_csv(work / "r.csv", [*REQUIREMENTS[:2], ["A2", "e2", "Kearsipan", "7,0", "4"]])
    assert run_import().exit_code == 0
    corpus = compiled_clean(work / "out").corpus
    assert corpus.positions["A2"].required(CompetencyType.TECHNICAL)[0].level == 5


def test_groups_whose_names_give_one_code_become_two_families(work: Path, run_import) -> None:
    write_csv(
        work / "p.csv", [HEADER_P, ["A1", "Satu", "Keuangan"], ["A2", "Dua", "keuangan!"], ["A3", "Tiga", ""]]
    )
    write_csv(work / "r.csv", [HEADER_R, *([c, "e1", "Satu", "3", "4"] for c in ("A1", "A2", "A3"))])
    assert run_import().exit_code == 0
    corpus = compiled_clean(work / "out").corpus
    assert len({corpus.positions[c].family for c in ("A1", "A2", "A3")}) == 3


@pytest.mark.parametrize(
    ("title", "rule"),
    [("Pengelola Arsip", "KMP111"), ("Analis Anggaran Ahli Madya", "KMP113")],
    ids=["same-title-in-one-unit", "title-names-another-grade"],
)
def test_a_rule_the_written_project_would_break_is_traced_to_the_cell(
    work: Path, run_import, title: str, rule: str
) -> None:
    write_csv(work / "p.csv", [*POSITIONS, ["A3", title, "Umum"]])
    write_csv(work / "r.csv", [*REQUIREMENTS, ["A3", "e2", "Kearsipan", "3", "4"]])
    result = run_import()
    assert result.exit_code == 1
    assert ("p.csv:4:2", rule) in located(result)
    assert "out/jabatan/a3.yaml" in result.stdout  # the file it would have written, not the staging folder
    assert ".impor-" not in result.stdout


def test_damaged_xlsx_is_a_usage_error(work: Path, run_import) -> None:
    (work / "p.xlsx").write_bytes(b"PK\x03\x04" + os.urandom(200))
    write_csv(work / "r.csv", REQUIREMENTS)
    result = run_import("p.xlsx", "r.csv")
    assert result.exit_code == 2
    assert "p.xlsx: error KMP070" in result.stdout


def test_xlsx_first_sheet_is_read_and_the_others_are_named(work: Path, run_import) -> None:
    write_xlsx(
        work / "p.xlsx",
        ("Jabatan", [HEADER_P, ["A1", "Penyusun Anggaran", 15], ["A2", "Pengelola Arsip", 15]]),
        ("Catatan", [HEADER_P, ["ZZ", "Bukan jabatan", 1]]),
    )
    write_xlsx(
        work / "r.xlsx",
        ("Syarat", [HEADER_R, ["A1", "e1", "Penganggaran", 5, 4], ["A2", "e2", "Arsip", 3.5, 3]]),
    )
    result = run_import("p.xlsx", "r.xlsx")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "warning KMP079" in result.stdout and "'Jabatan'" in result.stdout
    assert sorted(compiled_clean(work / "out").corpus.positions) == ["A1", "A2"]


def test_xlsx_formula_without_a_saved_value_and_a_date_code_are_explained(work: Path, run_import) -> None:
    import datetime

    write_xlsx(
        work / "p.xlsx",
        (
            "Jabatan",
            [HEADER_P, ["A1", "Penyusun Anggaran", 1], [datetime.datetime(2026, 1, 2), "Tanggal", 1]],
        ),
    )
    write_xlsx(work / "r.xlsx", ("Syarat", [HEADER_R, ["A1", "e1", "Penganggaran", "=2+3", 4]]))
    result = run_import("p.xlsx", "r.xlsx")
    assert result.exit_code == 1
    assert {("r.xlsx:2:4", "KMP073"), ("p.xlsx:3:1", "KMP072")} <= located(result)
    assert "formula whose result was never saved" in result.stdout and "as a date" in result.stdout


@pytest.mark.parametrize(
    "options",
    [
        ["--berlaku-mulai", "kemarin"],
        ["--berlaku-mulai", "0001-01-01"],
        ["--min-importance", "nan"],
        ["--scale-max", "0"],
        ["--jenjang", "AHLI-MUDA", "--jenis", "pelaksana"],
        ["--klasifikasi", "klerek"],
    ],
    ids=[
        "date-word",
        "date-before-1945",
        "nan-cut",
        "empty-scale",
        "grade-of-another-kind",
        "class-not-pelaksana",
    ],
)
def test_unusable_options_are_usage_errors_before_anything_is_read(
    work: Path, run_import, options: list[str]
) -> None:
    write_csv(work / "p.csv", POSITIONS)
    write_csv(work / "r.csv", REQUIREMENTS)
    result = run_import("p.csv", "r.csv", *options)
    assert result.exit_code == 2
    assert result.stderr.strip()


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "too-large", "xls"])
def test_unreadable_tables_are_usage_errors(work: Path, run_import, kind: str) -> None:
    """Refused before a byte is read where reading could hang or exhaust memory (FIFO, /dev/zero, size)."""
    write_csv(work / "r.csv", REQUIREMENTS)
    table = work / ("p.xls" if kind == "xls" else "p.csv")
    if kind == "fifo":
        os.mkfifo(table)
    elif kind == "dev-zero":
        table.symlink_to("/dev/zero")
    elif kind == "too-large":
        with table.open("wb") as handle:
            handle.truncate(65 * 1024 * 1024)  # sparse: costs no disk
    else:
        table.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    result = run_import(table.name, "r.csv")
    assert result.exit_code == 2, result.stdout + result.stderr


@pytest.mark.parametrize("kind", ["file", "non-empty-folder", "project", "broken-link"])
def test_output_that_is_not_a_new_or_empty_folder_is_refused(work: Path, run_import, kind: str) -> None:
    write_csv(work / "p.csv", POSITIONS)
    write_csv(work / "r.csv", REQUIREMENTS)
    out = work / "out"
    if kind == "file":
        out.write_text("milik pengguna")
    elif kind == "broken-link":
        out.symlink_to(work / "nowhere")
    else:
        out.mkdir()
        (out / ("kompiler.yaml" if kind == "project" else "catatan.txt")).write_text("milik pengguna")
    before = {p: p.read_bytes() for p in out.rglob("*")} if out.is_dir() else None
    result = run_import()
    assert result.exit_code == 2
    assert "kompiler import:" in result.stderr
    if before is not None:
        assert {p: p.read_bytes() for p in out.rglob("*")} == before


def test_empty_output_folder_is_filled_and_keeps_its_mode(work: Path, run_import) -> None:
    write_csv(work / "p.csv", POSITIONS)
    write_csv(work / "r.csv", REQUIREMENTS)
    (work / "out").mkdir(mode=0o750)
    os.chmod(work / "out", 0o750)
    assert run_import().exit_code == 0
    assert (work / "out" / "jabatan" / "a1.yaml").is_file()
    assert (work / "out").stat().st_mode & 0o777 == 0o750
    assert sorted(p.name for p in work.iterdir()) == ["out", "p.csv", "r.csv"]
    compiled_clean(work / "out")


def test_new_output_folder_follows_the_umask(work: Path, run_import) -> None:
    write_csv(work / "p.csv", POSITIONS)
    write_csv(work / "r.csv", REQUIREMENTS)
    previous = os.umask(0o022)
    try:
        assert run_import().exit_code == 0
    finally:
        os.umask(previous)
    assert (work / "out").stat().st_mode & 0o777 == 0o755


def test_an_interrupted_import_leaves_nothing(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_csv(work / "p.csv", POSITIONS)
    write_csv(work / "r.csv", REQUIREMENTS)
    written = staging._write

    def interrupted(files: dict[str, str], folder: Path) -> None:
        written(dict(list(files.items())[:2]), folder)
        raise KeyboardInterrupt

    monkeypatch.setattr(staging, "_write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        import_tables(
            work / "p.csv", work / "r.csv", work / "sub" / "out", ImportOptions(valid_from="2026-01-01")
        )
    assert sorted(p.name for p in work.iterdir()) == ["p.csv", "r.csv"]


# For arbitrary small tables: refused with located problems and nothing written, or a project check accepts.
# Tables are drawn mostly well formed (codes that may collide, titles YAML would misread, names in any script),
# then up to two cells are replaced by a hostile value, so both outcomes are explored.

_CODES = ["A1", "a1", "B-2", "B.2", "C3", "D4", "E 5", "F6"]
_TITLES = [
    "Analis",
    "Pengelola",
    "Penyusun Anggaran",
    "Ω 日本",
    "yes",
    "2026-01-01",
    "#x",
    "a: b",
    "'kutip",
    "null",
    "-",
    "Analis Ahli Madya",
    "Terampil",
    "x" * 290,
]
_GROUPS = ["1", "Keuangan", "keuangan!", "", "日本", "lain"]
_ELEMENTS = ["e1", "e2", "E1", "2.A.1.a", "~", "0"]
_NAMES = ["Membaca", "Menulis", "", "Ω", "on", "[x]"]
_LEVELS = ["0", "3", "7", "3.5", "3,5", " 2 ", "6.99"]
_IMPORTANCES = ["1", "3", "4.5", "5", "2,5", "0"]
_HOSTILE = [
    "",
    "  ",
    "nan",
    "inf",
    "1e999",
    "-1",
    "8",
    "abc",
    "1_0",
    "\u0663",
    "X" * 41,
    "\u00c44",
    "a\x00b",
    "Tab\tx",
    "\u202e",
    "x" * 400,
    "e\x01",
    "1.234,5",
    "A1",
    "\ufeffx",
    "\udcff",
]
_GRADES = [
    ("fungsional_keahlian", "AHLI-PERTAMA", None),
    ("pelaksana", "PELAKSANA", "operator"),
    ("pengawas", "PENGAWAS", None),
    ("jpt", "JPT-PRATAMA", None),
]


@st.composite
def _tables(draw: st.DrawFn) -> tuple[list[list[str]], list[list[str]]]:
    pick = lambda values: draw(st.sampled_from(values))  # noqa: E731
    codes = draw(st.lists(st.sampled_from(_CODES), min_size=1, max_size=4, unique=True))
    positions = [
        [code, f"{pick(_TITLES)} {draw(st.sampled_from(['', 'Satu', 'Dua']))}", pick(_GROUPS)]
        for code in codes
    ]
    requirements = [
        [code, element, pick(_NAMES), pick(_LEVELS), pick(_IMPORTANCES)]
        for code in codes
        for element in draw(st.lists(st.sampled_from(_ELEMENTS), min_size=1, max_size=2, unique=True))
    ]
    for _ in range(draw(st.integers(0, 2))):
        table = draw(st.sampled_from([positions, requirements] if requirements else [positions]))
        row = draw(st.sampled_from(table))
        row[draw(st.integers(0, len(row) - 1))] = pick(_HOSTILE)
    return positions, requirements


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tables=_tables(), grade=st.sampled_from(_GRADES), delimiter=st.sampled_from([",", ";"]))
def test_any_small_tables_are_refused_with_locations_or_give_a_clean_project(
    tmp_path: Path, tables: tuple[list[list[str]], list[list[str]]], grade: tuple, delimiter: str
) -> None:
    folder = tmp_path / "prop"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    positions, requirements = tables
    for name, header, rows in (("p.csv", HEADER_P, positions), ("r.csv", HEADER_R, requirements)):
        with (folder / name).open("w", newline="", encoding="utf-8", errors="surrogateescape") as handle:
            csv.writer(handle, delimiter=delimiter).writerows([header, *rows])
    kind, code, classification = grade
    options = ImportOptions(kind=kind, grade=code, classification=classification, valid_from="2026-01-01")
    target = folder / "out"
    try:
        written = import_tables(folder / "p.csv", folder / "r.csv", target, options)
    except ImportRefused as refused:
        assert refused.diagnostics and not refused.usage
        for diagnostic in refused.diagnostics:
            assert diagnostic.location.file.endswith(("p.csv", "r.csv")), diagnostic
            assert diagnostic.location.span is not None and diagnostic.location.line >= 1, diagnostic
            assert diagnostic.message.id and diagnostic.message.en
        assert sorted(p.name for p in folder.iterdir()) == ["p.csv", "r.csv"]
        event("refused")
        return
    assert written and compiled_clean(target)
    event("written")


def test_workbook_that_unpacks_beyond_the_bound_is_refused_before_unpacking(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kompiler.authoring.importer import tables

    write_xlsx(work / "p.xlsx", ("Jabatan", POSITIONS))
    monkeypatch.setattr(tables, "MAX_XLSX_UNPACKED", 1000)  # a real bomb declares gigabytes
    with pytest.raises(tables.Unreadable, match="Unpacks to more than"):
        tables.read_table(work / "p.xlsx", "p.xlsx")


def test_a_long_output_name_still_stages(work: Path, kompiler: Callable[..., Run]) -> None:
    """The staging folder beside the output must not need a longer name than the output's own."""
    write_csv(work / "p.csv", POSITIONS)
    write_csv(work / "r.csv", REQUIREMENTS)
    name = "o" * 250
    result = kompiler(["import", "p.csv", "r.csv", "-o", name, *DATE], work)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert sorted(p.name for p in work.iterdir()) == sorted([name, "p.csv", "r.csv"])
    compiled_clean(work / name)


def test_json_report_is_pure_json_with_located_problems(work: Path, run_import) -> None:
    write_csv(work / "p.csv", POSITIONS)
    write_csv(work / "r.csv", [*REQUIREMENTS, ["A1", "e3", "Tiga", "nan", "4"]])
    result = run_import("p.csv", "r.csv", "--format", "json")
    assert result.exit_code == 1
    (found,) = json.loads(result.stdout)["diagnostics"]
    assert (found["file"], found["line"], found["column"], found["code"]) == ("r.csv", 4, 4, "KMP074")


def test_sigterm_while_staging_leaves_nothing(work: Path, tmp_path: Path) -> None:
    """A cancelled CI job: SIGTERM arrives while the staged project is written or checked."""
    write_csv(work / "p.csv", [HEADER_P, *([f"P{n}", f"Jabatan {n}", str(n % 7)] for n in range(1500))])
    write_csv(
        work / "r.csv",
        [
            HEADER_R,
            *([f"P{n}", f"e{k}", f"Elemen {k}", str(k % 7), "4"] for n in range(1500) for k in range(6)),
        ],
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "user-cache")}
    process = subprocess.Popen(
        [sys.executable, "-m", "kompiler", "import", "p.csv", "r.csv", "-o", "out", *DATE],
        cwd=work,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not list(work.glob(".out.impor-*")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert process.poll() is None, "the import ended before its staging folder was seen"
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM, stderr
    assert b"Traceback" not in stderr
    assert sorted(p.name for p in work.iterdir()) == ["p.csv", "r.csv"]
