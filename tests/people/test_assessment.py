"""Reading assessment files: every problem located at file:row:column, every layout and encoding read
alike, personal data refused unless allowed and then dropped, the shipped example clean."""

from __future__ import annotations

import codecs
import math
import zipfile
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from kompiler.codes import BUILTIN
from kompiler.diagnostics import Diagnostic, Severity
from kompiler.model import Corpus
from kompiler.people import sheets
from kompiler.people.assessment import read_assessments
from kompiler.people.columns import Layout
from kompiler.people.problems import MAX_SHOWN
from kompiler.people.table import Chunk, Index
from tests.hostile.test_import_hostile import write_xlsx

REPO = Path(__file__).parents[2]
FIXTURES = Path(__file__).parent / "fixtures" / "asesmen"
TODAY = date(2026, 1, 15)
WIDE = (
    "id;jabatan;tanggal;tujuan;kinerja;potensi;M.01;M.02;T.HUMAS.02\r\n"
    "P-0001;NTB.JF.HUMAS.PERTAMA.KOMINFO;31/03/2025;pengisian;Baik;3,5;1;2;2\r\n"
    "P-0002;NTB.JF.HUMAS.MUDA;2025-04-01;;;;3;;3\r\n"
)
LONG = (
    "ID,Kode Jabatan,Kompetensi,Level,Tanggal,Tujuan,Kinerja,Potensi\n"
    "P-0001,NTB.JF.HUMAS.PERTAMA.KOMINFO,M.01,1,2025-03-01,pengisian,4,3.5\n"
    "P-0001,NTB.JF.HUMAS.PERTAMA.KOMINFO,M.02,2,2025-03-31,pengisian,4,3.5\n"
    "P-0001,NTB.JF.HUMAS.PERTAMA.KOMINFO,T.HUMAS.02,2,2025-03-31,pengisian,4,3.5\n"
    "P-0002,NTB.JF.HUMAS.MUDA,M.01,3,2025-04-01,,,\n"
    "P-0002,NTB.JF.HUMAS.MUDA,T.HUMAS.02,3,2025-04-01,,,\n"
)


@pytest.fixture(scope="module")
def index(corpus: Corpus) -> Index:
    return Index.of(corpus)


def read(path: Path, index: Index, **options) -> tuple[list[Chunk], list[Diagnostic]]:
    assessments = read_assessments(path, index, today=TODAY, **options)
    chunks = list(assessments.chunks())
    return chunks, assessments.diagnostics


def located(diagnostics: list[Diagnostic]) -> list[tuple[str, int, int]]:
    return [(d.code, d.location.line, d.location.column) for d in diagnostics]


def people(chunks: list[Chunk], index: Index) -> dict[str, dict]:
    """Every person read, as plain values, for comparing two readings."""
    found = {}
    for chunk in chunks:
        for i, person in enumerate(chunk.people):
            levels = {
                index.competencies[c]: float(v) for c, v in enumerate(chunk.levels[i]) if not math.isnan(v)
            }
            found[person] = {
                "position": index.positions[chunk.position[i]],
                "levels": levels,
                "date": chunk.dates[i],
                "purpose": chunk.purposes[i],
                "performance": None if math.isnan(chunk.performance[i]) else float(chunk.performance[i]),
                "potential": None if math.isnan(chunk.potential[i]) else float(chunk.potential[i]),
                "row": int(chunk.rows[i]),
            }
    return found


