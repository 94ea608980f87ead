"""A project's own templates and static files, as a stranger's pull request could write them.

Every case runs the real ``kompiler build`` under the hostile fixture's memory cap and time limit. A
template or asset is used only from inside the project's ``templates/`` folder, and a template that
would run forever, fill memory, recurse, or name something that does not exist ends as a located
error (``file:line``) with exit code 2, and nothing is published.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.conftest import Run

SECRET = "RAHASIA-DI-LUAR-PROYEK"
SKJ = "templates/markdown/skj.md"
GAYA = "templates/site/gaya.css"


def _write(project: Path, relative: str, text: str) -> Path:
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _secret(project: Path, relative: str) -> Path:
    """A file outside the project (in the fixture's ``outside`` folder) that must never be published."""
    path = project.parent / "outside" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{SECRET}\n", encoding="utf-8")
    return path


def _refused(result: Run, output: Path, shown: str, code: str) -> None:
    """The build stopped with a located error of ``code`` naming ``shown``, and published nothing."""
    text = result.stdout + result.stderr
    assert result.exit_code == 2, text
    assert f"{shown}:" in result.stdout and code in result.stdout, text
    assert "Traceback" not in text and "internal error" not in text
    assert not output.exists(), "a refused build publishes nothing"
    assert SECRET not in text


def _build(kompiler: Callable[..., Run], project: Path, *extra: str) -> tuple[Run, Path]:
    output = project.parent / "output"
    return kompiler(["build", "-q", ".", "-o", str(output), *extra], project), output


def _link_css_to_environ(project: Path) -> None:
    (project / GAYA).parent.mkdir(parents=True)
    (project / GAYA).symlink_to("/proc/self/environ")


def _link_skj_to_secret(project: Path) -> None:
    (project / SKJ).parent.mkdir(parents=True)
    (project / SKJ).symlink_to(_secret(project, "skj.md"))


def _link_templates_folder(project: Path) -> None:
    _secret(project, "markdown/skj.md")
    (project / "templates").symlink_to(project.parent / "outside")


def _link_subfolder(project: Path) -> None:
    _secret(project, "markdown/skj.md")
    (project / "templates").mkdir()
    (project / "templates" / "markdown").symlink_to(project.parent / "outside" / "markdown")


@pytest.mark.parametrize(
    ("arrange", "shown"),
    [
        (_link_css_to_environ, GAYA),
        (_link_skj_to_secret, SKJ),
        (_link_templates_folder, SKJ),
        (_link_subfolder, SKJ),
    ],
    ids=["css-to-proc-environ", "skj-to-outside-file", "templates-folder-outside", "subfolder-outside"],
)
def test_an_override_leading_outside_templates_is_refused(
    kompiler: Callable[..., Run], project: Path, arrange: Callable[[Path], None], shown: str
) -> None:
    arrange(project)
    result, output = _build(kompiler, project)
    _refused(result, output, shown, "KMP051")
    assert "outside the project's templates/ folder" in result.stdout


def test_an_include_through_a_link_leading_outside_is_refused(
    kompiler: Callable[..., Run], project: Path
) -> None:
    _secret(project, "bocor.txt")
    _write(project, SKJ, '{% include "luar/bocor.txt" %}\n')
    (project / "templates" / "luar").symlink_to(project.parent / "outside")
    result, output = _build(kompiler, project)
    _refused(result, output, "templates/luar/bocor.txt", "KMP051")


def test_a_link_to_another_file_inside_templates_is_used(kompiler: Callable[..., Run], project: Path) -> None:
    _write(project, "templates/markdown/skj-sendiri.md", "SKJ {{ position.code }}\n")
    (project / SKJ).symlink_to("skj-sendiri.md")
    _write(project, "templates/bersama/gaya.css", "body { color: teal; }\n")
    (project / GAYA).parent.mkdir(parents=True)
    (project / GAYA).symlink_to("../bersama/gaya.css")
    output = project.parent / "output"
    result = kompiler(["build", "-q", ".", "-o", str(output)], project, memory=4 * 1024**3)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert (output / "jabatan" / "NTB.JF.AKPD.MUDA.md").read_text(
        encoding="utf-8"
    ) == "SKJ NTB.JF.AKPD.MUDA\n"
    assert (output / "site" / "aset" / "gaya.css").read_text(encoding="utf-8") == "body { color: teal; }\n"


def test_a_fifo_asset_is_refused_without_waiting(kompiler: Callable[..., Run], project: Path) -> None:
    (project / GAYA).parent.mkdir(parents=True)
    os.mkfifo(project / GAYA)
    result, output = _build(kompiler, project)
    _refused(result, output, GAYA, "KMP051")
    assert "named pipe" in result.stdout


def test_an_oversized_template_is_refused_before_it_is_read(
    kompiler: Callable[..., Run], project: Path
) -> None:
    _write(project, SKJ, "a" * (3 * 1024 * 1024))
    result, output = _build(kompiler, project)
    _refused(result, output, SKJ, "KMP051")
    assert "too large" in result.stdout


def test_a_latin1_template_is_located_at_its_first_bad_byte(
    kompiler: Callable[..., Run], project: Path
) -> None:
    (project / SKJ).parent.mkdir(parents=True)
    (project / SKJ).write_bytes(
        "Jabatan\nStandar kompetensi caf\u00e9 {{ position.code }}\n".encode("latin-1")
    )
    result, output = _build(kompiler, project)
    _refused(result, output, f"{SKJ}:2:23", "KMP051")
    assert "UTF-8" in result.stdout


# Each hostile construct sits on line 3 of the project's skj.md, which the appendix includes once per
# position and every position's own page renders.
HOSTILE = [
    ('{% include "markdown/skj.md" %}', "KMP052", "nests too deeply"),
    ('{% extends "markdown/skj.md" %}', "KMP052", "nests too deeply"),
    ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "KMP052", "nests too deeply"),
    ("{% for i in range(10**9) %}{{ i }}{% endfor %}", "KMP050", "Range too big"),
    ("{{ 'a' * 2000000000 }}", "KMP052", "would make a value 2,000,000,000 long"),
    ("{{ 7 ** 99999 }}", "KMP052", "number the template computes is too large"),
    (
        "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}",
        "KMP052",
        "work limit",
    ),
    (
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        "KMP052",
        "work limit",
    ),
    (
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}",
        "KMP052",
        "work limit",
    ),
    (
        '{% set ns = namespace(s="a") %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}',
        "KMP052",
        "work limit",
    ),
    (
        "{% set big = range(100000)|list %}{% for i in range(100000) %}{{ i in big }}{% endfor %}",
        "KMP052",
        "work limit",
    ),
    ("{{ 'x'|center(1000000000) }}", "KMP052", "more memory"),
    ("{{ '%1000000000d'|format(1) }}", "KMP052", "more memory"),
    ("{{ '{:>1000000000}'.format(1) }}", "KMP052", "more memory"),
    ("{{ range(10)|slice(1000000000)|list }}", "KMP052", "was stopped"),
    ("{{ lipsum(1000000) }}", "KMP050", "'lipsum' is undefined"),
    ("{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}", "KMP052", "nests too deeply"),
    ("{% for %}", "KMP050", "Expected an expression"),
    ("{{ nosuch }}", "KMP050", "'nosuch' is undefined"),
    ("{{ nosuch.attr }}", "KMP050", "'nosuch' is undefined"),
    ("{{ position.nama_typo }}", "KMP050", "has no attribute 'nama_typo'"),
    ("{{ 1 / 0 }}", "KMP050", "ZeroDivisionError"),
]


