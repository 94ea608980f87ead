"""kompiler.yaml and keputusan-gabung.yaml as a stranger might write them: merge weights that are all
zero or absurd, thresholds and rule options out of range, merge decisions that contradict each other, and a
grade row nobody has verified yet. Each is a located diagnostic with the exit code the README promises
(2 for a configuration that cannot be used, 1 for a problem in the standards), never NaN, a crash or a
false pass, and the same report from ``check``, ``build`` and ``merge``."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.conftest import Run, files_under

POSITION = "jabatan/analis-keuangan.yaml"
BUG = re.compile(r"internal error|galat internal|Traceback", re.IGNORECASE)


def _append(project: Path, text: str) -> int:
    """Append ``text`` to kompiler.yaml; the line number its first line gets."""
    settings = project / "kompiler.yaml"
    before = settings.read_text(encoding="utf-8")
    settings.write_text(before + text, encoding="utf-8")
    return before.count("\n") + 1


def _reports(run: Run, code: str) -> list[str]:
    """The ``file:line:column: severity CODE`` heads of the text report's lines with ``code``."""
    return re.findall(rf"^(\S+:\d+:\d+: \w+ {code}):", run.stdout, re.MULTILINE)


# (the gabung section's text, the value whose column the report points at, the code); every value here
# once gave NaN, a crash (exit 3) or a silent pass, or is its neighbour on the schema's side.
GABUNG = [
    ("  bobot: {kompetensi: 0, tugas: 0, nama: 0, konteks: 0.0}\n", "{", "KMP093"),
    ("  bobot: {kompetensi: 0.5, tugas: 1e308}\n", "1e308", "KMP011"),
    ("  bobot: {tugas: -0.5}\n", "-0.5", "KMP011"),
    ("  bobot: {konteks: 1e999}\n", "1e999", "KMP006"),  # once also KMP011 "not empty" (read as null)
    ('  bobot: {nama: "0.35"}\n', '"0.35"', "KMP011"),
    ("  bobot: {kompetensi: true}\n", "true", "KMP011"),
    ("  ambang_gabung: 1.5\n", "1.5", "KMP011"),
    ("  ambang_kemiripan: -0.1\n", "-0.1", "KMP011"),
    ("  ukuran_kelompok_maksimal: 1\n", "1", "KMP011"),
    ("  ukuran_kelompok_maksimal: 100000000000000000000\n", "1000", "KMP011"),
    ("  ukuran_kelompok_maksimal: 2.5\n", "2.5", "KMP011"),
    ("  selisih_jenjang_maksimal: 1000000\n", "1000000", "KMP011"),
    ("  resolusi_rumpun: 0\n", "0", "KMP011"),
    ("  resolusi_rumpun: 1e308\n", "1e308", "KMP011"),
    ("  anggaran_indeks: 100000000000000000000000\n", "1000", "KMP011"),
    ("  koreksi_kepadatan: 1.5\n", "1.5", "KMP011"),
    ("  koreksi_kepadatan: -0.1\n", "-0.1", "KMP011"),
    ("  tetangga_kepadatan: 0\n", "0", "KMP011"),
    ("  tetangga_kepadatan: 2.5\n", "2.5", "KMP011"),
]


def _gabung(project: Path, section: str, value: str) -> str:
    """Write the section; the ``kompiler.yaml:line:column`` the report must point at."""
    line = _append(project, "gabung:\n" + section) + 1
    return f"kompiler.yaml:{line}:{section.index(value) + 1}"


@pytest.mark.parametrize(("section", "value", "code"), GABUNG, ids=[s.strip() for s, _, _ in GABUNG])
def test_merge_settings_out_of_range_are_configuration_errors(
    kompiler: Callable[..., Run], project: Path, section: str, value: str, code: str
) -> None:
    where = _gabung(project, section, value)
    for _ in range(2):  # the second check is answered from the run's record: the same answer
        run = kompiler(["check", "."], project)
        assert run.exit_code == 2, run.stdout + run.stderr
        assert _reports(run, code) == [f"{where}: error {code}"]
        assert not BUG.search(run.stdout + run.stderr)


