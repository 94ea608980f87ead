"""The published appendix quotes the PermenPANRB 38/2017 dictionary word for word, in every format a reader
gets: Markdown, print HTML, Word and PDF.

``tests/model/test_default_dictionary.py`` holds the dictionaries kompiler reads to the regulation; this
holds what it prints, so an escape, a template or a layout step that changes a definition, a level's
description or an indicator (a dropped clause, a number fused with its text, a word lost at a page break)
is caught where the employee reads it. The render fixture carries the whole managerial and socio-cultural
dictionary.
"""

from __future__ import annotations

import csv
import html
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.text.paragraph import Paragraph

REGULATION = Path(__file__).parents[1] / "fixtures" / "kamus-kompetensi-permenpanrb-38-2017.csv"


def _spaced(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _markdown(path: Path) -> str:
    """The Markdown as a reader sees it rendered: line breaks in cells as spaces, escapes undone."""
    text = path.read_text(encoding="utf-8").replace("<br>", " ")
    return _spaced(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text).replace("&amp;", "&"))


def _html(path: Path) -> str:
    return _spaced(html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))))


def _word(path: Path) -> str:
    """Every paragraph of the body and of every table cell, a cell spanning columns once, with the tab
    between an indicator's number and its text as Word shows it."""
    document = docx.Document(str(path))
    body = document.element.body
    paragraphs = (Paragraph(node, document) for node in body.iter(docx.oxml.ns.qn("w:p")))
    return _spaced(" ".join(paragraph.text for paragraph in paragraphs))


def _pdf(path: Path) -> str:
    """The PDF's text in the order it is drawn, every space and line break removed: a cell's text runs on
    across its lines (and a page break), and lines break at spaces or after a slash or a hyphen."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed: apt-get install poppler-utils")
    drawn = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True)
    return re.sub(r"\s+", "", drawn.stdout)


def _regulation_texts() -> list[tuple[str, str]]:
    """(where, text) for every name, definition, level description and numbered indicator."""
    with REGULATION.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    texts: dict[tuple[str, str], str] = {}
    for row in rows:
        code, level = row["kode"], row["level"]
        texts[(code, "nama")] = f"{row['kode']} {row['nama']}"
        texts[(code, "definisi")] = row["definisi"]
        texts[(code, f"level {level}")] = row["deskripsi"]
        texts[(code, f"indikator {row['indikator_no']}")] = f"{row['indikator_no']} {row['indikator']}"
    return [(" ".join(where), _spaced(text)) for where, text in texts.items()]


@pytest.mark.parametrize(
    ("name", "read", "compact"),
    [
        ("lampiran.md", _markdown, False),
        ("lampiran.html", _html, False),
        ("lampiran.docx", _word, False),
        ("lampiran.pdf", _pdf, True),
    ],
)
def test_appendix_prints_the_regulation_dictionary_word_for_word(
    built: Path, name: str, read: Callable[[Path], str], compact: bool
) -> None:
    printed = read(built / name)
    texts = _regulation_texts()
    assert len(texts) == 9 * 2 + 45 + 136
    missing = [
        where for where, text in texts if (re.sub(r"\s+", "", text) if compact else text) not in printed
    ]
    assert missing == [], f"{name} does not print the regulation's text for {missing[:10]}"
