"""Per-person documents and CSV tables: what they say (goldens in both languages), that every one names
the formula version, the human decision and the confidentiality, and that the tables stream."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from kompiler.build import people_documents
from kompiler.build.people import file_stem, write_people
from kompiler.build.private import PrivateWriter
from kompiler.model import Corpus
from kompiler.people.assessment import read_assessments
from kompiler.people.moves import Mobility
from kompiler.people.requirements import Requirements
from kompiler.people.results import PersonReport
from kompiler.people.stream import MobilityMoves, People
from kompiler.people.table import Index
from kompiler.render.environment import Templates
from kompiler.render.labels import number
from kompiler.render.people import chunk_rows
from kompiler.render.people.documents import person_documents
from kompiler.render.people.tables import COLUMNS, NOTICE
from kompiler.render.people.view import Setting, person_view
from kompiler.runtime.processes import forkable_workers
from tests.conftest import files_of
from tests.people import reference_rows
from tests.people.reference_rows import records, table_text
from tests.people.reports import policy, positions, report

REPO = Path(__file__).parents[2]
NOTICES = {
    "id": ("RAHASIA — data pribadi", "jpm-2026.1", "bukan menggantikan", "UU 27/2022 Pasal 10"),
    "en": ("CONFIDENTIAL — personal data", "jpm-2026.1", "not replace", "Law 27/2022 Article 10"),
}


def _documents(locale: str, kind: str, formats: tuple[str, ...]) -> dict[str, bytes]:
    setting = Setting.of(policy(), locale)
    view = person_view(report(), setting, positions())
    return person_documents(Templates(None), view, setting, kind, formats)


@pytest.mark.parametrize("locale", ["id", "en"])
@pytest.mark.parametrize("kind", ["gaps", "plan", "moves"])
def test_markdown_documents(locale: str, kind: str, golden: Callable[[str, str], None]) -> None:
    text = _documents(locale, kind, ("md",))["md"].decode("utf-8")
    golden(f"people-outputs/{kind}.{locale}.md", text)
    for notice in NOTICES[locale]:
        assert notice in text


def test_word_says_what_the_markdown_says() -> None:
    docx = _documents("id", "plan", ("docx",))["docx"]
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        header = "".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("word/header")
        )
    for text in (*NOTICES["id"], "Penugasan proyek zona integritas", "Jumlah JP", "SK.01"):
        assert text in body
    assert "RAHASIA" in header
    assert docx == _documents("id", "plan", ("docx",))["docx"]  # reproducible


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_is_laid_out_from_the_print_html() -> None:
    pdf = _documents("en", "moves", ("pdf",))["pdf"]
    assert pdf.startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, check=True, capture_output=True).stdout.decode()
    for notice in ("CONFIDENTIAL", "jpm-2026.1", "Article 10", "NTB.JF.ASDMA.MADYA"):
        assert notice in text


def test_tables_have_the_documented_columns_and_every_row_its_notice() -> None:
    setting = Setting.of(policy(), "id")
    expected = {"kesenjangan": 4, "rencana": 3, "mutasi": 2, "ringkasan": 1}
    for name, count in expected.items():
        text, counted = table_text(name, [report("P-1"), report("P-2")], setting)
        rows = records(text)
        assert tuple(rows[0]) == COLUMNS[name]
        assert len(rows) == 1 + 2 * count == 1 + counted
        for row in rows[1:]:
            record = dict(zip(rows[0], row, strict=True))
            assert record["versi_rumus"] == "jpm-2026.1"
            assert record["keterangan"] == NOTICE
    gaps = list(csv.DictReader(io.StringIO(_table_text("kesenjangan"))))
    assert [(g["kode_kompetensi"], g["level_aktual"], g["kesenjangan"]) for g in gaps] == [
        ("T.PEG.04", "1", "2"),
        ("M.01", "2", "1"),
        ("SK.01", "", "2"),  # not scored: an empty cell, never 0
        ("M.02", "3", "0"),
    ]
    moves = list(csv.DictReader(io.StringIO(_table_text("mutasi"))))
    assert [(m["jenis_mutasi"], m["penyetaraan"], m["kesiapan"]) for m in moves] == [
        ("horizontal", "tidak", "88"),
        ("diagonal", "ya", "75.5"),  # a decimal point whatever the locale
    ]


def _table_text(name: str) -> str:
    return table_text(name, [report()], Setting.of(policy(), "id"))[0]


def test_the_match_is_printed_as_it_was_categorised() -> None:
    # 79.96 is "masih memenuhi syarat"; printed as 80 it would contradict its own category.
    text = _documents("id", "gaps", ("md",))["md"].decode("utf-8")
    assert "| Kecocokan (JPM) | 79,96 % |" in text and "| Kategori | Masih memenuhi syarat |" in text


def test_numbers_are_written_as_the_locale_writes_them() -> None:
    assert (number(72.5, "id"), number(72.5, "en"), number(80.0, "id"), number(-0.01, "id")) == (
        "72,5",
        "72.5",
        "80",
        "0",
    )


def test_a_person_id_never_leaves_the_folder_as_a_file_name() -> None:
    assert file_stem("P-0001") == "P-0001"
    for hostile in ("../../etc/passwd", ".hidden", "a/b", "x" * 200, "", "ñame"):
        stem = file_stem(hostile)
        assert "/" not in stem and not stem.startswith(".") and 0 < len(stem) <= 80
    assert file_stem("a/b") != file_stem("a_b")


def _asked(handed: list[str]):
    def report_of(result: list[str], i: int) -> PersonReport:
        handed.append(result[i])
        return report(result[i])

    return report_of


def test_a_step_writes_its_section_one_person_at_a_time(tmp_path: Path, corpus: Corpus) -> None:
    setting = Setting.of(policy(), "id")
    handed: list[str] = []
    writer = PrivateWriter(tmp_path / "hasil")
    written = write_people(
        [["P-0", "P-1"], ["P-2"]],  # two chunks of the engine's results
        _asked(handed),
        writer,
        step="gaps",
        setting=setting,
        formats=("md",),
        templates=Templates(None),
        positions={},
        source=_source(corpus),
    )
    writer.commit()
    assert handed == ["P-0", "P-1", "P-2"]
    assert (written.people, written.documents, written.rows) == (3, 3, {})
    assert sorted(p.name for p in (tmp_path / "hasil" / "kesenjangan").iterdir()) == [
        "P-0.md",
        "P-1.md",
        "P-2.md",
    ]


def _source(corpus: Corpus) -> chunk_rows.Source:
    """What the tables read of the standards (the documents of these tests read nothing of it)."""
    people = People(corpus, corpus.development, plans=True, requirements=Requirements.of(corpus))
    return chunk_rows.Source.of(corpus, people.requirements, people.catalogue)


@pytest.mark.skipif(not forkable_workers(), reason="needs fork and two cores")
def test_documents_written_by_workers_are_those_written_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus: Corpus
) -> None:
    setting = Setting.of(policy(), "id")

    def written(folder: Path) -> dict[str, bytes]:
        writer = PrivateWriter(folder)
        result = write_people(
            [[f"P-{i}" for i in range(start, min(start + 4, 11))] for start in range(0, 11, 4)],
            _asked([]),
            writer,
            step="moves",
            setting=setting,
            formats=("md", "docx"),
            templates=Templates(None),
            positions=positions(),
            source=_source(corpus),
            expected=11,
        )
        writer.commit()
        assert result.documents == 22
        return files_of(folder)

    here = written(tmp_path / "sini")
    monkeypatch.setattr(people_documents, "PARALLEL_FROM_PEOPLE", 2)
    monkeypatch.setattr(people_documents, "BATCH", 3)
    assert written(tmp_path / "pekerja") == here


def test_tables_from_columns_are_the_tables_from_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus: Corpus
) -> None:
    """Every table written straight from a chunk's columns says, to the byte, what the reports say, on
    the shipped standards and example assessment (ties, unscored cells, 9-box, plans without gaps,
    moves by penyetaraan)."""
    assessments = read_assessments(REPO / "contoh" / "asesmen-contoh.csv", Index.of(corpus), chunk_rows=13)
    requirements = Requirements.of(corpus)
    mobility = Mobility.of(corpus, corpus.development.equivalences)
    assert corpus.development.match is not None
    finder = MobilityMoves(mobility, requirements, corpus.development.match)
    people = People(corpus, corpus.development, plans=True, moves=finder, requirements=requirements)
    setting = Setting.of(corpus.development, "id")
    source = chunk_rows.Source.of(corpus, people.requirements, people.catalogue)
    monkeypatch.setattr(chunk_rows, "BLOCK", 5)  # blocks that end inside chunks
    compared: dict[str, int] = {}
    for result in people.run(assessments.chunks()):
        reports = [people.report(result, i) for i in range(len(result))]
        for from_columns, from_report in (
            (chunk_rows.gap_rows, reference_rows.gap_rows),
            (chunk_rows.summary_rows, reference_rows.summary_rows),
            (chunk_rows.plan_rows, reference_rows.plan_rows),
            (chunk_rows.move_rows, reference_rows.move_rows),
        ):
            expected = [row for r in reports for row in from_report(r, setting)]
            assert [row for block in from_columns(result, source, setting) for row in block] == expected
            compared[from_columns.__name__] = compared.get(from_columns.__name__, 0) + len(expected)
    assert compared["summary_rows"] == 40 and compared["move_rows"] == 400  # ten moves each
    assert compared["gap_rows"] > 400 and compared["plan_rows"] > 80

    def never(result: object, i: int) -> PersonReport:
        raise AssertionError("no report is built for tables written from columns")

    writer = PrivateWriter(tmp_path / "hasil")
    written = write_people(
        people.run(assessments.chunks()),
        never,
        writer,
        step="gaps",
        setting=setting,
        formats=("csv",),
        templates=Templates(None),
        positions=corpus.positions,
        source=source,
    )
    writer.commit()
    assert written.people == 40 and written.rows["ringkasan.csv"] == 40
