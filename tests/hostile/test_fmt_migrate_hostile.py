"""``kompiler fmt`` and ``kompiler migrate`` on files a stranger committed, and fmt on waivers.

Both commands read every file as strictly as ``kompiler check`` does: a duplicate key, a syntax error,
bytes that are not UTF-8, nesting 200,000 deep, a FIFO or a link out of the project is a diagnostic at
its place (exit 1), a broken ``kompiler.yaml`` a configuration error (exit 2), never a hang, a raw parser
message or exit 3, and nothing is written that was not read correctly. fmt never changes what a waiver
covers: the findings ``kompiler check`` waives are the same before and after it, whether it rewrites the
file or refuses to (KMP084).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kompiler.authoring.fmt import NotFormattable, format_text
from kompiler.check.load import load_bytes
from kompiler.pipeline import compile_path
from kompiler.project import FileKind
from tests.hostile.conftest import FIXTURES, Run, files_under

POSITION = "jabatan/analis-keuangan.yaml"

# A position out of canonical order, with a literal block, a folded block, a flow list and four findings:
# KMP109 (berlaku_sampai), KMP102 twice (the levels of M.01 and M.03), KMP105 (golongan).
BASE = """\
# yaml-language-server: $schema=../../../../schemas/jabatan.schema.json
nama: Analis Keuangan Pusat dan Daerah Ahli Muda
kode: NTB.JF.AKPD.MUDA
jenis: fungsional_keahlian
jenjang: AHLI-MUDA
rumpun: RJ-KEU
bidang: keuangan
unit_kerja: Badan Pengelolaan Keuangan dan Aset Daerah
urusan: Keuangan
ikhtisar: |
  Melakukan analisis pengelolaan keuangan daerah.
  Untuk mendukung penyusunan laporan keuangan yang andal.
berlaku_sampai: "2020-01-01"
tugas:
  - >
    Menganalisis realisasi anggaran
    perangkat daerah
  - Menyusun rekomendasi perbaikan penatausahaan keuangan
hasil_kerja:
  - Laporan analisis realisasi anggaran
kompetensi:
  teknis:
    - kode: T.KEU.01
      level: 3
    - kode: T.KEU.02
      level: 2
  manajerial:
    - level: 1
      kode: M.01
    - kode: M.02
      level: 2
    - kode: M.03
      level: 1
    - kode: M.04
      level: 2
    - kode: M.05
      level: 2
    - kode: M.06
      level: 2
    - kode: M.07
      level: 2
    - kode: M.08
      level: 2
  sosial_kultural:
    - kode: SK.01
      level: 2
persyaratan:
  pendidikan:
    - jenjang: S1
      bidang: [Akuntansi, Ekonomi Pembangunan]
      tingkat: mutlak
  pangkat:
    tingkat: mutlak
    golongan: IV/e
sumber:
  kode: PERMENPANRB-38-2017
  pasal: Pasal 5