EXPECTED = {
    "kosong.csv": [("KMP202", 1, 1)],
    "hanya-judul.csv": [("KMP202", 1, 1)],
    "kolom-wajib-hilang.csv": [("KMP203", 1, 1)],
    "kolom-tak-dikenal.csv": [("KMP210", 1, 4), ("KMP210", 1, 5)],
    "kolom-ganda.csv": [("KMP203", 1, 5)],
    "kolom-pribadi.csv": [("KMP205", 1, 2), ("KMP205", 1, 5)],
    "sel-pribadi.csv": [("KMP206", 2, 1), ("KMP206", 3, 7), ("KMP206", 4, 8)],
    "id-nama.csv": [("KMP206", 2, 1), ("KMP206", 3, 1)],
    "id-tidak-sah.csv": [("KMP207", 2, 1), ("KMP207", 3, 1), ("KMP207", 4, 1)],
    "id-ganda.csv": [("KMP208", 4, 1)],
    "id-beda-huruf.csv": [("KMP208", 4, 1)],
    "jabatan-tak-dikenal.csv": [("KMP209", 2, 2)],
    "level-tidak-sah.csv": [("KMP211", 2, 7), ("KMP211", 3, 8), ("KMP211", 4, 7), ("KMP211", 4, 8)],
    "tanggal-tidak-sah.csv": [("KMP212", 2, 3), ("KMP212", 3, 3), ("KMP212", 4, 3), ("KMP212", 5, 3)],
    "tujuan-tidak-dikenal.csv": [("KMP213", 2, 4)],
    "kinerja-potensi-tidak-sah.csv": [("KMP214", 2, 5), ("KMP214", 3, 6)],
    "panjang-dua-jabatan.csv": [("KMP215", 3, 2)],
    "panjang-tidak-berurutan.csv": [("KMP208", 4, 1)],
    "panjang-beda-huruf.csv": [("KMP208", 3, 1)],
    "panjang-kompetensi-ganda.csv": [("KMP215", 3, 3)],
    "panjang-kompetensi-tak-dikenal.csv": [("KMP210", 2, 3)],
    "latin1.csv": [("KMP201", 3, 6)],
    "nilai-berlebih.csv": [("KMP204", 2, 9)],
    "kutip-tidak-ditutup.csv": [("KMP204", 3, 1)],
    "tanpa-nilai.csv": [("KMP217", 2, 7)],
}


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_every_problem_of_a_fixture_is_located(fixture: str, index: Index) -> None:
    chunks, diagnostics = read(FIXTURES / fixture, index)
    assert located(diagnostics) == EXPECTED[fixture]
    for diagnostic in diagnostics:
        assert diagnostic.location.file.endswith(fixture)
        assert (
            diagnostic.message.id and diagnostic.message.en and diagnostic.message.id != diagnostic.message.en
        )
        assert diagnostic.code in BUILTIN
    errors = {d.location.line for d in diagnostics if d.severity is Severity.ERROR}
    assert not {int(r) for chunk in chunks for r in chunk.rows} & errors, "a person with an error was kept"


def test_every_fixture_is_asserted() -> None:
    assert sorted(p.name for p in FIXTURES.glob("*.csv")) == sorted(EXPECTED)


def test_the_messages_say_what_to_do(index: Index) -> None:
    _, unknown = read(FIXTURES / "jabatan-tak-dikenal.csv", index)
    assert "Did you mean NTB.JF.HUMAS.MUDA?" in unknown[0].message.en
    assert "NTB.JF.HUMAS.MUDA?" in unknown[0].message.id
    _, column = read(FIXTURES / "kolom-tak-dikenal.csv", index)
    assert "Did you mean M.01?" in column[0].message.en
    _, personal = read(FIXTURES / "kolom-pribadi.csv", index)
    assert "UU 27/2022" in personal[0].message.id and "pseudonim" in personal[0].message.id
    assert "P-0001" in personal[0].message.en
    _, cell = read(FIXTURES / "sel-pribadi.csv", index)
    assert all("UU 27/2022" in d.message.id and "P-0001" in d.message.en for d in cell)
    _, formula = read(FIXTURES / "id-tidak-sah.csv", index)
    assert "formula" in formula[0].message.en


# Values a careless file puts where pseudonyms, codes and numbers belong: a message names their place and
# what is wrong, never them.
SECRETS = ("Budi Santoso", "198503122010011002", "Siti Aminah", "Jl. Merdeka 5", "1985-03-12")


def every_message(diagnostics: list[Diagnostic]) -> str:
    return "\n".join(f"{d.message.id}\n{d.message.en}" for d in diagnostics)


def test_a_file_without_a_header_row_is_never_quoted(tmp_path: Path, index: Index) -> None:
    """Its first person is read as the header: the header cells are judged as any cell (an NIP there is
    KMP206) and named by their column."""
    path = tmp_path / "a.csv"
    path.write_text(
        "P-0731;Budi Santoso;198503122010011002;NTB.JF.HUMAS.MUDA;2025-03-10;2\n", encoding="utf-8"
    )
    _, diagnostics = read(path, index)
    assert ("KMP206", 1, 3) in located(diagnostics)
    assert {("KMP210", 1, column) for column in range(1, 7)} <= set(located(diagnostics))
    shown = every_message(diagnostics)
    assert not [secret for secret in (*SECRETS, "P-0731", "NTB.JF", "2025-03-10") if secret in shown]


