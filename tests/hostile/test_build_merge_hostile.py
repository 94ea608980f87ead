"""``build -o`` and ``merge --write`` pointed where a careless user or a hostile contributor would point
them: a folder the project reads, or standards next to a copied or forged output marker."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.conftest import Run

MARKER = ".kompiler-output"


def forge_marker(folder: Path) -> None:
    """Write a marker in ``folder`` that lists every file under it with its true size, time and SHA-256."""
    lines = [
        f"{path.stat().st_size} {path.stat().st_mtime_ns} {hashlib.sha256(path.read_bytes()).hexdigest()} "
        f"{path.relative_to(folder).as_posix()}\n"
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    ]
    (folder / MARKER).write_text("kompiler-output 2\n" + "".join(lines), encoding="utf-8")


def hashes(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("command", ["build", "merge"])
@pytest.mark.parametrize("folder", ["jabatan", "kamus", "rumpun/baru", "templates", ".kompiler-cache/x"])
def test_output_inside_a_folder_the_build_reads_is_refused(
    kompiler, project: Path, command: str, folder: str
) -> None:
    """A folder the build reads, even one holding a marker that lists its standards, is never output."""
    target = project / folder
    target.mkdir(parents=True, exist_ok=True)
    forge_marker(target)
    before = hashes(project)
    option = "-o" if command == "build" else "--write"
    run: Run = kompiler([command, str(project), option, str(target)], cwd=project.parent)
    assert run.exit_code == 2, run.stderr
    assert f"inside the project's {folder.split('/')[0]}/ folder" in run.stderr
    assert "Traceback" not in run.stderr
    assert hashes(project) == before


@pytest.mark.parametrize("command", ["build", "merge"])
def test_a_forged_marker_never_makes_another_project_removable(
    kompiler, project: Path, tmp_path: Path, command: str
) -> None:
    """Standards listed by a marker (copied or committed by someone) are still not kompiler's output."""
    other = tmp_path / "lain"
    other.mkdir()
    for name in ("kompiler.yaml", "sumber.yaml"):
        (other / name).write_bytes((project / name).read_bytes())
    (other / "jabatan").mkdir()
    (other / "jabatan" / "x.yml").write_text("kode: X\n", encoding="utf-8")
    forge_marker(other)
    before = hashes(other)
    option = "-o" if command == "build" else "--write"
    run = kompiler([command, str(project), option, str(other)], cwd=project.parent)
    assert run.exit_code == 2, run.stderr
    assert "kompiler.yaml" in run.stderr and "Traceback" not in run.stderr
    assert hashes(other) == before


def run_closed(args: list[str], cwd: Path, closed: tuple[int, ...], home: Path) -> int:
    """``kompiler ARGS`` started with the descriptors ``closed`` closed, as ``2>&-`` starts it."""

    def close() -> None:
        for descriptor in closed:
            os.close(descriptor)

    env = {**os.environ, "XDG_CACHE_HOME": str(home), "KOMPILER_LOCALE": "en", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "kompiler", *args],
        cwd=cwd,
        env=env,
        preexec_fn=close,
        timeout=120,
        check=False,
    )
    return done.returncode


@pytest.mark.parametrize("closed", [(0,), (1,), (2,), (0, 1, 2)])
def test_build_with_a_standard_stream_closed_writes_its_output(
    project: Path, tmp_path: Path, closed: tuple[int, ...]
) -> None:
    """``kompiler build 2>&-`` builds as if its messages were discarded (exit 3 before)."""
    output = tmp_path / "keluaran"
    code = run_closed(["build", str(project), "-o", str(output)], project.parent, closed, tmp_path)
    assert code == 0
    assert (output / MARKER).is_file() and (output / "model.json").is_file()


@pytest.mark.parametrize("args", [["rules"], ["explain", "KMP001"], ["check"], ["merge"]])
def test_other_commands_with_every_standard_stream_closed_end_quietly(
    project: Path, tmp_path: Path, args: list[str]
) -> None:
    target = [str(project)] if args[0] in ("check", "merge") else []
    assert run_closed([*args, *target], project.parent, (0, 1, 2), tmp_path) == 0


def test_an_output_folder_name_with_a_newline_or_escape_is_printed_escaped(kompiler, project: Path) -> None:
    """Neither the folder nor a position code given on the command line can break or forge a line."""
    name = "a\nb\x1b[31m"
    target = project.parent / name
    built = kompiler(["build", str(project), "-o", name], cwd=project.parent)
    assert built.exit_code == 0, built.stderr
    assert built.stdout.endswith("a\\nb\\x1b[31m/\n") and built.stdout.count("\n") == 1
    (target / "tambahan.txt").write_text("x", encoding="utf-8")
    refused = kompiler(["build", str(project), "-o", name], cwd=project.parent)
    assert refused.exit_code == 2 and "\x1b" not in refused.stderr and "a\\nb" in refused.stderr
    unknown = kompiler(["build", str(project), "-o", "baru", "--only", "X\nY"], cwd=project.parent)
    assert unknown.exit_code == 2 and "'X\\nY'" in unknown.stderr and "X\nY" not in unknown.stderr


COMMANDS = ("check", "build", "rules", "explain", "diff", "merge", "import", "fmt", "migrate", "init")


@pytest.mark.parametrize("args", [[command, "--tidak-ada"] for command in COMMANDS] + [["--tidak-ada"]])
def test_an_unknown_option_is_told_in_indonesian_and_english(
    kompiler_with, tmp_path: Path, args: list[str]
) -> None:
    """With no language chosen; with one, only its sentence (tests/cli/test_help.py)."""
    run = kompiler_with(args, cwd=tmp_path, env={"KOMPILER_LOCALE": None})
    assert run.exit_code == 2
    assert "Galat: opsi --tidak-ada tidak ada." in run.stderr
    assert "Error: No such option '--tidak-ada'." in run.stderr


