"""``kompiler fmt`` over many files: remembered canonical verdicts and the pool of processes.

A remembered verdict must say exactly what formatting the file again would, so it is forgotten when the
file, fmt's code, the schemas or the libraries change, and a cache the user's key did not write (one
planted in a repository) is never believed. Formatting in parallel gives what formatting serially gives.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kompiler import cachestore
from kompiler.authoring.fmt import files
from kompiler.authoring.fmt.files import CACHE_NAME, Verdicts, fingerprint, format_all
from kompiler.cachestore import DEFAULT_FOLDER, AuthenticatedFolder
from kompiler.project import FileKind, discover

POSITION = "jabatan/analis-keuangan.yaml"


@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files formatted (not answered from a remembered verdict), in this process."""
    shown: list[str] = []
    original = files.format_bytes

    def counting(display: str, kind: FileKind, raw: bytes) -> files.FileResult:
        shown.append(display)
        return original(display, kind, raw)

    monkeypatch.setattr(files, "format_bytes", counting)
    return shown


def _fmt(run_cli: Callable[..., Result], project: Path, *args: str) -> Result:
    return run_cli(["fmt", ".", "-j", "1", *args], project)


def _positions(project: Path, count: int, messy: bool = False) -> None:
    text = (project / POSITION).read_text(encoding="utf-8")
    code = text.split("kode:", 1)[1].split("\n", 1)[0].strip()
    for number in range(count):
        copy = text.replace(code, f"{code}{number:02d}")
        if messy:  # quoted where fmt writes plain, and a blank line fmt removes
            copy = copy.replace("\n", "\n\n", 1).replace(
                f"kode: {code}{number:02d}", f"kode: '{code}{number:02d}'"
            )
        if number % 3 == 0:
            copy = copy.replace("\n", "\r\n")
        (project / "jabatan" / f"salinan-{number:02d}.yaml").write_text(copy, encoding="utf-8", newline="")


def test_a_canonical_file_is_not_formatted_again_until_it_changes(
    minimal_project: Path, user_cache: Path, run_cli: Callable[..., Result], counted: list[str]
) -> None:
    assert _fmt(run_cli, minimal_project).exit_code == 0
    assert (minimal_project / DEFAULT_FOLDER / CACHE_NAME).is_file()
    counted.clear()

    again = _fmt(run_cli, minimal_project, "--check")
    assert again.exit_code == 0, again.output
    assert counted == []

    path = minimal_project / POSITION
    path.write_text(_messy(path.read_text(encoding="utf-8")), encoding="utf-8")
    edited = _fmt(run_cli, minimal_project, "--check")
    assert edited.exit_code == 1
    assert POSITION in edited.stdout
    assert counted == [POSITION]


def test_what_fmt_writes_is_remembered_at_once(
    minimal_project: Path, user_cache: Path, run_cli: Callable[..., Result], counted: list[str]
) -> None:
    """The files fmt has just rewritten (LF and CRLF, with one line break among the others) are canonical
    and known to be so: the ``--check`` right after formats none of them."""
    _positions(minimal_project, 6, messy=True)
    mixed = minimal_project / "jabatan" / "salinan-01.yaml"
    mixed.write_bytes(mixed.read_bytes().replace(b"\n", b"\r\n", 2))
    before = _contents(minimal_project)
    written = _fmt(run_cli, minimal_project)
    assert written.exit_code == 0, written.output
    assert len(_rewritten(minimal_project, before)) >= 7  # the six copies and the fixture's position
    counted.clear()
    again = _fmt(run_cli, minimal_project, "--check")
    assert again.exit_code == 0, again.output
    assert counted == []