def test_no_cell_of_a_row_reaches_a_message(tmp_path: Path, index: Index) -> None:
    path = tmp_path / "a.csv"
    rows = [
        ["id", "jabatan", "tanggal", "tujuan", "kinerja", "M.01"],
        [
            "Siti Aminah",
            "Siti Aminah binti Ahmad",
            "Siti Aminah",
            "Budi Santoso",
            "Jl. Merdeka 5",
            "Budi Santoso",
        ],
        ["P-1", "NTB.JF.HUMAS.MUDA", "1985-03-12", "pemetaan", "", "2"],
        ["P-1", "NTB.JF.HUMAS.MUDA", "2025-03-10", "pemetaan", "", "2"],
        ["=HYPERLINK(1)", "NTB.JF.HUMAS.MUDA", "31/02/2025", "pemetaan", "", "2"],
    ]
    path.write_text("".join(";".join(row) + "\n" for row in rows), encoding="utf-8")
    _, diagnostics = read(path, index)
    assert located(diagnostics) == [
        ("KMP206", 2, 1),
        ("KMP209", 2, 2),
        ("KMP212", 2, 3),
        ("KMP213", 2, 4),
        ("KMP214", 2, 5),
        ("KMP211", 2, 6),
        ("KMP208", 4, 1),
        ("KMP207", 5, 1),
        ("KMP212", 5, 3),
    ]
    shown = every_message(diagnostics)
    assert not [secret for secret in (*SECRETS, "binti", "HYPERLINK", "31/02") if secret in shown]
    assert "This id already appeared on row 3" in shown


def test_a_header_is_quoted_only_when_it_has_the_shape_of_a_competency_code(
    tmp_path: Path, index: Index
) -> None:
    """A misspelt code is shown, to be fixed; a long cell, a cell holding a NUL, a name, are named by their
    column, with one rendering (no ``'id?'`` here and ``'id\\x00'`` there)."""
    path = tmp_path / "a.csv"
    header = [
        "id",
        "jabatan",
        "tanggal",
        "M.1",
        "t.humas.2",
        "x" * 5_000,
        "tgl\x00",
        "Budi Santoso",
        "M.01",
        "M.01",
    ]
    path.write_text(",".join(header) + "\nP-1,NTB.JF.HUMAS.MUDA,2025-03-10,,,,,,2,2\n", encoding="utf-8")
    _, diagnostics = read(path, index)
    by_column = {d.location.column: d.message for d in diagnostics}
    assert (
        by_column[4].en.startswith("The column 'M.1' is neither") and "Did you mean M.01?" in by_column[4].en
    )
    assert by_column[5].id.startswith("Kolom 't.humas.2' bukan")
    for column in (6, 7, 8):
        assert by_column[column].en.startswith("This column is neither"), by_column[column].en
    assert by_column[10].en == "The column 'M.01' has the same header as column 9."
    shown = every_message(diagnostics)
    assert "xxxx" not in shown and "\x00" not in shown and "\\x00" not in shown and "?'" not in shown
    assert "Budi" not in shown


def test_a_missing_column_s_likely_stand_in_is_named_by_its_number(tmp_path: Path, index: Index) -> None:
    path = tmp_path / "a.csv"
    path.write_text("id,jabatn,tanggal,M.01\nP-1,NTB.JF.HUMAS.MUDA,2025-03-10,2\n", encoding="utf-8")
    _, diagnostics = read(path, index)
    missing = next(d for d in diagnostics if "'jabatan' is missing" in d.message.en)
    assert missing.message.en.endswith(" Column 2?") and "jabatn" not in every_message(diagnostics)
    assert "(wide layout; other names: " in missing.message.en and "lebar" not in missing.message.en
    assert "(tata letak lebar; nama lain: " in missing.message.id


def test_a_personal_column_is_named_by_the_word_that_makes_it_one(index: Index) -> None:
    _, diagnostics = read(FIXTURES / "kolom-pribadi.csv", index)
    assert "holds the word 'nama'" in diagnostics[0].message.en


