"""``kompiler init`` end to end: the scaffold checks clean, its editor, hook and CI files are wired, and
the hooks run under pre-commit, both the scaffold's own and the ones this project ships."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).parents[2]
BIN = Path(sys.executable).parent
PRE_COMMIT = shutil.which("pre-commit", path=str(BIN)) or shutil.which("pre-commit")


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "GIT_AUTHOR_NAME": "Penyusun",
        "GIT_AUTHOR_EMAIL": "penyusun@example.go.id",
        "GIT_COMMITTER_NAME": "Penyusun",
        "GIT_COMMITTER_EMAIL": "penyusun@example.go.id",
        **env,
    }
    return subprocess.run(args, cwd=cwd, env=environment, capture_output=True, text=True, timeout=240)


def git_repository(folder: Path) -> None:
    run(["git", "init", "-q", "-b", "main"], folder)
    run(["git", "add", "-A"], folder)
    assert run(["git", "commit", "-qm", "awal"], folder).returncode == 0


@pytest.fixture
def scaffolded(tmp_path: Path, run_cli) -> Path:
    target = tmp_path / "standar-baru"
    result = run_cli(["init", str(target)], tmp_path)
    assert result.exit_code == 0, result.output
    return target


def test_scaffold_checks_clean_and_is_canonical(scaffolded: Path, run_cli) -> None:
    check = run_cli(["check"], scaffolded)
    assert check.exit_code == 0, check.output
    assert "0 galat, 0 peringatan" in check.output
    assert run_cli(["fmt", "--check"], scaffolded).exit_code == 0
    for name in (
        "kamus/manajerial.yaml",
        "kamus/sosial-kultural.yaml",
        "jabatan/analis-keuangan-ahli-muda.yaml",
    ):
        assert (scaffolded / "standards" / name).is_file()


def test_schema_links_resolve(scaffolded: Path) -> None:
    settings = json.loads((scaffolded / ".vscode" / "settings.json").read_text())
    for schema, pattern in settings["yaml.schemas"].items():
        assert (scaffolded / schema).is_file(), schema
        assert pattern.startswith("standards/")
    for path in (scaffolded / "standards").rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        link = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert link, path
        assert (path.parent / link.group(1)).resolve().is_file(), path


def test_ci_files(scaffolded: Path) -> None:
    github = yaml.safe_load((scaffolded / ".github" / "workflows" / "kompiler.yml").read_text())
    steps = " ".join(str(step.get("run", "")) for step in github["jobs"]["periksa"]["steps"])
    assert "kompiler check standards --format github" in steps
    assert "--format markdown" in steps and "gh pr comment" in steps
    gitlab = yaml.safe_load((scaffolded / ".gitlab-ci.yml").read_text())
    assert gitlab["kompiler"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert any(
        "--format gitlab > gl-code-quality-report.json" in line for line in gitlab["kompiler"]["script"]
    )
    hooks = yaml.safe_load((scaffolded / ".pre-commit-config.yaml").read_text())
    assert {h["id"] for h in hooks["repos"][0]["hooks"]} == {"kompiler-check", "kompiler-fmt"}


def test_init_refuses_a_non_empty_folder(tmp_path: Path, run_cli) -> None:
    target = tmp_path / "ada-isi"
    target.mkdir()
    (target / "catatan.txt").write_text("jangan ditimpa\n")
    result = run_cli(["init", str(target)], tmp_path)
    assert result.exit_code == 2
    assert "sudah berisi berkas" in result.output
    assert [p.name for p in target.iterdir()] == ["catatan.txt"]


@pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed")
def test_scaffold_pre_commit_hooks_run(scaffolded: Path, tmp_path: Path) -> None:
    git_repository(scaffolded)
    home = str(tmp_path / "pre-commit-home")
    passed = run([PRE_COMMIT, "run", "--all-files"], scaffolded, PRE_COMMIT_HOME=home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    position = scaffolded / "standards" / "jabatan" / "analis-keuangan-ahli-muda.yaml"
    position.write_text(position.read_text().replace("level: 3", "level: 9"))
    failed = run([PRE_COMMIT, "run", "--all-files"], scaffolded, PRE_COMMIT_HOME=home)
    assert failed.returncode == 1
    assert "kompiler check" in failed.stdout and "Failed" in failed.stdout


def _pypi_reachable() -> bool:
    try:
        socket.create_connection(("pypi.org", 443), timeout=3).close()
    except OSError:
        return False
    return True


@pytest.mark.slow
@pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed")
def test_shipped_hook_with_pre_commit_try_repo(scaffolded: Path, tmp_path: Path) -> None:
    """pre-commit builds the hook's environment by pip-installing this project, which needs PyPI."""
    if not _pypi_reachable():
        pytest.skip("PyPI is not reachable: pre-commit cannot build the hook environment offline")
    hook_repo = tmp_path / "kompiler"
    assert run(["git", "clone", "-q", "--no-local", str(REPO), str(hook_repo)], tmp_path).returncode == 0
    git_repository(scaffolded)
    home = str(tmp_path / "pre-commit-home")
    passed = run(
        [PRE_COMMIT, "try-repo", str(hook_repo), "kompiler-check", "--all-files"],
        scaffolded,
        PRE_COMMIT_HOME=home,
    )
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "kompiler check" in passed.stdout and "Passed" in passed.stdout
    sources = scaffolded / "standards" / "sumber.yaml"
    sources.write_text(sources.read_text() + "  - kode: rusak\n")
    failed = run(
        [PRE_COMMIT, "try-repo", str(hook_repo), "kompiler-check", "--all-files"],
        scaffolded,
        PRE_COMMIT_HOME=home,
    )
    assert failed.returncode == 1
    assert "Failed" in failed.stdout
