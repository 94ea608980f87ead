"""``kompiler check --format gitlab``: a GitLab Code Quality report."""

from __future__ import annotations

import json
from pathlib import Path

POSITION = "jabatan/analis-keuangan.yaml"


def report(project: Path, run_cli) -> tuple[int, list[dict]]:
    result = run_cli(["check", ".", "--format", "gitlab"], project)
    return result.exit_code, json.loads(result.output)


def test_project_without_errors_has_no_major_issue(minimal_project: Path, run_cli) -> None:
    code, issues = report(minimal_project, run_cli)
    assert code == 0
    assert all(i["severity"] in ("minor", "info") for i in issues)


def test_problems_become_code_quality_issues(minimal_project: Path, run_cli) -> None:
    path = minimal_project / POSITION
    path.write_text(path.read_text(encoding="utf-8").replace("level: 3", "level: 9"), encoding="utf-8")
    code, issues = report(minimal_project, run_cli)
    assert code == 1
    issue = next(i for i in issues if i["location"]["path"] == POSITION and i["severity"] == "major")
    assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
    assert issue["check_name"].startswith("KMP")
    assert issue["location"]["lines"]["begin"] > 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)

    # A line inserted above the problem moves it but keeps its fingerprint.
    path.write_text("# komentar baru\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    _, moved = report(minimal_project, run_cli)
    again = next(i for i in moved if i["fingerprint"] == issue["fingerprint"])
    assert again["location"]["lines"]["begin"] == issue["location"]["lines"]["begin"] + 1