@pytest.mark.parametrize(("line", "code", "says"), HOSTILE, ids=[case[0][:40] for case in HOSTILE])
def test_a_hostile_template_is_a_located_error(
    kompiler: Callable[..., Run], project: Path, line: str, code: str, says: str
) -> None:
    _write(project, SKJ, f"# {{{{ position.code }}}}\n\n{line}\n")
    result, output = _build(kompiler, project)
    _refused(result, output, f"{SKJ}:3:1", code)
    assert f"{SKJ}:3:1: error {code}: Template markdown/skj.md" in result.stdout
    assert says in result.stdout, result.stdout


def test_template_errors_are_told_in_indonesian_by_default(
    kompiler: Callable[..., Run], project: Path
) -> None:
    _write(project, SKJ, "Jabatan\n{{ 'a' * 2000000000 }}\n")
    result, output = _build(kompiler, project, "--locale", "id")
    _refused(result, output, f"{SKJ}:2:1", "KMP052")
    assert f"{SKJ}:2:1: galat KMP052: Templat markdown/skj.md dihentikan: Templat akan membuat nilai" in (
        result.stdout
    )


def test_a_static_file_override_that_loops_forever_in_a_page_template_is_stopped(
    kompiler: Callable[..., Run], project: Path
) -> None:
    _write(
        project,
        "templates/site/position.html",
        '{% extends "site/base.html" %}\n{% block main %}\n'
        "{% for a in range(100000) %}{% for b in range(100000) %}{{ position.code }}{% endfor %}{% endfor %}\n"
        "{% endblock %}\n",
    )
    result, output = _build(kompiler, project)
    _refused(result, output, "templates/site/position.html:3:1", "KMP052")


# A name or value the template makes, of any size, quoted short in the message and located at the line.
MADE_LONG = [
    ('{% include "x" * 1000000 %}', "Template xxx"),
    ('{% include "markdown/" ~ "x" * 300 %}', "Template markdown/xxx"),
    ('{{ position["a" * 1000000] }}', "has no attribute 'aaa"),
]


@pytest.mark.parametrize(("line", "says"), MADE_LONG, ids=["include-megabyte", "include-300", "attribute"])
def test_a_name_a_template_makes_of_megabytes_is_quoted_short(
    kompiler: Callable[..., Run], project: Path, line: str, says: str
) -> None:
    _write(project, SKJ, f"# {{{{ position.code }}}}\n\n{line}\n")
    result, output = _build(kompiler, project, "--format", "json", "--locale", "en")
    assert result.exit_code == 2 and not output.exists(), result.stderr
    assert len(result.stdout) < 3000, result.stdout[:3000]
    [problem] = [d for d in json.loads(result.stdout)["diagnostics"] if d["severity"] == "error"]
    assert (problem["code"], problem["file"], problem["line"]) == ("KMP050", SKJ, 3), problem
    assert says in problem["message"] and problem["message"].count("\u2026") == 1, problem["message"]
