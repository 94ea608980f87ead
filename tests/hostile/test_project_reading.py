"""Reading a project that a stranger committed: its cache, odd files, unreadable parts, odd names, a bare
environment and a wrong executor. Every case ends with exit 1 or 2 and a located message, in bounded
time and memory; none hangs, crashes, passes falsely or writes where it should not."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import socket
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from kompiler import cachestore as cache
from tests.hostile.conftest import Run, files_under

CACHE = ".kompiler-cache"
POSITION = "jabatan/analis-keuangan.yaml"


def _cache_names() -> list[str]:
    return ["stats.bin", "run.bin", "facts.bin", *(f"{i:02x}.bin" for i in range(256))]


def test_cache_entries_that_never_end_are_ignored(kompiler: Callable[..., Run], project: Path) -> None:
    """Links to /dev/zero, a FIFO and a sparse file of 5 GB that starts like a real entry are misses."""
    folder = project / CACHE
    folder.mkdir()
    for name in _cache_names():
        (folder / name).symlink_to("/dev/zero")
    (folder / "stats.bin").unlink()
    with (folder / "stats.bin").open("wb") as handle:
        handle.write(cache._MAGIC)
        handle.truncate(5 * 1024**3)
    (folder / "facts.bin").unlink()
    os.mkfifo(folder / "facts.bin")

    run = kompiler(["check", "."], project)

    assert run.exit_code == 0, run.stderr
    assert "0 error(s), 0 warning(s) in 8 file(s)." in run.stdout


def _planted(folder: Path, key: bytes, marker: Path) -> None:
    """Fill ``folder`` with cache files that create ``marker`` when unpickled, signed with ``key``."""

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str, str]]:
            return open, (str(marker), "w")

    payload = pickle.dumps(Payload())
    mac = hashlib.blake2b(payload, key=key, digest_size=32).digest()
    folder.mkdir(parents=True, exist_ok=True)
    for name in _cache_names():
        (folder / name).write_bytes(cache._MAGIC + mac + payload)


@pytest.mark.parametrize(
    ("environment", "key_folder"),
    [
        ({"HOME": "{project}", "XDG_CACHE_HOME": None}, ".cache/kompiler"),
        ({"HOME": "{home}", "XDG_CACHE_HOME": "."}, "kompiler"),
    ],
    ids=["home-is-the-project", "relative-xdg-cache-home"],
)
def test_a_committed_pickle_never_runs(
    kompiler_with: Callable[..., Run],
    project: Path,
    tmp_path: Path,
    environment: dict[str, str | None],
    key_folder: str,
) -> None:
    """A pull request that commits both a MAC key where kompiler might look for it and cache entries
    signed with that key must not get its pickles loaded."""
    key = bytes(range(32))
    (project / key_folder).mkdir(parents=True)
    (project / key_folder / "key").write_bytes(key)
    (project / key_folder / "key").chmod(0o600)
    marker = tmp_path / "code-ran"
    _planted(project / CACHE, key, marker)
    home = tmp_path / "home"
    env = {name: value and value.format(project=project, home=home) for name, value in environment.items()}

    run = kompiler_with(["check", "."], project, env=env)

    assert not marker.exists()
    assert run.exit_code == 0, run.stderr + run.stdout


def test_a_huge_sparse_position_is_too_large_before_it_is_read(
    kompiler: Callable[..., Run], project: Path
) -> None:
    with (project / "jabatan" / "besar.yaml").open("wb") as handle:
        handle.truncate(5 * 1024**3)

    run = kompiler(["check", "."], project)

    assert run.exit_code == 1, run.stderr
    assert "jabatan/besar.yaml: error KMP001: The file is too large (5,368,709,120 bytes" in run.stdout


@pytest.mark.parametrize("command", [["check", "."], ["build", ".", "-o", "../keluaran"], ["fmt", "."]])
def test_a_fifo_is_reported_not_waited_for(
    kompiler: Callable[..., Run], project: Path, command: list[str]
) -> None:
    os.mkfifo(project / "jabatan" / "x.yaml")

    run = kompiler(command, project)

    assert run.exit_code == 1, run.stderr
    assert "jabatan/x.yaml" in run.stdout + run.stderr
    assert "named pipe (FIFO)" in run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    assert not (project.parent / "keluaran").exists()


@pytest.fixture
def unprivileged(kompiler: Callable[..., Run], kompiler_with: Callable[..., Run]) -> Callable[..., Run]:
    """``kompiler`` as a user whom ``chmod 000`` stops (root in a user namespace is one)."""
    if os.geteuid() != 0:
        return kompiler
    return lambda args, cwd: kompiler_with(args, cwd, env={}, stranger=True)


@contextmanager
def _jabatan_unreadable(project: Path) -> Iterator[None]:
    (project / "jabatan").chmod(0)
    try:
        yield
    finally:
        (project / "jabatan").chmod(0o755)


@contextmanager
def _jabatan_a_file(project: Path) -> Iterator[None]:
    shutil.rmtree(project / "jabatan")
    (project / "jabatan").write_text("kode: X\n", encoding="utf-8")
    yield


@contextmanager
def _kompiler_yaml_a_folder(project: Path) -> Iterator[None]:
    (project / "kompiler.yaml").unlink()
    (project / "kompiler.yaml").mkdir()
    yield


def _published(output: Path) -> dict[str, bytes]:
    return {name: (output / name).read_bytes() for name in files_under(output) if (output / name).is_file()}


@pytest.mark.parametrize(
    ("breakage", "shown", "code"),
    [
        (_jabatan_unreadable, "jabatan: error KMP013: This folder cannot be read", 1),
        (_jabatan_a_file, "jabatan: error KMP013: jabatan/ must be a folder, but this is a file", 1),
        (_kompiler_yaml_a_folder, "kompiler.yaml: error KMP013: This is a folder, not a regular file", 2),
    ],
    ids=["jabatan-chmod-000", "jabatan-is-a-file", "kompiler-yaml-is-a-folder"],
)
def test_a_broken_project_part_fails_check_and_keeps_the_published_output(
    unprivileged: Callable[..., Run],
    project: Path,
    breakage: Callable[[Path], AbstractContextManager[None]],
    shown: str,
    code: int,
) -> None:
    output = project.parent / "keluaran"
    assert unprivileged(["build", ".", "-o", str(output), "--tanpa-lampiran"], project).exit_code == 0
    published = _published(output)

    with breakage(project):
        checked = unprivileged(["check", "."], project)
        built = unprivileged(["build", ".", "-o", str(output), "--tanpa-lampiran"], project)

    assert checked.exit_code == code, checked.stdout + checked.stderr
    assert shown in checked.stdout
    assert built.exit_code == code, built.stdout + built.stderr
    assert _published(output) == published


def test_an_empty_folder_is_not_a_project(kompiler: Callable[..., Run], tmp_path: Path) -> None:
    empty = tmp_path / "kosong"
    empty.mkdir()

    run = kompiler(["check", "."], empty)

    assert run.exit_code == 2, run.stdout + run.stderr
    assert ".: error KMP015: This is not a standards project" in run.stdout
    assert files_under(empty) == set()


def test_the_root_folder_is_not_a_project(kompiler: Callable[..., Run], tmp_path: Path) -> None:
    if os.path.lexists("/" + CACHE):
        pytest.skip("/.kompiler-cache exists already")

    run = kompiler(["check", "/"], tmp_path)

    assert run.exit_code == 2, run.stdout + run.stderr
    assert "/: error KMP015: This is not a standards project" in run.stdout
    assert not os.path.lexists("/" + CACHE)


def test_a_file_name_that_is_not_utf8_is_reported(kompiler: Callable[..., Run], project: Path) -> None:
    name = os.fsdecode(b"jabatan/caf\xe9.yaml")
    shutil.copy(project / POSITION, project / name)

    run = kompiler(["check", "."], project)

    assert run.exit_code == 1, run.stderr
    assert "jabatan/caf\\xe9.yaml: error KMP014: This name is not valid UTF-8" in run.stdout
    assert "Traceback" not in run.stderr


def test_a_project_under_a_folder_name_that_is_not_utf8_is_checked(
    kompiler: Callable[..., Run], project: Path, tmp_path: Path
) -> None:
    moved = tmp_path / os.fsdecode(b"d\xe9p\xf4t")
    shutil.move(project, moved)
    (moved / POSITION).write_text(
        (moved / POSITION).read_text(encoding="utf-8").replace("level:", "levle:", 1), encoding="utf-8"
    )

    run = kompiler(["check", str(moved)], tmp_path)

    assert run.exit_code == 1, run.stderr
    assert "d\\xe9p\\xf4t/jabatan/analis-keuangan.yaml:" in run.stdout


def test_no_home_and_no_passwd_entry(
    kompiler_with: Callable[..., Run], project: Path, tmp_path: Path
) -> None:
    """A container's user: uid 12345 without a passwd entry, no HOME, no XDG folders."""
    unset = {"HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"}
    bare = {name: None for name in unset | {n for n in os.environ if n.startswith("XDG_")}}
    work = tmp_path / "work"
    before = files_under(work)

    checked = kompiler_with(["check", "standar"], work, env=bare, stranger=True)
    built = kompiler_with(
        ["build", "standar", "-o", "keluaran", "--tanpa-lampiran"], work, env=bare, stranger=True
    )

    assert checked.exit_code == 0, checked.stdout + checked.stderr
    assert built.exit_code == 0, built.stdout + built.stderr
    assert {
        p for p in files_under(work) - before if not p.startswith(("keluaran", "standar/" + CACHE))
    } == set()