berlaku_mulai: "2026-04-01"
"""

M03 = "    - kode: M.03\n      level: 1\n"
VALIDITY = 'berlaku_sampai: "2020-01-01"\n'
WHY = " -- disetujui Biro Organisasi"

# (name, replacements in BASE, whether fmt must rewrite the file); cases marked False may be refused
# (KMP084) when the canonical order moves what the waiver covers, and must then leave the file alone.
WAIVER_CASES = [
    ("same line", [(M03, M03.replace("level: 1", f"level: 1  # kompiler: abaikan KMP102{WHY}"))], True),
    (
        "line before",
        [(M03, M03.replace("      level", f"      # kompiler: abaikan KMP102{WHY}\n      level"))],
        True,
    ),
    ("after a literal block, key moves", [(VALIDITY, f"# kompiler: abaikan KMP109{WHY}\n{VALIDITY}")], True),
    (
        "same line, key moves",
        [(VALIDITY, VALIDITY.replace("\n", f"  # kompiler: abaikan KMP109{WHY}\n"))],
        True,
    ),
    (
        "block start and end",
        [(M03, f"    # kompiler: abaikan-mulai KMP102{WHY}\n{M03}    # kompiler: abaikan-selesai KMP102\n")],
        True,
    ),
    (
        "file, after a literal block",
        [(VALIDITY, f"# kompiler: abaikan-berkas KMP105{WHY}\n{VALIDITY}")],
        True,
    ),
    (
        "unused, after a folded block",
        [("  - Menyusun", f"  # kompiler: abaikan KMP102{WHY}\n  - Menyusun")],
        True,
    ),
    ("on a block scalar's header", [("ikhtisar: |", f"ikhtisar: |  # kompiler: abaikan KMP113{WHY}")], True),
    (
        "same line as text fmt would fold",
        [
            (
                "unit_kerja: Badan Pengelolaan Keuangan dan Aset Daerah",
                "unit_kerja: Badan Pengelolaan Keuangan dan Aset Daerah Provinsi Nusa Tenggara Barat yang "
                f"berkedudukan di Kota Mataram  # kompiler: abaikan KMP113{WHY}",
            )
        ],
        True,
    ),
    (
        "block around a key that moves",
        [
            (
                VALIDITY,
                f"# kompiler: abaikan-mulai KMP109{WHY}\n{VALIDITY}# kompiler: abaikan-selesai KMP109\n",
            )
        ],
        True,
    ),
    (
        "block around the items of a list that moves",
        [
            ("  teknis:\n", f"  teknis:\n    # kompiler: abaikan-mulai KMP102{WHY}\n"),
            (
                "      level: 2\n  manajerial:",
                "      level: 2\n    # kompiler: abaikan-selesai KMP102\n  manajerial:",
            ),
        ],
        True,
    ),
    (
        "two whole-file waivers whose order changes",
        [
            ("  teknis:\n", "  # kompiler: abaikan-berkas KMP102 -- satu\n  teknis:\n"),
            ("  manajerial:\n", "  # kompiler: abaikan-berkas KMP102 -- dua\n  manajerial:\n"),
        ],
        False,
    ),
    (
        "around a list whose neighbours move",
        [
            ("  manajerial:\n", f"  # kompiler: abaikan-mulai KMP102{WHY}\n  manajerial:\n"),
            ("  sosial_kultural:\n", "  # kompiler: abaikan-selesai KMP102\n  sosial_kultural:\n"),
        ],
        False,
    ),
    (
        "above the first key, which moves",
        [("nama: Analis", f"# kompiler: abaikan KMP113{WHY}\nnama: Analis")],
        False,
    ),
    (
        "same line as a flow list",
        [("Ekonomi Pembangunan]", f"Ekonomi Pembangunan]  # kompiler: abaikan KMP105{WHY}")],
        False,
    ),
    (
        "same line as an item's first key, which moves",
        [("    - level: 1\n", f"    - level: 1  # kompiler: abaikan KMP102{WHY}\n")],
        False,
    ),
    (
        "same line as a key of a mapping that gets a new first key",
        [("    golongan: IV/e", f"    golongan: IV/e  # kompiler: abaikan KMP105{WHY}")],
        False,
    ),
]


def _position(project: Path, text: str) -> None:
    (project / POSITION).write_text(text, encoding="utf-8")


def _findings(project: Path) -> tuple[list[tuple[str, str, str | None]], list[tuple[str, str]]]:
    """What ``kompiler check`` waives (finding and reason) and every rule diagnostic it still reports,
    independent of line numbers."""
    result = compile_path(project)
    waived = sorted(
        (s.diagnostic.code, s.diagnostic.message.en, s.directive.reason) for s in result.suppressed
    )
    shown = sorted((d.code, d.message.en) for d in result.diagnostics if d.code.startswith(("KMP1", "KMP09")))
    return waived, shown


@pytest.mark.parametrize(
    ("replacements", "rewrites"), [c[1:] for c in WAIVER_CASES], ids=[c[0] for c in WAIVER_CASES]
)
def test_fmt_never_changes_what_a_waiver_covers(
    kompiler: Callable[..., Run], project: Path, replacements: list[tuple[str, str]], rewrites: bool
) -> None:
    text = BASE
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    _position(project, text)
    before = _findings(project)

    run = kompiler(["fmt", "."], project)

    after_text = (project / POSITION).read_text(encoding="utf-8")
    if rewrites or run.exit_code == 0:
        assert run.exit_code == 0, run.stderr
        assert after_text != text
        assert kompiler(["fmt", ".", "--check"], project).exit_code == 0
    else:
        assert run.exit_code == 1, run.stderr
        assert f"{POSITION}:" in run.stderr and "KMP084" in run.stderr
        assert after_text == text
    assert _findings(project) == before


def test_fmt_keeps_block_scalars_as_blocks(kompiler: Callable[..., Run], project: Path) -> None:
    _position(project, BASE)

    assert kompiler(["fmt", "."], project).exit_code == 0

    text = (project / POSITION).read_text(encoding="utf-8")
    assert "ikhtisar: |\n  Melakukan analisis pengelolaan keuangan daerah.\n  Untuk mendukung" in text
    assert "tugas:\n  - >\n    Menganalisis realisasi anggaran\n    perangkat daerah\n" in text


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("waivers") / "standar"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


_LINES = BASE.splitlines(keepends=True)
_CODES = ("KMP102", "KMP105", "KMP109", "KMP113")


@st.composite
def _waived(draw: st.DrawFn) -> str:
    """BASE with one to three waivers of any form at any line: at its end, alone above it (indented like
    it), a block from one line to another, or the whole file."""
    lines = list(_LINES)
    for _ in range(draw(st.integers(1, 3))):
        code = draw(st.sampled_from(_CODES))
        form = draw(st.sampled_from(["eol", "above", "block", "file"]))
        at = draw(st.integers(1, len(lines) - 1))
        indent = " " * (len(lines[at]) - len(lines[at].lstrip(" ")))
        if form == "eol":
            lines[at] = lines[at].rstrip("\n") + f"  # kompiler: abaikan {code}{WHY}\n"
        elif form == "above":
            lines.insert(at, f"{indent}# kompiler: abaikan {code}{WHY}\n")
        elif form == "file":
            lines.insert(at, f"{indent}# kompiler: abaikan-berkas {code}{WHY}\n")
        else:
            end = draw(st.integers(at, len(lines) - 1))
            end_indent = " " * (len(lines[end]) - len(lines[end].lstrip(" ")))
            lines.insert(end + 1, f"{end_indent}# kompiler: abaikan-selesai {code}\n")
            lines.insert(at, f"{indent}# kompiler: abaikan-mulai {code}{WHY}\n")
    return "".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_waived())
def test_fmt_keeps_waived_findings_wherever_waivers_stand(scratch: Path, text: str) -> None:
    """Whatever fmt makes of a file with waivers anywhere, the findings check waives and reports do not
    change; when it cannot keep them, it refuses (and the file stays as it is)."""
    loaded = load_bytes(POSITION, text.encode("utf-8"))
    assume(loaded.document is not None and not loaded.diagnostics)
    _position(scratch, text)
    before = _findings(scratch)
    try:
        formatted = format_text(text, FileKind.POSITION, POSITION).text
    except NotFormattable as error:
        assert {d.code for d in error.diagnostics} <= {"KMP084"}, error.diagnostics
        return
    _position(scratch, formatted)
    assert _findings(scratch) == before
    assert format_text(formatted, FileKind.POSITION).text == formatted


VERSION_0 = FIXTURES / "versi-0"
V0_POSITION = "jabatan/analis-keuangan.yaml"


@pytest.fixture
def old_project(tmp_path: Path) -> Path:
    """A copy of the version-0 project, which ``kompiler migrate`` upgrades."""
    target = tmp_path / "work" / "lama"
    shutil.copytree(VERSION_0, target)
    (tmp_path / "work" / "outside").mkdir()
    return target


def _contents(folder: Path) -> dict[str, bytes]:
    """Every file of the project, but kompiler's own cache (fmt remembers the files it found canonical)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink() and ".kompiler-cache" not in p.relative_to(folder).parts
    }


