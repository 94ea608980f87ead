"""Replacing a file in one step: the new bytes go to a temporary file beside it, which then takes its name.

Whoever reads the file (an editor, a second build, the next check) sees the old content or the new,
never half of either, even when the writing process is interrupted; a failed write leaves no temporary
file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def new_file_mode() -> int:
    """The permissions ``open()`` would give a new file here: 0o666 less the process's umask.

    A temporary file is created 0o600, so a file that replaces it must be given the mode a user expects of
    a file they asked for (0o644 under the usual umask 022, 0o600 under 077), not a fixed one.
    """
    mask = os.umask(0o077)
    os.umask(mask)
    return 0o666 & ~mask


def replace_file(target: Path, data: bytes, *, mode: int) -> None:
    """Write ``data`` as ``target`` (permissions ``mode``), replacing any file there in one step."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
