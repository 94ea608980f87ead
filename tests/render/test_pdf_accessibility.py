"""The PDFs are tagged (PDF/UA-1): a structure tree with headings and tables whose header cells are
marked as such, and the document's title, so assistive technology can read them."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import FIXTURES

needs_poppler = pytest.mark.skipif(
    shutil.which("pdfinfo") is None,
    reason="poppler-utils (pdfinfo) is not installed: apt-get install poppler-utils",
)


@needs_poppler
def test_position_pdf_is_tagged_with_tables_and_headers(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    project = tmp_path / "standar"
    shutil.copytree(FIXTURES / "minimal", project)
    result = run_cli(
        ["build", ".", "-o", str(tmp_path / "keluaran"), "--only", "NTB.JF.AKPD.MUDA", "-q"], project
    )
    assert result.exit_code == 0, result.output
    pdf = str(tmp_path / "keluaran" / "NTB.JF.AKPD.MUDA.pdf")
    info = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True, text=True).stdout
    assert "Tagged:          yes" in info
    assert "Title:           STANDAR KOMPETENSI JABATAN Analis Keuangan Pusat dan Daerah Ahli Muda" in info
    structure = subprocess.run(["pdfinfo", "-struct", pdf], check=True, capture_output=True, text=True).stdout
    elements = {line.split()[0].rstrip(":") for line in structure.splitlines() if line.strip()}
    assert {"Document", "H3", "Table", "THead", "TR", "TH", "TD", "L", "LI"} <= elements
