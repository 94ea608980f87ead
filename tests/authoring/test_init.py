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

from kompiler.authoring.scaffold import scaffold
from kompiler.build.private import default_folder

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


def test_scaffold_checks_clean_but_for_its_regulation_number_and_is_canonical(
    scaffolded: Path, run_cli
) -> None:
    """The only finding is the regulation number to fill in (KMP126, a warning): init once wrote
    ``nomor: "1"``, which every document would have published unnoticed."""
    check = run_cli(["check", "--format", "json"], scaffolded)
    assert check.exit_code == 0, check.output
    project = (scaffolded / "standards" / "kompiler.yaml").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(project, 1) if text.strip().startswith("nomor:"))
    assert project[line - 1] == '  nomor: "..."'
    [found] = json.loads(check.output)["diagnostics"]
    assert (found["code"], found["severity"], found["file"], found["line"], found["column"]) == (
        "KMP126",
        "warning",
        "standards/kompiler.yaml",
        line,
        10,
    )
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


def test_the_people_default_folder_is_git_ignored_in_a_new_project(scaffolded: Path, run_cli) -> None:
    """``kompiler people`` writes personal data to its default folder inside the project; in a repository
    made by init that folder is git-ignored, so the step runs and nothing shows up for ``git add``."""
    git_repository(scaffolded)
    project = scaffolded / "standards"
    position = yaml.safe_load((project / "jabatan" / "analis-keuangan-ahli-muda.yaml").read_text())
    levels = {c["kode"]: c["level"] for group in position["kompetensi"].values() for c in group}
    assessment = scaffolded.parent / "asesmen.csv"
    assessment.write_text(
        f"id,jabatan,tanggal,{','.join(levels)}\n"
        f"P-1,{position['kode']},2025-03-10,{','.join(str(level) for level in levels.values())}\n",
        encoding="utf-8",
    )
    result = run_cli(["people", "gaps", str(assessment)], scaffolded)
    assert result.exit_code == 0, result.output
    folder = default_folder(project)
    assert (folder / "kesenjangan.csv").is_file()
    assert str(folder.relative_to(scaffolded)) in result.output
    relative = folder.relative_to(scaffolded).as_posix()
    assert run(["git", "check-ignore", "-q", f"{relative}/kesenjangan.csv"], scaffolded).returncode == 0
    assert run(["git", "status", "--porcelain", "--ignored=no", "-uall"], scaffolded).stdout == ""
    readme = (scaffolded / "README.md").read_text(encoding="utf-8")
    assert f"`{relative}/`" in readme  # the project's README names where the results are


def _clone_of_a_new_repository(tmp_path: Path, *hosted: tuple[str, str]) -> Path:
    """``git clone`` of a repository a hosting service just made: empty, or with its first files."""
    origin = tmp_path / "origin.git"
    assert run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], tmp_path).returncode == 0
    if hosted:
        seed = tmp_path / "seed"
        assert run(["git", "clone", "-q", str(origin), str(seed)], tmp_path).returncode == 0
        for name, text in hosted:
            (seed / name).write_text(text, encoding="utf-8")
        run(["git", "add", "-A"], seed)
        assert run(["git", "commit", "-qm", "Initial commit"], seed).returncode == 0
        assert run(["git", "push", "-q", "origin", "HEAD:main"], seed).returncode == 0
    clone = tmp_path / "clone"
    assert run(["git", "clone", "-q", str(origin), str(clone)], tmp_path).returncode == 0
    return clone


@pytest.mark.parametrize("from_inside", [False, True], ids=["init-DIR", "init-dot"])
def test_init_in_the_clone_of_an_empty_repository(tmp_path: Path, run_cli, from_inside: bool) -> None:
    clone = _clone_of_a_new_repository(tmp_path)
    result = run_cli(["init", "."], clone) if from_inside else run_cli(["init", "clone"], tmp_path)
    assert result.exit_code == 0, result.output
    assert "git init" not in result.output  # the clone is a repository already
    assert run_cli(["check"], clone).exit_code == 0
    assert run(["git", "rev-parse", "--git-dir"], clone).stdout.strip() == ".git"
    assert (
        "standards/jabatan/analis-keuangan-ahli-muda.yaml"
        in run(["git", "status", "-s", "-uall"], clone).stdout
    )