@pytest.fixture
def impostor(request: pytest.FixtureRequest) -> Iterator[int]:
    """A TCP server on loopback that is not a Dask scheduler: it sends garbage, or says nothing."""
    server = socket.create_server(("127.0.0.1", 0))
    connections: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            connections.append(connection)
            if request.param == "garbage":
                connection.sendall(b"\xff" * 8 + b"HTTP/1.0 200 OK\r\n\r\n" * 4)

    threading.Thread(target=serve, daemon=True).start()
    yield server.getsockname()[1]
    server.close()
    for connection in connections:
        connection.close()


@pytest.mark.parametrize("impostor", ["garbage", "silent"], indirect=True)
def test_an_executor_that_is_not_a_dask_scheduler_is_a_usage_error(
    kompiler: Callable[..., Run], project: Path, impostor: int
) -> None:
    pytest.importorskip("distributed")

    run = kompiler(["check", ".", "--no-cache", "--executor", f"dask://127.0.0.1:{impostor}"], project)

    assert run.exit_code == 2, run.stdout + run.stderr
    assert run.stderr.count("\n") == 1, run.stderr
    assert f"Cannot use the Dask scheduler tcp://127.0.0.1:{impostor}" in run.stderr


def _nest(top: Path, depth: int) -> None:
    """``top/a/a/…/a/x.yaml``, ``depth`` folders deep, made one level at a time (the whole path would be
    too long for one call)."""
    folder = os.open(top, os.O_RDONLY)
    for _ in range(depth):
        os.mkdir("a", dir_fd=folder)
        inner = os.open("a", os.O_RDONLY, dir_fd=folder)
        os.close(folder)
        folder = inner
    written = os.open("x.yaml", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=folder)
    os.write(written, b"kode: X\n")
    os.close(written)
    os.close(folder)


def _unnest(top: Path) -> None:
    """Flatten what :func:`_nest` made to one level, lifting one level at a time, so that
    ``shutil.rmtree`` (which recurses) can remove it."""
    while (top / "a" / "a").exists():
        (top / "a" / "a").rename(top / "lifted")
        (top / "a").rmdir()
        (top / "lifted").rename(top / "a")


def test_folders_nested_thousands_deep_are_walked(kompiler: Callable[..., Run], project: Path) -> None:
    # Outside pytest's folder: should removing it fail, pytest's own clean-up (which recurses) must not meet it.
    top = Path(tempfile.mkdtemp(prefix="kompiler-deep-"))
    try:
        copy = Path(shutil.copytree(project, top / "standar"))
        _nest(copy / "jabatan", 1500)
        run = kompiler(["check", ".", "-q"], copy)
    finally:
        _unnest(top / "standar" / "jabatan")
        shutil.rmtree(top)

    assert run.exit_code == 1, run.stderr
    assert "/a/x.yaml:1:1: error KMP011" in run.stdout
