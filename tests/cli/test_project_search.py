"""Without PATH, a command works on the project found from the working folder upward, as git does: from
``standards/jabatan/`` of the repository ``kompiler init`` writes, from another folder of that repository,
and never from a folder that has no project above it (a sentence and exit 2, not "Path 'standards' does
not exist")."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import FIXTURES

NO_PROJECT = "No kompiler project in this folder or above it"


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository in the layout of ``kompiler init``: the project in ``standards/``, a ``docs/`` beside."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "minimal", root / "standards")
    (root / "docs").mkdir()
    return root


@pytest.mark.parametrize("where", ["standards/jabatan", "standards", "docs"])
def test_check_finds_the_project_from_a_folder_of_the_repository(
    repository: Path, run_cli: Callable[..., Result], where: str
) -> None:
    result = run_cli(["check"], repository / where)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "0 galat, 0 peringatan dalam 8 berkas."


@pytest.mark.parametrize(
    ("args", "shows"),
    [
        (["fmt", "--check"], "standards/kompiler.yaml"),  # the fixture's layout is not fmt's
        (["migrate", "--dry-run"], "(1)"),
        (["merge"], "Tidak ada usulan penggabungan."),
    ],
)
def test_the_other_commands_find_it_too(
    repository: Path, run_cli: Callable[..., Result], args: list[str], shows: str
) -> None:
    result = run_cli(args, repository / "standards" / "jabatan")
    assert result.exit_code in (0, 1) and shows in result.output, result.output


def test_build_from_a_subfolder_writes_output_in_the_repository_root(
    repository: Path, run_cli: Callable[..., Result]
) -> None:
    """``output/`` stays where the README's ``kompiler build`` at the root puts it, not in ``jabatan/``
    (where a build is refused)."""
    result = run_cli(["build", "--tanpa-lampiran"], repository / "standards" / "jabatan")
    assert result.exit_code == 0, result.output
    assert (repository / "output" / "model.json").is_file()
    assert result.stdout.strip().endswith("berkas ditulis ke ../../output/")


def test_an_explicit_path_and_output_keep_their_meaning(
    repository: Path, run_cli: Callable[..., Result]
) -> None:
    docs = repository / "docs"
    result = run_cli(["build", "--tanpa-lampiran", "-q", "../standards"], docs)
    assert result.exit_code == 0, result.output
    assert (docs / "output" / "model.json").is_file()


@pytest.mark.parametrize(
    "args",
    [["check"], ["fmt"], ["build"], ["merge"], ["migrate"], ["people", "check", "asesmen.csv"]],
)
def test_no_project_above_is_told_as_such(
    tmp_path: Path, run_cli: Callable[..., Result], args: list[str]
) -> None:
    folder = tmp_path / "kosong"
    folder.mkdir()
    (folder / "asesmen.csv").write_text("id,jabatan\n", encoding="utf-8")
    result = run_cli(args, folder)
    assert result.exit_code == 2
    assert NO_PROJECT in result.stderr and "kompiler init" in result.stderr
    assert not (folder / "output").exists()


@pytest.mark.parametrize(
    ("arguments", "environment"),
    [(["--locale", "en"], {}), ([], {"KOMPILER_LOCALE": "en"}), (["--locale", "id"], {})],
)
def test_no_project_is_said_in_the_language_chosen(
    tmp_path: Path,
    run_cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    arguments: list[str],
    environment: dict[str, str],
) -> None:
    """Only that language when one is chosen; both when none is (the tests above)."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    result = run_cli(["check", *arguments], tmp_path)
    assert result.exit_code == 2
    english = "--locale" not in arguments or "en" in arguments
    assert (NO_PROJECT in result.stderr) == english
    assert ("tidak ada proyek kompiler" in result.stderr) != english


def test_a_stray_kompiler_yaml_above_is_not_a_project(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    """As for an explicit PATH, a ``kompiler.yaml`` reached through an unrelated folder is not taken."""
    shutil.copy(FIXTURES / "minimal" / "kompiler.yaml", tmp_path)
    folder = tmp_path / "draf"
    folder.mkdir()
    result = run_cli(["check"], folder)
    assert result.exit_code == 2
    assert NO_PROJECT in result.stderr


def test_people_finds_the_project_from_a_subfolder(repository: Path, run_cli: Callable[..., Result]) -> None:
    assessment = repository / "asesmen.csv"
    assessment.write_text("id,jabatan,tanggal,M.01\nP-1,NTB.JF.AKPD.MUDA,2026-03-02,3\n", encoding="utf-8")
    result = run_cli(["people", "check", str(assessment)], repository / "standards" / "jabatan")
    assert result.exit_code == 0, result.output
    assert "1 pegawai" in result.output


@pytest.mark.parametrize("command", [["check"], ["fmt"]])
def test_positions_grouped_in_folders_find_their_project_from_any_depth(
    repository: Path, run_cli: Callable[..., Result], command: list[str]
) -> None:
    """An agency groups positions by unit (``jabatan/instansi/arsip/``): from that folder, and given it
    as PATH, the project is the one holding ``jabatan/``, not "not a project"."""
    deep = repository / "standards" / "jabatan" / "instansi" / "arsip"
    deep.mkdir(parents=True)
    for position in (repository / "standards" / "jabatan").glob("*.yaml"):
        position.rename(deep / position.name)
    from_inside = run_cli(command, deep)
    assert from_inside.exit_code == 0, from_inside.output
    given = run_cli([*command, str(deep)], repository)
    assert given.exit_code == 0, given.output
    assert "KMP015" not in from_inside.output + given.output