def test_the_shipped_example_reads_clean(index: Index, corpus: Corpus) -> None:
    chunks, diagnostics = read(REPO / "contoh" / "asesmen-contoh.csv", index)
    assert diagnostics == []
    found = people(chunks, index)
    assert len(found) == 40
    units = {p.unit for p in corpus.positions.values()}
    assert len(units) > 5
    grades = {found[p]["position"].split(".")[1] for p in found}
    assert {"JF", "ADM", "PWS", "PL"} <= grades
    assert found["P-0001"]["position"] == "NTB.JF.HUMAS.PERTAMA.KOMINFO"
    assert any(p["performance"] is None for p in found.values())


def test_the_shipped_workbook_holds_the_same_people(index: Index) -> None:
    csv_chunks, _ = read(REPO / "contoh" / "asesmen-contoh.csv", index)
    xlsx_chunks, diagnostics = read(REPO / "contoh" / "asesmen-contoh.xlsx", index)
    assert diagnostics == []
    assert people(xlsx_chunks, index) == people(csv_chunks, index)


def test_wide_and_long_layouts_read_alike(tmp_path: Path, index: Index) -> None:
    wide, long = tmp_path / "lebar.csv", tmp_path / "panjang.csv"
    wide.write_text(WIDE, encoding="utf-8")
    long.write_text(LONG, encoding="utf-8")
    wide_chunks, wide_problems = read(wide, index)
    long_chunks, long_problems = read(long, index)
    assert wide_problems == long_problems == []
    from_wide, from_long = people(wide_chunks, index), people(long_chunks, index)
    assert from_wide["P-0001"] == {
        "position": "NTB.JF.HUMAS.PERTAMA.KOMINFO",
        "levels": {"M.01": 1.0, "M.02": 2.0, "T.HUMAS.02": 2.0},
        "date": "2025-03-31",
        "purpose": "pengisian",
        "performance": 4.0,
        "potential": 3.5,
        "row": 2,
    }
    for person in from_wide:
        del from_wide[person]["row"], from_long[person]["row"]
    assert from_wide == from_long, "the long layout's person takes its latest date"


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
        lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        lambda text: text.replace(";", ",").replace("3,5", '"3,5"').encode("utf-8"),
        lambda text: text.replace(";", "\t").encode("utf-8"),
        lambda text: text.replace("\r\n", "\n").encode("utf-8"),
    ],
    ids=["utf8", "bom", "utf16", "comma", "tab", "lf"],
)
def test_encodings_and_separators_read_alike(encode, tmp_path: Path, index: Index) -> None:
    reference, other = tmp_path / "a.csv", tmp_path / "b.csv"
    reference.write_text(WIDE, encoding="utf-8", newline="")
    other.write_bytes(encode(WIDE))
    first, second = read(reference, index), read(other, index)
    assert first[1] == [] and second[1] == []
    assert people(first[0], index) == people(second[0], index)


def test_header_names_ignore_case_spaces_and_hyphens(tmp_path: Path, index: Index) -> None:
    path = tmp_path / "a.csv"
    path.write_text("  ID , Kode-Jabatan,TANGGAL ASESMEN, m.01 \nP-1,NTB.JF.HUMAS.MUDA,2025-01-02,2\n")
    chunks, diagnostics = read(path, index)
    assert diagnostics == []
    assert people(chunks, index)["P-1"]["levels"] == {"M.01": 2.0}
    assert read_assessments(path, index).layout is None
    assessments = read_assessments(path, index)
    assessments.check()
    assert assessments.layout is Layout.WIDE


@pytest.mark.parametrize("chunk_rows", [1, 2, 3, 1000])
def test_chunks_are_the_same_people_however_the_file_is_cut(
    chunk_rows: int, tmp_path: Path, index: Index
) -> None:
    path = tmp_path / "panjang.csv"
    path.write_text(LONG + LONG.split("\n", 1)[1].replace("P-000", "Q-000"))
    chunks, diagnostics = read(path, index, chunk_rows=chunk_rows)
    assert diagnostics == []
    whole, _ = read(path, index, chunk_rows=1000)
    assert people(chunks, index) == people(whole, index)
    assert len(people(chunks, index)) == 4


def test_a_chunk_is_bounded_and_typed(tmp_path: Path, index: Index) -> None:
    path = tmp_path / "a.csv"
    path.write_text(WIDE, encoding="utf-8")
    chunks, _ = read(path, index, chunk_rows=1)
    assert [len(c) for c in chunks] == [1, 1]
    chunk = chunks[0]
    assert chunk.levels.shape == (1, len(index.competencies)) and chunk.levels.dtype == np.float32
    assert chunk.position.dtype == np.int32 and chunk.rows.tolist() == [2]


