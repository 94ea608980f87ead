"""Write build output atomically: everything goes to a temporary sibling folder that replaces the
output folder only when the whole build has succeeded, so a failed or interrupted build leaves the
previous output untouched. Paths are confined to the output folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath


class UnsafeOutputPath(ValueError):
    """A relative output path tried to leave the output folder."""


class OutputWriter:
    """Collects files in a staging folder; :meth:`commit` swaps it in place of the output folder."""

    def __init__(self, target: Path) -> None:
        self.target = target.resolve()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.", dir=self.target.parent))
        self.written: list[str] = []

    def path(self, relative: str) -> Path:
        """The staging path for ``relative``, refusing anything that would land outside the output."""
        pure = PurePosixPath(relative)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts:
            raise UnsafeOutputPath(relative)
        path = self.staging.joinpath(*pure.parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.written.append(pure.as_posix())
        return path

    def write_text(self, relative: str, text: str) -> None:
        self.path(relative).write_text(text, encoding="utf-8", newline="\n")

    def write_bytes(self, relative: str, data: bytes) -> None:
        self.path(relative).write_bytes(data)

    def commit(self) -> None:
        """Replace the output folder with the staged one (the old one is removed only afterwards)."""
        old = None
        if self.target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.old.", dir=self.target.parent))
            os.rename(self.target, old / "previous")
        os.rename(self.staging, self.target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