def test_what_fmt_writes_is_remembered_only_when_known_canonical(
    minimal_project: Path,
    user_cache: Path,
    run_cli: Callable[..., Result],
    counted: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Bytes that formatting did not prove canonical (``settled`` false) are formatted by the next run,
    as every file not yet known canonical is."""
    counting = files.format_bytes

    def unproven(display: str, kind: FileKind, raw: bytes) -> files.FileResult:
        return dataclasses.replace(counting(display, kind, raw), settled=False)

    _positions(minimal_project, 2, messy=True)
    before = _contents(minimal_project)
    monkeypatch.setattr(files, "format_bytes", unproven)
    assert _fmt(run_cli, minimal_project).exit_code == 0
    monkeypatch.setattr(files, "format_bytes", counting)
    rewritten = _rewritten(minimal_project, before)
    assert {POSITION, "jabatan/salinan-00.yaml", "jabatan/salinan-01.yaml"} <= set(rewritten)
    counted.clear()
    again = _fmt(run_cli, minimal_project, "--check")
    assert again.exit_code == 0, again.output
    assert sorted(counted) == rewritten


def test_settled_bytes_format_to_themselves_without_a_word(minimal_project: Path) -> None:
    """``settled`` lets fmt remember what it writes without formatting it again: it must never claim
    more than formatting those bytes again finds, and it holds for LF and CRLF rewrites."""
    canonical = files.format_bytes(POSITION, FileKind.POSITION, (minimal_project / POSITION).read_bytes())
    assert canonical.formatted is not None
    text = canonical.formatted
    messy = _messy(text.decode("utf-8")).encode("utf-8")
    variants = {
        "messy": messy,
        "crlf": messy.replace(b"\n", b"\r\n"),
        "a few crlf": text.replace(b"\n", b"\r\n", 2),
        "a few lf": text.replace(b"\n", b"\r\n").replace(b"\r\n", b"\n", 2),
        "bom": b"\xef\xbb\xbf" + messy,
        "bom crlf": b"\xef\xbb\xbf" + messy.replace(b"\n", b"\r\n"),
    }
    settled = []
    for name, raw in variants.items():
        result = files.format_bytes(POSITION, FileKind.POSITION, raw)
        assert result.formatted is not None and result.diagnostics == (), name
        if result.settled:
            settled.append(name)
            again = files.format_bytes(POSITION, FileKind.POSITION, result.formatted)
            assert again.canonical and again.diagnostics == (), name
    assert {"messy", "crlf", "a few crlf", "a few lf"} <= set(settled)


def test_a_verdict_is_forgotten_when_fmt_or_the_schemas_change(
    minimal_project: Path,
    user_cache: Path,
    run_cli: Callable[..., Result],
    counted: list[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    assert _fmt(run_cli, minimal_project).exit_code == 0
    counted.clear()
    before = fingerprint()

    monkeypatch.setattr(files, "fingerprint", lambda: before + "-fmt-changed")
    assert _fmt(run_cli, minimal_project, "--check").exit_code == 0
    assert len(counted) == len(discover(minimal_project)[0])

    # The fingerprint really moves with each: the key order comes from the schemas.
    schemas = tmp_path / "schemas"
    original = files.data_dir("schemas")
    schemas.mkdir()
    for path in original.iterdir():
        if path.is_file():
            (schemas / path.name).write_bytes(path.read_bytes())
    edited = schemas / "jabatan.schema.json"
    edited.write_text(edited.read_text(encoding="utf-8").replace('"kode"', '"kode" ', 1), encoding="utf-8")
    monkeypatch.setattr(files, "data_dir", lambda name: schemas)
    assert fingerprint.__wrapped__() != before
    monkeypatch.setattr(files, "installed_version", lambda name: "0.0-other")
    monkeypatch.setattr(files, "data_dir", lambda name: original)
    assert fingerprint.__wrapped__() != before


def test_the_fingerprint_covers_the_formatter_and_the_strict_loader() -> None:
    package = Path(files.__file__).resolve().parents[2]
    covered = {p.relative_to(package).as_posix() for p in cachestore.module_sources(package, files._ENTRIES)}
    expected = [
        "authoring/fmt/__init__.py",
        "authoring/fmt/comments.py",
        "authoring/fmt/order.py",
        "authoring/fmt/waivers.py",
        "authoring/fmt/files.py",
        "authoring/roundtrip.py",
        "check/load.py",
    ]
    assert set(expected) <= covered


def test_a_planted_cache_is_ignored(
    minimal_project: Path, user_cache: Path, run_cli: Callable[..., Result]
) -> None:
    """A repository may carry a .kompiler-cache/fmt.bin claiming its files canonical: written with
    another key than this user's, it is not believed."""
    path = minimal_project / POSITION
    path.write_text(_messy(path.read_text(encoding="utf-8")), encoding="utf-8")
    verdicts = Verdicts(minimal_project)
    claimed = {verdicts.key(kind, p.read_bytes()): None for p, kind in _kinds(minimal_project)}
    planted = AuthenticatedFolder(minimal_project / DEFAULT_FOLDER, os.urandom(32))
    planted.store(CACHE_NAME, (fingerprint(), claimed))

    result = _fmt(run_cli, minimal_project, "--check")
    assert result.exit_code == 1
    assert POSITION in result.stdout

    # The control: the same claim under this user's own key is believed (only the user writes that).
    AuthenticatedFolder(minimal_project / DEFAULT_FOLDER).store(CACHE_NAME, (fingerprint(), claimed))
    assert _fmt(run_cli, minimal_project, "--check").exit_code == 0


def test_a_key_inside_the_project_is_never_used(
    minimal_project: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(minimal_project / "cache"))
    assert cachestore._user_key(minimal_project) is None
    assert _fmt(run_cli, minimal_project).exit_code == 0
    assert not (minimal_project / DEFAULT_FOLDER / CACHE_NAME).exists()


def test_no_cache_neither_fingerprints_nor_hashes(
    minimal_project: Path, user_cache: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused() -> str:
        raise AssertionError("fingerprinted with the cache off")

    monkeypatch.setattr(files, "fingerprint", refused)
    assert Verdicts(minimal_project, enabled=False).key(FileKind.POSITION, b"kode: X\n") is None
    assert _fmt(run_cli, minimal_project, "--no-cache").exit_code == 0


def test_no_cache_neither_reads_nor_writes_verdicts(
    minimal_project: Path, user_cache: Path, run_cli: Callable[..., Result], counted: list[str]
) -> None:
    assert _fmt(run_cli, minimal_project, "--no-cache").exit_code == 0
    assert not (minimal_project / DEFAULT_FOLDER / CACHE_NAME).exists()
    assert _fmt(run_cli, minimal_project).exit_code == 0
    counted.clear()
    assert _fmt(run_cli, minimal_project, "--no-cache", "--check").exit_code == 0
    assert len(counted) == len(discover(minimal_project)[0])


def test_a_file_with_a_warning_is_not_remembered(
    minimal_project: Path, user_cache: Path, run_cli: Callable[..., Result], counted: list[str]
) -> None:
    """Only 'canonical and nothing to say' is remembered: a warning of the strict loader is shown on
    every run, as formatting the file again would."""
    warned = [
        (p, kind)
        for p, kind in _kinds(minimal_project)
        if files.format_bytes(p.name, kind, p.read_bytes()).diagnostics
    ]
    assert warned == []  # the fixture is clean: every canonical file is remembered
    assert _fmt(run_cli, minimal_project).exit_code == 0
    assert _fmt(run_cli, minimal_project).exit_code == 0
    counted.clear()
    assert _fmt(run_cli, minimal_project).exit_code == 0
    assert counted == []


def test_parallel_and_serial_formatting_give_the_same_results(minimal_project: Path) -> None:
    _positions(minimal_project, 12, messy=True)
    (minimal_project / "jabatan" / "rusak.yaml").write_text("kode: A\nkode: B\n", encoding="utf-8")
    items = [
        (p.relative_to(minimal_project).as_posix(), kind, p.read_bytes())
        for p, kind in _kinds(minimal_project)
    ]
    assert len(items) >= files.PARALLEL_FROM
    serial = format_all(items, jobs=1)
    parallel = format_all(items, jobs=2)
    assert parallel == serial
    assert sum(r.formatted is not None for r in serial) >= 12
    assert any(r.diagnostics for r in serial)
    crlf = [r.formatted for r in serial if r.formatted is not None and b"\r\n" in r.formatted]
    assert len(crlf) >= 4 and all(b"\n" not in f.replace(b"\r\n", b"") for f in crlf)


def test_fmt_on_a_pool_writes_what_fmt_in_one_process_writes(
    minimal_project: Path, tmp_path: Path, user_cache: Path, run_cli: Callable[..., Result]
) -> None:
    import shutil

    _positions(minimal_project, 12, messy=True)
    serial = tmp_path / "serial"
    shutil.copytree(minimal_project, serial)
    assert run_cli(["fmt", ".", "-j", "2", "--no-cache"], minimal_project).exit_code == 0
    assert run_cli(["fmt", ".", "-j", "1", "--no-cache"], serial).exit_code == 0
    for path, _ in _kinds(serial):
        assert (minimal_project / path.relative_to(serial)).read_bytes() == path.read_bytes()


def test_ctrl_c_while_formatting_on_a_pool_stops_every_worker(
    minimal_project: Path, user_cache: Path, ctrl_c_after_each_fork: list
) -> None:
    _positions(minimal_project, 12, messy=True)
    items = [(p.name, kind, p.read_bytes()) for p, kind in _kinds(minimal_project)]
    with pytest.raises(KeyboardInterrupt):
        format_all(items, jobs=2)
    assert ctrl_c_after_each_fork
    assert not any(process.is_alive() for process in ctrl_c_after_each_fork)


def _messy(text: str) -> str:
    """``text`` out of canonical form: its ``kode`` quoted, which fmt writes plain."""
    code = text.split("\nkode:", 1)[1].split("\n", 1)[0].strip()
    return text.replace(f"\nkode: {code}\n", f"\nkode: '{code}'\n", 1)


def _kinds(project: Path) -> list[tuple[Path, FileKind]]:
    found, _ = discover(project)
    return [(project / source.relative, source.kind) for source in found]


def _contents(project: Path) -> dict[str, bytes]:
    return {path.relative_to(project).as_posix(): path.read_bytes() for path, _ in _kinds(project)}


def _rewritten(project: Path, before: dict[str, bytes]) -> list[str]:
    """The files whose bytes differ from ``before``: those fmt rewrote."""
    return sorted(name for name, data in _contents(project).items() if before[name] != data)
