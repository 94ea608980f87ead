"""Inline suppression: a line, the next line, a block, a file; reasons kept; stale and broken directives reported."""

from __future__ import annotations

import pytest

from kompiler.diagnostics import Severity
from tests.rules.conftest import POSITION, TECHNICAL, Project, where

M03 = "    - kode: M.03\n      level: 2"
M04 = "    - kode: M.04\n      level: 2"
M05 = "    - kode: M.05\n      level: 2"


def _suppressed(project: Project) -> list:
    """What directives in the position file silenced (the fixture's dictionary waives one line of its own)."""
    return [s for s in project.compile().suppressed if s.diagnostic.location.file.endswith(POSITION)]


def _raise(project: Project, block: str, comment: str = "") -> None:
    """Require level 3 instead of 2 (a KMP102 warning at the grade AHLI-MUDA), with an optional comment."""
    project.edit(POSITION, block, block[:-1] + "3" + comment)


def test_same_line_with_reason_kept(project: Project) -> None:
    _raise(project, M03, "  # kompiler: abaikan KMP102 -- disetujui Biro Organisasi, 2026-03-01")
    assert [d for d in project.diagnostics() if d.code in {"KMP102", "KMP090"}] == []
    (suppressed,) = _suppressed(project)
    assert suppressed.diagnostic.code == "KMP102"
    assert suppressed.directive.reason == "disetujui Biro Organisasi, 2026-03-01"
    assert suppressed.diagnostic.location.line == project.locate(POSITION, "level: 3")[0]


def test_comment_alone_suppresses_the_next_line_only(project: Project) -> None:
    _raise(project, M03)
    _raise(project, M04)
    project.edit(
        POSITION, "    - kode: M.03\n", "    - kode: M.03\n      # kompiler: abaikan KMP102 -- alasan\n"
    )
    found = project.diagnostics("KMP102")
    assert [where(d)[1] for d in found] == [project.locate(POSITION, "level: 3", nth=2)[0]]
    (suppressed,) = _suppressed(project)
    assert suppressed.diagnostic.location.line == project.locate(POSITION, "level: 3")[0]


def test_comment_above_the_wrong_line_is_reported_unused(project: Project) -> None:
    _raise(project, M03)
    project.edit(POSITION, "    - kode: M.03", "    # kompiler: abaikan KMP102\n    - kode: M.03")
    assert len(project.diagnostics("KMP102")) == 1
    (unused,) = project.diagnostics("KMP090")
    assert where(unused) == (POSITION, *project.locate(POSITION, "# kompiler"))
    assert unused.severity is Severity.WARNING
    assert unused.message.id == (
        "Penanda abaikan KMP102 tidak mengabaikan apa pun: KMP102 tidak melaporkan masalah di baris itu. "
        "Hapus penanda ini."
    )


@pytest.mark.parametrize(
    ("start", "end"), [("abaikan-mulai", "abaikan-selesai"), ("disable-start", "disable-end")]
)
def test_block(project: Project, start: str, end: str) -> None:
    for block in (M03, M04, M05):
        _raise(project, block)
    _raise(project, "    - kode: M.06\n      level: 2")
    project.edit(
        POSITION, "    - kode: M.03", f"    # kompiler: {start} KMP102 -- disetujui\n    - kode: M.03"
    )
    project.edit(POSITION, "    - kode: M.06", f"    # kompiler: {end} KMP102\n    - kode: M.06")
    found = project.diagnostics()
    assert [(d.code, where(d)[1]) for d in found] == [
        ("KMP102", project.locate(POSITION, "level: 3", nth=4)[0])
    ]
    assert [s.directive.reason for s in _suppressed(project)] == ["disetujui"] * 3


@pytest.mark.parametrize("keyword", ["abaikan-berkas", "disable-file"])
def test_whole_file(project: Project, keyword: str) -> None:
    """A rule of single entities stops at its first finding in a file that waives it whole: that one is
    reported as suppressed, with the reason, and stands for the rest."""
    for block in (M03, M04):
        _raise(project, block)
    project.edit(POSITION, "kode: NTB", f"# kompiler: {keyword} KMP102 -- jabatan percontohan\nkode: NTB")
    assert project.diagnostics() == []
    (suppressed,) = _suppressed(project)
    assert (suppressed.diagnostic.code, suppressed.directive.reason) == ("KMP102", "jabatan percontohan")
    assert suppressed.diagnostic.location.line == project.locate(POSITION, "level: 3")[0]