def _deep(path: Path) -> None:
    path.write_text("x: " + "[" * 200_000 + "]" * 200_000 + "\n", encoding="utf-8")


def _append(relative: str, data: bytes) -> Callable[[Path], None]:
    def spoil(project: Path) -> None:
        with (project / relative).open("ab") as handle:
            handle.write(data)

    return spoil


# (name, how the project is spoiled, the diagnostic expected at its place): a file added that neither
# migrate nor fmt can read, whatever format version the project is written in.
UNREADABLE_FILES = [
    (
        "200k-deep nesting",
        lambda p: _deep(p / "jabatan/dalam.yaml"),
        "jabatan/dalam.yaml:1:67: error KMP007:",
    ),
    (
        "a FIFO",
        lambda p: os.mkfifo(p / "jabatan/x.yaml"),
        "jabatan/x.yaml: error KMP013: This is a named pipe",
    ),
    (
        "a link out of the project",
        lambda p: (p / "jabatan/luar.yaml").symlink_to(p.parent / "outside" / "luar.yaml"),
        "jabatan/luar.yaml: error KMP009:",
    ),
]


# For migrate: those, and a position of format version 0 spoiled in place.
FILE_PROBLEMS = [
    ("duplicate key", _append(V0_POSITION, b"kode: LAIN\n"), f"{V0_POSITION}:67:1: error KMP003:"),
    ("syntax error", _append(V0_POSITION, b"nama: [tidak ditutup\n"), f"{V0_POSITION}:68:1: error KMP002:"),
    ("invalid UTF-8", _append(V0_POSITION, b"nama: \xff\n"), f"{V0_POSITION}:67:7: error KMP001:"),
    *UNREADABLE_FILES,
]


