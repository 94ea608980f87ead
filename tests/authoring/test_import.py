"""``kompiler import``: tables in CSV or XLSX become a standards project that ``kompiler check`` accepts."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from kompiler.authoring.importer import ImportOptions, import_tables
from kompiler.build.output import OutputWriter
from kompiler.build.private import PrivateWriter
from kompiler.diagnostics import Severity
from kompiler.model import CompetencyType
from kompiler.pipeline import compile_path

REPO = Path(__file__).parents[2]

POSITIONS = [
    ["code", "title", "group"],
    ["15-1252.00", "Software Developers", "15"],
    ["15-1251.00", "Computer Programmers", "15"],
    ["29-1141.00", "Registered Nurses", "29"],
]
REQUIREMENTS = [
    ["code", "element_id", "element_name", "level_0_to_7", "importance_1_to_5"],
    ["15-1252.00", "2.B.3.e", "Programming", "7.0", "4.5"],
    ["15-1252.00", "2.A.1.a", "Reading Comprehension", "3.5", "2.9"],
    ["15-1251.00", "2.B.3.e", "Programming", "5.25", "4.0"],
    ["29-1141.00", "2.C.7", "Medicine and Dentistry", "0.0", "3.0"],
]


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append([float(v) if v.replace(".", "").isdigit() and "." in v else v for v in row])
    book.save(path)
    return path


@pytest.mark.parametrize("writer", [_write_csv, _write_xlsx], ids=["csv", "xlsx"])
def test_import_writes_a_clean_project(tmp_path: Path, run_cli, writer) -> None:
    suffix = ".csv" if writer is _write_csv else ".xlsx"
    positions = writer(tmp_path / f"positions{suffix}", POSITIONS)
    requirements = writer(tmp_path / f"requirements{suffix}", REQUIREMENTS)
    target = tmp_path / "standar"
    result = run_cli(
        ["import", str(positions), str(requirements), "-o", str(target), "--berlaku-mulai", "2026-01-01"],
        tmp_path,
    )
    assert result.exit_code == 0, result.output
    compiled = compile_path(target)
    assert not [d for d in compiled.diagnostics if d.severity is Severity.ERROR]
    corpus = compiled.corpus
    assert sorted(corpus.positions) == ["15-1251.00", "15-1252.00", "29-1141.00"]
    technical = {
        p: {
            corpus.competencies[r.code].name: r.level
            for r in corpus.positions[p].required(CompetencyType.TECHNICAL)
        }
        for p in corpus.positions
    }
    # Levels 0–7 rescaled to 1–5; Reading Comprehension (importance 2.9) falls below the default cut 3.0.
    assert technical == {
        "15-1252.00": {"Programming": 5},
        "15-1251.00": {"Programming": 4},
        "29-1141.00": {"Medicine and Dentistry": 1},
    }
    # Importance of kept elements rescaled from [cut 3, top 4.5 (the table's highest)] to 1–5.
    importance = {
        p: [r.importance for r in corpus.positions[p].required(CompetencyType.TECHNICAL)]
        for p in corpus.positions
    }
    assert importance == {"15-1252.00": [5.0], "15-1251.00": [3.67], "29-1141.00": [1.0]}
    assert (
        corpus.positions["15-1252.00"].family
        == corpus.positions["15-1251.00"].family
        != corpus.positions["29-1141.00"].family
    )
    assert all("diimpor" in c.definition for c in corpus.competencies_of(CompetencyType.TECHNICAL))


def test_import_says_what_it_wrote_in_one_language(tmp_path: Path, run_cli) -> None:
    """The success line is a sentence in the chosen language, as build's is, not half of each."""
    positions = _write_csv(tmp_path / "positions.csv", POSITIONS)
    requirements = _write_csv(tmp_path / "requirements.csv", REQUIREMENTS)
    for locale, sentence, other in (
        ("id", "berkas ditulis ke", "written to"),
        ("en", "file(s) written to", "ditulis"),
    ):
        target = tmp_path / f"standar-{locale}"
        arguments = ["import", str(positions), str(requirements), "-o", str(target), "--locale", locale]
        result = run_cli(arguments, tmp_path)
        assert result.exit_code == 0, result.output
        last = result.output.strip().splitlines()[-1]
        assert last.endswith(f"{sentence} {target}/") and other not in last, last


def test_import_importance_cut_is_configurable(tmp_path: Path, run_cli) -> None:
    positions = _write_csv(tmp_path / "p.csv", POSITIONS)
    requirements = _write_csv(tmp_path / "r.csv", REQUIREMENTS)
    result = run_cli(
        ["import", str(positions), str(requirements), "-o", str(tmp_path / "s"), "--min-importance", "2.5"],
        tmp_path,
    )
    assert result.exit_code == 0
    corpus = compile_path(tmp_path / "s").corpus
    assert len(corpus.positions["15-1252.00"].required(CompetencyType.TECHNICAL)) == 2


