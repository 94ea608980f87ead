"""The command line in a bad environment: a reader that goes away, a full output, a deleted working
folder, a malformed ``SOURCE_DATE_EPOCH``, a folder the system refuses. Each ends with a clear message
(or, for a reader that went away, quietly) and exit code 1 or 2, never "internal error" (exit 3) and
never a traceback; a real bug still exits 3."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest

from tests.hostile.conftest import MEMORY_LIMIT, TIME_LIMIT, Run


def _run(args: list[str], cwd: Path, *, stdout: int | IO[bytes], env: dict[str, str] | None = None) -> Run:
    """``kompiler ARGS`` with standard output going to ``stdout``, under the hostile suite's limits."""
    done = subprocess.run(
        [sys.executable, "-m", "kompiler", *args],
        cwd=cwd,
        env={**os.environ, "KOMPILER_LOCALE": "en", "NO_COLOR": "1", **(env or {})},
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=TIME_LIMIT,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT)),
        check=False,
    )
    return Run(done.returncode, "", done.stderr.decode(errors="replace"))


def _no_bug_reported(run: Run) -> None:
    assert "Traceback" not in run.stderr
    assert "internal error" not in run.stderr
    assert run.exit_code in (1, 2), run


@pytest.mark.parametrize("command", [["rules"], ["explain", "KMP102"], ["check", "."], ["--help"]])
def test_a_reader_that_went_away_ends_the_command_quietly(project: Path, command: list[str]) -> None:
    """``kompiler rules | head -1``, made certain: the pipe's reader has gone before the first write."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        run = _run(command, project, stdout=writer)
    finally:
        os.close(writer)

    assert run.exit_code == 1, run
    assert run.stderr == ""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["rules"], ["check", "."], ["--help"]])
def test_a_full_output_is_reported_in_one_sentence(project: Path, command: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        run = _run(command, project, stdout=full)

    _no_bug_reported(run)
    assert run.exit_code == 2
    assert "standard output cannot be written: No space left on device" in run.stderr


def test_a_deleted_working_folder_is_reported(project: Path) -> None:
    gone = project.parent / "gone"
    gone.mkdir()
    script = f'cd "{gone}" && rmdir "{gone}" && exec "$0" -m kompiler check "{project}"'
    done = subprocess.run(
        ["sh", "-c", script, sys.executable],
        env={**os.environ, "KOMPILER_LOCALE": "en"},
        capture_output=True,
        timeout=TIME_LIMIT,
        check=False,
    )
    run = Run(done.returncode, done.stdout.decode(), done.stderr.decode())

    _no_bug_reported(run)
    assert run.exit_code == 2
    assert "The working folder cannot be read" in run.stderr


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "1e9", "99999999999999999999", "١٢٣", " 12 34 "])
def test_a_malformed_source_date_epoch_is_refused(
    kompiler_with: Callable[..., Run], project: Path, value: str
) -> None:
    """As the reproducible-builds specification asks: a malformed value is an error, not ignored."""
    output = project.parent / "keluaran"

    run = kompiler_with(["build", ".", "-o", str(output), "-q"], project, env={"SOURCE_DATE_EPOCH": value})

    _no_bug_reported(run)
    assert run.exit_code == 2
    assert "SOURCE_DATE_EPOCH=" in run.stderr and "is not a number of seconds" in run.stderr
    assert not output.exists()


@pytest.mark.parametrize("value", ["", "0", "1767225600"])
def test_an_empty_or_valid_source_date_epoch_builds(
    kompiler_with: Callable[..., Run], project: Path, value: str
) -> None:
    output = project.parent / "keluaran"

    run = kompiler_with(["build", ".", "-o", str(output), "-q"], project, env={"SOURCE_DATE_EPOCH": value})

    assert run.exit_code == 0, run.stderr
    assert output.is_dir()


def test_a_folder_the_system_refuses_is_not_a_bug(kompiler: Callable[..., Run], project: Path) -> None:
    """Creating a folder where the system allows none (``/proc``) is the system's refusal."""
    run = kompiler(["init", "/proc/kompiler-baru"], project)

    _no_bug_reported(run)
    assert run.exit_code == 2
    assert "/proc/kompiler-baru" in run.stderr


def test_a_real_bug_still_exits_3(kompiler_with: Callable[..., Run], project: Path) -> None:
    """The defence tells the system's errors from kompiler's own: an ordinary exception (here planted
    through ``sitecustomize``) and an ``OSError`` that is no refusal of the system stay bugs."""
    plugin = project.parent / "plugin"
    plugin.mkdir()
    (plugin / "sitecustomize.py").write_text(
        "import errno, kompiler.rules\n"
        "def broken():\n"
        "    raise OSError(errno.EINVAL, 'planted')\n"
        "kompiler.rules.registry = broken\n",
        encoding="utf-8",
    )
    run = kompiler_with(["rules"], project, env={"PYTHONPATH": str(plugin)})

    assert run.exit_code == 3, run
    assert "internal error: OSError: [Errno 22] planted" in run.stderr
    assert "Traceback" not in run.stderr
