"""``kompiler build --asesmen``: only the agency's suppressed aggregates reach the public site. The whole
output tree is searched for every person id and for the units too small to publish."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kompiler.build.orchestrate import BuildOptions, build_outputs
from kompiler.build.output import OutputWriter
from kompiler.build.people import prepare_compiled
from kompiler.build.private import PrivateWriter
from kompiler.pipeline import compile_path
from kompiler.render.people.summary import page_context
from tests.cli.test_people import BKD, BPKAD, LEVELS, TU, write_assessment

REPO = Path(__file__).parents[2]
SMALL_UNIT = "Biro Umum Sekretariat Daerah"
SAMPLE = REPO / "contoh" / "asesmen-contoh.csv"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "standar"
    shutil.copytree(REPO / "standards", target, ignore=shutil.ignore_patterns(".kompiler-cache"))
    return target


def _varied(i: int) -> dict[str, object]:
    return {**LEVELS, **{f"M.0{k}": 1 + (i + k) % 3 for k in range(1, 9)}}


def test_nothing_personal_reaches_the_site(project: Path, tmp_path: Path) -> None:
    # Levels that differ from person to person: a group whose members all have the same gap is
    # suppressed whatever its size (test_uniform_groups_are_suppressed_on_the_site).
    people = [(f"PX-{i:03d}", BKD, _varied(i)) for i in range(7)]
    people += [
        (f"PY-{i:03d}", BPKAD, {**_varied(i), "T.KEU.01": 1 + i % 3, "T.KEU.06": 1 + i % 2}) for i in range(6)
    ]
    people += [("PZ-SENDIRI-1", TU, {**LEVELS, "M.03": 1}), ("PZ-SENDIRI-2", TU, LEVELS)]
    assessment = write_assessment(tmp_path / "asesmen.csv", people)
    result = compile_path(project)
    prepared = prepare_compiled(result, assessment, allow_personal=False, purpose=None, locale="id")
    assert prepared.diagnostics == []
    agency = page_context(prepared.agency(5, None), "id")
    output = tmp_path / "situs"
    writer = OutputWriter(output)
    build_outputs(result, writer, BuildOptions(formats=("json", "md", "site"), agency=agency))
    writer.commit()

    page = (output / "site" / "asesmen.html").read_text(encoding="utf-8")
    assert "Badan Kepegawaian Daerah" in page and "Pasal 10" in page
    assert SMALL_UNIT not in page  # two people: not even the unit's name
    for linking in ("index.html", "graf.html", "asesmen.html"):  # in every page's navigation
        assert 'href="asesmen.html"' in (output / "site" / linking).read_text(encoding="utf-8")
    counts = re.findall(r"<tr><th scope=\"row\">[^<]*</th><td>([^<]*)</td>", page)
    assert len(counts) == 3  # two units and the agency
    assert all(count == "—" or int(count) >= 5 for count in counts)  # every group printed has five or more
    ids = [person for person, *_ in people]
    for path in output.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for person in ids:
                assert person.encode() not in data, (person, path)
            assert b"asesmen.csv" not in data


def test_a_bad_assessment_publishes_nothing(
    project: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    bad = write_assessment(tmp_path / "salah.csv", [("P-001", BKD, {**LEVELS, "M.01": 9})])
    output = tmp_path / "situs"
    result = run_cli(["build", ".", "-o", str(output), "--asesmen", str(bad), "-q"], project)
    assert result.exit_code == 1, result.output
    assert "salah.csv:2:" in result.output
    # One report for both kinds of file, and its count says so.
    assert (
        "1 galat, 0 peringatan dalam 101 berkas standar dan 1 berkas asesmen." in result.stdout.splitlines()
    )
    assert not output.exists() or not any(output.iterdir())


def _annotations(text: str) -> list[str]:
    """GitHub's workflow commands: every line an annotation but the closing count."""
    *commands, count = text.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in commands), text
    assert count.startswith("1 galat"), count
    return [line.split("title=", 1)[1].split("::", 1)[0] for line in commands]


