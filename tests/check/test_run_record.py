"""A repeated check is answered from the last run's record only when nothing it depends on changed,
and then says exactly what a full check says."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kompiler.check import cache
from kompiler.check.result import CompileResult
from kompiler.pipeline import check_path, compile_path

FIXTURES = Path(__file__).parents[1] / "fixtures"
POSITION = Path("jabatan") / "analis-keuangan.yaml"


@pytest.fixture(autouse=True)
def _settled_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A private user cache, and a clock ten seconds ahead: files written by the test then count as
    settled (not "racily clean"), as they would be on a real machine a moment later."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.setattr(cache, "_clock", lambda: time.time_ns() + 10_000_000_000)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The minimal project with a rule finding, an unused suppression, a broken file and a stray file."""
    target = tmp_path / "standar"
    shutil.copytree(FIXTURES / "minimal", target)
    position = target / POSITION
    text = position.read_text(encoding="utf-8")
    assert "level: 2" in text
    text = text.replace("level: 2", "level: 5", 1) + "# kompiler: abaikan-berkas KMP108 -- uji\n"
    position.write_text(text, encoding="utf-8")
    (target / "jabatan" / "rusak.yaml").write_text("kode: no\nnama: [\n", encoding="utf-8")
    (target / "catatan.yaml").write_text("a: 1\n", encoding="utf-8")
    return target


def summary(result: CompileResult) -> list[tuple[str, str, str, str, int | None]]:
    return [
        (d.severity.value, d.code, d.location.file, d.message.en, d.location.line) for d in result.diagnostics
    ]


def reuse(result: CompileResult) -> str:
    """How a check was answered: "full", from the last "run"'s record, or "incremental"."""
    return getattr(result, "reuse", "full")


def recalled(result: CompileResult) -> bool:
    return reuse(result) == "run"


def test_repeated_check_is_recalled_and_equals_a_full_check(project: Path) -> None:
    full = summary(compile_path(project))
    assert [code for _, code, *_ in full] == ["KMP010", "KMP102", "KMP090", "KMP002"]
    first = check_path(project)
    assert not recalled(first)
    assert summary(first) == full
    second = check_path(project)
    assert recalled(second)
    assert summary(second) == full
    assert second.settings() == first.settings()


def test_recalled_text_report_quotes_the_same_lines(
    project: Path, run_cli: Callable[[list[str], Path], Result]
) -> None:
    fresh = run_cli(["check", "--no-cache", "--locale", "en", "."], project)
    first = run_cli(["check", "--locale", "en", "."], project)
    second = run_cli(["check", "--locale", "en", "."], project)
    assert recalled(check_path(project))
    assert fresh.exit_code == first.exit_code == second.exit_code == 1
    assert fresh.output == first.output == second.output
    assert "level: 5" in second.output or "nama: [" in second.output


def test_checking_one_file_after_a_recorded_run_shows_only_that_file(
    project: Path, run_cli: Callable[[list[str], Path], Result]
) -> None:
    run_cli(["check", "."], project)
    only = run_cli(["check", "--locale", "en", str(POSITION)], project)
    fresh = run_cli(["check", "--no-cache", "--locale", "en", str(POSITION)], project)
    assert only.output == fresh.output
    assert "rusak.yaml" not in only.output


def _append(relative: str, text: str) -> Callable[[Path], object]:
    def change(root: Path) -> None:
        with open(root / relative, "a", encoding="utf-8") as handle:
            handle.write(text)

    return change


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            lambda p: (p / POSITION).write_text("kode: [\n", encoding="utf-8"), "incremental", id="edit"
        ),
        pytest.param(_append(str(POSITION), "# catatan\n"), "incremental", id="comment"),
        pytest.param(lambda p: (p / POSITION).unlink(), "incremental", id="delete"),
        pytest.param(
            lambda p: shutil.copy(p / POSITION, p / "jabatan" / "salinan.yaml"),
            "incremental",
            id="add-duplicate",
        ),
        pytest.param(_append("kompiler.yaml", "\n# catatan\n"), "full", id="edit-configuration"),
        pytest.param(_append("kamus/manajerial.yaml", "\n# catatan\n"), "full", id="edit-dictionary"),
        pytest.param(lambda p: (p / "jabatan" / "rusak.yaml").unlink(), "incremental", id="fix-broken-file"),
        pytest.param(lambda p: (p / "catatan.yaml").unlink(), "run", id="remove-stray-file"),
    ],
)
def test_any_change_is_seen(project: Path, change: Callable[[Path], object], expected: str) -> None:
    check_path(project)
    assert recalled(check_path(project))
    change(project)
    after = check_path(project)
    assert reuse(after) == expected
    assert summary(after) == summary(compile_path(project))
    assert summary(check_path(project)) == summary(compile_path(project))


def test_same_size_edit_with_restored_mtime_is_seen(project: Path) -> None:
    position = project / POSITION
    check_path(project)
    before = position.stat()
    text = position.read_bytes()
    edited = text.replace(b"level: 5", b"level: 2", 1)
    assert len(edited) == len(text) and edited != text
    position.write_bytes(edited)
    os.utime(position, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = check_path(project)
    assert not recalled(after)
    assert summary(after) == summary(compile_path(project))


def test_tampered_record_is_ignored(project: Path) -> None:
    check_path(project)
    record = project / ".kompiler-cache" / "run.bin"
    data = bytearray(record.read_bytes())
    data[-1] ^= 0xFF
    record.write_bytes(bytes(data))
    after = check_path(project)
    assert not recalled(after)
    assert summary(after) == summary(compile_path(project))


def test_recently_changed_files_are_not_trusted(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_clock", time.time_ns)
    check_path(project)
    assert not recalled(check_path(project))


def test_no_cache_never_recalls(project: Path) -> None:
    check_path(project)
    assert not recalled(check_path(project, cache=False))


def test_a_record_from_another_working_folder_is_not_reused(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    check_path(Path("."))
    monkeypatch.chdir(project.parent)
    after = check_path(project)
    assert not recalled(after)
    assert summary(after) == summary(compile_path(project))
    assert all(not d.location.file.startswith("jabatan/") for d in after.diagnostics)
