"""``kompiler build --only KODE``: one position's SKJ alone, and clean errors for what cannot be built."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
from click.testing import Result

CODE = "NTB.JF.ASDMA.MUDA"


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


def test_only_keeps_the_rest_of_a_previous_full_build(
    render_project: Path, run_cli: Callable[..., Result]
) -> None:
    output = render_project.parent / "keluaran"
    assert run_cli(["build", ".", "-o", str(output), "--quiet"], render_project).exit_code == 0
    site = (output / "site" / "index.html").read_bytes()
    old_skj = (output / "jabatan" / f"{CODE}.md").read_bytes()
    result = run_cli(["build", ".", "--only", CODE, "-o", str(output), "--quiet"], render_project)
    assert result.exit_code == 0, result.output
    assert (output / "site" / "index.html").read_bytes() == site
    assert (output / "jabatan" / f"{CODE}.md").read_bytes() == old_skj
    assert (output / f"{CODE}.md").is_file() and (output / "lampiran.md").is_file()
    assert sorted(p.name for p in output.iterdir() if p.name.startswith(".")) == [".kompiler-output"]
    assert sorted(p.name for p in output.parent.iterdir()) == ["keluaran", "standar"]
    again = run_cli(["build", ".", "-o", str(output), "--quiet"], render_project)
    assert again.exit_code == 0, again.output + again.stderr
    assert not (output / f"{CODE}.md").exists()


def test_only_an_unknown_code_is_a_usage_error_with_a_suggestion(
    render_project: Path, run_cli: Callable[..., Result]
) -> None:
    output = render_project.parent / "satu"
    result = run_cli(["build", ".", "--only", "NTB.JF.ASDMA.MUDO", "-o", str(output)], render_project)
    assert result.exit_code == 2
    assert "did you mean: NTB.JF.ASDMA.MUDA," in result.output
    assert not output.exists()