@pytest.mark.parametrize("dry_run", [False, True], ids=["write", "dry-run"])
@pytest.mark.parametrize(
    ("spoil", "expected"), [c[1:] for c in FILE_PROBLEMS], ids=[c[0] for c in FILE_PROBLEMS]
)
def test_migrate_reports_a_file_it_cannot_read_and_writes_nothing(
    kompiler: Callable[..., Run],
    old_project: Path,
    spoil: Callable[[Path], None],
    expected: str,
    dry_run: bool,
) -> None:
    (old_project.parent / "outside" / "luar.yaml").write_text("kode: LUAR\n", encoding="utf-8")
    spoil(old_project)
    before = _contents(old_project)

    run = kompiler(["migrate", ".", *(["--dry-run"] if dry_run else [])], old_project)

    assert run.exit_code == 1, run.stderr
    assert expected in run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    assert "No file was changed" in run.stderr
    assert _contents(old_project) == before
    assert (old_project.parent / "outside" / "luar.yaml").read_text(encoding="utf-8") == "kode: LUAR\n"


PROJECT_FILE_PROBLEMS = [
    ("syntax error", lambda p: _append("kompiler.yaml", b"aturan: [\n")(p), "kompiler.yaml:", "KMP002"),
    ("duplicate key", lambda p: _append("kompiler.yaml", b"bahasa: en\n")(p), "kompiler.yaml:", "KMP003"),
    (
        "not a version",
        lambda p: _append("kompiler.yaml", b'schema_version: "1"\n')(p),
        "kompiler.yaml:",
        "KMP081",
    ),
    (
        "a folder",
        lambda p: ((p / "kompiler.yaml").unlink(), (p / "kompiler.yaml").mkdir()),
        "kompiler.yaml",
        "KMP013",
    ),
    ("missing", lambda p: (p / "kompiler.yaml").unlink(), "kompiler.yaml", "KMP080"),
]


@pytest.mark.parametrize(
    ("spoil", "place", "code"),
    [c[1:] for c in PROJECT_FILE_PROBLEMS],
    ids=[c[0] for c in PROJECT_FILE_PROBLEMS],
)
def test_migrate_with_a_broken_project_file_is_a_configuration_error(
    kompiler: Callable[..., Run], old_project: Path, spoil: Callable[[Path], None], place: str, code: str
) -> None:
    spoil(old_project)
    before = _contents(old_project)

    run = kompiler(["migrate", "."], old_project)

    assert run.exit_code == 2, run.stderr
    assert place in run.stderr and f"error {code}:" in run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    assert _contents(old_project) == before


