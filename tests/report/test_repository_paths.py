"""The formats a CI service reads (github, gitlab, sarif) name files from the top of the git work tree,
which is what GitHub's annotations and code scanning and GitLab's Code Quality resolve a path against,
wherever the check was run from; the text and JSON reports keep naming them from the working folder."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

POSITION = "standards/jabatan/analis-keuangan.yaml"
REPOSITORY = Path(__file__).parents[2]


@pytest.fixture
def repository(minimal_project: Path, tmp_path: Path) -> Path:
    """A work tree holding the minimal project, broken at one value, as ``standards/``."""
    top = tmp_path / "repo"
    (top / ".git").mkdir(parents=True)
    shutil.copytree(minimal_project, top / "standards")
    path = top / POSITION
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("jenis: fungsional_keahlian", "jenis: salah"), encoding="utf-8")
    return top


def _names(output: str, output_format: str) -> set[str]:
    if output_format == "github":
        return {line.split("file=")[1].split(",")[0] for line in output.splitlines() if line.startswith("::")}
    if output_format == "gitlab":
        return {issue["location"]["path"] for issue in json.loads(output)}
    run = json.loads(output)["runs"][0]
    return {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}


@pytest.mark.parametrize("output_format", ["github", "gitlab", "sarif"])
@pytest.mark.parametrize("where", [".", "standards", "standards/jabatan", "standards/kamus"])
def test_files_are_named_from_the_top_of_the_work_tree(
    repository: Path, run_cli: Callable[..., Result], output_format: str, where: str
) -> None:
    result = run_cli(["check", "--format", output_format], repository / where)
    assert result.exit_code == 1
    assert POSITION in _names(result.stdout, output_format)
    assert str(repository) not in result.stdout


def test_a_project_named_from_outside_the_work_tree_prints_no_machine_folder(
    repository: Path, run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_cli(["check", str(repository / "standards"), "--format", "sarif"], elsewhere)
    assert _names(result.stdout, "sarif") >= {POSITION, "standards/kamus/manajerial.yaml"}
    assert str(tmp_path) not in result.stdout


def test_text_and_json_still_name_files_from_the_working_folder(
    repository: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli(["check", "--format", "json"], repository / "standards")
    assert {d["file"] for d in json.loads(result.stdout)["diagnostics"]} == {"jabatan/analis-keuangan.yaml"}
    assert run_cli(["check"], repository / "standards").stdout.startswith("jabatan/analis-keuangan.yaml:")


@pytest.mark.parametrize("output_format", ["gitlab", "sarif"])
def test_fingerprints_do_not_depend_on_the_working_folder(
    repository: Path, run_cli: Callable[..., Result], output_format: str
) -> None:
    def fingerprints(where: str) -> list[str]:
        output = run_cli(["check", "--format", output_format], repository / where).stdout
        if output_format == "gitlab":
            return [issue["fingerprint"] for issue in json.loads(output)]
        return [
            r["partialFingerprints"]["kompilerFinding/v1"] for r in json.loads(output)["runs"][0]["results"]
        ]

    assert fingerprints(".") == fingerprints("standards") == fingerprints("standards/jabatan")


@pytest.mark.parametrize("output_format", ["github", "gitlab", "sarif"])
def test_a_build_with_an_assessment_file_names_it_from_the_top_too(
    run_cli: Callable[..., Result], tmp_path: Path, output_format: str
) -> None:
    """``build --asesmen`` reports the standards' and the assessment file's problems together, through
    its own report, which names files as ``check``'s does."""
    top = tmp_path / "repo"
    (top / ".git").mkdir(parents=True)
    shutil.copytree(REPOSITORY / "standards", top / "standards")
    assessment = top / "asesmen" / "asesmen.csv"
    assessment.parent.mkdir()
    rows = (REPOSITORY / "contoh" / "asesmen-contoh.csv").read_text(encoding="utf-8").splitlines()
    rows[1] = rows[1].replace(";2025-03-10;", ";2025-13-10;")  # a date that is none: one error
    assessment.write_text("\n".join(rows) + "\n", encoding="utf-8")
    arguments = [
        "build",
        "--asesmen",
        str(assessment),
        "--format",
        output_format,
        "-o",
        str(tmp_path / "out"),
    ]
    result = run_cli(arguments, top / "standards" / "jabatan")
    assert result.exit_code == 1
    assert "asesmen/asesmen.csv" in _names(result.stdout, output_format)
    assert str(top) not in result.stdout


@pytest.mark.parametrize("output_format", ["github", "gitlab", "sarif"])
def test_an_import_names_its_tables_from_the_top_too(
    run_cli: Callable[..., Result], tmp_path: Path, output_format: str
) -> None:
    top = tmp_path / "repo"
    tables = top / "data" / "onet"
    tables.mkdir(parents=True)
    (top / ".git").mkdir()
    (tables / "p.csv").write_text("code,title\nA1,Satu\n", encoding="utf-8")  # no group column: one error
    (tables / "r.csv").write_text(
        "code,element_id,element_name,level_0_to_7,importance_1_to_5\nA1,e1,Satu,3,4\n", encoding="utf-8"
    )
    arguments = ["import", "p.csv", "r.csv", "-o", str(tmp_path / "s"), "--format", output_format]
    result = run_cli(arguments, tables)
    assert result.exit_code == 1
    assert "data/onet/p.csv" in _names(result.stdout, output_format)
