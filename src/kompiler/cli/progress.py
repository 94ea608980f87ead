"""A progress bar for long builds, on standard error, only for a person watching a terminal.

CI logs and pipes get nothing (``--quiet`` or a non-terminal stderr), so build output stays clean and
reproducible. The bar implements the render stage's ``Progress`` protocol.
"""

from __future__ import annotations

import sys
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class Bar:
    """One rich progress task per build step; hidden until the build has run for half a second."""

    def __init__(self) -> None:
        self._progress = Progress(
            TextColumn("{task.description:<12}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(file=sys.stderr),
            transient=True,
        )
        self._task: int | None = None

    def __enter__(self) -> Bar:
        self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._progress.stop()

    def step(self, label: str, total: int | None) -> None:
        if self._task is not None:
            self._progress.update(self._task, visible=False)
        self._task = self._progress.add_task(label, total=total)

    def advance(self, amount: int = 1) -> None:
        if self._task is not None:
            self._progress.advance(self._task, amount)


def wanted(quiet: bool) -> bool:
    """A bar only for an interactive terminal, and never with ``--quiet``."""
    return not quiet and sys.stderr.isatty()