@pytest.mark.parametrize("args", [[], ["people"]])
def test_a_bare_group_prints_its_help_not_an_error(kompiler, tmp_path: Path, args: list[str]) -> None:
    """``kompiler`` alone prints the help as click and ruff do when run bare: on standard error, exit 2
    (the run did nothing), without the "Galat: ... Error: Usage:" of a mistake."""
    run = kompiler(args, cwd=tmp_path)
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr.startswith(
        f"Usage: kompiler {' '.join(args)}".rstrip() + " [OPTIONS] COMMAND [ARGS]..."
    )
    assert "Commands:" in run.stderr
    assert "Galat" not in run.stderr and "Error" not in run.stderr


@pytest.mark.parametrize(
    ("args", "indonesian"),
    [
        (["check", "--format", "xml"], "Galat: nilai tidak sah untuk '--format'; pilihan: text, json,"),
        (
            ["merge", "--format", ""],
            "Galat: nilai tidak sah untuk '--format'; pilihan: text, json, markdown.",
        ),
        (["explain"], "Galat: 'KODE' wajib diisi."),
        (["chek"], "Galat: perintah 'chek' tidak ada (maksud Anda: check?)."),
        (["build", "-o"], "Galat: opsi -o tidak dipakai dengan benar."),
        (["check", "--format", "a\nb\x1b[2J"], "Galat: nilai tidak sah untuk '--format'"),
    ],
)
def test_a_usage_error_is_told_in_indonesian_first(
    kompiler_with, tmp_path: Path, args: list[str], indonesian: str
) -> None:
    run = kompiler_with(args, cwd=tmp_path, env={"KOMPILER_LOCALE": None})
    assert run.exit_code == 2, run.stderr
    assert indonesian in run.stderr and "\nError: " in run.stderr
    assert "\x1b" not in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("\udcff\n\x1b[2J", "'\\xff\\n\\x1b[2J'"),
        ("X" * 5000, "'" + "X" * 40 + "…'"),
        ("../../etc/passwd", "'../../ETC/PASSWD'"),
    ],
)
def test_explain_repeats_an_unknown_code_escaped_and_bounded(
    kompiler, tmp_path: Path, code: str, shown: str
) -> None:
    run = kompiler(["explain", code], cwd=tmp_path)
    assert run.exit_code == 2
    assert run.stderr == f"Unknown code {shown}. 'kompiler rules' lists every rule.\n"


def test_explain_reads_a_code_typed_in_full_width_characters(kompiler, tmp_path: Path) -> None:
    run = kompiler(["explain", "ｋｍｐ１０１"], cwd=tmp_path)
    assert run.exit_code == 0 and run.stdout.startswith("KMP101  ")


def test_a_read_folder_that_is_a_link_is_refused_where_it_leads(kompiler, project: Path) -> None:
    """``templates -> ../elsewhere``: ``-o ../elsewhere`` is the project's templates/ all the same."""
    elsewhere = project.parent / "elsewhere"
    elsewhere.mkdir()
    (project / "templates").symlink_to("../elsewhere")
    run = kompiler(["build", str(project), "-o", str(elsewhere)], cwd=project.parent)
    assert run.exit_code == 2 and "inside the project's templates/ folder" in run.stderr
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("command", [["check"], ["build", "-o", "lagi"], ["merge"]])
def test_a_build_output_given_as_the_standards_is_not_a_project(
    kompiler, project: Path, command: list[str]
) -> None:
    """``kompiler check keluaran``: its ``jabatan/`` holds documents, no standards; never a clean pass."""
    built = kompiler(["build", str(project), "-o", "keluaran", "-q"], cwd=project.parent)
    assert built.exit_code == 0, built.stderr
    run = kompiler([command[0], "keluaran", *command[1:]], cwd=project.parent)
    assert run.exit_code == 2 and "KMP015" in run.stdout + run.stderr
    assert not (project.parent / "lagi").exists()


@pytest.mark.parametrize(
    ("value", "title"), [("en_US.UTF-8", "File cannot"), ("EN", "File cannot"), ("zz", "Berkas")]
)
def test_kompiler_locale_is_read_as_the_system_writes_locales(tmp_path: Path, value: str, title: str) -> None:
    env = {**os.environ, "KOMPILER_LOCALE": value}
    done = subprocess.run(
        [sys.executable, "-m", "kompiler", "explain", "KMP001"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith(f"KMP001  {title}")


@pytest.mark.parametrize("name", [".kompiler-old.bak", ".kompiler-staging.catatan", ".kompiler-old.0123"])
def test_a_user_folder_named_like_a_leftover_is_foreign(kompiler, project: Path, name: str) -> None:
    """Only a build's own leftovers (a 16-hex-digit name) are removed unseen; anything else is the user's."""
    output = project.parent / "keluaran"
    built = kompiler(["build", str(project), "-o", str(output), "-q"], cwd=project.parent)
    assert built.exit_code == 0, built.stderr
    precious = output / name / "penting.txt"
    precious.parent.mkdir()
    precious.write_text("jangan hapus", encoding="utf-8")
    run = kompiler(["build", str(project), "-o", str(output), "-q"], cwd=project.parent)
    assert run.exit_code == 2 and name in run.stderr
    assert precious.read_text(encoding="utf-8") == "jangan hapus"