def test_import_reports_a_missing_column(tmp_path: Path, run_cli) -> None:
    positions = _write_csv(tmp_path / "p.csv", [["code", "title"], ["A1", "Satu"]])
    requirements = _write_csv(tmp_path / "r.csv", REQUIREMENTS)
    result = run_cli(["import", str(positions), str(requirements), "-o", str(tmp_path / "s")], tmp_path)
    assert result.exit_code == 1  # a problem in the table, located at its header row
    assert "p.csv:1:1" in result.output and "Kolom wajib tidak ada: group" in result.output
    assert not (tmp_path / "s").exists()


def test_import_refuses_to_overwrite_a_project(tmp_path: Path, run_cli, minimal_project: Path) -> None:
    positions = _write_csv(tmp_path / "p.csv", POSITIONS)
    requirements = _write_csv(tmp_path / "r.csv", REQUIREMENTS)
    result = run_cli(["import", str(positions), str(requirements), "-o", str(minimal_project)], tmp_path)
    assert result.exit_code == 2


def _refused_place(tmp_path: Path, run_cli, target: Path, locale: str = "id") -> str:
    """Import into ``target``; assert it was refused as a usage error with nothing written, and return
    the message (on one line, as the terminal's width does not matter here)."""
    positions = _write_csv(tmp_path / "p.csv", POSITIONS)
    requirements = _write_csv(tmp_path / "r.csv", REQUIREMENTS)
    arguments = ["import", str(positions), str(requirements), "-o", str(target), "--locale", locale]
    result = run_cli(arguments, tmp_path)
    assert result.exit_code == 2, result.output
    assert not target.exists()
    return " ".join(result.output.split())


@pytest.mark.parametrize("folder", ["jabatan", "kamus", "rumpun", "pengembangan", "templates"])
def test_import_refuses_a_folder_the_project_reads(
    tmp_path: Path, run_cli, minimal_project: Path, folder: str
) -> None:
    """An imported project inside ``jabatan/`` was written ("9 files") and the next check of the
    drafter's project found a hundred errors: import now refuses where ``build -o`` does."""
    target = minimal_project / folder / "impor"
    said = _refused_place(tmp_path, run_cli, target)
    assert f"{target} ada di dalam folder {folder}/ proyek, yang dibaca kompiler" in said, said
    assert compile_path(minimal_project).ok


def test_import_refuses_any_folder_inside_a_project(tmp_path: Path, run_cli, minimal_project: Path) -> None:
    """``check`` reads every folder of a project, not only those a build refuses: a project imported
    anywhere inside another would be read as part of it."""
    target = minimal_project / "draf" / "impor"
    said = _refused_place(tmp_path, run_cli, target, locale="en")
    assert f"{target} lies inside the standards project {minimal_project}; kompiler check reads" in said
    assert compile_path(minimal_project).ok


def test_import_writes_beside_a_project_and_where_check_does_not_read(
    tmp_path: Path, run_cli, minimal_project: Path
) -> None:
    """Beside ``standards/`` (the layout init writes) and in a folder discovery skips, such as
    ``output/``, the import writes as before."""
    positions = _write_csv(tmp_path / "p.csv", POSITIONS)
    requirements = _write_csv(tmp_path / "r.csv", REQUIREMENTS)
    for target in (tmp_path / "impor", minimal_project / "output" / "impor"):
        result = run_cli(["import", str(positions), str(requirements), "-o", str(target)], tmp_path)
        assert result.exit_code == 0, result.output
    assert compile_path(minimal_project).ok


def test_import_refuses_a_folder_inside_a_build_output(tmp_path: Path, run_cli) -> None:
    """The next build would replace the imported project, or refuse to run beside it."""
    output = tmp_path / "keluaran"
    writer = OutputWriter(output)
    writer.write_text("site/index.html", "<p>situs</p>")
    writer.commit()
    for target in (output / "impor", output / "site" / "impor"):
        said = _refused_place(tmp_path, run_cli, target)
        assert f"{target} ada di dalam folder keluaran build {output} (ada .kompiler-output)" in said, said


def test_import_refuses_a_private_folder(tmp_path: Path, run_cli) -> None:
    """A private folder holds employees' results: a project is published, so it never goes there."""
    private = tmp_path / "hasil"
    writer = PrivateWriter(private)
    writer.write_text("kesenjangan.csv", "nip\n")
    writer.commit()
    said = _refused_place(tmp_path, run_cli, private / "impor", locale="en")
    assert f"is or lies inside the private folder {private} (employees' assessment results)" in said, said


