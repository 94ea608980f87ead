"""``kompiler diff A..B`` and ``A...B`` as git reads them, on real repositories whose branches diverged."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from git_project import POSITION, GitProject

BRANCH_CHANGE = "level kompetensi M.01 dinaikkan dari 2 menjadi 3"
MAIN_CHANGE = "uraian tugas ditambahkan"


def raise_level(data: dict) -> None:
    data["kompetensi"]["manajerial"][0]["level"] = 3


def add_task(data: dict) -> None:
    data["tugas"].append("Menyusun kajian kas daerah")


@pytest.fixture
def diverged(project: GitProject) -> GitProject:
    """``fitur`` branched from ``main`` and raised a level; ``main`` has since gained a task. HEAD is fitur."""
    project.git("checkout", "-q", "-b", "fitur")
    project.edit(POSITION, raise_level)
    project.commit("naikkan level")
    project.git("checkout", "-q", "main")
    project.edit(POSITION, add_task)
    project.commit("tambah tugas")
    project.git("checkout", "-q", "fitur")
    return project


def test_three_dots_compare_from_the_merge_base(diverged: GitProject, run_cli) -> None:
    """``main...fitur`` is what fitur changed since it left main, named from the merge base; main's own
    later change is not in it (it is in ``main..fitur``, seen backwards)."""
    base = diverged.git("merge-base", "main", "fitur").strip()
    for arguments in (["main...fitur"], ["main...HEAD"], ["main..."], ["main...fitur", "standards"]):
        result = run_cli(["diff", *arguments], diverged.top)
        assert result.exit_code == 0, (arguments, result.output)
        assert BRANCH_CHANGE in result.output, arguments
        assert MAIN_CHANGE not in result.output, arguments
        header = result.stdout.splitlines()[0]
        short = header.split()[2]
        assert len(short) >= 7 and base.startswith(short), header
    assert "→ fitur:" in run_cli(["diff", "main...fitur"], diverged.top).stdout
    # the other way round: what main changed since fitur left it
    result = run_cli(["diff", "fitur...main"], diverged.top)
    assert MAIN_CHANGE in result.output and BRANCH_CHANGE not in result.output
    # an empty left side is HEAD, as in git: fitur...main
    assert run_cli(["diff", "...main"], diverged.top).stdout == result.stdout


def test_two_dots_compare_the_two_revisions(diverged: GitProject, run_cli) -> None:
    two_dots = run_cli(["diff", "main..fitur"], diverged.top)
    assert two_dots.exit_code == 0, two_dots.output
    assert "main → fitur" in two_dots.output
    assert BRANCH_CHANGE in two_dots.output and "uraian tugas dihapus" in two_dots.output
    assert two_dots.stdout == run_cli(["diff", "main", "fitur"], diverged.top).stdout
    assert two_dots.stdout == run_cli(["diff", "main.."], diverged.top).stdout.replace("HEAD", "fitur")


def test_unrelated_histories_are_refused(diverged: GitProject, run_cli) -> None:
    """With no merge base there is nothing to compare from: refused in both languages, exit 2, the two
    revisions named, and the two-dot form offered."""
    diverged.git("checkout", "-q", "--orphan", "lain")
    diverged.commit("riwayat lain")
    result = run_cli(["diff", "main...lain"], diverged.top)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (
        "kompiler diff: 'main...lain': revisi 'main' dan 'lain' tidak memiliki leluhur bersama (merge base)"
        in result.stderr
    )
    assert "the revisions 'main' and 'lain' have no common ancestor (merge base)" in result.stderr
    assert "main..lain" in result.stderr
    assert "Traceback" not in result.output
    english = run_cli(["diff", "--locale", "en", "main..."], diverged.top)
    assert english.exit_code == 2
    assert english.stderr.startswith("kompiler diff: 'main...HEAD': the revisions 'main' and 'HEAD' have")
    assert "leluhur" not in english.stderr


def test_an_unknown_side_is_named(diverged: GitProject, run_cli) -> None:
    for arguments in (["tidak-ada...main"], ["main...tidak-ada"], ["tidak-ada...main", "standards"]):
        result = run_cli(["diff", *arguments], diverged.top)
        assert result.exit_code == 2, arguments
        assert "Revisi git 'tidak-ada' tidak dikenal." in result.stderr, arguments
    result = run_cli(["diff", "--", "--end-of-options...main", "standards"], diverged.top)
    assert result.exit_code == 2
    assert "Revisi git '--end-of-options' tidak dikenal." in result.stderr


def test_a_shallow_clone_is_told_to_fetch_its_history(diverged: GitProject, run_cli, tmp_path: Path) -> None:
    """CI's ``fetch-depth: 1`` holds both tips but not where they met: the message says how to fetch it."""
    clone = tmp_path / "dangkal"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", "--no-single-branch", f"file://{diverged.top}", str(clone)],
        check=True,
        capture_output=True,
    )
    result = run_cli(["diff", "origin/main...origin/fitur"], clone)
    assert result.exit_code == 2
    assert "tidak memiliki leluhur bersama" in result.stderr
    assert "git fetch --unshallow" in result.stderr and "fetch-depth: 0" in result.stderr


def test_several_merge_bases_take_the_first_with_a_warning(project: GitProject, run_cli) -> None:
    """After criss-cross merges, git diff takes the merge base ``git merge-base`` names and warns; so does
    kompiler diff."""
    project.git("branch", "fitur")
    (project.top / "main.txt").write_text("main\n")
    project.commit("di main")
    project.git("checkout", "-q", "fitur")
    (project.top / "fitur.txt").write_text("fitur\n")
    project.commit("di fitur")
    project.git("merge", "-q", "--no-edit", "main")
    project.git("checkout", "-q", "main")
    project.git("merge", "-q", "--no-edit", "fitur~1")
    project.git("checkout", "-q", "fitur")
    project.edit(POSITION, raise_level)
    project.commit("naikkan level")
    bases = project.git("merge-base", "--all", "main", "fitur").split()
    assert len(bases) == 2
    first = project.git("merge-base", "main", "fitur").strip()
    result = run_cli(["diff", "main...fitur"], project.top)
    assert result.exit_code == 0, result.output
    short = result.stdout.split()[2]
    assert first.startswith(short)
    assert BRANCH_CHANGE in result.stdout
    assert f"peringatan: main...fitur: ada 2 merge base; yang dipakai {short}." in result.stderr
    assert f"warning: main...fitur: 2 merge bases; using {short}." in result.stderr


def test_a_mistyped_second_revision_is_named_as_unknown(diverged: GitProject, run_cli) -> None:
    """``kompiler diff main featur``: a last argument that is neither a revision nor a path in the work
    tree (which a path compared with the work tree must be) is named as the unknown revision, as a lone
    one is and as git does, not read as a folder the revision lacks."""
    for arguments in (["main", "tidak-ada"], ["main", "main..tidak-ada"]):
        result = run_cli(["diff", *arguments], diverged.top)
        assert result.exit_code == 2, arguments
        assert "Revisi git 'tidak-ada' tidak dikenal." in result.stderr, (arguments, result.stderr)
        assert "tidak memuat berkas standar" not in result.stderr
