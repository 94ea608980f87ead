"""A word longer than its line in the amendment document's PDF (a pasted URL, a code without spaces, in a
changed task or summary) is printed whole and inside the page, as in the appendix: it breaks where it
must rather than run off the paper, where the PDF prints nothing of it."""

from __future__ import annotations

import re
from pathlib import Path

from git_project import POSITION, GitProject

from tests.pdf_words import needs_pdftotext, past_right_margin, printed_words

# The amendment's right margin, in centimetres.
RIGHT_MARGIN = 2
URL = "https://contoh.go.id/"


def lengthen(data: dict) -> None:
    """One overlong word per changed field, each its own letter, so each is counted apart in the PDF."""
    data["tugas"].append("Menyusun kajian " + "W" * 300 + " daerah")
    data["ikhtisar"] += f" {URL}" + "X" * 300


@needs_pdftotext
def test_an_overlong_word_is_printed_whole_and_inside_the_page(
    project: GitProject, run_cli, tmp_path: Path
) -> None:
    project.edit(POSITION, lengthen)
    out = tmp_path / "perubahan"
    result = run_cli(["diff", "--amendment", str(out)], project.top)
    assert result.exit_code == 0, result.output
    words = printed_words(out / "perubahan.pdf")
    assert past_right_margin(words, RIGHT_MARGIN) == []
    for letter in "WX":
        pieces = [word for _, word in words if re.fullmatch(f"({re.escape(URL)})?{letter}+\\W*", word)]
        printed = sum(word.count(letter) for word in pieces)
        assert printed == 300, f"{letter}: {printed} of 300 characters printed"
