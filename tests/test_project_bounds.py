"""The bound on a whole project (KMP019): every command that reads a project refuses one whose standards
files together pass it, from their sizes, before a file is read. The bounds are lowered here instead of
writing hundreds of megabytes."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kompiler import project as project_module

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = "jabatan/rusak.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The minimal project plus a position that does not parse: a command that read it would say so."""
    target = tmp_path / "standar"
    shutil.copytree(FIXTURES / "minimal", target)
    (target / BROKEN).write_text("kode: [tidak ditutup\n", encoding="utf-8")
    return target


def _total(project: Path) -> int:
    return sum(path.stat().st_size for path in project.rglob("*.yaml"))


@pytest.fixture
def over_bytes(project: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """The byte bound one byte below what the project's standards files hold; returns that total."""
    total = _total(project)
    monkeypatch.setattr(project_module, "MAX_PROJECT_BYTES", total - 1)
    return total


def _refused(result: Result, total: int | None = None) -> str:
    """Assert ``result`` is the project's refusal, not a report of its files; return its output."""
    output = result.output
    assert result.exit_code == 2, output
    assert "KMP019" in output, output
    assert "kode: [tidak ditutup" not in output and "KMP002" not in output, output
    if total is not None:
        assert f"{total:,}" in output and f"{total - 1:,}" in output, output
    return output


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--locale", "en", "standar"],
        ["check", "--locale", "en", "--no-cache", "standar"],
        ["check", "--locale", "en", "standar/jabatan/analis-keuangan.yaml"],
        ["fmt", "--locale", "en", "--check", "standar"],
        ["fmt", "--locale", "en", "standar/jabatan/analis-keuangan.yaml"],
        ["migrate", "--locale", "en", "standar"],
        ["merge", "--locale", "en", "standar"],
    ],
    ids=["check", "check-no-cache", "check-one-file", "fmt-check", "fmt-one-file", "migrate", "merge"],
)
def test_every_command_refuses_a_project_past_the_byte_bound(
    run_cli: Callable[..., Result], project: Path, over_bytes: int, args: list[str]
) -> None:
    """Located at the project's folder, saying the limit and what was found, exit 2, no file read."""
    before = {path: path.read_bytes() for path in project.rglob("*.yaml")}
    output = _refused(run_cli(args, project.parent), over_bytes)
    assert "standar: error KMP019: This project is too large" in output, output
    assert {path: path.read_bytes() for path in project.rglob("*.yaml")} == before


def test_the_refusal_is_in_indonesian_by_default(
    run_cli: Callable[..., Result], project: Path, over_bytes: int
) -> None:
    output = _refused(run_cli(["check", "standar"], project.parent))
    grouped = f"{over_bytes:_}".replace("_", ".")
    assert (
        f"standar: galat KMP019: Proyek ini terlalu besar: 9 berkas standarnya berjumlah {grouped} bita"
        in output
    )


def test_build_writes_nothing_for_a_project_past_the_bound(
    run_cli: Callable[..., Result], project: Path, over_bytes: int
) -> None:
    _refused(run_cli(["build", "--locale", "en", "standar", "-o", "keluaran"], project.parent), over_bytes)
    assert not (project.parent / "keluaran").exists()
    assert not (project / "output").exists()


def test_people_refuse_a_project_past_the_bound(
    run_cli: Callable[..., Result], project: Path, over_bytes: int
) -> None:
    (project.parent / "asesmen.csv").write_text("id,kode_jabatan\nP-0001,X\n", encoding="utf-8")
    for command in ("check", "gaps"):
        args = ["people", command, "--locale", "en", "-p", "standar", "asesmen.csv"]
        _refused(run_cli(args, project.parent), over_bytes)


def test_a_project_at_the_byte_bound_is_read(
    run_cli: Callable[..., Result], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(project_module, "MAX_PROJECT_BYTES", _total(project))
    result = run_cli(["check", "--locale", "en", "standar"], project.parent)
    assert result.exit_code == 1, result.output
    assert "KMP002" in result.output and "KMP019" not in result.output


def test_the_count_of_files_is_bounded_too(
    run_cli: Callable[..., Result], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many tiny files cost memory by their number, whatever their bytes."""
    monkeypatch.setattr(project_module, "MAX_PROJECT_FILES", 8)
    output = _refused(run_cli(["check", "--locale", "en", "standar"], project.parent))
    assert "This project holds more than 8 standards files (the limit); no file was read." in output
    monkeypatch.setattr(project_module, "MAX_PROJECT_FILES", 9)
    assert "KMP019" not in run_cli(["check", "--locale", "en", "standar"], project.parent).output


def test_a_file_over_its_own_bound_is_refused_alone_not_counted(
    run_cli: Callable[..., Result], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 9 GB sparse file is KMP001 at its name, as before: it is never read, so it costs the project
    nothing beyond its place in the count."""
    monkeypatch.setattr(project_module, "MAX_PROJECT_BYTES", _total(project))
    with (project / "jabatan" / "besar.yaml").open("wb") as handle:
        handle.truncate(9 * 1024**3)
    result = run_cli(["check", "--locale", "en", "--no-cache", "standar"], project.parent)
    assert result.exit_code == 1, result.output
    assert "standar/jabatan/besar.yaml: error KMP001" in result.output
    assert "KMP019" not in result.output


def test_links_count_what_they_lead_to(
    run_cli: Callable[..., Result], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link inside the project to one of its files is read as a file of its own, so it counts."""
    monkeypatch.setattr(project_module, "MAX_PROJECT_BYTES", _total(project))
    os.symlink("analis-keuangan.yaml", project / "jabatan" / "salinan.yaml")
    _refused(run_cli(["check", "--locale", "en", "standar"], project.parent))