def test_init_keeps_what_the_hosting_service_created(tmp_path: Path, run_cli) -> None:
    """README, licence and .gitignore from "Initialize this repository with…": none is overwritten; the
    .gitignore gains only the lines it lacks, after its own."""
    readme, licence, ignore = "# standar-kita\n", "MIT License\n", "__pycache__/\noutput/\n"
    clone = _clone_of_a_new_repository(
        tmp_path, ("README.md", readme), ("LICENSE", licence), (".gitignore", ignore)
    )
    result = run_cli(["init", "."], clone)
    assert result.exit_code == 0, result.output
    assert "README.md sudah ada" in result.output
    assert "  .gitignore (baris ditambahkan)\n" in result.output
    assert (clone / "README.md").read_text(encoding="utf-8") == readme
    assert (clone / "LICENSE").read_text(encoding="utf-8") == licence
    lines = (clone / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["__pycache__/", "output/"]
    assert lines.count("output/") == 1 and ".kompiler-cache/" in lines and "asesmen/" in lines
    assert run_cli(["check"], clone).exit_code == 0
    for ignored in ("output/site/index.html", "asesmen/hasil.csv", ".kompiler-cache/x"):
        assert run(["git", "check-ignore", "-q", ignored], clone).returncode == 0, ignored
    again = run_cli(["init", "."], clone)
    assert again.exit_code == 2 and "schemas" in again.output


@pytest.mark.parametrize("hosted", [False, True], ids=["empty", "hosted"])
def test_scaffold_says_what_it_created_kept_and_appended_to(tmp_path: Path, hosted: bool) -> None:
    """init reports what the scaffold did from what it returns, no longer from a listing of the folder
    taken before: every file on disk is in exactly one of the three lists."""
    target = tmp_path / "baru"
    target.mkdir()
    if hosted:
        (target / "README.md").write_text("# kita\n", encoding="utf-8")
        (target / ".gitignore").write_text("output/\n", encoding="utf-8")
    done = scaffold(target)
    assert (done.kept, done.appended) == ((["README.md"], [".gitignore"]) if hosted else ([], []))
    assert ("README.md" in done.created, ".gitignore" in done.created) == (not hosted, not hosted)
    on_disk = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert on_disk == sorted([*done.created, *done.kept, *done.appended])


def test_init_appends_nothing_to_a_gitignore_that_has_every_line(tmp_path: Path, run_cli) -> None:
    scaffolded = tmp_path / "lengkap"
    assert run_cli(["init", str(scaffolded)], tmp_path).exit_code == 0
    complete = (scaffolded / ".gitignore").read_text(encoding="utf-8")
    clone = _clone_of_a_new_repository(tmp_path, (".gitignore", complete))
    assert run_cli(["init", "."], clone).exit_code == 0
    assert (clone / ".gitignore").read_text(encoding="utf-8") == complete


@pytest.mark.parametrize(
    "other", ["catatan.txt", "standards", ".gitignore-link"], ids=["file", "folder", "linked-gitignore"]
)
def test_init_refuses_a_clone_holding_anything_else(tmp_path: Path, run_cli, other: str) -> None:
    clone = _clone_of_a_new_repository(tmp_path, ("README.md", "# x\n"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_text("rahasia\n")
    if other == "standards":
        (clone / "standards").mkdir()
        (clone / "standards" / "kompiler.yaml").write_text("x: 1\n")
    elif other == ".gitignore-link":
        (clone / ".gitignore").symlink_to(elsewhere)
    else:
        (clone / other).write_text("jangan ditimpa\n")

    def listing() -> list[str]:
        return sorted(
            p.relative_to(clone).as_posix()
            for p in clone.rglob("*")
            if p.relative_to(clone).parts[0] != ".git"
        )

    before = listing()
    result = run_cli(["init", "."], clone)
    assert result.exit_code == 2
    assert "sudah berisi berkas" in result.output and other.removesuffix("-link") in result.output
    assert listing() == before
    assert elsewhere.read_text() == "rahasia\n"


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
