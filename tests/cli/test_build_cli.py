"""``kompiler build``: the compiled model lands in the output folder, and a failed build changes nothing."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kompiler import pipeline
from kompiler.build import orchestrate
from kompiler.runtime import processes
from tests.conftest import content_of, files_of


def test_build_writes_the_compiled_model(minimal_project: Path, run_cli: Callable[..., Result]) -> None:
    result = run_cli(["build", ".", "-o", "../keluaran", "--quiet"], minimal_project)
    assert result.exit_code == 0, result.output
    model = json.loads((minimal_project.parent / "keluaran" / "model.json").read_text(encoding="utf-8"))
    assert [p["kode"] for p in model["jabatan"]] == ["NTB.JF.AKPD.MUDA"]
    position = model["jabatan"][0]
    assert position["kompetensi"]["teknis"] == [
        {"kode": "T.KEU.01", "level": 3},
        {"kode": "T.KEU.02", "level": 2},
    ]
    assert position["persyaratan"]["pangkat"] == {"golongan": "III/c", "tingkat": "mutlak"}
    assert len([c for c in model["kompetensi"] if c["jenis"] == "manajerial"]) == 8


def test_failed_build_leaves_previous_output_untouched(
    minimal_project: Path, run_cli: Callable[..., Result]
) -> None:
    output = minimal_project.parent / "keluaran"
    assert run_cli(["build", ".", "-o", str(output), "--quiet"], minimal_project).exit_code == 0
    before = files_of(output)
    position = minimal_project / "jabatan" / "analis-keuangan.yaml"
    position.write_text(
        position.read_text(encoding="utf-8").replace("jenjang: AHLI-MUDA", "jenjang: AHLI-TUA"), "utf-8"
    )
    result = run_cli(["build", ".", "-o", str(output)], minimal_project)
    assert result.exit_code == 1
    assert "KMP020" in result.stdout
    after = files_of(output)
    assert after == before
    assert sorted(p.name for p in output.parent.iterdir()) == ["keluaran", "standar"]


def test_build_is_byte_identical_across_runs(minimal_project: Path, run_cli: Callable[..., Result]) -> None:
    first, second = minimal_project.parent / "a", minimal_project.parent / "b"
    assert run_cli(["build", ".", "-o", str(first), "--quiet"], minimal_project).exit_code == 0
    assert run_cli(["build", ".", "-o", str(second), "--quiet"], minimal_project).exit_code == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for relative in files:
        assert content_of(first / relative) == content_of(second / relative), relative


def _killed(*args: object, **kwargs: object) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.parametrize("stage", ["_compiled", "_graph_stage"])
def test_a_build_process_the_system_kills_is_reported_and_changes_nothing(
    minimal_project: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    output = minimal_project.parent / "keluaran"
    assert run_cli(["build", ".", "-o", str(output), "--quiet"], minimal_project).exit_code == 0
    before = files_of(output)
    monkeypatch.setattr(processes, "workers", lambda: 2)
    monkeypatch.setattr(orchestrate, stage, _killed)
    result = run_cli(["build", ".", "-o", str(output), "--quiet"], minimal_project)
    assert result.exit_code == 3
    assert "SIGKILL" in result.stderr and "kehabisan memori" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert files_of(output) == before


def test_a_build_after_check_takes_the_checked_files_from_the_cache(
    minimal_project: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = minimal_project.parent / "tanpa-tembolok"
    assert run_cli(["build", ".", "-o", str(fresh), "--quiet"], minimal_project).exit_code == 0
    cache = minimal_project / ".kompiler-cache"
    assert not cache.exists(), "a build writes nothing outside its output"
    assert run_cli(["check", ".", "--quiet"], minimal_project).exit_code == 0
    checked = files_of(cache)

    def parsed_again(*args: object) -> None:
        raise AssertionError("an unchanged file was loaded again")

    monkeypatch.setattr(pipeline, "check_file", parsed_again)
    monkeypatch.setattr(pipeline, "check_batch", parsed_again)
    cached = minimal_project.parent / "dari-tembolok"
    assert run_cli(["build", ".", "-o", str(cached), "--quiet"], minimal_project).exit_code == 0
    assert files_of(cached) == files_of(fresh)
    assert files_of(cache) == checked


def test_an_unknown_executor_is_a_usage_error(minimal_project: Path, run_cli: Callable[..., Result]) -> None:
    result = run_cli(["build", ".", "-o", "../keluaran", "--executor", "awan"], minimal_project)
    assert result.exit_code == 2
    assert "Unknown executor 'awan'" in result.stderr
    assert not (minimal_project.parent / "keluaran").exists()


def _parsed(output_format: str, stdout: str) -> list[str]:
    """The codes in a machine format's report, which must be the whole of standard output."""
    if output_format == "github":  # workflow commands, then the closing count GitHub shows as a line
        *commands, count = stdout.splitlines()
        assert all(line.startswith("::") for line in commands) and not count.startswith("::"), stdout
        return [line.split("title=", 1)[1].split("::", 1)[0] for line in commands]
    document = json.loads(stdout)
    if output_format == "sarif":
        results = document["runs"][0]["results"]  # a waived finding is a result with a suppression
        return [result["ruleId"] for result in results if "suppressions" not in result]
    if output_format == "gitlab":
        return [issue["check_name"] for issue in document]
    return [diagnostic["code"] for diagnostic in document["diagnostics"]]


@pytest.mark.parametrize("output_format", ["json", "sarif", "gitlab", "github"])
@pytest.mark.parametrize("found", [[], ["KMP126"]], ids=["nothing found", "a warning"])
def test_a_machine_format_prints_the_report_alone(
    minimal_project: Path, run_cli: Callable[..., Result], output_format: str, found: list[str]
) -> None:
    """Standard output is one document in the format asked for, empty when nothing was found; the count
    of files written goes to standard error."""
    if found:
        project_file = minimal_project / "kompiler.yaml"
        project_file.write_text(
            project_file.read_text(encoding="utf-8").replace('nomor: "12"', 'nomor: "..."'), "utf-8"
        )
    output = minimal_project.parent / "keluaran"
    result = run_cli(["build", ".", "-o", str(output), "--format", output_format], minimal_project)
    assert result.exit_code == 0, result.output
    assert _parsed(output_format, result.stdout) == found
    assert "file(s) written to" in result.stderr or "berkas ditulis ke" in result.stderr
