"""``fmt`` and ``migrate`` compile nothing, yet speak the language the project's ``bahasa`` chooses, as
``check`` run in the same CI job does: a project that writes ``bahasa: en`` reads English everywhere."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import FIXTURES


def _in_english(project: Path) -> None:
    settings = project / "kompiler.yaml"
    text = settings.read_text(encoding="utf-8")
    assert "bahasa: id" in text
    settings.write_text(text.replace("bahasa: id", "bahasa: en"), encoding="utf-8")


def test_fmt_check_speaks_the_project_language(minimal_project: Path, tmp_path: Path, run_cli) -> None:
    _in_english(minimal_project)
    (minimal_project / "jabatan" / "tab.yaml").write_text("kode: X\n\tnama: y\n", encoding="utf-8")
    english = run_cli(["fmt", "--check", "--no-cache", str(minimal_project)], tmp_path)
    assert english.exit_code == 1
    assert "error KMP002" in english.output and "not in canonical form; run kompiler fmt." in english.output
    assert "galat" not in english.output and "berkas" not in english.output
    chosen = run_cli(["fmt", "--check", "--no-cache", "--locale", "id", str(minimal_project)], tmp_path)
    assert "galat KMP002" in chosen.output and "belum dalam bentuk kanonis" in chosen.output


def test_migrate_speaks_the_project_language(tmp_path: Path, run_cli) -> None:
    project = tmp_path / "standar"
    shutil.copytree(FIXTURES / "versi-0", project)
    _in_english(project)
    assert run_cli(["migrate", str(project), "--dry-run"], tmp_path).output.endswith(
        "file(s) would change.\n"
    )
    assert run_cli(["migrate", str(project)], tmp_path).output.endswith("3 file(s) changed.\n")
    again = run_cli(["migrate", str(project)], tmp_path).output
    assert again == "The standards already use the current format version (1).\n"
