"""A word longer than its line (a pasted URL, a code without spaces, or a pull request that wants to
deface the regulation) is printed whole and inside the page: it breaks where it must rather than run
past its cell, over the next column and off the paper, where a PDF prints nothing of it."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import RENDER_FIXTURE, build_project
from tests.pdf_words import needs_pdftotext, past_right_margin, printed_words

POSITION = "jabatan/analis-sdm-aparatur.yaml"
# One word per field, each its own letter, so every one is counted apart in the PDF's text.
LONG = {
    "urusan: Kepegawaian": ("urusan: ", "Q" * 300),
    "ikhtisar: Melakukan analisis": ("ikhtisar: Melakukan ", "W" * 300 + " analisis"),
    "  - uraian: Pelatihan Fungsional": ("  - uraian: Pelatihan ", "X" * 300 + " Fungsional"),
}
# The appendix's right margin, in centimetres.
RIGHT_MARGIN = 2


def long_word_project(project: Path) -> Path:
    """``project`` (the render fixture) with an overlong word in its SKJ's header, summary and
    requirements."""
    path = project / POSITION
    text = path.read_text(encoding="utf-8")
    for old, (start, word) in LONG.items():
        assert old in text
        text = text.replace(old, start + word, 1)
    path.write_text(text, encoding="utf-8")
    return project


@needs_pdftotext
def test_an_overlong_word_is_printed_whole_and_inside_the_page(tmp_path: Path) -> None:
    project = tmp_path / "standar"
    shutil.copytree(RENDER_FIXTURE, project)
    output = build_project(long_word_project(project), tmp_path / "keluaran", formats=("pdf",))
    words = printed_words(output / "lampiran.pdf")
    assert past_right_margin(words, RIGHT_MARGIN) == []
    for letter in "QWX":
        printed = sum(word.count(letter) for _, word in words if set(word) == {letter})
        assert printed == 300, f"{letter}: {printed} of 300 characters printed"
