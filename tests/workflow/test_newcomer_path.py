"""The README's newcomer path, run as written: every command of "Your first standards repository" works
in a fresh folder and says what the README says it does.

The commands are read from the README itself, so the page cannot drift from what kompiler does. Two lines
are left out because they need something a test machine has no business doing: opening VS Code, and
installing pre-commit from the network (the hooks themselves run in tests/authoring/test_init.py).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parents[2]
BIN = Path(sys.executable).parent
SKIPPED = ("code .", "python -m pip install pre-commit")


def _commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Your first standards repository", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    commands = []
    for line in block.splitlines():
        command = re.sub(r"\s+#.*$", "", line).strip()
        if command and not command.startswith("#") and not command.startswith(SKIPPED):
            commands.append(command)
    return commands


def test_the_newcomer_path_runs_as_written(tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "GIT_AUTHOR_NAME": "Penyusun",
        "GIT_AUTHOR_EMAIL": "penyusun@example.go.id",
        "GIT_COMMITTER_NAME": "Penyusun",
        "GIT_COMMITTER_EMAIL": "penyusun@example.go.id",
        "LANG": "C.UTF-8",
    }
    commands = _commands()
    assert commands[0].startswith("kompiler init standar-kita") and "kompiler build" in commands
    cwd, shown = tmp_path, {}
    for command in commands:
        done = subprocess.run(
            command, shell=True, cwd=cwd, env=environment, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
        shown[command] = done.stdout
        if command.startswith("kompiler init"):
            cwd = tmp_path / "standar-kita"
        if command.startswith("cp "):
            copy = cwd / command.split()[-1]
            text = copy.read_text(encoding="utf-8")
            text = re.sub(r"(?m)^kode: .*$", "kode: CONTOH.JF.ANGGARAN.MUDA", text, count=1)
            text = re.sub(r"(?m)^nama: .*$", "nama: Analis Anggaran Ahli Muda", text, count=1)
            copy.write_text(text, encoding="utf-8")
    *findings, summary = shown["kompiler check"].strip().splitlines()
    assert summary.startswith("0 galat, 1 peringatan")
    assert findings[0].startswith("standards/kompiler.yaml:") and "KMP126" in findings[0]  # nomor: "..."
    assert (
        "CONTOH.JF.ANGGARAN.MUDA" in shown["kompiler diff HEAD"]
        and "ditambahkan" in shown["kompiler diff HEAD"]
    )
    assert (cwd / "output" / "jabatan" / "CONTOH.JF.ANGGARAN.MUDA.md").exists()
    assert "asesmen/" in (cwd / ".gitignore").read_text(encoding="utf-8")


def test_every_standards_file_the_readme_names_in_a_command_is_one_init_writes(tmp_path: Path) -> None:
    """A command of the README naming a file under ``standards/`` (the one-file check of "Checking", the
    copy of the newcomer path) names a file a project made by ``kompiler init`` has, and the one-file check
    runs there as written."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", readme, re.S)
    named = sorted(
        {path for block in blocks for path in re.findall(r"(?<![\w/.-])(standards/[\w/.-]+\.yaml)", block)}
        - {"standards/jabatan/analis-anggaran-ahli-muda.yaml"}  # the newcomer path's copy: made by cp
    )
    assert "standards/jabatan/analis-keuangan-ahli-muda.yaml" in named
    environment = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "LANG": "C.UTF-8"}
    made = subprocess.run(
        ["kompiler", "init", "standar-kita"], cwd=tmp_path, env=environment, capture_output=True, timeout=120
    )
    assert made.returncode == 0, made.stderr
    project = tmp_path / "standar-kita"
    assert [path for path in named if not (project / path).is_file()] == []
    one_file = next(
        re.sub(r"\s+#.*$", "", line).strip()
        for block in blocks
        for line in block.splitlines()
        if re.match(r"kompiler check standards/\S+\.yaml", line)
    )
    done = subprocess.run(
        one_file, shell=True, cwd=project, env=environment, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, f"{one_file}\n{done.stdout}\n{done.stderr}"
    *findings, summary = done.stdout.strip().splitlines()
    assert summary.startswith("0 galat, 1 peringatan"), done.stdout  # kompiler.yaml's, shown with any file
    assert "KMP126" in findings[0], done.stdout


def test_shell_completion_scripts_are_served() -> None:
    for shell, marker in (
        ("bash", "complete -o nosort -F"),
        ("zsh", "compdef"),
        ("fish", "complete --no-files"),
    ):
        done = subprocess.run(
            [str(BIN / "kompiler")],
            env={**os.environ, "_KOMPILER_COMPLETE": f"{shell}_source"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0 and marker in done.stdout, (shell, done.stdout[:200])
