"""The text report's excerpt: the source line and a caret under the column the diagnostic names, also
when the line is far longer than a terminal or a CI log shows."""

from __future__ import annotations

from pathlib import Path

from kompiler.diagnostics import Diagnostic, Location, Message, Severity, Span
from kompiler.report import ReportInput
from kompiler.report.text import EXCERPT_LENGTH, render

POSITION = "jabatan/analis-keuangan.yaml"


def _excerpt(line: str, column: int, end_column: int) -> tuple[str, str]:
    """The quoted line and the caret line under a diagnostic at ``column`` of ``line`` (line 7)."""
    diagnostic = Diagnostic(
        Severity.ERROR, "KMP002", Message("x", "x"), Location("f.yaml", Span(7, column, 7, end_column))
    )
    text = render(ReportInput([diagnostic], "en", 1, lambda file, number: line), with_summary=False)
    quoted, caret = text.splitlines()[1:3]
    return quoted.split(" | ", 1)[1], caret.split("| ", 1)[1]


def _under(quoted: str, caret: str) -> str:
    """The characters of ``quoted`` the caret's ``^`` stand under."""
    return "".join(quoted[i] for i, mark in enumerate(caret) if mark == "^")


def test_a_caret_far_along_a_long_line_points_at_a_shown_character() -> None:
    """A 5,000-character key: the colon at 65:5003 was quoted past any screen, the caret line blank."""
    line = "  " + "k" * 5000 + ": 1"
    quoted, caret = _excerpt(line, 5003, 5004)
    assert len(quoted) <= EXCERPT_LENGTH + 2
    assert quoted.startswith("…") and quoted.endswith("k: 1")
    assert _under(quoted, caret) == ":"


def test_a_long_line_is_cut_around_the_column_with_both_cuts_marked() -> None:
    line = "a" * 3000 + "SALAH" + "b" * 3000
    quoted, caret = _excerpt(line, 3001, 3006)
    assert quoted.startswith("…") and quoted.endswith("…")
    assert _under(quoted, caret) == "SALAH"
    # a span running past the window is underlined to the window's end, never beyond
    quoted, caret = _excerpt(line, 3001, 6006)
    assert _under(quoted, caret) == quoted[quoted.index("SALAH") : -1]


def test_the_start_of_a_long_line_is_shown_from_its_beginning() -> None:
    line = "  kunci: " + "x" * 1000
    quoted, caret = _excerpt(line, 3, 8)
    assert quoted.startswith("  kunci: ") and quoted.endswith("…")
    assert _under(quoted, caret) == "kunci"


def test_a_short_line_is_quoted_whole(minimal_project: Path, run_cli) -> None:
    path = minimal_project / POSITION
    path.write_text(path.read_text(encoding="utf-8").replace("level: 3", "level: 9", 1), encoding="utf-8")
    result = run_cli(["check", "."], minimal_project)
    lines = result.output.splitlines()
    at = next(i for i, line in enumerate(lines) if "KMP011" in line)
    quoted, caret = lines[at + 1].split(" | ", 1)[1], lines[at + 2].split("| ", 1)[1]
    assert quoted.strip() == "level: 9"
    assert _under(quoted, caret) == "9"
