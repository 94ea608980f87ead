"""The private folder: refused where personal data could be published or committed, written 0600/0700
whatever the umask, all or nothing, and each step replacing only its own section."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from kompiler.build.output import MARKER, OutputRefused, OutputWriter
from kompiler.build.output import PRIVATE_NOTE as NOTE
from kompiler.build.private import SELF_IGNORE, PrivateRefused, PrivateWriter, default_folder

GIT = shutil.which("git")


def _modes(folder: Path) -> set[tuple[str, int]]:
    return {
        ("d" if p.is_dir() else "f", stat.S_IMODE(p.lstat().st_mode)) for p in [folder, *folder.rglob("*")]
    }


def _written(target: Path, files: dict[str, str], **options: object) -> PrivateWriter:
    writer = PrivateWriter(target, **options)
    for relative, text in files.items():
        writer.write_text(relative, text)
    writer.commit()
    return writer


def test_files_0600_folders_0700_whatever_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o000)
    try:
        _written(tmp_path / "hasil", {"kesenjangan/P1.md": "x", "kesenjangan.csv": "a"})
    finally:
        os.umask(previous)
    assert _modes(tmp_path / "hasil") == {("d", 0o700), ("f", 0o600)}
    assert os.umask(previous) == previous  # the umask is given back


def test_an_existing_open_folder_is_closed_to_others(tmp_path: Path) -> None:
    target = tmp_path / "hasil"
    target.mkdir(mode=0o755)
    os.chmod(target, 0o755)
    _written(target, {"rencana/P1.md": "x"})
    assert stat.S_IMODE(target.stat().st_mode) == 0o700


def test_each_step_replaces_only_its_own_section(tmp_path: Path) -> None:
    target = tmp_path / "hasil"
    _written(target, {"kesenjangan/P1.md": "1", "kesenjangan/P2.md": "2", "kesenjangan.csv": "g"})
    _written(target, {"rencana/P1.md": "p", "rencana.csv": "r"})
    _written(target, {"kesenjangan/P1.md": "1b", "kesenjangan.csv": "g2"})
    names = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert names == [
        SELF_IGNORE,
        MARKER,
        NOTE,
        "kesenjangan.csv",
        "kesenjangan/P1.md",
        "rencana.csv",
        "rencana/P1.md",
    ]
    assert (
        target / "kesenjangan/P1.md"
    ).read_text() == "1b"  # P2 of the earlier run is gone with its section


def test_a_failed_step_leaves_the_previous_output(tmp_path: Path) -> None:
    target = tmp_path / "hasil"
    _written(target, {"kesenjangan/P1.md": "old"})
    writer = PrivateWriter(target)
    writer.write_text("kesenjangan/P1.md", "new")
    writer.abort()
    assert (target / "kesenjangan/P1.md").read_text() == "old"
    assert sorted(p.name for p in target.iterdir()) == sorted([SELF_IGNORE, MARKER, NOTE, "kesenjangan"])


def test_a_result_edited_to_the_same_size_is_neither_replaced_nor_removed(tmp_path: Path) -> None:
    """A year changed by hand in the plan keeps its size; the next step, which would remove the plan made
    from another assessment file, refuses instead."""
    target = tmp_path / "hasil"
    _written(target, {"kesenjangan.csv": "P1,2026\n"})
    _written(target, {"rencana.csv": "P1,2026,RAHASIA\n"})
    (target / "rencana.csv").write_text("P1,2027,RAHASIA\n", encoding="utf-8")
    with pytest.raises(OutputRefused, match=r"rencana\.csv"):
        PrivateWriter(target)
    assert (target / "rencana.csv").read_text(encoding="utf-8") == "P1,2027,RAHASIA\n"
    assert (target / "kesenjangan.csv").read_text(encoding="utf-8") == "P1,2026\n"


@pytest.mark.skipif(GIT is None, reason="needs git")
def test_refuses_a_folder_inside_a_git_folder(tmp_path: Path) -> None:
    """Inside ``.git`` git reports no working tree, so only the output check stops personal data there."""
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    with pytest.raises(OutputRefused, match="inside the Git folder"):
        PrivateWriter(tmp_path / "repo" / ".git" / "hasil")
    assert not (tmp_path / "repo" / ".git" / "hasil").exists()


def test_refuses_a_public_output_folder_and_what_is_inside_it(tmp_path: Path) -> None:
    public = tmp_path / "output"
    writer = OutputWriter(public)
    writer.write_text("site/index.html", "<p>")
    writer.commit()
    for target in (public, public / "pribadi", public / "site" / "hasil"):
        with pytest.raises(PrivateRefused) as refused:
            PrivateWriter(target)
        assert "folder keluaran publik" in refused.value.message.id
    assert not (public / "pribadi").exists()


def test_refuses_a_folder_kompiler_did_not_write(tmp_path: Path) -> None:
    target = tmp_path / "dokumen"
    target.mkdir()
    (target / "surat.docx").write_bytes(b"mine")
    with pytest.raises(OutputRefused):
        PrivateWriter(target)
    assert (target / "surat.docx").read_bytes() == b"mine"


def test_refuses_the_standards_project_and_its_folders(minimal_project: Path) -> None:
    for target in (minimal_project, minimal_project / "jabatan" / "hasil"):
        with pytest.raises(OutputRefused):
            PrivateWriter(target, sources=[minimal_project])


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_inside_a_git_repository_only_where_ignored_and_untracked(minimal_project: Path) -> None:
    def git(*arguments: str) -> None:
        subprocess.run(["git", "-C", str(minimal_project), *arguments], check=True, capture_output=True)

    git("init", "-q")
    with pytest.raises(PrivateRefused) as refused:
        PrivateWriter(default_folder(minimal_project), sources=[minimal_project])
    assert "tidak diabaikan Git" in refused.value.message.id
    assert not (minimal_project / "asesmen").exists()

    (minimal_project / ".gitignore").write_text("asesmen/\n")
    _written(default_folder(minimal_project), {"kesenjangan/P1.md": "x"}, sources=[minimal_project])

    tracked = minimal_project / "arsip"
    tracked.mkdir()
    (tracked / "catatan.txt").write_text("x")
    git("add", "arsip/catatan.txt")
    (minimal_project / ".gitignore").write_text("asesmen/\narsip/\n")
    with pytest.raises(PrivateRefused) as refused:
        PrivateWriter(tracked, sources=[minimal_project])
    assert "dilacak Git, meski folder itu diabaikan" in refused.value.message.id
    assert "git rm -r --cached -- arsip" in refused.value.message.en
    assert ".gitignore" not in refused.value.message.en  # the folder is ignored already


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_git_add_takes_nothing_even_after_the_ignore_line_goes(minimal_project: Path) -> None:
    """The refusal holds while a command runs; a .gitignore tidied later, or the folder copied into
    another repository, must still leave every result out of the next ``git add -A``."""

    def git(*arguments: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(minimal_project), *arguments], check=True, capture_output=True
        )
        return done.stdout.decode()

    git("init", "-q")
    (minimal_project / ".gitignore").write_text("asesmen/\n")
    _written(default_folder(minimal_project), {"kesenjangan/P1.md": "x"}, sources=[minimal_project])
    (minimal_project / ".gitignore").write_text("output/\n")
    assert "asesmen" not in git("status", "--porcelain", "--untracked-files=all")
    copy = minimal_project / "salinan"
    shutil.copytree(default_folder(minimal_project), copy)
    assert "salinan" not in git("add", "-A", "--dry-run")


def test_without_git_inside_a_repository_it_refuses(
    minimal_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (minimal_project / ".git").mkdir()
    monkeypatch.setenv("PATH", "")
    with pytest.raises(PrivateRefused) as refused:
        PrivateWriter(default_folder(minimal_project), sources=[minimal_project])
    assert "git tidak dapat dijalankan" in refused.value.message.id


def test_a_link_into_a_public_output_folder_is_refused(tmp_path: Path) -> None:
    public = tmp_path / "output"
    writer = OutputWriter(public)
    writer.write_text("site/index.html", "<p>")
    writer.commit()
    (public / "site" / "kosong").mkdir()
    link = tmp_path / "hasil"
    link.symlink_to(public / "site" / "kosong")
    with pytest.raises(PrivateRefused):
        PrivateWriter(link)
    assert not any((public / "site" / "kosong").iterdir())


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_a_git_dir_left_in_the_environment_does_not_hide_the_repository(
    minimal_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A GIT_DIR from a hook or a script naming another repository, one that ignores everything, must
    not make the project's own repository look as if it ignored the private folder."""
    subprocess.run(["git", "-C", str(minimal_project), "init", "-q"], check=True, capture_output=True)
    other = tmp_path / "lain"
    subprocess.run(["git", "init", "-q", str(other)], check=True, capture_output=True)
    (other / ".git" / "info" / "exclude").write_text("*\n")
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(minimal_project))
    with pytest.raises(PrivateRefused) as refused:
        PrivateWriter(default_folder(minimal_project), sources=[minimal_project])
    assert "tidak diabaikan Git" in refused.value.message.id


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_an_index_file_left_in_the_environment_does_not_hide_tracked_files(
    minimal_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A GIT_INDEX_FILE from a hook or a script naming another (empty) index must not make files Git
    tracks in an ignored folder look untracked: the next commit would still carry them."""

    def git(*arguments: str) -> None:
        subprocess.run(["git", "-C", str(minimal_project), *arguments], check=True, capture_output=True)

    git("init", "-q")
    tracked = minimal_project / "arsip"
    tracked.mkdir()
    (tracked / "catatan.txt").write_text("x")
    git("add", "arsip/catatan.txt")
    (minimal_project / ".gitignore").write_text("arsip/\n")
    monkeypatch.setenv("GIT_INDEX_FILE", str(tmp_path / "kosong.index"))
    with pytest.raises(PrivateRefused) as refused:
        PrivateWriter(tracked, sources=[minimal_project])
    assert "dilacak Git, meski folder itu diabaikan" in refused.value.message.id