@pytest.mark.parametrize(("section", "value", "code"), [GABUNG[0], GABUNG[1], GABUNG[9], GABUNG[13]])
def test_check_build_and_merge_report_bad_merge_settings_the_same_way(
    kompiler: Callable[..., Run], project: Path, section: str, value: str, code: str
) -> None:
    """All-zero weights crashed build and merge (exit 3) after a clean check; 1e308 scored NaN."""
    where = _gabung(project, section, value)
    output = project.parent / "keluaran"
    runs = {
        "check": kompiler(["check", "."], project),
        "build": kompiler(["build", ".", "-o", str(output)], project),
        "merge": kompiler(["merge", "."], project),
    }
    for command, run in runs.items():
        assert run.exit_code == 2, (command, run.stdout, run.stderr)
        assert not BUG.search(run.stdout + run.stderr), command
        assert _reports(run, code) == [f"{where}: error {code}"], command
    assert files_under(output) == set()


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("-5", "-5"),
        ("0", "0"),
        ("true", "true"),
        ("3.5", "3.5"),
        ('"3"', '"3"'),
        ("100000000000000000000", "100000000000000000000"),
    ],
)
def test_a_rule_option_out_of_its_range_is_a_configuration_error(
    kompiler: Callable[..., Run], project: Path, value: str, shown: str
) -> None:
    """``indikator_per_level: -5`` was accepted (and ``true`` counted as 1)."""
    line = _append(project, f"aturan:\n  opsi:\n    KMP104:\n      indikator_per_level: {value}\n") + 3
    for command in (["check", "."], ["build", ".", "-o", str(project.parent / "keluaran")]):
        run = kompiler(command, project)
        assert run.exit_code == 2, run.stdout + run.stderr
        assert _reports(run, "KMP093") == [f"kompiler.yaml:{line}:28: error KMP093"]
        assert (
            f"The option indikator_per_level of the rule KMP104 takes an integer from 1 to 20, not {shown}. "
            "Its default: 3." in run.stdout
        )
        assert "KMP090" not in run.stdout  # no rule ran, so no waiver is judged unused
    assert files_under(project.parent / "keluaran") == set()
    indonesian = kompiler(["check", ".", "--locale", "id"], project)
    assert (
        f"Opsi indikator_per_level aturan KMP104 menerima bilangan bulat dari 1 sampai 20, bukan {shown}."
        in (indonesian.stdout)
    )


def _lower_managerial_level(project: Path) -> None:
    """M.03 at level 1 in a position of the grade AHLI-MUDA, whose (unverified) row requires 2."""
    path = project / POSITION
    text = path.read_text(encoding="utf-8")
    assert "    - kode: M.03\n      level: 2" in text
    path.write_text(
        text.replace("    - kode: M.03\n      level: 2", "    - kode: M.03\n      level: 1"), "utf-8"
    )


def test_a_level_below_an_unverified_grade_row_fails_the_check(
    kompiler: Callable[..., Run], project: Path
) -> None:
    """It was a warning, so CI passed it; the confidence mark is still named in the message."""
    _lower_managerial_level(project)
    run = kompiler(["check", "."], project)
    assert run.exit_code == 1, run.stdout
    assert _reports(run, "KMP102") == [f"{POSITION}:23:14: error KMP102"]
    assert "requires managerial level 2 according to jenjang.yaml (a not yet verified row)" in run.stdout
    build = kompiler(["build", ".", "-o", str(project.parent / "keluaran")], project)
    assert build.exit_code == 1
    assert files_under(project.parent / "keluaran") == set()


def test_a_project_may_choose_warnings_for_unverified_grade_rows(
    kompiler: Callable[..., Run], project: Path
) -> None:
    _lower_managerial_level(project)
    _append(project, "aturan:\n  opsi:\n    KMP102:\n      belum_terverifikasi: warning\n")
    run = kompiler(["check", "."], project)
    assert run.exit_code == 0, run.stdout
    assert _reports(run, "KMP102") == [f"{POSITION}:23:14: warning KMP102"]


def _second_position(project: Path, code: str) -> None:
    text = (project / POSITION).read_text(encoding="utf-8")
    text = text.replace("NTB.JF.AKPD.MUDA", code).replace(
        "Analis Keuangan Pusat dan Daerah", f"Analis {code}"
    )
    (project / "jabatan" / f"{code.lower()}.yaml").write_text(text, encoding="utf-8")


def test_contradictory_merge_decisions_are_reported_at_both_entries(
    kompiler: Callable[..., Run], project: Path
) -> None:
    """Accepting a group and rejecting a pair inside it, or the same members both ways, was not reported."""
    for code in ("NTB.JF.B", "NTB.JF.C"):
        _second_position(project, code)
    entry = '  - anggota: [{}]\n    keputusan: {}\n    alasan: Ditinjau.\n    tanggal: "2026-05-01"\n'
    (project / "keputusan-gabung.yaml").write_text(
        "keputusan:\n"
        + entry.format("NTB.JF.AKPD.MUDA, NTB.JF.B, NTB.JF.C", "terima")
        + entry.format("NTB.JF.C, NTB.JF.AKPD.MUDA", "tolak")
        + entry.format("NTB.JF.B, NTB.JF.C", "tolak")
        + entry.format("NTB.JF.C, NTB.JF.B", "terima"),
        encoding="utf-8",
    )
    run = kompiler(["check", "."], project)
    assert run.exit_code == 1, run.stdout
    assert _reports(run, "KMP118") == [
        "keputusan-gabung.yaml:7:16: error KMP118",
        "keputusan-gabung.yaml:11:16: error KMP118",
        "keputusan-gabung.yaml:15:16: error KMP118",
    ]
    assert "  keputusan-gabung.yaml:3:16: The contradicting decision." in run.stdout
    assert "  keputusan-gabung.yaml:11:16: The contradicting decision." in run.stdout
    merge = kompiler(["merge", "."], project)
    assert merge.exit_code == 1
    assert len(_reports(merge, "KMP118")) == 3