@pytest.mark.parametrize("dry_run", [False, True], ids=["write", "dry-run"])
def test_migrate_never_reads_a_project_file_linked_out_of_the_project(
    kompiler: Callable[..., Run], old_project: Path, dry_run: bool
) -> None:
    """A ``kompiler.yaml`` committed as a link to a file elsewhere (``/proc/self/environ`` in CI) is
    refused as ``check`` refuses it, unread: a file that does not parse would be quoted on screen."""
    secret = old_project.parent / "outside" / "environ"
    secret.write_bytes(b"GH_TOKEN=ghp_rahasia\0HOME=/root\0")
    (old_project / "kompiler.yaml").unlink()
    (old_project / "kompiler.yaml").symlink_to(secret)
    before = _contents(old_project)

    run = kompiler(["migrate", ".", *(["--dry-run"] if dry_run else [])], old_project)

    assert run.exit_code == 2, run.stderr
    assert "kompiler.yaml: error KMP009:" in run.stderr
    assert "rahasia" not in run.stdout + run.stderr
    assert _contents(old_project) == before


def test_migrate_of_a_clean_old_project_still_works(kompiler: Callable[..., Run], old_project: Path) -> None:
    mode = 0o640
    (old_project / V0_POSITION).chmod(mode)

    run = kompiler(["migrate", "."], old_project)

    assert run.exit_code == 0, run.stderr
    assert "3 file(s) changed." in run.stdout
    assert kompiler(["check", "."], old_project).exit_code == 0
    assert (old_project / V0_POSITION).stat().st_mode & 0o777 == mode


FMT_PROBLEMS = [
    ("duplicate key", _append(POSITION, b"kode: LAIN\n"), f"{POSITION}:67:1: error KMP003:"),
    ("invalid UTF-8", _append(POSITION, b"nama: \xe9\n"), f"{POSITION}:67:7: error KMP001:"),
    *UNREADABLE_FILES,
]


@pytest.mark.parametrize("single", [False, True], ids=["project", "the file alone"])
@pytest.mark.parametrize(
    ("spoil", "expected"), [c[1:] for c in FMT_PROBLEMS], ids=[c[0] for c in FMT_PROBLEMS]
)
def test_fmt_reports_a_file_it_cannot_read_and_leaves_it_alone(
    kompiler: Callable[..., Run], project: Path, spoil: Callable[[Path], None], expected: str, single: bool
) -> None:
    outside = project.parent / "outside" / "luar.yaml"
    outside.write_text("nama:   'Luar'\nkode: LUAR\n", encoding="utf-8")
    assert kompiler(["fmt", "."], project).exit_code == 0  # the rest canonical: nothing else to rewrite
    spoil(project)
    before = _contents(project)
    target = expected.split(":")[0] if single else "."

    run = kompiler(["fmt", target], project)

    assert run.exit_code == 1, run.stderr
    assert expected in run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    assert _contents(project) == before
    assert outside.read_text(encoding="utf-8") == "nama:   'Luar'\nkode: LUAR\n"


@pytest.mark.parametrize(
    ("target", "code"), [("README.md", "KMP085"), ("jabatan/catatan.txt", "KMP085"), ("../outside", "KMP015")]
)
def test_fmt_of_something_that_is_no_standard_is_a_usage_error(
    kompiler: Callable[..., Run], project: Path, target: str, code: str
) -> None:
    (project / "README.md").write_text("# Standar\n", encoding="utf-8")
    (project / "jabatan" / "catatan.txt").write_text("catatan\n", encoding="utf-8")
    before = files_under(project.parent)

    run = kompiler(["fmt", target], project)

    assert run.exit_code == 2, run.stderr
    assert f"error {code}:" in run.stderr
    assert files_under(project.parent) == before
