"""The appendix as drafters receive it: the PDF rasterised and read back, the .docx opened with python-docx."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="poppler-utils (pdftoppm, pdftotext) is not installed: apt-get install poppler-utils",
)


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


@needs_poppler
def test_pdf_pages_rasterise_and_carry_the_appendix(built: Path, tmp_path: Path) -> None:
    pdf = built / "lampiran.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert "A4" in info
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(pdf), str(tmp_path / "p")], check=True)
    assert len(list(tmp_path.glob("p-*.png"))) == pages
    # Dictionary of 12 competencies × 5 levels plus four one-to-two-page SKJ tables.
    assert 20 <= pages <= 60
    text = pdf_text(pdf)
    first = " ".join(text.split("\f")[0].split())
    for line in ("LAMPIRAN", "PERATURAN GUBERNUR NUSA TENGGARA BARAT", "NOMOR 12 TAHUN 2026", "TENTANG"):
        assert line in first
    assert "BAB I" in first and "KAMUS KOMPETENSI" in first
    assert re.match(r"\s*-\s*2\s*-", text.split("\f")[1]), "pages after the first are numbered at the top"
    assert "STANDAR KOMPETENSI JABATAN" in text
    assert "Analis Sumber Daya Manusia Aparatur Ahli Muda" in text
    assert "LALU MUHAMAD IQBAL" in text.split("\f")[pages - 1]


@needs_poppler
def test_pdf_repeats_table_headers_on_continued_pages(built: Path) -> None:
    pages = pdf_text(built / "lampiran.pdf").split("\f")
    continued = [p for p in pages if "Indikator Kompetensi" in p]
    assert len(continued) > 10, "the header row of a table that runs over is printed again on each page"


def test_docx_holds_real_tables_of_each_position(built: Path) -> None:
    document = docx.Document(str(built / "lampiran.docx"))
    assert document.core_properties.title.startswith("LAMPIRAN PERATURAN GUBERNUR NUSA TENGGARA BARAT")
    headers = [tuple(c.text for c in t.rows[0].cells) for t in document.tables]
    competency_tables = [
        t for t, h in zip(document.tables, headers, strict=True) if h[:2] == ("No", "Kompetensi")
    ]
    assert len(competency_tables) == 4
    first = competency_tables[0]
    rows = [[c.text for c in r.cells] for r in first.rows]
    assert rows[1][0] == "Kompetensi Manajerial"
    assert rows[2][:3] == ["1", "Integritas (M.01)", "2"]
    assert rows[2][4].startswith("2.1\tMengingatkan rekan kerja")
    assert any(r[1] == "Penatausahaan Keuangan Daerah (T.KEU.01)" and r[2] == "3" for r in rows)
    assert first.style.name == "Table Grid"
    header_row = first.rows[0]._tr
    assert header_row.find(docx.oxml.ns.qn("w:trPr")).find(docx.oxml.ns.qn("w:tblHeader")) is not None
    requirement_tables = [
        t for t, h in zip(document.tables, headers, strict=True) if h[0] == "Jenis Persyaratan"
    ]
    assert len(requirement_tables) == 4
    marks = [[c.text for c in r.cells] for r in requirement_tables[0].rows]
    assert ["A. Pendidikan", "Jenjang: S1", "√", "", ""] in marks
    styles = {p.style.name for p in document.paragraphs}
    assert {"Heading 1", "Heading 2", "Heading 3", "Title"} <= styles


def test_markdown_of_one_position_is_a_reviewable_table(built: Path) -> None:
    text = (built / "jabatan" / "NTB.JF.AKPD.MUDA.md").read_text(encoding="utf-8")
    assert text.startswith("# STANDAR KOMPETENSI JABATAN: Analis Keuangan Pusat dan Daerah Ahli Muda\n")
    assert "| 10 | Penatausahaan Keuangan Daerah (T.KEU.01) | 3 |" in text