def test_position_with_nothing_above_the_cut_keeps_its_most_important_element(
    tmp_path: Path, run_cli
) -> None:
    positions = _write_csv(
        tmp_path / "p.csv", [["code", "title", "group"], ["A1", "Satu", "1"], ["A2", "Jabatan Dua", "1"]]
    )
    requirements = _write_csv(
        tmp_path / "r.csv",
        [
            ["code", "element_id", "element_name", "level", "importance"],
            ["A1", "e1", "Satu", "2", "2.0"],
            ["A1", "e2", "Dua", "6", "2.5"],
            ["A2", "e2", "Dua", "6", "4.0"],  # the table rates requirements apart, so kepentingan is written
        ],
    )
    assert (
        run_cli(["import", str(positions), str(requirements), "-o", str(tmp_path / "s")], tmp_path).exit_code
        == 0
    )
    compiled = compile_path(tmp_path / "s")
    assert not [d for d in compiled.diagnostics if d.severity is Severity.ERROR]
    technical = compiled.corpus.positions["A1"].required(CompetencyType.TECHNICAL)
    assert [(compiled.corpus.competencies[r.code].name, r.level) for r in technical] == [("Dua", 4)]
    assert [r.importance for r in technical] == [1.0]  # below the cut: merely required, not the top rating


def test_import_importance_scale_is_configurable(tmp_path: Path, run_cli) -> None:
    positions = _write_csv(tmp_path / "p.csv", POSITIONS)
    requirements = _write_csv(tmp_path / "r.csv", REQUIREMENTS)
    arguments = ["--min-importance", "2", "--max-importance", "7"]
    result = run_cli(
        ["import", str(positions), str(requirements), "-o", str(tmp_path / "s"), *arguments], tmp_path
    )
    assert result.exit_code == 0, result.output
    corpus = compile_path(tmp_path / "s").corpus
    rated = {
        corpus.competencies[r.code].name: r.importance
        for r in corpus.positions["15-1252.00"].required(CompetencyType.TECHNICAL)
    }
    assert rated == {"Programming": 3.0, "Reading Comprehension": 1.72}


GRADES = yaml.safe_load((REPO / "standards" / "jenjang.yaml").read_text(encoding="utf-8"))["jenjang"]


@pytest.mark.parametrize("grade", GRADES, ids=[g["kode"] for g in GRADES])
def test_every_shipped_grade_imports_into_a_clean_project(tmp_path: Path, grade: dict) -> None:
    positions = _write_csv(tmp_path / "p.csv", POSITIONS)
    requirements = _write_csv(tmp_path / "r.csv", REQUIREMENTS)
    pelaksana = grade["jenis_jabatan"] == "pelaksana"
    options = ImportOptions(
        kind=grade["jenis_jabatan"],
        grade=grade["kode"],
        classification="teknisi" if pelaksana else None,
        valid_from="2026-01-01",
    )
    import_tables(positions, requirements, tmp_path / "s", options)
    compiled = compile_path(tmp_path / "s")
    assert not [d for d in compiled.diagnostics if d.severity is Severity.ERROR]
    assert {p.grade for p in compiled.corpus.positions.values()} == {grade["kode"]}


def test_a_problem_in_a_written_requirement_is_traced_to_its_row(tmp_path: Path) -> None:
    """Of two list items that share a line (one ends where the next begins), the later one is meant."""
    from kompiler.authoring.importer import staging
    from kompiler.authoring.importer.options import checked_options
    from kompiler.authoring.importer.plan import Plan
    from kompiler.authoring.importer.tables import read_table
    from kompiler.diagnostics import Diagnostic, Location, Message, Span

    requirements = [
        REQUIREMENTS[0],
        ["A1", "e1", "Satu", "3", "4"],
        ["A1", "e2", "Dua", "3", "4"],
        ["A1", "e3", "Tiga", "3", "4"],
    ]
    options = ImportOptions(valid_from="2026-01-01")
    plan = Plan(options, "p.csv", "r.csv")
    plan.read(
        read_table(_write_csv(tmp_path / "p.csv", [POSITIONS[0], ["A1", "Satu", "1"]]), "p.csv"),
        read_table(_write_csv(tmp_path / "r.csv", requirements), "r.csv"),
    )
    files, origins = plan.project(checked_options(options))
    project = tmp_path / "staged"
    staging._write(files, project)
    documents = compile_path(project).documents
    lines = files["jabatan/a1.yaml"].text.splitlines()
    second = 1 + lines.index("    - kode: T.IMPORA.002")  # where the first item's span ends, too
    for line, row in ((second, 3), (second + 1, 3), (second + 3, 4)):
        found = Diagnostic(
            Severity.ERROR,
            "KMP999",
            Message("x", "x"),
            Location("staged/jabatan/a1.yaml", Span(line, 5, line, 9)),
        )
        traced = staging._traced(found, documents, origins, "out")
        assert (traced.location.file, traced.location.line, traced.location.column) == ("r.csv", row, 2)
        assert traced.related[0].location.file == "out/jabatan/a1.yaml"