def test_diagnostics_stop_at_a_thousand_and_count_the_rest(tmp_path: Path, index: Index) -> None:
    path = tmp_path / "a.csv"
    rows = "".join(f"P-{n},NTB.JF.HUMAS.MUDA,2025-01-01,9\n" for n in range(1, 1_201))
    path.write_text("id,jabatan,tanggal,M.01\n" + rows)
    _, diagnostics = read(path, index)
    assert len(diagnostics) == MAX_SHOWN + 1
    assert diagnostics[-1].code == "KMP216" and "200" in diagnostics[-1].message.en
    assert diagnostics[-1].location.line == MAX_SHOWN + 2


def test_the_count_of_problems_not_shown_groups_thousands_as_each_language_does(
    tmp_path: Path, index: Index
) -> None:
    path = tmp_path / "a.csv"
    rows = "".join(f"P-{n},NTB.JF.HUMAS.MUDA,2025-01-01,9\n" for n in range(1, 2_301))
    path.write_text("id,jabatan,tanggal,M.01\n" + rows)
    assessments = read_assessments(path, index, today=TODAY)
    counted = assessments.check()[-1]
    assert counted.message.id == "1.300 masalah lain tidak ditampilkan (KMP211: 1.300)."
    assert counted.message.en == "1,300 more problems are not shown (KMP211: 1,300)."
    assert assessments.hidden == {Severity.ERROR: 1_300}


def test_a_sheet_asked_of_a_csv_is_said_to_be_ignored(tmp_path: Path, index: Index) -> None:
    path = tmp_path / "a.csv"
    path.write_text(WIDE, encoding="utf-8")
    chunks, diagnostics = read(path, index, sheet="Rekap")
    assert located(diagnostics) == [("KMP218", 0, 0)] and diagnostics[0].severity is Severity.WARNING
    assert "--lembar is ignored" in diagnostics[0].message.en and len(people(chunks, index)) == 2


def test_personal_data_allowed_is_still_dropped(index: Index) -> None:
    chunks, diagnostics = read(FIXTURES / "kolom-pribadi.csv", index, allow_personal=True)
    assert located(diagnostics) == [("KMP219", 1, 2), ("KMP219", 1, 5)]
    assert all(d.severity is Severity.WARNING for d in diagnostics)
    assert set(people(chunks, index)) == {"P-0001"}
    kept = repr(chunks[0])
    assert "Budi" not in kept and "0812" not in kept
    chunks, diagnostics = read(FIXTURES / "id-nama.csv", index, allow_personal=True)
    assert set(people(chunks, index)) == {"Budi Santoso", "Siti"}
    # Said once, at the first, for both: such an id becomes a file name in the private folder.
    [said] = diagnostics
    assert (said.code, said.location.line, said.location.column, said.severity) == (
        "KMP219",
        2,
        1,
        Severity.WARNING,
    )
    assert said.message.en.startswith("2 row(s) have an id") and "file name" in said.message.en
    assert "Budi" not in said.message.en and "Siti" not in said.message.id
    _, diagnostics = read(FIXTURES / "id-tidak-sah.csv", index, allow_personal=True)
    assert located(diagnostics)[0] == ("KMP207", 2, 1), "a formula is no id, personal data allowed or not"


def test_a_file_too_large_is_refused_before_reading(tmp_path: Path, index: Index) -> None:
    path = tmp_path / "a.csv"
    path.write_text(WIDE)
    chunks, diagnostics = read(path, index, max_bytes=100)
    assert chunks == [] and [d.code for d in diagnostics] == ["KMP200"]
    assert "limit" in diagnostics[0].message.en


@pytest.mark.parametrize("name", ["a.xls", "a.ods"])
def test_old_spreadsheet_formats_are_refused(name: str, tmp_path: Path, index: Index) -> None:
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    _, diagnostics = read(path, index)
    assert [d.code for d in diagnostics] == ["KMP200"] and "CSV" in diagnostics[0].message.en


def test_a_missing_file_is_a_diagnostic(tmp_path: Path, index: Index) -> None:
    _, diagnostics = read(tmp_path / "tidak-ada.csv", index)
    assert [d.code for d in diagnostics] == ["KMP200"]


