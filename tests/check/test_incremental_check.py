"""After a change to position files only, an incremental check says exactly what a cold full check says."""

from __future__ import annotations

import re
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kompiler.check import cache
from kompiler.check.result import CompileResult
from kompiler.diagnostics import Message, Severity
from kompiler.pipeline import check_path, compile_path
from kompiler.rules import Finding, Rule, Scope, registry
from tests.conftest import REPO

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from generate import generate


@pytest.fixture(autouse=True)
def _settled_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A private user cache, and a clock ten seconds ahead so that files written here count as settled."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.setattr(cache, "_clock", lambda: time.time_ns() + 10_000_000_000)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("corpus") / "standar"
    generate(target, 40)
    return target


@pytest.fixture
def project(generated: Path, tmp_path: Path) -> Path:
    target = tmp_path / "standar"
    shutil.copytree(generated, target)
    return target


def positions(project: Path) -> list[Path]:
    return sorted((project / "jabatan").rglob("*.yaml"))


def field(path: Path, name: str) -> str:
    match = re.search(rf"^{name}: (.*)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    assert match is not None
    return match.group(1)


def set_field(path: Path, name: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    edited = re.sub(rf"^{name}: .*$", f"{name}: {value}", text, count=1, flags=re.MULTILINE)
    assert edited != text
    path.write_text(edited, encoding="utf-8")


def reuse(result: CompileResult) -> str:
    return getattr(result, "reuse", "full")


def check_against_cold(project: Path, expected: str) -> CompileResult:
    """Check incrementally, compare with a cold full check, and make sure the facts it left are right
    by checking again after touching nothing."""
    result = check_path(project)
    assert reuse(result) == expected
    cold = compile_path(project)
    assert result.diagnostics == cold.diagnostics
    again = check_path(project)
    assert reuse(again) == "run"
    assert again.diagnostics == cold.diagnostics
    return result


def prepared(project: Path) -> None:
    check_path(project)
    assert reuse(check_path(project)) == "run"


def break_rule(path: Path) -> None:
    """A rule error, not a schema error: the position requires a competency no dictionary declares."""
    text = path.read_text(encoding="utf-8")
    edited = re.sub(r"- kode: (M\.0\d)", r"- kode: M.99", text, count=1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")


def test_valid_to_invalid_and_back(project: Path) -> None:
    prepared(project)
    target = positions(project)[3]
    original = target.read_bytes()
    break_rule(target)
    result = check_against_cold(project, "incremental")
    assert any(d.code == "KMP020" for d in result.diagnostics)
    target.write_bytes(original + b"\n")
    result = check_against_cold(project, "incremental")
    assert not any(d.code == "KMP020" for d in result.diagnostics)


def test_schema_error_and_fix_are_seen(project: Path) -> None:
    prepared(project)
    target = positions(project)[5]
    original = target.read_text(encoding="utf-8")
    target.write_text(original.replace("\nnama:", "\nnama_lain:", 1), encoding="utf-8")
    result = check_path(project)
    assert result.diagnostics == compile_path(project).diagnostics
    assert any(d.location.file.endswith(target.name) for d in result.diagnostics)
    target.write_text(original + "\n", encoding="utf-8")
    assert check_path(project).diagnostics == compile_path(project).diagnostics


def test_code_change_creating_a_duplicate_reported_in_an_unchanged_file(project: Path) -> None:
    first, second = positions(project)[:2]
    with open(second, "a", encoding="utf-8") as handle:
        handle.write("# kompiler: abaikan-berkas KMP021 -- uji\n")
    prepared(project)
    set_field(first, "kode", field(second, "kode"))
    result = check_against_cold(project, "incremental")
    assert any(s.diagnostic.code == "KMP021" for s in result.suppressed)
    assert not any(d.code == "KMP090" for d in result.diagnostics)


def test_whole_file_waivers_suppress_the_same_as_a_full_check(project: Path) -> None:
    """A rule stops at its first finding in a file that waives it whole, in the files checked again as
    in the unchanged ones; what is reported suppressed is what a cold full check reports."""
    edited, unchanged = positions(project)[:2]
    for path in (edited, unchanged):
        break_rule(path)
        break_rule(path)
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("# kompiler: abaikan-berkas KMP020 -- uji\n")
    prepared(project)
    set_field(edited, "nama", field(edited, "nama") + " Baru")
    result = check_against_cold(project, "incremental")
    cold = compile_path(project)
    assert [(s.diagnostic, s.directive.reason) for s in result.suppressed] == [
        (s.diagnostic, s.directive.reason) for s in cold.suppressed
    ]
    waived = sorted(s.diagnostic.location.file for s in result.suppressed if s.diagnostic.code == "KMP020")
    assert [Path(file).name for file in waived] == sorted([edited.name, unchanged.name])


def test_code_change_creating_a_duplicate_in_the_edited_file(project: Path) -> None:
    prepared(project)
    first, second = positions(project)[:2]
    set_field(second, "kode", field(first, "kode"))
    result = check_against_cold(project, "incremental")
    duplicates = [d for d in result.diagnostics if d.code == "KMP021"]
    assert duplicates and duplicates[0].related


def test_name_change_creating_a_same_unit_duplicate(project: Path) -> None:
    prepared(project)
    first, second = positions(project)[:2]
    set_field(second, "nama", field(first, "nama"))
    set_field(second, "unit_kerja", field(first, "unit_kerja"))
    result = check_against_cold(project, "incremental")
    assert any(d.code == "KMP111" for d in result.diagnostics)


def test_adding_and_deleting_positions(project: Path) -> None:
    prepared(project)
    first = positions(project)[0]
    added = first.with_name("zz-salinan.yaml")
    shutil.copy(first, added)
    set_field(added, "kode", "ZZ.SALINAN.1")
    result = check_against_cold(project, "incremental")
    assert any(d.code == "KMP111" for d in result.diagnostics)
    for path in positions(project)[10:20]:
        path.unlink()
    check_against_cold(project, "incremental")


def test_requirement_changes_update_unused_competencies(project: Path) -> None:
    prepared(project)
    before = {d.location.line for d in compile_path(project).diagnostics if d.code == "KMP108"}
    for path in positions(project):
        path.unlink()
    result = check_against_cold(project, "incremental")
    assert {d.location.line for d in result.diagnostics if d.code == "KMP108"} != before


def test_suppression_comments_in_the_edited_file(project: Path) -> None:
    prepared(project)
    target = positions(project)[4]
    break_rule(target)
    text = target.read_text(encoding="utf-8")
    text = text.replace("- kode: M.99", "- kode: M.99  # kompiler: abaikan KMP020 -- uji", 1)
    target.write_text(text + "# kompiler: abaikan-berkas KMP111 -- tidak terpakai\n", encoding="utf-8")
    result = check_against_cold(project, "incremental")
    assert any(s.diagnostic.code == "KMP020" for s in result.suppressed)
    assert any(d.code == "KMP090" for d in result.diagnostics)


@pytest.mark.parametrize("reference", ["kompiler.yaml", "sumber.yaml", "jenjang.yaml", "kamus", "rumpun"])
def test_a_changed_reference_file_means_a_full_check(project: Path, reference: str) -> None:
    prepared(project)
    path = project / reference
    if path.is_dir():
        path = sorted(path.glob("*.yaml"))[0]
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("\n# catatan\n")
    check_against_cold(project, "full")


def test_a_new_reference_file_means_a_full_check(project: Path) -> None:
    prepared(project)
    dictionary = sorted((project / "kamus").glob("teknis-*.yaml"))[0]
    shutil.copy(dictionary, project / "kamus" / "teknis-salinan.yaml")
    check_against_cold(project, "full")


def test_chained_edits_stay_exact(project: Path) -> None:
    prepared(project)
    files = positions(project)
    edits: list[Callable[[], None]] = [
        lambda: break_rule(files[1]),
        lambda: set_field(files[2], "kode", field(files[6], "kode")),
        lambda: files[7].unlink(),
        lambda: set_field(files[2], "kode", "BARU.KODE.1"),
    ]
    for edit in edits:
        edit()
        check_against_cold(project, "incremental")


def _rule(code: str, scope: Scope, check: Callable[..., Iterator[Finding]]) -> Rule:
    message = Message("uji", "test")
    return Rule(code, message, Severity.WARNING, scope, message, "uji", check)


def _long_task_lists(corpus: Any, context: Any) -> Iterator[Finding]:
    """A corpus rule reading a position field that incremental checks do not keep."""
    for position in corpus.entities.positions:
        if len(position.tasks) > 3:
            yield Finding(position.origin.at("tugas"), Message("banyak tugas", "many tasks"))


def _compares_positions(position: Any, context: Any) -> Iterator[Finding]:
    """A position rule that looks at other positions, which unchanged positions' findings cannot follow."""
    if any(
        other.name == position.name and other is not position for other in context.corpus.positions.values()
    ):
        yield Finding(position.origin.at("nama"), Message("nama kembar", "twin name"))


@pytest.mark.parametrize(
    "rule",
    [_rule("KMP998", Scope.CORPUS, _long_task_lists), _rule("KMP999", Scope.POSITION, _compares_positions)],
    ids=["corpus-rule-reading-unkept-field", "position-rule-reading-other-positions"],
)
def test_rules_the_shortcut_cannot_serve_mean_a_full_check(
    project: Path, monkeypatch: pytest.MonkeyPatch, rule: Rule
) -> None:
    monkeypatch.setitem(registry(), rule.code, rule)
    prepared(project)
    first, second = positions(project)[:2]
    set_field(second, "nama", field(first, "nama"))
    result = check_against_cold(project, "full")
    assert any(d.code == rule.code for d in result.diagnostics)


def test_incremental_text_report_equals_a_cold_one(project: Path, run_cli: Callable[..., Any]) -> None:
    first, second = positions(project)[:2]
    run_cli(["check", "."], project)
    set_field(first, "kode", field(second, "kode"))
    break_rule(first)
    incremental = run_cli(["check", "--locale", "en", "-v", "."], project)
    cold = run_cli(["check", "--no-cache", "--locale", "en", "-v", "."], project)
    assert reuse(check_path(project)) == "run"
    assert incremental.exit_code == cold.exit_code == 1
    assert incremental.output == cold.output
    assert "KMP021" in cold.output and "KMP020" in cold.output


def test_a_project_with_a_development_policy_stays_incremental(tmp_path: Path) -> None:
    """The policy rules read required levels (KMP125): the facts keep them, so an edited position is
    re-checked alone, and a level raised past what the catalogue teaches is still found."""
    standards = tmp_path / "standar"
    shutil.copytree(REPO / "standards", standards, ignore=shutil.ignore_patterns(".kompiler-cache"))
    assert check_path(standards).ok
    position = standards / "jabatan" / "ntb-jf-akpd-muda.yaml"
    set_field(position, "ikhtisar", "Melaksanakan analisis anggaran daerah.")
    check_against_cold(standards, "incremental")


def test_a_broken_reference_file_stays_one_error_in_an_incremental_check(project: Path) -> None:
    """The codes a sumber.yaml that YAML cannot read still shows are taken as declared, in the
    incremental check as in the full one: no "undeclared source" for each position citing them."""
    with open(project / "sumber.yaml", "a", encoding="utf-8") as handle:
        handle.write("catatan: [belum ditutup\n")
    prepared(project)
    break_rule(positions(project)[3])
    result = check_against_cold(project, "incremental")
    found = {d.code for d in result.diagnostics}
    assert "KMP002" in found and "KMP020" in found and "KMP112" not in found


def test_a_waiver_in_a_position_with_a_schema_error_is_not_called_unused(project: Path) -> None:
    """The rules skip a position the schema rejects, so its waivers cannot be judged until it is fixed:
    neither when it is checked in full nor when another position's change is checked incrementally."""
    target = positions(project)[5]
    text = target.read_text(encoding="utf-8").replace("\nnama:", "\nnama_lain:", 1)
    target.write_text(text + "# kompiler: abaikan-berkas KMP111 -- uji\n", encoding="utf-8")
    prepared(project)
    assert "KMP090" not in {d.code for d in check_path(project).diagnostics}
    with open(positions(project)[2], "a", encoding="utf-8") as handle:
        handle.write("# catatan\n")
    result = check_against_cold(project, "incremental")
    found = {d.code for d in result.diagnostics}
    assert "KMP011" in found and "KMP090" not in found
