"""SARIF reports a waived finding as suppressed, with the waiver's reason and place, instead of dropping it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

WAIVED_LINE = 26  # kamus/manajerial.yaml of the minimal fixture waives KMP104 on this line


def _results(project: Path, run_cli: Callable[..., Result], *args: str) -> list[dict]:
    report = json.loads(run_cli(["check", ".", "--format", "sarif", *args], project).stdout)
    run = report["runs"][0]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    for result in run["results"]:
        assert rules[result["ruleIndex"]] == result["ruleId"]
    return run["results"]


def test_a_waived_finding_is_reported_as_suppressed_with_its_reason(
    minimal_project: Path, run_cli: Callable[..., Result]
) -> None:
    [waived] = _results(minimal_project, run_cli)
    assert waived["ruleId"] == "KMP104"
    assert waived["locations"][0]["physicalLocation"]["region"]["startLine"] == WAIVED_LINE
    [suppression] = waived["suppressions"]
    assert suppression["kind"] == "inSource"
    assert suppression["status"] == "accepted"
    assert suppression["justification"].startswith("lampiran PermenPANRB 38/2017")
    place = suppression["location"]["physicalLocation"]
    assert place["artifactLocation"]["uri"] == "kamus/manajerial.yaml"
    assert place["region"]["startLine"] == WAIVED_LINE


def test_findings_that_stand_carry_no_suppression(
    minimal_project: Path, run_cli: Callable[..., Result]
) -> None:
    path = minimal_project / "kamus" / "manajerial.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("# kompiler: abaikan", "# catatan:"), encoding="utf-8"
    )
    [standing] = _results(minimal_project, run_cli)
    assert standing["ruleId"] == "KMP104"
    assert "suppressions" not in standing


def test_quiet_leaves_out_waived_warnings_as_it_leaves_out_warnings(
    minimal_project: Path, run_cli: Callable[..., Result]
) -> None:
    assert _results(minimal_project, run_cli, "--quiet") == []


def test_a_check_answered_from_its_record_reports_the_same_waiver(
    minimal_project: Path, run_cli: Callable[..., Result]
) -> None:
    assert _results(minimal_project, run_cli) == _results(minimal_project, run_cli)
