"""``kompiler build --only KODE``: one position's SKJ alone, and clean errors for what cannot be built."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import Result

from tests.conftest import files_of

CODE = "NTB.JF.ASDMA.MUDA"
MINIMAL = "NTB.JF.AKPD.MUDA"  # the one position of the minimal fixture project


def test_only_writes_the_skj_of_one_position(render_project: Path, run_cli: Callable[..., Result]) -> None:
    output = render_project.parent / "satu"
    result = run_cli(["build", ".", "--only", CODE, "-o", str(output), "--quiet"], render_project)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in output.iterdir()) == sorted(
        [".kompiler-output", *(f"{CODE}.{e}" for e in ("docx", "html", "md", "pdf"))]
    )
    html = (output / f"{CODE}.html").read_text(encoding="utf-8")
    assert "Analis Sumber Daya Manusia Aparatur Ahli Muda" in html
    assert "Analis Keuangan" not in html and "LAMPIRAN" not in html
    tables = docx.Document(str(output / f"{CODE}.docx")).tables
    assert sum(1 for t in tables if t.rows[0].cells[0].text == "No") == 1


def test_only_replaces_a_previous_full_build(minimal_project: Path, run_cli: Callable[..., Result]) -> None:
    """The full build's site, appendix and model would no longer match the standards once they change, so
    ``--only`` replaces them like any build: the folder then holds only this position's SKJ."""
    output = minimal_project.parent / "keluaran"
    assert run_cli(["build", ".", "-o", str(output), "--quiet"], minimal_project).exit_code == 0
    assert {"site", "lampiran.md", "model.json"} <= {p.name for p in output.iterdir()}
    result = run_cli(["build", ".", "--only", MINIMAL, "-o", str(output), "--quiet"], minimal_project)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in output.iterdir()) == sorted(
        [".kompiler-output", *(f"{MINIMAL}.{e}" for e in ("docx", "html", "md", "pdf"))]
    )
    assert sorted(p.name for p in output.parent.iterdir()) == ["keluaran", "standar"]
    again = run_cli(["build", ".", "-o", str(output), "--quiet"], minimal_project)
    assert again.exit_code == 0, again.output + again.stderr
    assert not (output / f"{MINIMAL}.md").exists() and (output / "site" / "index.html").is_file()


def test_only_never_removes_an_edited_output(minimal_project: Path, run_cli: Callable[..., Result]) -> None:
    """Only unchanged files kompiler wrote are replaced: an edited page stops the build, which then leaves
    the folder as it was."""
    output = minimal_project.parent / "keluaran"
    assert run_cli(["build", ".", "-o", str(output), "--quiet"], minimal_project).exit_code == 0
    edited = output / "site" / "index.html"
    edited.write_text(edited.read_text(encoding="utf-8") + "<!-- catatan -->\n", encoding="utf-8")
    before = files_of(output)
    result = run_cli(["build", ".", "--only", MINIMAL, "-o", str(output), "--quiet"], minimal_project)
    assert result.exit_code == 2
    assert "site/index.html" in result.output
    assert files_of(output) == before


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (
            ["--only", "NTB.JF.ASDMA.MUDO", "--locale", "en"],
            "kompiler: No position with code 'NTB.JF.ASDMA.MUDO'; did you mean: NTB.JF.ASDMA.MUDA, ",
        ),
        (
            ["--only", "NTB.JF.ASDMA.MUDO"],
            "kompiler: jabatan 'NTB.JF.ASDMA.MUDO' tidak ada; maksud Anda: NTB.JF.ASDMA.MUDA, ",
        ),
        # A code typed in lower case had no suggestion.
        (["--only", CODE.lower(), "--locale", "en"], f"'{CODE.lower()}'; did you mean: {CODE}"),
        # A position not yet in force was said not to exist.
        (
            ["--only", CODE, "--as-of", "1990-01-01", "--locale", "en"],
            f"kompiler: Position '{CODE}' is not in force on 1990-01-01; it is in force from 2026-01-01.\n",
        ),
        (
            ["--only", CODE, "--as-of", "1990-01-01"],
            f"kompiler: jabatan '{CODE}' belum berlaku pada 1990-01-01; berlaku mulai 2026-01-01.\n",
        ),
    ],
)
def test_only_a_code_it_cannot_build_is_a_usage_error_saying_why(
    words: list[str], said: str, render_project: Path, run_cli: Callable[..., Result]
) -> None:
    """In the language of the build alone (it was "tidak ada / no position … maksud Anda / did you mean"
    even with ``--locale en``)."""
    output = render_project.parent / "satu"
    result = run_cli(["build", ".", *words, "-o", str(output)], render_project)
    assert result.exit_code == 2
    assert said in result.output, result.output
    assert not output.exists()
