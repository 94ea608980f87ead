"""Every command that writes a folder, walked over the destinations it must refuse: the project, its
repository and what holds them, ``/``, a home folder, a Git folder, someone's files, an earlier output with a
file added, a forged marker, links to these, a regular file, a named pipe, the folders a build reads, a
relative path with ``..``. Each is refused with exit code 2 and no traceback, and every file that was there
keeps its bytes."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kompiler.build.output import MARKER, OutputWriter
from tests.conftest import FIXTURES

DESTINATIONS = {
    "the project": "repo/standar",
    "its repository": "repo",
    "the folder above the repository": ".",
    "the root folder": "/",
    "a home folder": "home",
    "a .git folder": "repo/.git",
    "a folder inside .git": "repo/.git/keluaran",
    "a folder of someone's files": "user",
    "an earlier output with a file added": "earlier",
    "a folder with a forged marker": "forged",
    "a link to someone's files": "to-user",
    "a link to the project": "to-project",
    "a path through a linked parent": "to-here/user",
    "a regular file": "file.txt",
    "a named pipe": "fifo",
    "the project's templates": "repo/standar/templates",
    "the project's cache": "repo/standar/.kompiler-cache",
    "a folder inside jabatan/": "repo/standar/jabatan/keluaran",
    "a relative path with ..": "REL ../user",
}
# Where a command may write besides what it was given: the check's cache and the user's key.
CACHES = ("repo/standar/.kompiler-cache/", "xdg/")


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=P", "-c", "user.email=p@example.go.id", *args], cwd=folder, check=True
    )


@pytest.fixture
def place(tmp_path: Path) -> Path:
    """A repository holding the minimal project (committed, then edited so that diff has a change), and
    beside it everything a destination names."""
    root = tmp_path / "places"
    project = root / "repo" / "standar"
    shutil.copytree(FIXTURES / "minimal", project)
    (project / "templates").mkdir()
    (project / "templates" / "catatan.txt").write_text("bukan templat\n", encoding="utf-8")
    (project / ".kompiler-cache").mkdir()
    (project / ".kompiler-cache" / "catatan").write_bytes(b"\x00milik pengguna")
    _git(root / "repo", "init", "-q")
    _git(root / "repo", "add", "-A")
    _git(root / "repo", "commit", "-qm", "awal")
    position = project / "jabatan" / "analis-keuangan.yaml"
    position.write_text(position.read_text(encoding="utf-8").replace("andal", "akurat"), encoding="utf-8")
    (root / "home").mkdir()
    (root / "home" / ".bashrc").write_text("export PATH\n", encoding="utf-8")
    (root / "user").mkdir()
    (root / "user" / "notes.txt").write_text("catatan pribadi\n", encoding="utf-8")
    earlier = OutputWriter(root / "earlier")
    earlier.write_text("site/index.html", "<p>situs</p>")
    earlier.commit()
    (root / "earlier" / "site" / "tambahan.txt").write_text("ditambah pengguna\n", encoding="utf-8")
    (root / "forged").mkdir()
    (root / "forged" / "notes.txt").write_text("penting\n", encoding="utf-8")
    (root / "forged" / MARKER).write_text(f"kompiler-output 2\n8 1 {'0' * 64} notes.txt\n", encoding="utf-8")
    (root / "to-user").symlink_to("user")
    (root / "to-project").symlink_to("repo/standar")
    (root / "to-here").symlink_to(".")
    (root / "file.txt").write_text("berkas\n", encoding="utf-8")
    os.mkfifo(root / "fifo")
    return root


def _entries(root: Path) -> dict[str, str | bytes]:
    """Every entry under ``root`` (links not followed): a file by its bytes, anything else by its kind."""
    found: dict[str, str | bytes] = {}
    for folder, folders, files in os.walk(root):
        for name in folders + files:
            path = os.path.join(folder, name)
            mode = os.lstat(path).st_mode
            relative = os.path.relpath(path, root) + ("/" if stat.S_ISDIR(mode) else "")
            if stat.S_ISLNK(mode):
                found[relative] = "link " + os.readlink(path)
            elif stat.S_ISREG(mode):
                found[relative] = Path(path).read_bytes()
            else:
                found[relative] = "folder" if stat.S_ISDIR(mode) else "other"
    return found


def _arguments(command: str, destination: str, root: Path) -> list[str]:
    project = str(root / "repo" / "standar")
    return {
        "build": ["build", "-q", "--tanpa-lampiran", project, "-o", destination],
        "merge": ["merge", project, "--write", destination],
        "diff": ["diff", "HEAD", project, "--amendment", destination],
        "import": ["import", str(root / "p.csv"), str(root / "r.csv"), "-o", destination],
        "init": ["init", destination],
    }[command]


@pytest.mark.parametrize("command", ["build", "merge", "diff", "import", "init"])
@pytest.mark.parametrize("where", DESTINATIONS)
def test_a_destination_that_is_not_kompilers_is_refused_and_left_as_it_was(
    place: Path,
    run_cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    where: str,
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(place / "xdg"))
    monkeypatch.setenv("HOME", str(place / "home"))
    (place / "p.csv").write_text("code,title,group\nA1,Analis,Keuangan\n", encoding="utf-8")
    (place / "r.csv").write_text("code,element_id,element_name,level,importance\nA1,E1,Anggaran,5,4\n")
    given = DESTINATIONS[where]
    destination = given.removeprefix("REL ") if given.startswith("REL ") else str(place / given)
    top = sorted(os.listdir("/"))
    before = _entries(place)
    result = run_cli([*_arguments(command, destination, place), "--locale", "en"], place / "repo")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.output.strip(), result.output
    after = _entries(place)
    assert {path: after.get(path) for path in before} == before
    assert [path for path in after if path not in before and not path.startswith(CACHES)] == []
    assert sorted(os.listdir("/")) == top
