"""The output folder of ``build -o`` and ``merge --write``: a build replaces only a folder that is kompiler's,
writes nothing outside it, survives SIGTERM at any moment, follows the umask, reports a full or read-only
disk, and writes the same bytes from any working folder."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kompiler.build.output import OutputRefused, OutputWriter
from kompiler.cli.output import terminable
from tests.conftest import content_of
from tests.hostile.conftest import FIXTURES, Run

MARKER = ".kompiler-output"
BOOKKEEPING = (".kompiler-staging.", ".kompiler-old.", ".kompiler-lock")
POSITION = "jabatan/analis-keuangan.yaml"
SKJ = "jabatan/NTB.JF.AKPD.MUDA.md"  # its SKJ in the output


def tree(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (links not followed): a file by its hash, a folder or link by its kind.

    A marker counts without the modification times it records: two builds of the same bytes write them at
    different times."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[relative] = "link:" + os.readlink(path)
        elif path.is_file():
            found[relative] = hashlib.sha256(content_of(path)).hexdigest()
        else:
            found[relative] = "folder"
    return found


def leftovers(output: Path) -> list[str]:
    return sorted(p.name for p in output.iterdir() if p.name.startswith(BOOKKEEPING))


def marked(output: Path) -> dict[str, tuple[int, int, str]]:
    """The files the output folder's marker lists, with their sizes, modification times and SHA-256."""
    lines = (output / MARKER).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "kompiler-output 2"
    return {
        path: (int(size), int(mtime), digest)
        for size, mtime, digest, path in (line.split(" ", 3) for line in lines if line[0].isdigit())
    }


def recorded(path: Path) -> tuple[int, int, str]:
    """What a marker records of ``path``."""
    status = path.stat()
    return status.st_size, status.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()


def edit_position(project: Path) -> None:
    """Change one text, so that a second build writes different bytes."""
    path = project / POSITION
    path.write_text(path.read_text(encoding="utf-8").replace("andal", "akurat"), encoding="utf-8")


QUICK = ["--tanpa-lampiran"]  # the appendix as one PDF and Word document is most of a small build's time
MEMORY = 4 * 1024**3


def build(kompiler: Callable[..., Run], project: Path, output: Path) -> Run:
    return kompiler(["build", "-q", *QUICK, str(project), "-o", str(output)], project.parent, memory=MEMORY)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder kompiler wrote for the minimal project, built once: copies of it are kompiler's."""
    folder = tmp_path_factory.mktemp("built")
    project = folder / "standar"
    shutil.copytree(FIXTURES / "minimal", project)
    done = subprocess.run(
        [sys.executable, "-m", "kompiler", "build", "-q", *QUICK, str(project), "-o", str(folder / "out")],
        env=_build_env(folder),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return folder / "out"


def own_output(built: Path, folder: Path) -> Path:
    shutil.copytree(built, folder, symlinks=True)
    return folder


def refused(result: Run, folder: Path) -> None:
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and str(folder.resolve()) in result.stderr


# 1. Never replace a folder that holds anything kompiler did not write.


def test_the_project_folder_itself_is_refused(kompiler: Callable[..., Run], project: Path) -> None:
    (project / "catatan-belum-dikomit.txt").write_text("penting", encoding="utf-8")
    before = tree(project)
    for args in (["build", "-q", ".", "-o", "."], ["merge", ".", "--write", "."]):
        result = kompiler(args, project, memory=MEMORY)
        refused(result, project)
        assert "is the standards project's folder" in result.stderr
        assert tree(project) == before


def test_a_repository_holding_the_project_is_refused(kompiler: Callable[..., Run], project: Path) -> None:
    repository = project.parent
    (repository / ".git").mkdir()
    (repository / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    before = tree(repository)
    for args in (["build", "-q", "standar", "-o", "."], ["merge", "standar", "--write", "."]):
        result = kompiler(args, repository, memory=MEMORY)
        refused(result, repository)
        assert "holds the standards project" in result.stderr
    assert tree(repository) == before


def test_a_project_at_the_root_of_its_repository_is_refused(
    kompiler: Callable[..., Run], project: Path
) -> None:
    (project / ".git").mkdir()
    before = tree(project)
    refused(kompiler(["build", "-q", ".", "-o", "."], project, memory=MEMORY), project)
    assert tree(project) == before


def test_the_root_folder_is_refused_and_nothing_is_written_there(
    kompiler: Callable[..., Run], project: Path
) -> None:
    before = sorted(os.listdir("/"))
    result = kompiler(["build", "-q", ".", "-o", "/"], project, memory=MEMORY)
    assert result.exit_code == 2 and "holds the standards project" in result.stderr
    assert sorted(os.listdir("/")) == before


@pytest.mark.parametrize(
    ("plant", "expected"),
    [
        ("notes.txt", "was not written by kompiler (notes.txt)"),
        (".git/HEAD", "is a Git repository"),
        ("deep/inside/data.csv", "deep/inside/data.csv"),
    ],
)
def test_a_folder_with_foreign_files_is_refused(
    kompiler: Callable[..., Run], project: Path, plant: str, expected: str
) -> None:
    output = project.parent / "outside"
    (output / plant).parent.mkdir(parents=True, exist_ok=True)
    (output / plant).write_text("milik pengguna", encoding="utf-8")
    before = tree(output)
    result = build(kompiler, project, output)
    refused(result, output)
    assert expected in result.stderr
    assert tree(output) == before


def test_files_added_to_or_changed_in_an_output_are_kept(
    kompiler: Callable[..., Run], project: Path, built: Path
) -> None:
    output = own_output(built, project.parent / "keluaran")
    (output / "site" / "CNAME").write_text("skj.example.go.id", encoding="utf-8")
    result = build(kompiler, project, output)
    refused(result, output)
    assert "site/CNAME" in result.stderr and (output / "site" / "CNAME").exists()
    (output / "site" / "CNAME").unlink()
    with (output / SKJ).open("a", encoding="utf-8") as edited:
        edited.write("\nCatatan tangan penyunting.\n")
    before = tree(output)
    result = build(kompiler, project, output)
    refused(result, output)
    assert SKJ in result.stderr and tree(output) == before


def test_an_edit_that_keeps_the_size_is_kept(
    kompiler: Callable[..., Run], project: Path, built: Path
) -> None:
    """A year changed by hand keeps the file's size: the marker's time and SHA-256 still tell it apart."""
    output = own_output(built, project.parent / "keluaran")
    text = (output / SKJ).read_text(encoding="utf-8")
    edited = text.replace("a", "e", 1)
    assert edited != text and len(edited.encode()) == len(text.encode())
    (output / SKJ).write_text(edited, encoding="utf-8")
    before = tree(output)
    result = build(kompiler, project, output)
    refused(result, output)
    assert SKJ in result.stderr and "changed since" in result.stderr
    assert tree(output) == before


def test_an_unchanged_file_with_another_time_is_kompilers(
    kompiler: Callable[..., Run], project: Path, built: Path
) -> None:
    """A file touched, copied or checked out again keeps its bytes: it is read, and taken as kompiler's."""
    output = project.parent / "keluaran"
    shutil.copytree(built, output, symlinks=True, copy_function=shutil.copy)  # the times are not kept
    os.utime(output / SKJ, ns=(0, 0))
    assert build(kompiler, project, output).exit_code == 0
    assert marked(output)[SKJ] == recorded(output / SKJ)


def test_an_edit_in_the_same_tick_as_the_marker_is_kept(tmp_path: Path) -> None:
    """A file edited so fast that its time is the one the marker records (the clock's tick is coarse) is
    not after the marker's own time: it is hashed, as git does with a "racily clean" file."""
    output = tmp_path / "keluaran"
    _staged_writer(output, "lama").commit()
    path = output / "model.json"
    recorded_time = path.stat().st_mtime_ns
    path.write_text("lama model.jsoN", encoding="utf-8")
    os.utime(path, ns=(recorded_time, recorded_time))
    os.utime(output / MARKER, ns=(recorded_time, recorded_time))
    with pytest.raises(OutputRefused, match=r"model\.json"):
        _staged_writer(output, "baru")
    assert path.read_text(encoding="utf-8") == "lama model.jsoN"


def test_an_earlier_kompilers_marker_of_sizes_only_is_refused_with_a_hint(
    kompiler: Callable[..., Run], project: Path, built: Path
) -> None:
    """A marker that recorded sizes alone cannot tell a same-size edit: nothing it lists is replaced. The
    command the hint gives can be pasted as it is, a space in the folder's name included."""
    output = own_output(built, project.parent / "keluaran lama")
    lines = [
        f"{path.stat().st_size} {path.relative_to(output).as_posix()}\n"
        for path in sorted(output.rglob("*"))
        if path.is_file() and path.name != MARKER
    ]
    (output / MARKER).write_text("kompiler-output 1\n" + "".join(lines), encoding="utf-8")
    before = tree(output)
    result = build(kompiler, project, output)
    refused(result, output)
    assert (
        "recorded only each file's size" in result.stderr and f"rm -r '{output.resolve()}'" in result.stderr
    )
    assert tree(output) == before


def test_links_in_an_output_are_foreign(kompiler: Callable[..., Run], project: Path, built: Path) -> None:
    output = own_output(built, project.parent / "keluaran")
    (output / "site" / "kunci").symlink_to(project)
    (output / ".kompiler-staging.x").symlink_to(project)
    result = build(kompiler, project, output)
    refused(result, output)
    assert "site/kunci" in result.stderr and ".kompiler-staging.x" in result.stderr
    assert (project / "kompiler.yaml").exists()


@pytest.mark.parametrize("damage", ["json", "fifo", "link", "long line"])
def test_a_damaged_marker_is_refused(
    kompiler: Callable[..., Run], project: Path, built: Path, damage: str
) -> None:
    output = own_output(built, project.parent / "keluaran")
    marker = output / MARKER
    text = marker.read_text(encoding="utf-8")
    marker.unlink()
    if damage == "json":
        marker.write_text('{"format": 1, "berkas": ["semua"]}', encoding="utf-8")
    elif damage == "fifo":
        os.mkfifo(marker)
    elif damage == "link":
        marker.symlink_to(project / "kompiler.yaml")
    else:
        marker.write_text(text + "1 " + "x" * 100_000 + "\n", encoding="utf-8")
    result = build(kompiler, project, output)
    refused(result, output)
    assert "is damaged" in result.stderr


def test_an_earlier_kompilers_unmarked_output_is_refused_with_a_hint(
    kompiler: Callable[..., Run], project: Path, built: Path
) -> None:
    output = own_output(built, project.parent / "keluaran")
    (output / MARKER).unlink()
    result = build(kompiler, project, output)
    refused(result, output)
    assert "earlier kompiler" in result.stderr and f"rm -r {output.resolve()}" in result.stderr


@pytest.mark.parametrize("where", ["repo/.git/keluaran", "repo/.git", "lain.git/keluaran"])
def test_an_output_inside_a_git_folder_is_refused(
    kompiler: Callable[..., Run], project: Path, tmp_path: Path, where: str
) -> None:
    """A repository's Git folder (``.git``, or a bare repository's) is git's data, never output."""
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    subprocess.run(["git", "init", "-q", "--bare", str(tmp_path / "lain.git")], check=True)
    before = tree(tmp_path)
    result = build(kompiler, project, tmp_path / where)
    refused(result, tmp_path / where)
    assert "lies inside the Git folder" in result.stderr
    assert tree(tmp_path) == before


def test_an_output_in_the_projects_templates_is_refused(kompiler: Callable[..., Run], project: Path) -> None:
    result = build(kompiler, project, project / "templates" / "situs")
    refused(result, project / "templates" / "situs")
    assert not (project / "templates").exists()


def test_absent_empty_and_own_folders_are_written(kompiler: Callable[..., Run], project: Path) -> None:
    absent = project.parent / "baru" / "sekali"
    empty = project.parent / "kosong"
    good = (project / POSITION).read_text(encoding="utf-8")
    (project / POSITION).write_text("kode: [\n", encoding="utf-8")
    before = tree(project.parent)
    assert build(kompiler, project, absent).exit_code == 1
    assert tree(project.parent) == before, "a failed build leaves no folder behind"
    (project / POSITION).write_text(good, encoding="utf-8")
    (empty / "sub").mkdir(parents=True)
    inside = project / "keluaran"  # inside the project: the project never reads it
    for output in (absent, empty, inside):
        result = build(kompiler, project, output)
        assert result.exit_code == 0, result.stderr
        assert (output / "model.json").is_file() and (output / MARKER).is_file()
        assert leftovers(output) == []
    listed = marked(absent)
    assert listed == {
        p.relative_to(absent).as_posix(): recorded(p)
        for p in absent.rglob("*")
        if p.is_file() and p.name != MARKER
    }
    edit_position(project)
    assert build(kompiler, project, absent).exit_code == 0
    assert "akurat" in (absent / SKJ).read_text(encoding="utf-8")
    check = kompiler(["check", "."], project)
    assert check.exit_code == 0, check.stdout


# 2. Nothing outside the output folder, a mount point, SIGTERM at any moment.


@contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """A small tmpfs at ``folder`` (skipped where mounting is not permitted), unmounted afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_mount_point_is_an_output_folder_like_any_other(
    kompiler: Callable[..., Run], project: Path
) -> None:
    with tmpfs(project.parent / "disk", "16M") as output:
        parent_before = sorted(os.listdir(output.parent))
        assert build(kompiler, project, output).exit_code == 0
        edit_position(project)
        result = build(kompiler, project, output)
        assert result.exit_code == 0, result.stderr
        assert "akurat" in (output / SKJ).read_text(encoding="utf-8")
        assert leftovers(output) == [] and sorted(os.listdir(output.parent)) == parent_before
        assert stat.S_IMODE(output.stat().st_mode) == 0o755


def test_a_build_writes_nothing_beside_its_output(tmp_path: Path, project: Path, built: Path) -> None:
    """Watched while it runs: no lock, staging or old folder ever appears beside the output."""
    output = own_output(built, tmp_path / "keluaran")
    before = set(os.listdir(tmp_path))
    edit_position(project)
    running = _start(project, output, _build_env(tmp_path))
    seen = set(before)
    while running.poll() is None:
        seen |= set(os.listdir(tmp_path))
        time.sleep(0.002)
    assert running.returncode == 0
    assert seen == before and "akurat" in (output / SKJ).read_text(encoding="utf-8")


def _build_env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "SOURCE_DATE_EPOCH": "1767225600",
        "XDG_CACHE_HOME": str(tmp_path / "user-cache"),
        "KOMPILER_LOCALE": "en",
    }


def _start(project: Path, output: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kompiler", "build", "-q", *QUICK, str(project), "-o", str(output)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _started(project: Path, output: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], float]:
    """A build into ``output``, returned once it has opened the folder (its staging folder is there)."""
    running = _start(project, output, env)
    while not list(output.glob(".kompiler-staging.*")) and running.poll() is None:
        time.sleep(0.002)
    return running, time.monotonic()


def test_sigterm_at_any_moment_leaves_the_previous_or_the_new_output(tmp_path: Path, project: Path) -> None:
    env = _build_env(tmp_path)
    pristine, output = tmp_path / "pristine", tmp_path / "keluaran"
    assert _start(project, pristine, env).wait(timeout=120) == 0
    edit_position(project)
    shutil.copytree(pristine, output, symlinks=True)
    running, opened = _started(project, output, env)
    assert running.wait(timeout=120) == 0
    duration = time.monotonic() - opened  # from opening the output folder to the end
    old, new = tree(pristine), tree(output)
    assert old != new
    beside = sorted(os.listdir(tmp_path))
    outcomes = []
    for fraction in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0):  # the end includes the interpreter's exit
        shutil.rmtree(output)
        shutil.copytree(pristine, output, symlinks=True)
        running, _ = _started(project, output, env)
        time.sleep(duration * fraction)
        running.send_signal(signal.SIGTERM)
        code = running.wait(timeout=60)
        stderr = running.stderr.read().decode(errors="replace") if running.stderr else ""
        assert code in (0, 128 + signal.SIGTERM, -signal.SIGTERM), (fraction, code, stderr)
        assert "Traceback" not in stderr
        now = tree(output)
        assert now in (old, new), fraction
        assert leftovers(output) == [] and sorted(os.listdir(tmp_path)) == beside, fraction
        outcomes.append((code, now == new))
    assert (128 + signal.SIGTERM, False) in outcomes, "no SIGTERM landed while the build was writing"


def _staged_writer(output: Path, text: str) -> OutputWriter:
    writer = OutputWriter(output)
    for relative in ("model.json", "site/index.html", "jabatan/A.md"):
        writer.write_text(relative, f"{text} {relative}")
    return writer


@pytest.mark.parametrize("sender", ["this thread", "another thread"])
def test_sigterm_during_the_swap_is_held_until_it_is_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sender: str
) -> None:
    """The system may deliver a signal sent to the process to any thread that does not block it (a
    build has a few), and Python then acts on it in the main thread at once: it must wait all the same."""
    output = tmp_path / "keluaran"
    _staged_writer(output, "lama").commit()
    old = tree(output)
    writer = _staged_writer(output, "baru")
    rename = os.rename
    asked, sent = threading.Event(), threading.Event()

    def send() -> None:  # started before the swap blocks signals, so this thread does not block them
        if asked.wait(timeout=30):
            os.kill(os.getpid(), signal.SIGTERM)
        sent.set()

    helper = threading.Thread(target=send, daemon=True)
    if sender == "another thread":
        helper.start()

    def terminated_rename(source: object, destination: object) -> None:
        if sender == "this thread":
            os.kill(os.getpid(), signal.SIGTERM)
        elif not asked.is_set():
            asked.set()
            sent.wait(timeout=30)
            time.sleep(0.05)  # time for Python to act on it, if it did not hold it
        rename(source, destination)

    monkeypatch.setattr(os, "rename", terminated_rename)
    with pytest.raises(SystemExit) as stopped, terminable():
        try:
            writer.commit()
        except BaseException:
            writer.abort()  # as the command line does
            raise
    monkeypatch.setattr(os, "rename", rename)
    assert stopped.value.code == 128 + signal.SIGTERM
    assert tree(output) != old and (output / "model.json").read_text(encoding="utf-8") == "baru model.json"
    assert leftovers(output) == [] and sorted(os.listdir(tmp_path)) == ["keluaran"]


class _Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs in the process."""


@pytest.mark.parametrize("moves", [0, 1, 3, 5])
def test_a_build_killed_during_the_swap_leaves_a_folder_the_next_build_takes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, moves: int
) -> None:
    output = tmp_path / "keluaran"
    _staged_writer(output, "lama").commit()
    writer = _staged_writer(output, "baru")
    rename, done = os.rename, []

    def killed_rename(source: object, destination: object) -> None:
        if len(done) == moves:
            raise _Killed
        rename(source, destination)
        done.append(source)

    monkeypatch.setattr(os, "rename", killed_rename)
    with pytest.raises(_Killed):
        writer.commit()
    monkeypatch.setattr(os, "rename", rename)
    os.close(writer._lock)  # the process is gone, and its lock with it
    _staged_writer(output, "lagi").commit()
    assert (output / "model.json").read_text(encoding="utf-8") == "lagi model.json"
    assert leftovers(output) == [] and sorted(os.listdir(tmp_path)) == ["keluaran"]
    assert {path: size for path, (size, _, _) in marked(output).items()} == {
        "jabatan/A.md": 17,
        "model.json": 15,
        "site/index.html": 20,
    }
    assert marked(output)["model.json"] == recorded(output / "model.json")


# 3. The umask.


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o755), (0o027, 0o750)])
def test_the_output_folder_follows_the_umask(tmp_path: Path, project: Path, umask: int, mode: int) -> None:
    output = tmp_path / "keluaran"
    done = subprocess.run(
        [sys.executable, "-m", "kompiler", "build", "-q", *QUICK, str(project), "-o", str(output)],
        env=_build_env(tmp_path),
        capture_output=True,
        preexec_fn=lambda: os.umask(umask),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for folder in (output, output / "site", output / "site" / "jabatan"):
        assert stat.S_IMODE(folder.stat().st_mode) == mode, folder
    assert stat.S_IMODE((output / "model.json").stat().st_mode) == 0o666 & ~umask


# 4. A full or read-only disk, a folder without permission.


@contextmanager
def built_on_a_small_disk(
    kompiler: Callable[..., Run], project: Path, size: str
) -> Iterator[tuple[Path, Path, dict[str, str]]]:
    """A tmpfs of ``size`` holding a first build in ``keluaran/``: the disk, the output folder, and what it
    held, which whatever the disk then refuses must leave as it was."""
    with tmpfs(project.parent / "disk", size) as disk:
        output = disk / "keluaran"
        assert build(kompiler, project, output).exit_code == 0
        yield disk, output, tree(output)


def test_a_full_disk_is_reported_and_the_previous_output_stays(
    kompiler: Callable[..., Run], project: Path
) -> None:
    with built_on_a_small_disk(kompiler, project, "4M") as (disk, output, before):
        free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
        with (disk / "pengisi").open("wb") as filler:
            filler.write(b"\0" * max(0, free - 64 * 1024))
        edit_position(project)
        result = build(kompiler, project, output)
        assert result.exit_code == 2, result.stdout + result.stderr
        assert "No space left on device" in result.stderr and "previous output is unchanged" in result.stderr
        assert "Traceback" not in result.stderr
        assert tree(output) == before and leftovers(output) == []
        assert sorted(os.listdir(disk)) == ["keluaran", "pengisi"]


def test_a_read_only_disk_is_reported_and_the_previous_output_stays(
    kompiler: Callable[..., Run], project: Path
) -> None:
    with built_on_a_small_disk(kompiler, project, "16M") as (disk, output, before):
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        for target in (output, disk / "baru"):
            result = build(kompiler, project, target)
            assert result.exit_code == 2, result.stdout + result.stderr
            assert "Read-only file system" in result.stderr and "Traceback" not in result.stderr
            assert "previous output is unchanged" in result.stderr
        assert tree(output) == before


def test_an_unwritable_parent_stops_only_a_new_output_folder(
    kompiler: Callable[..., Run], kompiler_with: Callable[..., Run], project: Path, built: Path
) -> None:
    """The output folder is written inside itself: a parent the user cannot write does not matter, as long
    as the output folder is there; a new output folder there cannot be made, and is reported."""
    locked = project.parent / "terkunci"
    locked.mkdir()
    output = own_output(built, locked / "keluaran")
    locked.chmod(0o555)
    edit_position(project)

    def run(target: Path) -> Run:
        args = ["build", "-q", *QUICK, str(project), "-o", str(target)]
        # as root, root in a user namespace is a user whom the folder's mode stops
        return (
            kompiler_with(args, project, env={}, stranger=True)
            if os.geteuid() == 0
            else kompiler(args, project)
        )

    result = run(output)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "akurat" in (output / SKJ).read_text(encoding="utf-8")
    result = run(locked / "baru")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "Permission denied" in result.stderr and "Traceback" not in result.stderr
    assert os.listdir(locked) == ["keluaran"] and leftovers(output) == []


# 5. merge --format json: standard output holds only JSON.


def test_merge_json_with_errors_prints_only_json(kompiler: Callable[..., Run], project: Path) -> None:
    path = project / POSITION
    path.write_text(
        path.read_text(encoding="utf-8").replace("jenjang: AHLI-MUDA", "jenjang: AHLI-TUA"), "utf-8"
    )
    result = kompiler(["merge", ".", "--format", "json"], project)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert "KMP020" in json.dumps(report) and "No proposals" in result.stderr
    markdown = kompiler(["merge", ".", "--format", "markdown"], project)
    assert markdown.exit_code == 1 and markdown.stdout == "" and "KMP020" in markdown.stderr


# 6. The same bytes from any working folder.


def test_outputs_do_not_depend_on_the_working_folder(kompiler: Callable[..., Run], project: Path) -> None:
    inside, outside = project.parent / "dari-dalam", project.parent / "dari-luar"
    memory = 4 * 1024**3
    assert kompiler(["build", "-q", ".", "-o", str(inside)], project, memory=memory).exit_code == 0
    away = kompiler(["build", "-q", "work/standar", "-o", str(outside)], project.parents[1], memory=memory)
    assert away.exit_code == 0
    assert (inside / "model.json").read_bytes() == (outside / "model.json").read_bytes()
    assert tree(inside) == tree(outside)
    model = json.loads((inside / "model.json").read_text(encoding="utf-8"))
    assert model["jabatan"][0]["berkas"] == POSITION
