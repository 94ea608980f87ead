"""The authoring commands (``init``, ``import``, ``fmt``, ``migrate``) as a careless user or a hostile
contributor meets them: files edited on Windows, files owned by someone else, a run cancelled midway,
a folder that cannot be written, a text the formatter has never seen, a workbook that declares a
million rows. Nothing is lost, half written or mixed, and fmt run twice changes nothing the second time.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from kompiler.authoring.fmt import NotFormattable, format_text
from kompiler.authoring.roundtrip import ChangedMeanwhile, rewrite
from kompiler.authoring.scaffold import scaffold
from kompiler.check.load import load_bytes
from kompiler.diagnostics import Severity
from kompiler.project import FileKind
from tests.hostile.conftest import FIXTURES, Run

POSITION = "jabatan/analis-keuangan.yaml"
HEADER = "# Catatan di kepala berkas\n"


def _crlf(path: Path, header: str = "") -> None:
    path.write_bytes((header + path.read_text(encoding="utf-8")).replace("\n", "\r\n").encode("utf-8"))


def _every_line_ends_crlf(data: bytes) -> bool:
    return data.count(b"\r\n") == data.count(b"\n") and b"\r" not in data.replace(b"\r\n", b"")


def _temporary_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".*") if p.is_file()]


def test_fmt_keeps_crlf_on_every_line_and_then_has_nothing_to_do(
    kompiler: Callable[..., Run], project: Path
) -> None:
    """A file checked out on Windows is formatted with CRLF on every line, comments included (a header
    comment kept its CR and the rest of the file went LF), and is then canonical."""
    target = project / POSITION
    _crlf(target, HEADER)
    values = load_bytes(POSITION, target.read_bytes()).document.data

    assert kompiler(["fmt", "."], project).exit_code == 0
    formatted = target.read_bytes()
    assert _every_line_ends_crlf(formatted), formatted[:200]
    assert load_bytes(POSITION, formatted).document.data == values
    again = kompiler(["fmt", "--check", "."], project)
    assert POSITION not in again.stdout, again.stdout


def test_migrate_keeps_crlf_on_every_line(kompiler: Callable[..., Run], tmp_path: Path) -> None:
    old = tmp_path / "lama"
    shutil.copytree(FIXTURES / "versi-0", old)
    for path in old.rglob("*.yaml"):
        _crlf(path)
    result = kompiler(["migrate", "."], old)
    assert result.exit_code == 0, result.stderr
    assert "kompiler.yaml" in result.stdout
    for path in old.rglob("*.yaml"):
        assert _every_line_ends_crlf(path.read_bytes()), path


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another owner")
@pytest.mark.parametrize("command", ["fmt", "migrate"])
def test_rewritten_files_keep_owner_and_permissions(
    kompiler: Callable[..., Run], project: Path, tmp_path: Path, command: str
) -> None:
    """fmt or migrate run as root (a container over a contributor's checkout) must not hand the
    contributor's files to root nor widen a 0600 file."""
    folder = project
    if command == "migrate":
        folder = tmp_path / "lama"
        shutil.copytree(FIXTURES / "versi-0", folder)
    target = folder / ("kompiler.yaml" if command == "migrate" else POSITION)
    os.chown(target, 4321, 4322)
    target.chmod(0o640)
    before = target.read_bytes()

    assert kompiler([command, "."], folder).exit_code == 0
    assert target.read_bytes() != before
    info = target.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o7777) == (4321, 4322, 0o640)


def test_fmt_writes_every_file_or_none(kompiler_with: Callable[..., Run], project: Path) -> None:
    """One folder that cannot be written: fmt does not leave the project half formatted (the files it
    could write new, the others old); it writes nothing, says why, and leaves no temporary file."""
    (project / "kamus").chmod(0o555)
    before = {p: p.read_bytes() for p in project.rglob("*.yaml")}
    try:
        result = kompiler_with(["fmt", "."], project, env={}, stranger=True)
    finally:
        (project / "kamus").chmod(0o755)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert "kompiler fmt: kamus/" in result.stderr and "no file was changed" in result.stderr, result.stderr
    assert {p: p.read_bytes() for p in project.rglob("*.yaml")} == before
    assert _temporary_files(project) == []