def test_a_large_import_writes_proportionate_dictionaries_and_checks_clean(tmp_path: Path) -> None:
    """A dictionary's competency holds its code, name and definition and five placeholder levels of one
    indicator each (waived in the file, with the reason): under 1 KB per competency, and the whole
    project checks with no error and no warning, also past one dictionary file's 999 elements."""
    elements = 1200
    positions = [["code", "title", "group"]] + [[f"P-{n:03d}", f"Jabatan Uji {n}", "1"] for n in range(60)]
    requirements = [["code", "element_id", "element_name", "level", "importance"]]
    for n in range(60):
        for k in range(20):
            element = (n * 20 + k) % elements
            requirements.append([f"P-{n:03d}", f"E{element:04d}", f"Keterampilan nomor {element}", "4", "3"])
    target = tmp_path / "standar"
    import_tables(
        _write_csv(tmp_path / "p.csv", positions),
        _write_csv(tmp_path / "r.csv", requirements),
        target,
        ImportOptions(valid_from="2026-01-01"),
    )
    # Every requirement has the same importance: it says nothing, and is not written.
    assert all(
        r.importance is None for p in compile_path(target).corpus.positions.values() for r in p.requirements
    )
    technical = sorted((target / "kamus").glob("teknis-*.yaml"))
    assert len(technical) == 2
    assert sum(p.stat().st_size for p in technical) / elements < 1000
    compiled = compile_path(target)
    assert [d.code for d in compiled.diagnostics] == ["KMP126"]  # the regulation number, a draft's "..."
    competency = next(c for c in compiled.corpus.competencies.values() if c.code.startswith("T."))
    assert [level.level for level in competency.levels] == [1, 2, 3, 4, 5]
    assert all(len(level.indicators) == 1 for level in competency.levels)


def test_spliced_parts_are_the_canonical_bytes() -> None:
    """The import writes the repeated parts of its files from text made once; it must be exactly the
    canonical text of the same values written whole, so the files keep fmt's one canonical form."""
    from kompiler.authoring.importer import plan
    from kompiler.project import FileKind

    position = FileKind.POSITION
    technical = [("T.IMPORA.001", "f", 3, 1.0, None), ("T.IMPORB.010", "f", 5, 3.29, None)]
    shared = plan._Shared(position, plan._SHARED_POSITION_KEYS)
    for listed in (technical, []):
        data = {
            "kode": "x",
            "kompetensi": {"teknis": plan._TECHNICAL_PLACEHOLDER},
            "tugas": ["a: b"],
            "nama": "y",
        }
        spliced = shared.text(data).replace(
            f" {plan._TECHNICAL_PLACEHOLDER}\n", plan._technical_text(listed), 1
        )
        data["kompetensi"]["teknis"] = [
            {"kode": c, "level": lv, "kepentingan": w} for c, _, lv, w, _ in listed
        ]
        assert spliced == plan._yaml(data, position)
        data["kompetensi"]["teknis"] = [{"kode": c, "level": lv} for c, _, lv, _, _ in listed]
        unrated = plan._technical_text(listed, rated=False)
        assert plan._yaml(data, position) == spliced.replace(plan._technical_text(listed), unrated)
    entry = {"kode": "T.IMPORA.001", "nama": "Nama", "definisi": "D", "level": plan._LEVELS_PLACEHOLDER}
    spliced = plan._yaml({"kompetensi": [entry, dict(entry)]}, FileKind.DICTIONARY).replace(
        f" {plan._LEVELS_PLACEHOLDER}\n", plan._levels_text()
    )
    whole = [{**entry, "level": plan._levels()} for _ in range(2)]
    assert spliced == plan._yaml({"kompetensi": whole}, FileKind.DICTIONARY)


