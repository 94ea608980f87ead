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


def _report(diagnostics: list, suppressed: list) -> dict:
    from kompiler.report import ReportInput, sarif

    report = ReportInput(diagnostics, "en", 1, lambda file, line: "", suppressed=suppressed)
    return json.loads(sarif.render(report))["runs"][0]


def test_a_run_keeps_within_what_code_scanning_accepts(monkeypatch) -> None:
    """Code scanning rejects a whole upload of more than 25,000 results in a run: the run keeps the most
    important ones, in the report's order, and says how many it left out."""
    from kompiler.diagnostics import Diagnostic, Location, Message, Severity, Span
    from kompiler.report import sarif
    from kompiler.rules.suppress import Action, Directive, Suppressed

    assert sarif.MAX_RESULTS == 25_000
    monkeypatch.setattr(sarif, "MAX_RESULTS", 10)

    def found(severity: Severity, line: int) -> Diagnostic:
        return Diagnostic(severity, "KMP102", Message("x", "x"), Location("a.yaml", Span(line, 1, line, 2)))

    diagnostics = [found(Severity.WARNING if n % 3 else Severity.ERROR, n) for n in range(1, 13)]
    directive = Directive(Location("a.yaml", Span(1, 1, 1, 2)), Action.FILE, ("KMP102",), "uji", 1, 10**9)
    waived = [Suppressed(found(Severity.ERROR, 20 + n), directive) for n in range(3)]
    run = _report(diagnostics, waived)
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in run["results"]]
    assert lines == [1, 2, 3, 4, 5, 6, 7, 8, 9, 12]  # the four errors (3, 6, 9, 12) and six warnings
    [notification] = run["invocations"][0]["toolExecutionNotifications"]
    assert notification["message"]["text"].startswith("5 more results left out")
    monkeypatch.setattr(sarif, "MAX_RESULTS", 13)
    run = _report(diagnostics, waived)
    assert [("suppressions" in r) for r in run["results"]] == [False] * 12 + [True]
    monkeypatch.setattr(sarif, "MAX_RESULTS", 15)
    assert "invocations" not in _report(diagnostics, waived)


def test_a_result_kept_from_a_cut_run_keeps_its_own_fingerprint(monkeypatch) -> None:
    """A run cut to what code scanning accepts gives each result it keeps the fingerprint the whole run
    gives it, so an alert does not move to another problem when the project has too many."""
    from kompiler.diagnostics import Diagnostic, Location, Message, Severity, Span
    from kompiler.report import sarif
    from kompiler.rules.suppress import Action, Directive, Suppressed

    def found(severity: Severity, line: int) -> Diagnostic:
        return Diagnostic(severity, "KMP102", Message("x", "x"), Location("a.yaml", Span(line, 1, line, 2)))

    def fingerprints() -> dict[int, str]:
        run = _report(diagnostics, waived)
        return {
            r["locations"][0]["physicalLocation"]["region"]["startLine"]: r["partialFingerprints"][
                sarif.FINGERPRINT
            ]
            for r in run["results"]
        }

    diagnostics = [found(Severity.WARNING if n % 3 else Severity.ERROR, n) for n in range(1, 13)]
    directive = Directive(Location("a.yaml", Span(1, 1, 1, 2)), Action.FILE, ("KMP102",), "uji", 1, 10**9)
    waived = [Suppressed(found(Severity.ERROR, 20 + n), directive) for n in range(3)]
    whole = fingerprints()
    for most in (5, 13):
        monkeypatch.setattr(sarif, "MAX_RESULTS", most)
        cut = fingerprints()
        assert len(cut) == most
        assert cut == {line: whole[line] for line in cut}


def test_columns_count_utf16_code_units_as_sarif_reads_them(
    minimal_project: Path, run_cli: Callable[..., Result]
) -> None:
    """SARIF's columns are UTF-16 code units (its default ``columnKind``, the one code scanning reads);
    an emoji before the mistake is one character to kompiler but two units, so the region moves with it."""
    path = minimal_project / "jabatan" / "analis-keuangan.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "hasil_kerja:\n  - Laporan analisis realisasi anggaran", 'hasil_kerja: ["😀😀😀 Laporan", 5]'
        ),
        encoding="utf-8",
    )
    report = json.loads(run_cli(["check", ".", "--format", "json"], minimal_project).stdout)
    [mistake] = report["diagnostics"]
    [result, _waived] = _results(minimal_project, run_cli)
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (mistake["column"], mistake["end_column"]) == (30, 31)
    assert (region["startColumn"], region["endColumn"]) == (33, 34)


def test_every_result_keeps_one_fingerprint_across_pushes(
    minimal_project: Path, run_cli: Callable[..., Result]
) -> None:
    """Code scanning matches alerts across uploads on ``partialFingerprints``: each result has its own,
    the same as GitLab's for the same problem, kept when a line is inserted above the problem and when
    the problem is waived."""
    path = minimal_project / "jabatan" / "analis-keuangan.yaml"
    text = path.read_text(encoding="utf-8").replace("level: 3", "level: 9")
    path.write_text(text, encoding="utf-8")

    def fingerprints() -> list[str]:
        return [r["partialFingerprints"]["kompilerFinding/v1"] for r in _results(minimal_project, run_cli)]

    first = fingerprints()
    assert len(set(first)) == len(first) == 2
    gitlab = json.loads(run_cli(["check", ".", "--format", "gitlab"], minimal_project).stdout)
    assert first[0] == next(issue["fingerprint"] for issue in gitlab if issue["severity"] == "major")
    path.write_text("# komentar baru\n" + text, encoding="utf-8")
    assert fingerprints() == first
    waivers = minimal_project / "kamus" / "manajerial.yaml"
    waivers.write_text(
        waivers.read_text(encoding="utf-8").replace("# kompiler: abaikan", "# catatan:"), encoding="utf-8"
    )
    assert sorted(fingerprints()) == sorted(first)
