"""The header words of the SKJ tables stay inside their cells in the PDF, in both languages.

Measured on the rasterised page: ``pdftotext -bbox`` says where each header word is drawn, and a word
that runs over its cell has the cell's border (a column of dark pixels as tall as the word) inside its
box. The importance headers ("Mutlak / Penting / Perlu", "Mandatory / Important / Desirable") and
"Level" sit in the narrowest columns, where a wider serif font first pushes them over.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import FIXTURES, REPO

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="poppler-utils (pdftoppm, pdftotext) is not installed: apt-get install poppler-utils",
)

DPI = 150
HEADERS = {
    "id": ("Level", "Mutlak", "Penting", "Perlu"),
    "en": ("Level", "Mandatory", "Important", "Desirable"),
}
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
PAGE = re.compile(r"<page [^>]*>(.*?)</page>", re.S)


def _grey(pgm: Path) -> tuple[int, int, bytes]:
    """Width, height and one grey byte per pixel of the binary PGM that ``pdftoppm -gray`` writes."""
    data = pgm.read_bytes()
    magic, width, height, depth, pixels = data.split(maxsplit=4)
    assert magic == b"P5" and depth == b"255"
    return int(width), int(height), pixels


def _crossed_borders(pdf: Path, words: tuple[str, ...], folder: Path) -> list[str]:
    """The header words whose box holds a border line, on every page that shows them."""
    layout = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True)
    crossed, seen = [], set()
    for number, page in enumerate(PAGE.findall(layout.stdout), start=1):
        boxes = [(w, *map(float, box)) for *box, w in WORD.findall(page) if w in words]
        if not boxes:
            continue
        stem = folder / f"p{number}"
        subprocess.run(
            [
                "pdftoppm",
                "-gray",
                "-r",
                str(DPI),
                "-f",
                str(number),
                "-l",
                str(number),
                str(pdf),
                str(stem),
            ],
            check=True,
        )
        width, _, pixels = _grey(next(folder.glob(f"p{number}-*.pgm")))
        scale = DPI / 72
        for word, x0, y0, x1, y1 in boxes:
            seen.add(word)
            top, bottom = round(y0 * scale) + 1, round(y1 * scale) - 1
            for x in range(round(x0 * scale) + 1, round(x1 * scale) - 1):
                if all(pixels[y * width + x] < 110 for y in range(top, bottom)):
                    crossed.append(f"{word} (page {number})")
                    break
    assert seen == set(words), f"header words not found in the PDF: {set(words) - seen}"
    return crossed


@needs_poppler
@pytest.mark.parametrize(("locale", "font"), [("id", None), ("en", None), ("en", "DejaVu Serif")])
def test_header_words_stay_inside_their_cells(
    locale: str, font: str | None, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    """``font``: the print stylesheet's first choice replaced by a wider font, as on a machine without
    Times New Roman or Liberation Serif (a project's own templates/ overrides the shipped stylesheet)."""
    project = tmp_path / "standar"
    shutil.copytree(FIXTURES / "minimal", project)
    if font is not None:
        css = (REPO / "templates" / "appendix" / "print.css").read_text(encoding="utf-8")
        (project / "templates" / "appendix").mkdir(parents=True)
        (project / "templates" / "appendix" / "print.css").write_text(
            css.replace('"Times New Roman", "Liberation Serif", "DejaVu Serif"', f'"{font}"'),
            encoding="utf-8",
        )
    result = run_cli(
        [
            "build",
            ".",
            "-o",
            str(tmp_path / "keluaran"),
            "--only",
            "NTB.JF.AKPD.MUDA",
            "--locale",
            locale,
            "-q",
        ],
        project,
    )
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "keluaran" / "NTB.JF.AKPD.MUDA.pdf"
    assert _crossed_borders(pdf, HEADERS[locale], tmp_path) == []