@pytest.mark.parametrize("writer", [_write_csv, _write_xlsx], ids=["csv", "xlsx"])
def test_an_imported_project_is_already_formatted(tmp_path: Path, run_cli, writer) -> None:
    """A newcomer's first commit of an import passes the fmt pre-commit hook: every file is written as
    ``kompiler fmt`` writes it (its quotes, list indentation and folding), also text that needs quoting
    and a title long enough to fold."""
    suffix = ".csv" if writer is _write_csv else ".xlsx"
    long_title = "Analis Data: " + " ".join(["pengelolaan kebijakan"] * 12)
    rows = [*POSITIONS, ["A-1", long_title, "yes"], ["A-2", "Pengolah #data", "2026-01-01"]]
    requirements = [*REQUIREMENTS, ["A-1", "e:1", "1e3", "3.0", "4.0"], ["A-2", "x", "'q' - a", "6.0", "3.5"]]
    target = tmp_path / "standar"
    result = run_cli(
        [
            "import",
            str(writer(tmp_path / f"positions{suffix}", rows)),
            str(writer(tmp_path / f"requirements{suffix}", requirements)),
            "-o",
            str(target),
        ],
        tmp_path,
    )
    assert result.exit_code == 0, result.output
    checked = run_cli(["fmt", "--check", "--no-cache", "."], target)
    assert checked.exit_code == 0, checked.output


# Cell text a YAML writer could get wrong: YAML 1.1 booleans, numbers and dates, comment and indicator
# characters, quotes, a leading dash or colon, scripts beyond Latin; and anything else of one line.
_AWKWARD = st.sampled_from(
    ["yes", "No", "on", "010", "0x1F", "1_000", "12:30", "2026-01-01", "~", "null", ".inf", "1e3", "- a", ": b",
     "a: b", "a #b", "#c", "'q'", '"q"', "&x", "*x", "!t", "%p", "@a", "`b", "[x]", "{y}", "|", ">", "?",
     "Ärzte", "ब्राह्मी", "日本語", "a\u00a0b", "x" * 200]
)  # fmt: skip
_CELL = st.one_of(
    _AWKWARD, st.text(st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Zs"]), max_size=60)
)


@given(
    titles=st.lists(_CELL, min_size=1, max_size=3), group=_CELL, names=st.lists(_CELL, min_size=1, max_size=3)
)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_file_reads_back_as_the_values_it_is_checked_as(
    tmp_path: Path, titles: list[str], group: str, names: list[str]
) -> None:
    """The import checks the project as the values it wrote its files from, not parsed back: the strict
    loader must read each file as exactly those values (types too), with nothing to say."""
    from kompiler.authoring.importer.options import checked_options
    from kompiler.authoring.importer.plan import Plan
    from kompiler.authoring.importer.tables import read_table
    from kompiler.check.load import load_bytes

    positions = [POSITIONS[0]] + [[f"A{n}", title, group] for n, title in enumerate(titles)]
    requirements = [REQUIREMENTS[0]] + [
        [f"A{n}", f"e{k}", name, str(k % 7), str(2.5 + k)]
        for n in range(len(titles))
        for k, name in enumerate(names)
    ]
    options = ImportOptions(valid_from="2026-01-01")
    plan = Plan(options, "p.csv", "r.csv")
    position_table = read_table(_write_csv(tmp_path / "p.csv", positions), "p.csv")
    requirement_table = read_table(_write_csv(tmp_path / "r.csv", requirements), "r.csv")
    plan.read(position_table, requirement_table)
    problems = position_table.problems + requirement_table.problems + plan.problems
    assume(not any(d.severity is Severity.ERROR for d in problems))
    files, _ = plan.project(checked_options(options))
    for relative, written in files.items():
        loaded = load_bytes(relative, written.text.encode("utf-8"))
        assert loaded.diagnostics == []
        assert loaded.document is not None
        assert json.dumps(loaded.document.data) == json.dumps(written.data), relative


def test_text_that_yaml_12_reads_as_a_number_is_written_quoted(tmp_path: Path) -> None:
    """PyYAML writes ``1e3`` plain (a string to YAML 1.1, a number to YAML 1.2 and to the loader)."""
    requirements = [REQUIREMENTS[0], ["A1", "e1", "1e3", "3", "4"], ["A1", "e2", "-.5E-3", "3", "4"]]
    target = tmp_path / "standar"
    import_tables(
        _write_csv(tmp_path / "p.csv", [POSITIONS[0], ["A1", "Satu", "1"]]),
        _write_csv(tmp_path / "r.csv", requirements),
        target,
        ImportOptions(valid_from="2026-01-01"),
    )
    compiled = compile_path(target)
    assert [d for d in compiled.diagnostics if d.severity is Severity.ERROR] == []
    names = {c.name for c in compiled.corpus.competencies.values() if c.code.startswith("T.")}
    assert names == {"1e3", "-.5E-3"}
