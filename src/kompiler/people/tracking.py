"""Whether an assessment file is on its way into Git: tracked, or in a work tree and not ignored.

The people stage refuses to write its results where Git would pick them up
(:mod:`kompiler.build.private`), but the file it reads holds the same people. Copied into ``standards/``,
it shows in ``git status`` as untracked, and the next ``git add -A`` commits it; once committed, it stays
in the history of every clone. Reading it is not refused: the repository's own synthetic example is
tracked, and a file already committed is not taken back by refusing to read it. The command warns
(KMP220), saying what to do, so that the drafter hears it before the commit rather than after.

Git is asked with the ignore rules it applies to ``git add`` (``.gitignore``, ``info/exclude``, the user's
excludes file); when git cannot be run, or the file is in no work tree, there is nothing to say. It is
asked about the file the data is in, every link resolved: a link puts only the path it holds into a
commit, while the file it points to, untracked and not ignored, is what ``git add -A`` takes.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path, PurePosixPath

from kompiler.diagnostics import Diagnostic, Location, Message, Severity
from kompiler.diff.git import git_asked
from kompiler.spreadsheet import shown

CODE = "KMP220"


def exposure(path: Path, name: str) -> Diagnostic | None:
    """A warning, located at the file shown as ``name``, when Git tracks the file at ``path`` or would
    add it (it lies in a work tree and no ``.gitignore`` covers it); ``None`` otherwise.

    One ``git ls-files`` in the file's folder answers both: it lists the file tagged ``H`` when tracked,
    ``?`` when untracked and not ignored, and not at all when ignored; outside a work tree it fails. It
    names the file from the repository's top (``--full-name``), which the command to untrack it needs:
    the user may run kompiler from anywhere."""
    real = Path(os.path.realpath(path))
    arguments = ["ls-files", "-z", "-t", "--full-name", "--cached", "--others", "--exclude-standard"]
    listed = git_asked(real.parent, *arguments, "--", real.name)
    if listed is None or listed.returncode != 0 or not listed.stdout:
        return None
    if not listed.stdout.startswith(b"? "):
        untrack = _untrack(real, listed.stdout)
        message = Message(
            "Berkas asesmen ini dilacak Git: data pribadi di dalamnya masuk ke riwayat commit. Keluarkan "
            f"dari Git ({untrack}), simpan di folder asesmen/ yang diabaikan .gitignore atau di luar "
            "repositori, dan bila sudah di-commit, mintalah pengelola repositori menghapusnya dari riwayat.",
            "Git tracks this assessment file: the personal data it holds goes into the commit history. Take "
            f"it out of Git ({untrack}), keep it in an asesmen/ folder that .gitignore ignores or outside "
            "the repository, and if it was committed, ask the repository's maintainer to remove it from "
            "the history.",
        )
    else:
        message = Message(
            "Berkas asesmen ini ada di dalam repositori Git dan tidak diabaikan (.gitignore): git add "
            "berikutnya memasukkan data pribadi di dalamnya ke commit. Pindahkan ke folder asesmen/ "
            "(kompiler init mengabaikan setiap folder bernama asesmen/) atau ke luar repositori.",
            "This assessment file is inside a Git repository and not ignored (.gitignore): the next git add "
            "puts the personal data it holds into a commit. Move it into an asesmen/ folder (kompiler init "
            "ignores every folder named asesmen/) or out of the repository.",
        )
    return Diagnostic(Severity.WARNING, CODE, message, Location(name))


def _untrack(real: Path, listed: bytes) -> str:
    """The command that takes the file out of Git from any folder: ``git -C <top> rm --cached -- <path
    from the top>``, each path shell-quoted (a file name may hold ``$(…)``) and printable."""
    relative = os.fsdecode(listed[2:].split(b"\0", 1)[0])
    top = real.parents[len(PurePosixPath(relative).parts) - 1]
    return f"git -C {shlex.quote(shown(str(top)))} rm --cached -- {shlex.quote(shown(relative))}"
