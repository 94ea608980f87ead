"""Builds under attack and accident: injection in text renders as text, interrupted builds keep the
previous output, concurrent builds do not corrupt each other, and output does not depend on hash seeds."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import content_of
from tests.hostile.conftest import Run, files_under

INJECTION = "{{ 7*7 }} {% raw %}x{% endraw %} <script>alert(1)</script> {{ ''.__class__.__mro__ }}"


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(content_of(path)).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def build_env(tmp_path: Path, seed: str = "0") -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONHASHSEED": seed,
        "SOURCE_DATE_EPOCH": "1767225600",
        "XDG_CACHE_HOME": str(tmp_path / "user-cache"),
        "NO_COLOR": "1",
    }


def _interruptible() -> None:
    """Give the build the default Ctrl-C behaviour: a runner started in the background (as CI may be)
    passes SIGINT on as ignored, and Python then never raises KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_build(project: Path, output: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kompiler", "build", "-q", str(project), "-o", str(output)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_interruptible,
    )


def test_injection_in_text_fields_renders_as_literal_text(
    kompiler: Callable[..., Run], project: Path
) -> None:
    position = project / "jabatan" / "analis-keuangan.yaml"
    lines = position.read_text(encoding="utf-8").splitlines()
    quoted = '"' + INJECTION.replace('"', '\\"') + '"'
    lines = [f"ikhtisar: {quoted}" if line.startswith("ikhtisar:") else line for line in lines]
    position.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = project.parent / "output"
    before = files_under(project.parent)
    result = kompiler(["build", "-q", ".", "-o", str(output)], project, memory=4 * 1024**3)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert {p for p in files_under(project.parent) - before if not p.startswith("output")} == set()
    html = "\n".join(p.read_text(encoding="utf-8") for p in output.rglob("*.html"))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html and "{% raw %}" in html
    assert "&lt;class" not in html and "<class 'object'>" not in html
    markdown = "\n".join(p.read_text(encoding="utf-8") for p in output.rglob("*.md"))
    assert "<script>alert(1)</script>" not in markdown


def test_user_template_cannot_reach_python_internals(kompiler: Callable[..., Run], project: Path) -> None:
    templates = project / "templates"
    attack = "{{ ''.__class__.__mro__[1].__subclasses__() }}{{ cycler.__init__.__globals__.os.system('touch PWNED') }}"
    for relative in ("appendix/lampiran.html", "markdown/lampiran.md"):
        target = templates / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(attack, encoding="utf-8")
    output = project.parent / "output"
    result = kompiler(["build", "-q", ".", "-o", str(output)], project, memory=4 * 1024**3)
    assert result.exit_code in (0, 1, 2), result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (project / "PWNED").exists() and not Path("PWNED").exists()
    if output.exists():
        text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in output.rglob("*.html"))
        assert "subprocess.Popen" not in text and "_io." not in text


@pytest.mark.parametrize("code", ["../../../ESCAPE", "/tmp/ESCAPE", "..", "A/../../B"])
def test_position_code_cannot_steer_output_paths(
    kompiler: Callable[..., Run], project: Path, code: str
) -> None:
    position = project / "jabatan" / "analis-keuangan.yaml"
    lines = position.read_text(encoding="utf-8").splitlines()
    position.write_text(
        "\n".join(f'kode: "{code}"' if line.startswith("kode:") else line for line in lines) + "\n",
        encoding="utf-8",
    )
    before = files_under(project.parent.parent)
    result = kompiler(["build", "-q", ".", "-o", "../output"], project, memory=4 * 1024**3)
    assert result.exit_code == 1 and "KMP011" in result.stdout
    assert files_under(project.parent.parent) == before
    assert not Path("/tmp/ESCAPE").exists()


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGKILL])
def test_interrupted_build_leaves_previous_output(
    tmp_path: Path, project: Path, stop: signal.Signals
) -> None:
    output = tmp_path / "output"
    env = build_env(tmp_path)
    first = start_build(project, output, env)
    assert first.wait(timeout=120) == 0, first.stderr.read() if first.stderr else ""
    before = tree_digest(output)
    assert "model.json" in before
    (project / "jabatan" / "analis-keuangan.yaml").write_text(
        (project / "jabatan" / "analis-keuangan.yaml").read_text(encoding="utf-8").replace("andal", "akurat"),
        encoding="utf-8",
    )
    second = start_build(project, output, env)
    deadline = time.monotonic() + 60
    while not staged_files(output) and second.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert staged_files(output), "the second build never started writing"
    second.send_signal(stop)
    assert second.wait(timeout=60) != 0
    if stop is signal.SIGKILL:  # nothing can clean up after SIGKILL: the next build does
        leftovers = (".kompiler-staging.", ".kompiler-lock")
        assert {k: v for k, v in tree_digest(output).items() if not k.startswith(leftovers)} == before
        third = start_build(project, output, env)
        assert third.wait(timeout=120) == 0, third.stderr.read() if third.stderr else ""
        assert sorted(p.name for p in output.iterdir() if p.name.startswith(".")) == [".kompiler-output"]
    else:
        assert tree_digest(output) == before


def staged_files(output: Path) -> list[Path]:
    """The files the build has written into its staging folder (inside the output folder)."""
    return [p for p in output.glob(".kompiler-staging.*/**/*") if p.is_file()]


def test_concurrent_builds_do_not_corrupt_each_other(tmp_path: Path, project: Path) -> None:
    output = tmp_path / "output"
    env = build_env(tmp_path)
    builds = [start_build(project, output, env) for _ in range(2)]
    codes = [build.wait(timeout=180) for build in builds]
    messages = [build.stderr.read().decode() if build.stderr else "" for build in builds]
    assert 0 in codes and set(codes) <= {0, 2}, messages
    for code, message in zip(codes, messages, strict=True):
        if code == 2:
            assert "Another kompiler command is writing" in message
    reference = tmp_path / "reference"
    alone = start_build(project, reference, env)
    assert alone.wait(timeout=120) == 0
    assert tree_digest(output) == tree_digest(reference)


def test_output_is_identical_across_hash_seeds(tmp_path: Path, project: Path) -> None:
    trees = []
    for seed in ("0", "12345"):
        output = tmp_path / f"output-{seed}"
        build = start_build(project, output, build_env(tmp_path, seed))
        assert build.wait(timeout=120) == 0, build.stderr.read() if build.stderr else ""
        trees.append(tree_digest(output))
    assert trees[0] == trees[1]
    assert len(trees[0]) > 5