@pytest.mark.parametrize(
    ("output_format", "codes"),
    [
        ("json", lambda text: [d["code"] for d in json.loads(text)["diagnostics"]]),
        ("sarif", lambda text: [r["ruleId"] for r in json.loads(text)["runs"][0]["results"]]),
        ("gitlab", lambda text: [d["check_name"] for d in json.loads(text)]),
        ("github", _annotations),
    ],
)
def test_the_assessment_files_problems_respect_the_format(
    project: Path,
    tmp_path: Path,
    run_cli: Callable[..., Result],
    output_format: str,
    codes: Callable[[str], list[str]],
) -> None:
    """A machine reads the report whole: the assessment file's problems are in the same document as the
    standards', in the format asked for, never a line of plain text before it."""
    bad = tmp_path / "p.csv"
    bad.write_text("nama;id;jabatan;tanggal;M.01\nX;P-1;NTB.JF.HUMAS.MUDA;2025-01-01;2\n", encoding="utf-8")
    output = tmp_path / "situs"
    arguments = ["build", ".", "-q", "-o", str(output), "--asesmen", str(bad), "--format", output_format]
    result = run_cli(arguments, project)
    assert result.exit_code == 1, result.output
    assert codes(result.stdout) == ["KMP205"]
    assert "X;P-1" not in result.stdout  # no line of the file is quoted


@pytest.mark.parametrize("output_format", ["json", "sarif", "gitlab", "github"])
def test_an_assessment_file_without_problems_prints_an_empty_report(
    project: Path, tmp_path: Path, run_cli: Callable[..., Result], output_format: str
) -> None:
    """Nothing found: standard output is still one document of the format asked for, and nothing else."""
    people = [(f"PX-{i:03d}", BKD, _varied(i)) for i in range(6)]
    assessment = write_assessment(tmp_path / "asesmen.csv", people)
    output = tmp_path / "situs"
    arguments = ["build", ".", "-o", str(output), "--asesmen", str(assessment), "--format", output_format]
    arguments += ["--tanpa-lampiran"]
    result = run_cli(arguments, project)
    assert result.exit_code == 0, result.output
    if output_format == "github":
        assert [line[:2] for line in result.stdout.splitlines()] == ["0 "]  # the count alone, no command
    else:
        document = json.loads(result.stdout)
        findings = {
            "json": lambda: document["diagnostics"],
            "gitlab": lambda: document,
            # A waived finding is a SARIF result with a suppression.
            "sarif": lambda: [r for r in document["runs"][0]["results"] if "suppressions" not in r],
        }[output_format]()
        assert findings == []


def test_no_public_output_is_written_into_a_private_folder(
    project: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    """``build -o``, ``merge --write`` and ``diff --amendment`` all refuse the private folder and what is
    inside it: the graph would replace people's results, or a published file would sit among them."""
    private = tmp_path / "hasil"
    writer = PrivateWriter(private)
    writer.write_text("kesenjangan/P-001.md", "rahasia")
    writer.commit()
    for git in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=a", "-c", "user.email=a@b", "commit", "-qm", "a"],
    ):
        subprocess.run(["git", *git], cwd=project, check=True)
    before = sorted(p.relative_to(private).as_posix() for p in private.rglob("*"))
    for command in (
        ["build", ".", "-q", "-o"],
        ["merge", ".", "--write"],
        ["diff", "HEAD", ".", "--amendment"],
    ):
        for target in (private, private / "situs"):
            result = run_cli([*command, str(target)], project)
            assert result.exit_code == 2, (command, result.output)
            assert "folder pribadi" in result.output, result.output
    assert sorted(p.relative_to(private).as_posix() for p in private.rglob("*")) == before
    assert (private / "kesenjangan" / "P-001.md").read_text(encoding="utf-8") == "rahasia"


@pytest.mark.parametrize(
    ("locale", "explained"),
    [("id", "tidak seorang pun berkesenjangan"), ("en", "nobody in the group has a gap")],
)
def test_a_group_whose_members_are_all_equal_is_suppressed_on_the_site(
    project: Path, tmp_path: Path, locale: str, explained: str
) -> None:
    """The sample's five people of the Badan Kepegawaian Daerah have no gap in M.02 nor M.03: a mean of
    0 would say so of each of them, so the site prints a dash and says why, in the page's language (M.03,
    which nobody in the agency has a gap in, shows no figure at all and so has no column)."""
    result = compile_path(project)
    prepared = prepare_compiled(result, SAMPLE, allow_personal=False, purpose=None, locale=locale)
    view = prepared.agency(5, None)
    codes = [code for code, _ in view.columns]
    row = next(row for row in view.rows if row.label == "Badan Kepegawaian Daerah")
    assert row.people == "5"
    assert row.cells[codes.index("M.02")].text == "—" and "M.03" not in codes
    output = tmp_path / "situs"
    writer = OutputWriter(output)
    build_outputs(
        result, writer, BuildOptions(locale=locale, formats=("site",), agency=page_context(view, locale))
    )
    writer.commit()
    page = (output / "site" / "asesmen.html").read_text(encoding="utf-8")
    assert explained in page
