"""``kompiler check`` end to end: golden reports in every format and locale, and the exit-code contract."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import FIXTURES


@pytest.fixture
def broken_project(minimal_project: Path) -> Path:
    """The minimal project plus one broken file for every diagnostic layer (syntax, schema, references)."""
    shutil.copytree(FIXTURES / "broken-overlay", minimal_project, dirs_exist_ok=True)
    return minimal_project


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
@pytest.mark.parametrize("locale", ["id", "en"])
def test_report_golden(
    broken_project: Path,
    run_cli: Callable[..., Result],
    golden: Callable[[str, str], None],
    output_format: str,
    locale: str,
) -> None:
    result = run_cli(["check", ".", "--format", output_format, "--locale", locale], broken_project)
    assert result.exit_code == 1
    suffix = {"text": "txt", "json": "json", "github": "github.txt", "sarif": "sarif.json"}[output_format]
    golden(f"check/broken.{locale}.{suffix}", result.stdout)


def test_every_layer_is_reported_with_a_location(
    broken_project: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli(["check", ".", "--format", "json"], broken_project)
    report = json.loads(result.stdout)
    codes = {d["code"] for d in report["diagnostics"]}
    assert {"KMP001", "KMP002", "KMP003", "KMP004", "KMP011", "KMP020", "KMP021", "KMP010"} <= codes
    located = [d for d in report["diagnostics"] if d["code"] != "KMP010"]
    assert all(d["line"] and d["column"] for d in located)


def test_sarif_is_structurally_valid(broken_project: Path, run_cli: Callable[..., Result]) -> None:
    sarif = json.loads(run_cli(["check", ".", "--format", "sarif"], broken_project).stdout)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        region = result["locations"][0]["physicalLocation"].get("region")
        if region:
            assert region["startLine"] >= 1 and region["startColumn"] >= 1


def test_clean_project_exits_zero(minimal_project: Path, run_cli: Callable[..., Result]) -> None:
    result = run_cli(["check", "."], minimal_project)
    assert result.exit_code == 0
    assert result.stdout.strip() == "0 galat, 0 peringatan dalam 8 berkas."


def test_checking_one_file_reports_only_that_file(
    broken_project: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli(["check", "jabatan/skema.yaml", "--format", "json"], broken_project)
    files = {d["file"] for d in json.loads(result.stdout)["diagnostics"]}
    assert files == {"jabatan/skema.yaml"}
    assert result.exit_code == 1


def test_one_file_outside_any_project_says_why(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    """The one-file filter once hid KMP015: the check printed 0 problems and exited 2 without a reason."""
    loose = tmp_path / "lepas"
    loose.mkdir()
    shutil.copy(FIXTURES / "minimal" / "jabatan" / "analis-keuangan.yaml", loose)
    result = run_cli(["check", str(loose / "analis-keuangan.yaml")], tmp_path)
    assert result.exit_code == 2
    assert "galat KMP015: Ini bukan proyek standar" in result.stdout


def test_a_file_the_project_does_not_read_is_a_usage_error(
    minimal_project: Path, run_cli: Callable[..., Result]
) -> None:
    (minimal_project / "README.md").write_text("# Standar\n", encoding="utf-8")
    result = run_cli(["check", "README.md", "--locale", "en"], minimal_project)
    assert result.exit_code == 2
    assert "README.md: error KMP085: This is not a standards file of the project" in result.stdout


def test_one_file_shows_a_broken_configuration(minimal_project: Path, run_cli: Callable[..., Result]) -> None:
    """Exit 2 for a broken kompiler.yaml comes with the diagnostic that says so, whichever file is checked."""
    with (minimal_project / "kompiler.yaml").open("a", encoding="utf-8") as project_file:
        project_file.write("tidak_dikenal: 1\n")
    result = run_cli(["check", "jabatan/analis-keuangan.yaml", "--format", "json"], minimal_project)
    assert result.exit_code == 2
    assert {d["file"] for d in json.loads(result.stdout)["diagnostics"]} == {"kompiler.yaml"}


@pytest.mark.parametrize(
    ("name", "ending", "meant"),
    [
        ("baru.YAML", ".YAML", "baru.yaml"),
        ("baru2.yaml.txt", ".yaml.txt", "baru2.yaml"),
        ("baru.yml~", ".yml~", "baru.yml"),
    ],
)
def test_a_position_kompiler_does_not_read_is_a_warning_on_every_run(
    minimal_project: Path, run_cli: Callable[..., Result], name: str, ending: str, meant: str
) -> None:
    """A misnamed position once vanished from the check and the build without a word; the warning comes
    from discovery, so a run answered from the cache says it too."""
    shutil.copy(minimal_project / "jabatan" / "analis-keuangan.yaml", minimal_project / "jabatan" / name)
    for _ in range(2):
        result = run_cli(["check", ".", "--locale", "en"], minimal_project)
        assert result.exit_code == 0
        assert result.stdout == (
            f"jabatan/{name}: warning KMP018: This file is not read: the ending {ending} "
            f"is not read, only .yaml or .yml; rename it to {meant}.\n"
            "0 error(s), 1 warning(s) in 8 file(s).\n"
        )


@pytest.mark.parametrize(
    ("name", "code"),
    [("jabatan/baru.YAML", "KMP018"), ("jabatan/baru.yaml.txt", "KMP018"), ("catatan.yaml", "KMP010")],
)
def test_check_and_fmt_give_one_reason_for_a_file_kompiler_does_not_read(
    minimal_project: Path, run_cli: Callable[..., Result], name: str, code: str
) -> None:
    """check warned (KMP018, exit 0) while fmt refused the same file as "not a standards file of the
    project" (KMP085, exit 2), which a .yaml file in jabatan/ seemed to be: fmt now refuses it for the
    reason check gives, and leaves it as it is."""
    target = minimal_project / name
    target.write_text("kode:   NTB.JF.BARU\n", encoding="utf-8")
    check = run_cli(["check", name, "--locale", "en"], minimal_project)
    fmt = run_cli(["fmt", name, "--locale", "en"], minimal_project)
    [warning] = check.stdout.splitlines()[:-1]
    assert check.exit_code == 0 and warning.startswith(f"{name}: warning {code}: ")
    reason = warning.split(f"{code}: ", 1)[1]
    assert fmt.exit_code == 2
    assert fmt.stderr.splitlines()[0] == (
        f"{name}: error KMP085: {reason} A file kompiler does not read is not rewritten."
    )
    assert target.read_text(encoding="utf-8") == "kode:   NTB.JF.BARU\n"


def test_what_plainly_is_no_standard_is_not_reported(
    minimal_project: Path, run_cli: Callable[..., Result]
) -> None:
    """Documentation, hidden files, the system's litter and an editor's backup beside its original."""
    positions = minimal_project / "jabatan"
    for name in ("README.md", ".gitkeep", ".analis-keuangan.yaml.swp", "Thumbs.db", "analis-keuangan.yaml~"):
        (positions / name).write_text("x", encoding="utf-8")
    (minimal_project / "Makefile").write_text("x", encoding="utf-8")
    result = run_cli(["check", "."], minimal_project)
    assert result.stdout.strip() == "0 galat, 0 peringatan dalam 8 berkas."


def test_another_file_in_a_standards_folder_is_reported(
    minimal_project: Path, run_cli: Callable[..., Result]
) -> None:
    (minimal_project / "kamus" / "catatan.docx").write_bytes(b"PK")
    result = run_cli(["check", ".", "--format", "json"], minimal_project)
    [diagnostic] = json.loads(result.stdout)["diagnostics"]
    assert (diagnostic["code"], diagnostic["file"], diagnostic["severity"]) == (
        "KMP018",
        "kamus/catatan.docx",
        "warning",
    )


def test_explain_knows_the_code_of_files_not_read(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    result = run_cli(["explain", "KMP018", "--locale", "en"], tmp_path)
    assert result.exit_code == 0
    assert "File in a standards folder is not read" in result.stdout


def test_quiet_shows_errors_only(broken_project: Path, run_cli: Callable[..., Result]) -> None:
    result = run_cli(["check", ".", "--quiet", "--format", "json"], broken_project)
    assert {d["severity"] for d in json.loads(result.stdout)["diagnostics"]} == {"error"}


def test_warnings_alone_exit_zero(minimal_project: Path, run_cli: Callable[..., Result]) -> None:
    (minimal_project / "catatan.yaml").write_text("a: 1\n", encoding="utf-8")
    result = run_cli(["check", "."], minimal_project)
    assert result.exit_code == 0
    assert "KMP010" in result.stdout


def test_broken_project_file_is_a_configuration_error(
    minimal_project: Path, run_cli: Callable[..., Result]
) -> None:
    path = minimal_project / "kompiler.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("schema_version: 1", "schema_version: 9"), "utf-8"
    )
    result = run_cli(["check", "."], minimal_project)
    assert result.exit_code == 2
    assert "kompiler.yaml:4:17" in result.stdout


def test_missing_path_is_a_usage_error(minimal_project: Path, run_cli: Callable[..., Result]) -> None:
    result = run_cli(["check", "tidak-ada"], minimal_project)
    assert result.exit_code == 2


def test_unknown_option_is_a_usage_error(minimal_project: Path, run_cli: Callable[..., Result]) -> None:
    assert run_cli(["check", ".", "--format", "xml"], minimal_project).exit_code == 2


def test_internal_error_exits_3_without_traceback(
    minimal_project: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("kompiler.cli.check.check_path", explode)
    result = run_cli(["check", "."], minimal_project)
    assert result.exit_code == 3
    assert "galat internal" in result.stderr and "Traceback" not in result.output


def test_english_locale_from_environment(
    broken_project: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOMPILER_LOCALE", "en")
    result = run_cli(["check", "."], broken_project)
    assert "error(s)" in result.stdout