@pytest.mark.parametrize("command", ["fmt", "migrate"])
def test_a_read_only_file_is_never_rewritten(
    kompiler: Callable[..., Run], project: Path, tmp_path: Path, command: str
) -> None:
    """A file the drafter made read-only (``chmod a-w``) is refused by name, and no file is rewritten:
    its folder would let fmt or migrate replace it, but whoever made it read-only did not want that."""
    folder = project
    if command == "migrate":
        folder = tmp_path / "lama"
        shutil.copytree(FIXTURES / "versi-0", folder)
    target = folder / ("kompiler.yaml" if command == "migrate" else POSITION)
    for path in folder.rglob("*.yaml"):  # every file needs formatting: a blank line fmt removes
        path.write_text(path.read_text(encoding="utf-8").replace("\n", "\n\n", 1), encoding="utf-8")
    target.chmod(0o444)
    before = {p: p.read_bytes() for p in folder.rglob("*.yaml")}
    try:
        result = kompiler([command, "."], folder)
    finally:
        target.chmod(0o644)

    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert f"kompiler {command}: {target.relative_to(folder)} is read-only" in result.stderr, result.stderr
    assert {p: p.read_bytes() for p in folder.rglob("*.yaml")} == before
    assert _temporary_files(folder) == []


def test_fmt_never_overwrites_a_file_saved_while_it_runs(
    project: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A drafter (or their editor's format-on-save) saves a file after fmt has read it and before fmt
    writes: fmt replaces no file at all, names the file and exits 2; the save is kept, and no temporary
    file is left. Formatting a large project takes minutes, so this window is real."""
    from kompiler.authoring.fmt import files as fmt

    _many_positions(project, 3)
    for path in project.rglob("*.yaml"):  # every file needs formatting: a blank line fmt removes
        path.write_text(path.read_text(encoding="utf-8").replace("\n", "\n\n", 1), encoding="utf-8")
    saved = project / POSITION
    edit = saved.read_text(encoding="utf-8") + "# disimpan penyusun selagi fmt berjalan\n"
    original = fmt.format_document

    def formatting_while_the_drafter_saves(document, kind):
        if saved.read_text(encoding="utf-8") != edit:
            saved.write_text(edit, encoding="utf-8")
        return original(document, kind)

    monkeypatch.setattr(fmt, "format_document", formatting_while_the_drafter_saves)
    before = {p: p.read_bytes() for p in project.rglob("*.yaml") if p != saved}
    result = run_cli(["fmt", "."], project)
    assert result.exit_code == 2, result.output
    assert f"kompiler fmt: {POSITION} diubah orang atau program lain" in result.output
    assert saved.read_text(encoding="utf-8") == edit
    assert {p: p.read_bytes() for p in project.rglob("*.yaml") if p != saved} == before
    assert _temporary_files(project) == []


def test_a_rewrite_replaces_nothing_when_one_file_changed_since_it_was_read(tmp_path: Path) -> None:
    """What migrate and fmt share: of two files, the second saved since it was read, neither is replaced."""
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_bytes(b"a: 1\n")
    second.write_bytes(b"b: 2 # disimpan\n")
    with pytest.raises(ChangedMeanwhile) as changed:
        rewrite({first: (b"a: 1\n", b"a: 10\n"), second: (b"b: 2\n", b"b: 20\n")})
    assert changed.value.path == second
    assert (first.read_bytes(), second.read_bytes()) == (b"a: 1\n", b"b: 2 # disimpan\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml"]


def _many_positions(project: Path, count: int) -> None:
    text = (project / POSITION).read_text(encoding="utf-8")
    for number in range(count):
        (project / "jabatan" / f"salinan-{number:03d}.yaml").write_text(
            text.replace("NTB.JF.AKPD.MUDA", f"NTB.JF.AKPD.M{number:03d}"), encoding="utf-8"
        )


@pytest.mark.parametrize("delay", [0.6, 1.0, 1.4, 1.8, 2.2])
def test_fmt_stopped_by_sigterm_leaves_all_old_or_all_new(
    project: Path, tmp_path: Path, delay: float
) -> None:
    """A cancelled CI job (SIGTERM) at any moment: every file is as it was, or every file is formatted,
    and no temporary file is left beside them."""
    _many_positions(project, 150)
    old = {p: p.read_bytes() for p in project.rglob("*.yaml")}
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "KOMPILER_LOCALE": "en"}
    child = subprocess.Popen(
        [sys.executable, "-m", "kompiler", "fmt", "."],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    child.send_signal(signal.SIGTERM)
    child.wait(timeout=60)
    now = {p: p.read_bytes() for p in project.rglob("*.yaml")}
    changed = {p for p in old if now[p] != old[p]}
    assert changed in (set(), {p for p in old if p.parent.name == "jabatan"} | changed), changed
    if changed:
        assert all(now[p] != old[p] for p in old if p.parent.name == "jabatan")
    assert _temporary_files(project) == []


# Texts the formatter must meet: scalars YAML would misread, non-ASCII, empty values, flow and block
# collections nested any way, comments at ends of lines and alone on lines, LF or CRLF.
_TEXT = st.one_of(
    st.sampled_from(["yes", "on", "1.0", "012", "2026-01-01", "~", "#x", "a: b", "- a", " lead", "", "x\ny"]),
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn")),
        max_size=20,
    ),
)
_KEY = st.from_regex(r"[a-z_]{1,8}", fullmatch=True)
_TREE = st.recursive(
    st.one_of(_TEXT, st.integers(-5, 10**6), st.booleans(), st.none()),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(_KEY, children, min_size=1, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def _documents(draw: st.DrawFn) -> str:
    data = draw(st.dictionaries(_KEY, _TREE, min_size=1, max_size=5))
    text = yaml.safe_dump(
        data,
        allow_unicode=True,
        default_flow_style=draw(st.sampled_from([False, None, True])),
        width=draw(st.sampled_from([20, 80, 1000])),
        sort_keys=draw(st.booleans()),
    )
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, max(0, len(lines) - 2)))
        comment = "# " + draw(st.sampled_from(["catatan", "kompiler: abaikan KMP101 -- alasan", "ñ ü"]))
        if draw(st.booleans()):
            lines.insert(at, " " * (len(lines[at]) - len(lines[at].lstrip(" "))) + comment)
        else:
            lines[at] += "  " + comment
    text = "\n".join(lines)
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


@settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=_documents())
def test_fmt_is_idempotent_and_keeps_values_and_line_breaks(text: str) -> None:
    """fmt twice is fmt once (a null list item with a comment, or a flow list followed by one, moved
    its comment on every run, so ``fmt --check`` failed right after ``fmt``); values never change; the
    file's line break is used on every line."""
    loaded = load_bytes(POSITION, text.encode("utf-8"))
    errors = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
    assume(loaded.document is not None and not errors)
    try:
        once = format_text(text, FileKind.POSITION, POSITION).text
    except NotFormattable:
        return
    assert format_text(once, FileKind.POSITION, POSITION).text == once
    assert load_bytes(POSITION, once.encode("utf-8")).document.data == loaded.document.data
    if "\r\n" in text:
        assert _every_line_ends_crlf(once.encode("utf-8"))
    else:
        assert "\r" not in once


@pytest.mark.parametrize(
    "text",
    [
        "kode: A\ntugas:\n- x\n- null  # catatan\n- y\n",
        "kode: A\ntugas:\n- x\n-  # kompiler: abaikan KMP101 -- alasan\n- y\n",
        "kode: A\ntugas:\n- x\n- [y, z]  # catatan\n",
    ],
)
def test_a_comment_after_an_empty_item_or_a_flow_item_stays_on_its_line(text: str) -> None:
    once = format_text(text, FileKind.POSITION, POSITION).text
    assert format_text(once, FileKind.POSITION, POSITION).text == once
    comment = text[text.index("#") :].split("\n")[0]
    line = next(line for line in once.split("\n") if comment in line)
    assert line.lstrip().startswith("-"), once


def test_a_table_far_down_its_sheet_is_read_in_seconds(kompiler: Callable[..., Run], tmp_path: Path) -> None:
    """A sheet whose table starts near row 1,000,000: the reader gives every empty row above it, as wide
    as the widest table allowed; judging each must not cost a thousand calls (36 s before, now 2)."""
    book = Workbook()
    sheet = book.active
    for column, value in enumerate(["code", "title", "group"], start=1):
        sheet.cell(row=999_998, column=column, value=value)
    for column, value in enumerate(["A1", "Penyusun Anggaran", "Keuangan"], start=1):
        sheet.cell(row=999_999, column=column, value=value)
    book.save(tmp_path / "p.xlsx")
    (tmp_path / "r.csv").write_text(
        "code,element_id,element_name,level,importance\nA1,e1,Penganggaran,5,4\n", encoding="utf-8"
    )
    started = time.monotonic()
    result = kompiler(["import", "p.xlsx", "r.csv", "-o", "out", "--berlaku-mulai", "2026-01-01"], tmp_path)
    assert time.monotonic() - started < 15
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert (tmp_path / "out" / "jabatan").is_dir()


def test_a_value_yaml_11_cannot_read_plain_in_a_flow_list_is_quoted_not_a_crash(
    kompiler: Callable[..., Run], project: Path
) -> None:
    """A flow list kept on its line (a comment follows it) with a value starting with ':': the library
    wrote it plain, which YAML 1.1 cannot read, and fmt ended with a parser traceback (exit 3)."""
    target = project / POSITION
    text = target.read_text(encoding="utf-8")
    target.write_text(
        text.replace("tugas:\n", "bidang_lain: [':0', 'a, b']  # catatan\ntugas:\n", 1), encoding="utf-8"
    )
    result = kompiler(["fmt", POSITION], project)
    assert result.exit_code in (0, 1), result.stderr
    assert "internal error" not in result.stderr
    if result.exit_code == 0:
        assert "# catatan" in target.read_text(encoding="utf-8")


def test_a_positions_table_larger_than_an_import_can_check_is_refused_at_its_row(
    kompiler: Callable[..., Run], tmp_path: Path
) -> None:
    """Every position becomes a file checked with every rule before anything is written; a table of a
    million positions (within the rows a table may hold) ran out of memory after half a minute, exit 3."""
    rows = "".join(f"A{number},Jabatan {number},Umum\n" for number in range(10_001))
    (tmp_path / "p.csv").write_text("code,title,group\n" + rows, encoding="utf-8")
    (tmp_path / "r.csv").write_text(
        "code,element_id,element_name,level,importance\nA1,e1,Penganggaran,5,4\n", encoding="utf-8"
    )
    result = kompiler(["import", "p.csv", "r.csv", "-o", "out", "--berlaku-mulai", "2026-01-01"], tmp_path)
    assert result.exit_code == 1, result.stderr
    assert "p.csv:10002:1: error KMP071" in result.stdout
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("delay", [0.4, 0.6, 0.8])
@pytest.mark.parametrize("existing", ["absent", "empty", "clone"])
def test_init_stopped_by_sigterm_leaves_the_folder_as_it_was(
    tmp_path: Path, delay: float, existing: str
) -> None:
    """Half a scaffold would be refused by the next ``init`` as "already holds files" and had to be
    removed by hand: a cancelled init leaves a new folder absent, an empty one empty and a fresh clone
    with its ``.git`` alone, or completes."""
    target = tmp_path / "baru"
    if existing != "absent":
        target.mkdir()
    if existing == "clone":
        subprocess.run(["git", "init", "-q", str(target)], check=True)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "KOMPILER_LOCALE": "en"}
    child = subprocess.Popen(
        [sys.executable, "-m", "kompiler", "init", str(target)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    child.send_signal(signal.SIGTERM)
    code = child.wait(timeout=60)
    written = (
        sorted(
            p.relative_to(target)
            for p in target.rglob("*")
            if p.is_file() and p.relative_to(target).parts[0] != ".git"
        )
        if target.exists()
        else []
    )
    complete = sorted(Path(name) for name in scaffold(tmp_path / "whole").created)
    if code == 0:
        assert written == complete
    elif written != complete:  # a signal after the last file was written ends an init that is complete
        assert written == []
        assert target.is_dir() == (existing != "absent")
    if existing == "clone":
        assert (target / ".git" / "HEAD").is_file()


def test_a_quote_never_closed_is_reported_where_it_opens_in_the_users_language(
    kompiler_with: Callable[..., Run], tmp_path: Path
) -> None:
    """The reader's English message ("field larger than field limit") was shown inside the Indonesian
    one, at the line thousands of lines below where the reader gave up."""
    rows = "".join(f"A{number},Jabatan {number},Umum\n" for number in range(2, 20_000))
    (tmp_path / "p.csv").write_text(
        'code,title,group\nA1,"Penyusun Anggaran,Keuangan\n' + rows, encoding="utf-8"
    )
    (tmp_path / "r.csv").write_text(
        "code,element_id,element_name,level,importance\nA1,e1,Penganggaran,5,4\n", encoding="utf-8"
    )
    args = ["import", "p.csv", "r.csv", "-o", "out", "--berlaku-mulai", "2026-01-01"]
    result = kompiler_with(args, tmp_path, env={"KOMPILER_LOCALE": "id"})
    assert result.exit_code == 1, result.stderr
    assert "p.csv:2:1: galat KMP071" in result.stdout, result.stdout
    assert "field" not in result.stdout