ROWS = [
    ["id", "jabatan", "tanggal", "kinerja", "M.01", "T.HUMAS.02"],
    ["P-0001", "NTB.JF.HUMAS.MUDA", date(2025, 3, 1), 4, 3, 3.0],
    ["P-0002", "NTB.JF.HUMAS.MUDA", "2025-03-01", "6", 9, None],
    ["P-0003", "NTB.JF.HUMAS.MUDA", "2025-03-01", None, 2, 2],
]


def test_xlsx_cells_are_named(tmp_path: Path, index: Index) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", ("Asesmen", ROWS))
    chunks, diagnostics = read(path, index)
    assert located(diagnostics) == [("KMP214", 3, 4), ("KMP211", 3, 5)]
    assert diagnostics[0].message.en.startswith("Cell D3: ") and diagnostics[1].message.id.startswith(
        "Sel E3: "
    )
    found = people(chunks, index)
    assert found["P-0001"]["levels"] == {"M.01": 3.0, "T.HUMAS.02": 3.0}
    assert found["P-0001"]["date"] == "2025-03-01" and found["P-0001"]["performance"] == 4.0
    assert found["P-0003"]["performance"] is None


def test_xlsx_reads_the_named_sheet_and_says_which(tmp_path: Path, index: Index) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", ("Catatan", [["apa saja"]]), ("Asesmen", ROWS[:2]))
    chunks, diagnostics = read(path, index, sheet="Asesmen")
    assert [d.code for d in diagnostics] == ["KMP218"] and set(people(chunks, index)) == {"P-0001"}
    assert "only sheet 2 from the left" in diagnostics[0].message.en
    _, diagnostics = read(path, index, sheet="Tidak Ada")
    assert [d.code for d in diagnostics] == ["KMP200"] and "--lembar 1 to --lembar 2" in diagnostics[
        0
    ].message.en


def test_an_xlsx_sheet_is_chosen_by_its_number_and_never_named(tmp_path: Path, index: Index) -> None:
    """A sheet's name may be a person's: messages number the sheets, and ``--lembar 2`` picks one."""
    secret = "Budi Santoso 198503122010011002"
    path = write_xlsx(tmp_path / "a.xlsx", (secret, [["apa saja"]]), ("Asesmen", ROWS[:2]))
    chunks, diagnostics = read(path, index, sheet="2")
    assert set(people(chunks, index)) == {"P-0001"}
    _, first = read(path, index)
    _, missing = read(path, index, sheet="Rekap")
    for diagnostic in diagnostics + first + missing:
        for text in (diagnostic.message.id, diagnostic.message.en):
            assert "Budi" not in text and "1985" not in text and "Asesmen" not in text
    assert first[0].code == "KMP218" and "only sheet 1 from the left" in first[0].message.en


def test_an_xlsx_unpacking_past_its_bound_is_not_opened(
    tmp_path: Path, index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (2 << 20))
    monkeypatch.setattr(sheets, "MAX_XLSX_UNPACKED", 1 << 20)
    chunks, diagnostics = read(path, index)
    assert (
        chunks == []
        and [d.code for d in diagnostics] == ["KMP200"]
        and "Unpacks" in diagnostics[0].message.en
    )


def test_a_damaged_xlsx_is_a_diagnostic(tmp_path: Path, index: Index) -> None:
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    _, diagnostics = read(path, index)
    assert [d.code for d in diagnostics] == ["KMP200"]


def test_the_purposes_may_come_from_the_match_policy(index: Index) -> None:
    path = FIXTURES / "tujuan-tidak-dikenal.csv"
    chunks, diagnostics = read(path, index, purposes=("pemetaan", "pengisian", "promosi"))
    assert diagnostics == [] and chunks[0].purposes == ("promosi",)
    _, diagnostics = read(path, index, purposes=("pemetaan", "pengisian"))
    assert "write pemetaan or pengisian" in diagnostics[0].message.en


def test_excel_s_separator_line_names_the_separator(tmp_path: Path, index: Index) -> None:
    plain, named = tmp_path / "a.csv", tmp_path / "b.csv"
    plain.write_text(WIDE, encoding="utf-8")
    named.write_text("sep=;\r\n" + WIDE, encoding="utf-8")
    first, second = people(read(plain, index)[0], index), people(read(named, index)[0], index)
    assert read(named, index)[1] == []
    assert {p: {**v, "row": v["row"] + 1} for p, v in first.items()} == second