def test_whole_file_waiver_stops_a_rule_only_where_it_is_written(project: Project) -> None:
    """The same findings in another position file stand; each file's waiver covers its own file only."""
    _raise(project, M03)
    _raise(project, M04)
    text = project.path(POSITION).read_text(encoding="utf-8")
    twin = "jabatan/analis-keuangan-kembar.yaml"
    project.path(twin).write_text(text.replace("kode: NTB", "kode: NTB-KEMBAR", 1), encoding="utf-8")
    project.edit(POSITION, "kode: NTB", "# kompiler: abaikan-berkas KMP102 -- percontohan\nkode: NTB")
    assert [where(d)[0] for d in project.diagnostics("KMP102")] == [twin, twin]
    assert len(_suppressed(project)) == 1


def test_whole_file_waiver_of_a_corpus_rule_lists_every_finding(project: Project) -> None:
    """A rule of the whole corpus runs in full: each finding it waives is listed."""
    project.edit(POSITION, "    - kode: T.KEU.02\n      level: 2\n", "")
    dictionary = project.path(TECHNICAL).read_text(encoding="utf-8")
    second = dictionary[dictionary.index("  - kode: T.KEU.02") :]
    project.path(TECHNICAL).write_text(dictionary + second.replace("T.KEU.02", "T.KEU.03"), encoding="utf-8")
    project.edit(TECHNICAL, "kamus:", "# kompiler: abaikan-berkas KMP108 -- belum dipakai\nkamus:")
    assert project.diagnostics("KMP108") == []
    suppressed = [s for s in project.compile().suppressed if s.diagnostic.code == "KMP108"]
    assert [s.diagnostic.location.line for s in suppressed] == [
        project.locate(TECHNICAL, "T.KEU.02")[0],
        project.locate(TECHNICAL, "T.KEU.03")[0],
    ]
    assert {s.directive.reason for s in suppressed} == {"belum dipakai"}


def test_english_alias_and_several_codes(project: Project) -> None:
    _raise(project, M03, "  # kompiler: disable KMP105, KMP102 -- pilot")
    project.edit(POSITION, "golongan: III/c", "golongan: III/a  # kompiler: disable KMP105")
    (unused,) = project.diagnostics()
    assert unused.message.en.startswith("The suppression of KMP105 suppresses nothing")
    assert where(unused)[1] == project.locate(POSITION, "level: 3")[0]


def test_other_files_are_not_affected(project: Project) -> None:
    _raise(project, M03)
    project.edit("rumpun/rumpun.yaml", "rumpun:", "# kompiler: abaikan-berkas KMP102\nrumpun:")
    assert sorted(d.code for d in project.diagnostics()) == ["KMP090", "KMP102"]


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        ("# kompiler: abaikn KMP102", "Unknown kompiler directive 'abaikn'; known forms: abaikan, "),
        ("# kompiler: abaikan", "The directive abaikan must name rule codes"),
        ("# kompiler: abaikan KMP011 -- skema", "KMP011 is not a rule code, so it cannot be suppressed"),
        (
            "# kompiler: abaikan KMP1O2",
            "'KMP1O2' is not a rule code (they look like KMPnnn); a reason goes after ' -- '. Did you mean KMP102?",
        ),
        ("# kompiler: abaikan-selesai KMP102", "disable-end KMP102 without an earlier disable-start KMP102."),
    ],
)
def test_malformed_directives(project: Project, comment: str, message: str) -> None:
    project.edit(POSITION, "kode: NTB", f"{comment}\nkode: NTB")
    (found,) = project.diagnostics("KMP091")
    assert where(found) == (POSITION, 2, 1)
    assert message in found.message.en
    assert found.severity is Severity.WARNING


def test_unclosed_block_runs_to_the_end_of_the_file(project: Project) -> None:
    _raise(project, M05)
    project.edit(POSITION, "kode: NTB", "# kompiler: abaikan-mulai KMP102 -- sementara\nkode: NTB")
    found = project.diagnostics()
    assert [(d.code, where(d)[1:]) for d in found] == [("KMP091", (2, 1))]
    assert "is not closed by disable-end KMP102" in found[0].message.en


def test_schema_errors_cannot_be_suppressed(project: Project) -> None:
    project.edit(
        POSITION, "urusan: Keuangan", "urusan: Keuangan\nurusn: Keuangan  # kompiler: abaikan KMP011"
    )
    codes = sorted(d.code for d in project.diagnostics())
    assert codes == ["KMP011", "KMP091"]


def test_unused_suppression_of_a_rule_turned_off_is_not_reported(project: Project) -> None:
    project.edit(POSITION, "golongan: III/c", "golongan: III/c  # kompiler: abaikan KMP105 -- jaga-jaga")
    assert [d.code for d in project.diagnostics()] == ["KMP090"]
    project.edit("kompiler.yaml", "schema_version: 1", "schema_version: 1\naturan:\n  abaikan: [KMP105]")
    assert project.diagnostics() == []
