"""``kompiler diff`` from the command line: argument forms, formats, error paths, and an untouched work tree."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from git_project import FIXTURES, POSITION, GitProject

from kompiler.diff import git as git_module
from kompiler.diff.words import Op, word_diff


def raise_level(data: dict) -> None:
    data["kompetensi"]["manajerial"][0]["level"] = 3
    data["ikhtisar"] = data["ikhtisar"].replace("yang andal", "yang andal, tepat waktu, dan dapat diaudit")


def test_default_compares_head_with_work_tree(project: GitProject, run_cli) -> None:
    project.edit(POSITION, raise_level)
    result = run_cli(["diff"], project.top)
    assert result.exit_code == 0, result.output
    assert "HEAD → pohon kerja" in result.output
    assert "level kompetensi M.01 dinaikkan dari 2 menjadi 3" in result.output
    assert "{+, tepat waktu, dan dapat diaudit+}" in result.output


def test_the_work_tree_is_named_in_the_reports_language_and_by_that_name(
    project: GitProject, run_cli
) -> None:
    """The header names the work tree "pohon kerja" (git's Indonesian word) or "work-tree"; either, as
    REV_B, means the work tree, unless a path or a revision has that name."""
    project.edit(POSITION, raise_level)
    assert "HEAD → work-tree:" in run_cli(["diff", "--locale", "en"], project.top).output
    for name in ("work-tree", "pohon kerja", "pohon-kerja"):
        result = run_cli(["diff", "HEAD", name], project.top)
        assert result.exit_code == 0, result.output
        assert "Perubahan standar HEAD → pohon kerja: 2 perubahan" in result.output
        result = run_cli(["diff", "HEAD", name, "standards"], project.top)
        assert result.exit_code == 0, result.output
        assert "level kompetensi M.01 dinaikkan dari 2 menjadi 3" in result.output
    # the work tree as REV_A: the change seen backwards
    result = run_cli(["diff", "work-tree", "HEAD"], project.top)
    assert "Perubahan standar pohon kerja → HEAD" in result.output
    assert "level kompetensi M.01 diturunkan dari 3 menjadi 2" in result.output
    # a branch of that name stays the branch: committed, it equals HEAD
    project.git("branch", "worktree")
    result = run_cli(["diff", "HEAD", "worktree"], project.top)
    assert "HEAD → worktree: Tidak ada perubahan makna." in result.output


def test_from_a_subfolder_the_project_is_found_upward(project: GitProject, run_cli, tmp_path: Path) -> None:
    """A drafter in ``standards/jabatan/`` runs ``kompiler diff`` as they would ``git diff``; the
    amendment document lands where they asked, relative to where they are."""
    project.edit(POSITION, raise_level)
    result = run_cli(
        ["diff", "--amendment", str(tmp_path / "perubahan")], project.top / "standards" / "jabatan"
    )
    assert result.exit_code == 0, result.output
    assert "level kompetensi M.01 dinaikkan dari 2 menjadi 3" in result.output
    assert (tmp_path / "perubahan" / "perubahan.md").is_file()


def test_work_tree_and_index_are_never_touched(project: GitProject, run_cli) -> None:
    project.edit(POSITION, raise_level)
    project.git("add", POSITION)
    (project.top / "standards" / "catatan.txt").write_text("belum di-commit\n")
    status = project.git("status", "--porcelain")
    index = (project.top / ".git" / "index").read_bytes()
    head = project.git("rev-parse", "HEAD")
    assert run_cli(["diff", "HEAD", "HEAD"], project.top).exit_code == 0
    assert run_cli(["diff"], project.top).exit_code == 0
    assert project.git("status", "--porcelain") == status
    assert (project.top / ".git" / "index").read_bytes() == index
    assert project.git("rev-parse", "HEAD") == head


def test_two_revisions_range_and_path(project: GitProject, run_cli) -> None:
    project.edit(POSITION, raise_level)
    project.commit("naikkan level")
    expected = "level kompetensi M.01 dinaikkan dari 2 menjadi 3"
    for arguments in (["HEAD~1", "HEAD"], ["HEAD~1..HEAD"], ["HEAD~1", "HEAD", "standards"], ["HEAD~1.."]):
        result = run_cli(["diff", *arguments], project.top)
        assert result.exit_code == 0, (arguments, result.output)
        assert expected in result.output, arguments
    # A single argument that is not a revision is the path.
    inside = run_cli(["diff", "HEAD~1", "."], project.top / "standards")
    assert expected in inside.output
    assert "Tidak ada perubahan" in run_cli(["diff", "standards"], project.top).output


def test_exit_code_option(project: GitProject, run_cli) -> None:
    assert run_cli(["diff", "--exit-code"], project.top).exit_code == 0
    project.edit(POSITION, raise_level)
    assert run_cli(["diff", "--exit-code"], project.top).exit_code == 1


def test_json_format(project: GitProject, run_cli) -> None:
    project.edit(POSITION, raise_level)
    data = json.loads(run_cli(["diff", "--format", "json"], project.top).output)
    assert data["dari"] == "HEAD"
    assert data["jumlah"] == {"jabatan": 1}
    raised = next(c for c in data["perubahan"] if c["jenis"] == "level_syarat_naik")
    assert (raised["butir"], raised["sebelum"], raised["sesudah"]) == ("M.01", 2, 3)


def test_markdown_format_for_pull_requests(project: GitProject, run_cli, golden) -> None:
    project.edit(POSITION, raise_level)
    project.edit(POSITION, lambda data: data["tugas"].append("Menyusun *kajian* [kas] daerah"))
    result = run_cli(["diff", "--format", "markdown", "--locale", "en"], project.top)
    assert result.exit_code == 0
    golden("diff/pull-request.en.md", result.output)
    result = run_cli(["diff", "--format", "markdown"], project.top)
    golden("diff/pull-request.id.md", result.output)


def test_not_a_git_repository(tmp_path: Path, run_cli) -> None:
    result = run_cli(["diff"], tmp_path)
    assert result.exit_code == 2
    assert "bukan bagian dari repositori git" in result.output


def test_unknown_revision(project: GitProject, run_cli) -> None:
    result = run_cli(["diff", "tidak-ada", "HEAD", "standards"], project.top)
    assert result.exit_code == 2
    assert "Revisi git 'tidak-ada' tidak dikenal" in result.output
    assert "Traceback" not in result.output


def test_git_errors_are_in_both_languages_unless_one_is_chosen(
    project: GitProject, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error before any project is read says it in Indonesian and English, as the other commands'
    errors do; ``--locale`` or KOMPILER_LOCALE chooses one."""
    indonesian, english = "Revisi git 'tidak-ada' tidak dikenal.", "Unknown git revision 'tidak-ada'."
    result = run_cli(["diff", "tidak-ada", "HEAD", "standards"], project.top)
    assert result.exit_code == 2
    assert f"kompiler diff: {indonesian} / {english}" in result.output
    result = run_cli(["diff", "tidak-ada", "HEAD", "standards", "--locale", "en"], project.top)
    assert f"kompiler diff: {english}" in result.output and indonesian not in result.output
    monkeypatch.setenv("KOMPILER_LOCALE", "id_ID.UTF-8")
    result = run_cli(["diff", "tidak-ada", "HEAD", "standards"], project.top)
    assert f"kompiler diff: {indonesian}" in result.output and english not in result.output


def test_a_path_where_a_revision_may_go_costs_one_git_process(
    project: GitProject, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``kompiler diff standards`` asks git once whether ``standards`` is a revision; the commands that
    explain an unknown revision (an empty repository? a shallow clone?) run only when one is reported."""
    ran: list[tuple[str, ...]] = []
    run_git = git_module._git

    def counted(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
        ran.append(args)
        return run_git(cwd, *args, stdin=stdin)

    monkeypatch.setattr(git_module, "_git", counted)
    project.edit(POSITION, raise_level)
    result = run_cli(["diff", "standards"], project.top)
    assert result.exit_code == 0, result.output
    assert "level kompetensi M.01 dinaikkan dari 2 menjadi 3" in result.output
    asked = [args for args in ran if "standards^{commit}" in args]
    assert asked == [("rev-parse", "--verify", "--quiet", "--end-of-options", "standards^{commit}")]
    assert not [args for args in ran if args[0] == "rev-list" or "--is-shallow-repository" in args]
    ran.clear()
    result = run_cli(["diff", "tidak-ada", "HEAD", "standards"], project.top)
    assert "Revisi git 'tidak-ada' tidak dikenal." in result.output
    assert ("rev-list", "-n", "1", "--all") in ran and ("rev-parse", "--is-shallow-repository") in ran


def test_a_repository_without_commits_says_so(tmp_path: Path, run_cli) -> None:
    """Right after ``git init`` (the README's first steps), HEAD is not an unknown revision: there is none yet."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True, capture_output=True)
    shutil.copytree(FIXTURES / "minimal", tmp_path / "standards")
    result = run_cli(["diff"], tmp_path)
    assert result.exit_code == 2
    assert "Belum ada commit di repositori git ini, sehingga revisi 'HEAD' belum ada" in result.output
    assert "tidak dikenal" not in result.output


def test_path_absent_in_a_revision(project: GitProject, run_cli) -> None:
    (project.top / "lain").mkdir()
    (project.top / "lain" / "kompiler.yaml").write_text(
        (project.top / "standards" / "kompiler.yaml").read_text()
    )
    result = run_cli(["diff", "HEAD", "lain"], project.top)
    assert result.exit_code == 2
    assert "tidak memuat berkas standar di lain" in result.output
    result = run_cli(["diff", "HEAD", "hilang"], project.top)
    assert result.exit_code == 2


def test_broken_revision_is_compared_with_a_warning(project: GitProject, run_cli) -> None:
    (project.top / POSITION).write_text("kode: [tidak ditutup\n")
    result = run_cli(["diff"], project.top)
    assert result.exit_code == 0
    assert "pohon kerja memuat 1 galat" in result.output
    assert "NTB.JF.AKPD.MUDA" in result.output


def test_word_diff_segments_rebuild_both_texts() -> None:
    before = "Menyusun laporan keuangan, secara berkala."
    after = "Menyusun  laporan keuangan daerah secara berkala dan tepat waktu."
    segments = word_diff(before, after)
    assert "".join(s.text for s in segments if s.op is not Op.INSERT) == before
    assert "".join(s.text for s in segments if s.op is not Op.DELETE) == after
