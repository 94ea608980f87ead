"""Where ``kompiler init`` and ``kompiler import`` may put a new project: never inside a standards project
(its next check reads the new project's files as its own), a repository's Git folder, a build's output
folder or a private folder of people's results."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

import kompiler.authoring.scaffold as scaffold_module
from kompiler.build.output import OutputWriter
from kompiler.build.private import PrivateWriter
from kompiler.pipeline import compile_path

POSITIONS = "code,title,group\nA1,Analis Satu,Keuangan\n"
REQUIREMENTS = "code,element_id,element_name,level,importance\nA1,E1,Budgeting,5,4\n"


def _git_repository(root: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root / ".git" / "baru"


def _build_output(root: Path) -> Path:
    writer = OutputWriter(root / "keluaran")
    writer.write_text("site/index.html", "<p>situs</p>")
    writer.commit()
    return root / "keluaran" / "site" / "baru"


def _private_folder(root: Path) -> Path:
    writer = PrivateWriter(root / "hasil")
    writer.write_text("kesenjangan.csv", "id_pegawai\n")
    writer.commit()
    return root / "hasil" / "baru"


PLACES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "jabatan/ of a project": (lambda root: root / "standar" / "jabatan" / "baru", "folder jabatan/ proyek"),
    "a folder of a project": (lambda root: root / "standar" / "draf" / "baru", "ada di dalam proyek standar"),
    "inside .git": (_git_repository, "ada di dalam folder Git"),
    "inside a build output": (_build_output, "ada di dalam folder keluaran build"),
    "inside a private folder": (_private_folder, "ada di dalam folder pribadi"),
}


def _command(name: str, target: Path, tables: Path) -> list[str]:
    if name == "init":
        return ["init", str(target)]
    (tables / "p.csv").write_text(POSITIONS, encoding="utf-8")
    (tables / "r.csv").write_text(REQUIREMENTS, encoding="utf-8")
    return ["import", str(tables / "p.csv"), str(tables / "r.csv"), "-o", str(target)]


@pytest.mark.parametrize("command", ["init", "import"])
@pytest.mark.parametrize("place", PLACES)
def test_a_new_project_is_refused_where_it_would_break_what_is_there(
    tmp_path: Path, run_cli, minimal_project: Path, command: str, place: str
) -> None:
    """``kompiler init standards/jabatan/baru`` wrote a whole repository there, and the next check of
    the project around it found 182 errors; ``import -o .git/baru`` wrote a project into git's data."""
    where, said = PLACES[place]
    target = where(tmp_path)
    result = run_cli([*_command(command, target, tmp_path), "--locale", "id"], tmp_path)
    assert result.exit_code == 2, result.output
    assert said in " ".join(result.output.split()), result.output
    assert "Traceback" not in result.output
    assert not target.exists()
    assert compile_path(minimal_project).ok


@pytest.mark.parametrize("command", ["init", "import"])
def test_a_new_project_is_written_beside_a_project_or_where_check_does_not_read(
    tmp_path: Path, run_cli, minimal_project: Path, command: str
) -> None:
    """Beside ``standards/`` (the layout init writes) and in a folder discovery skips (``output/``)."""
    for target in (tmp_path / "baru", minimal_project / "output" / "baru"):
        result = run_cli(_command(command, target, tmp_path), tmp_path)
        assert result.exit_code == 0, result.output
    assert compile_path(minimal_project).ok


@pytest.mark.parametrize("odd", ["fifo", "dangling link"])
def test_init_says_a_target_that_is_not_a_folder_is_not_one(tmp_path: Path, run_cli, odd: str) -> None:
    """A named pipe or a link to nothing was refused as "already holds files (fifo)"."""
    target = tmp_path / "baru"
    if odd == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to(tmp_path / "tidak-ada")
    result = run_cli(["init", str(target), "--locale", "en"], tmp_path)
    assert result.exit_code == 2, result.output
    assert f"kompiler init: {target} exists but is not a folder" in result.output
    assert "already holds files" not in result.output


def test_init_writes_a_newline_in_the_folder_name_as_an_escape(tmp_path: Path, run_cli) -> None:
    """A folder name holding a newline printed raw, so a name could forge a line of kompiler's own."""
    target = tmp_path / "baru\nkompiler: semua berkas aman"
    result = run_cli(["init", str(target), "--locale", "en"], tmp_path)
    assert result.exit_code == 0, result.output
    assert not any(line.startswith("kompiler: semua") for line in result.output.splitlines())
    again = run_cli(["init", str(target), "--locale", "en"], tmp_path)
    assert again.exit_code == 2
    assert len(again.output.strip().splitlines()) == 1, again.output


def test_init_on_a_full_disk_leaves_no_folder_behind(
    tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It removed what it had written and the new folder, but left the parents it had created empty."""

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(scaffold_module.shutil, "copyfile", full)
    result = run_cli(["init", str(tmp_path / "a" / "b" / "baru")], tmp_path)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []
