"""Text from YAML is data in every format, and a project's own templates stay inside the sandbox."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import Result
from markdown_it import MarkdownIt

from tests.conftest import build_project, files_of

HOSTILE = "<script>alert(1)</script> {{ 7*7 }} {% for %} **tebal** | pipa [tautan](http://x)"
POSITION = "jabatan/analis-sdm-aparatur.yaml"


def _hostile_project(project: Path) -> Path:
    path = project / POSITION
    text = path.read_text(encoding="utf-8")
    quoted = "'" + HOSTILE.replace("'", "''") + "'"
    text = text.replace(
        "ikhtisar: Melakukan analisis kebutuhan dan pengembangan pegawai agar perangkat daerah memiliki "
        "pegawai yang kompeten.",
        f"ikhtisar: {quoted}",
    )
    text = text.replace("  - Menyusun rencana kebutuhan pegawai\n", f"  - {quoted}\n")
    path.write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from tests.conftest import RENDER_FIXTURE

    project = tmp_path_factory.mktemp("hostile") / "standar"
    shutil.copytree(RENDER_FIXTURE, project)
    return build_project(
        _hostile_project(project), project.parent / "output", formats=("md", "html", "pdf", "docx", "site")
    )


def test_html_prints_markup_and_template_code_literally(hostile: Path) -> None:
    for page in ("site/jabatan/NTB.JF.ASDMA.MUDA.html", "lampiran.html"):
        html = (hostile / page).read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} {% for %}" in html
        assert "49" not in html.split("ikhtisar")[-1][:200]


def test_search_index_holds_names_as_data(hostile: Path) -> None:
    index = (hostile / "site/aset/indeks.js").read_text(encoding="utf-8")
    assert index.startswith("window.KOMPILER_INDEKS = [")


def test_markdown_escapes_what_markdown_would_interpret(hostile: Path) -> None:
    text = (hostile / "jabatan/NTB.JF.ASDMA.MUDA.md").read_text(encoding="utf-8")
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script>" not in rendered
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} {% for %} **tebal** | pipa [tautan](http://x)"
        in rendered
    )
    assert "<strong>tebal</strong>" not in rendered and "<a href" not in rendered


def test_docx_carries_the_text_as_written(hostile: Path) -> None:
    document = docx.Document(str(hostile / "lampiran.docx"))
    assert any(p.text == HOSTILE for p in document.paragraphs)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_carries_the_text_as_written(hostile: Path) -> None:
    pdf = subprocess.run(
        ["pdftotext", str(hostile / "lampiran.pdf"), "-"], capture_output=True, text=True, check=True
    )
    assert "<script>alert(1)</script> {{ 7*7 }} {% for %}" in " ".join(pdf.stdout.split())


@pytest.mark.parametrize(
    "template",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ t.__class__.__init__.__globals__ }}",
        "{{ pub.positions.__func__.__globals__['os'] }}",
    ],
)
def test_project_template_cannot_escape_the_sandbox(
    render_project: Path, run_cli: Callable[..., Result], template: str
) -> None:
    folder = render_project / "templates" / "markdown"
    folder.mkdir(parents=True)
    (folder / "lampiran.md").write_text(f"# Lampiran\n\n{template}\n", encoding="utf-8")
    output = render_project.parent / "keluaran"
    result = run_cli(["build", ".", "-o", str(output)], render_project)
    assert result.exit_code == 2, result.output
    assert "KMP050" in result.output and "sandbox" in result.output
    assert "Traceback" not in result.output
    assert not output.exists(), "a failed build writes nothing"


def test_project_template_overrides_the_shipped_one(
    render_project: Path, run_cli: Callable[..., Result]
) -> None:
    folder = render_project / "templates" / "markdown"
    folder.mkdir(parents=True)
    (folder / "skj.md").write_text("Jabatan {{ position.code }}: {{ position.name }}\n", encoding="utf-8")
    output = render_project.parent / "keluaran"
    result = run_cli(["build", ".", "-o", str(output), "--quiet"], render_project)
    assert result.exit_code == 0, result.output
    assert (output / "jabatan/NTB.JF.AKPD.MUDA.md").read_text(encoding="utf-8") == (
        "Jabatan NTB.JF.AKPD.MUDA: Analis Keuangan Pusat dan Daerah Ahli Muda\n"
    )


def test_the_limits_of_project_templates_leave_the_shipped_ones_unchanged(
    built: Path, render_project: Path
) -> None:
    """A project with a templates/ folder of its own renders every template within the limits of
    kompiler.render.limits: the shipped templates it does not override print byte for byte the same."""
    (render_project / "templates").mkdir()
    # Every format, as `built`: the site's pages link to the same documents.
    output = build_project(render_project, render_project.parent / "keluaran")
    limited = {k: v for k, v in files_of(output).items() if k.endswith((".md", ".html", ".css", ".js"))}
    assert len(limited) > 20
    assert limited == {k: v for k, v in files_of(built).items() if k in limited}
