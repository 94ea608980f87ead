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
        f"{CODE}.{e}" for e in ("docx", "html", "md", "pdf")
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
    (output / "site").mkdir(parents=True)
    (output / "site" / "index.html").write_text("situs sebelumnya", encoding="utf-8")
    (output / f"{CODE}.md").write_text("versi lama", encoding="utf-8")
    result = run_cli(["build", ".", "--only", CODE, "-o", str(output), "--quiet"], render_project)
    assert result.exit_code == 0, result.output
    assert (output / "site" / "index.html").read_text(encoding="utf-8") == "situs sebelumnya"
    assert "versi lama" not in (output / f"{CODE}.md").read_text(encoding="utf-8")
    assert sorted(p.name for p in output.parent.iterdir() if p.name.startswith(".")) == []


def test_only_an_unknown_code_is_a_usage_error_with_a_suggestion(
    render_project: Path, run_cli: Callable[..., Result]
) -> None:
    output = render_project.parent / "satu"
    result = run_cli(["build", ".", "--only", "NTB.JF.ASDMA.MUDO", "-o", str(output)], render_project)
    assert result.exit_code == 2
    assert "did you mean: NTB.JF.ASDMA.MUDA," in result.output
    assert not output.exists()
