"""The render stage meeting what a stranger's pull request or a careless user could write.

Every case runs the real ``kompiler build`` (or ``kompiler diff --amendment``) under the hostile fixture's
memory cap and time limit: the PDF reads nothing but its own HTML, text of any length in the standards
is published or refused cleanly, and a template error is a located error with exit code 2, never a bug.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from docx import Document

from kompiler.render.limits import Allowance, LimitExceeded
from kompiler.render.pdf import html_to_pdf
from kompiler.runtime.processes import forkable_workers
from tests.hostile.conftest import Run

APPENDIX = "templates/appendix/lampiran.html"


def _build(kompiler: Callable[..., Run], project: Path, *extra: str) -> tuple[Run, Path]:
    output = project.parent / "output"
    return kompiler(["build", "-q", ".", "-o", str(output), *extra], project), output


def _refused(kompiler: Callable[..., Run], project: Path) -> Run:
    """A build stopped with exit code 2 (a template or a file it asks for refused) that published nothing."""
    result, output = _build(kompiler, project)
    assert result.exit_code == 2, result.stdout[:2000] + result.stderr
    assert not output.exists()
    return result


def _edit(path: Path, change: Callable[[dict], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_regulation_title_longer_than_a_word_property_builds(
    kompiler: Callable[..., Run], project: Path
) -> None:
    about = "Standar Kompetensi Jabatan " + "dan Penyetaraan Jabatan Administrasi " * 10

    def long_title(data: dict) -> None:
        data["dokumen"]["tentang"] = about.strip()

    _edit(project / "kompiler.yaml", long_title)
    result, output = _build(kompiler, project)
    assert result.exit_code == 0, result.stdout + result.stderr
    data = (output / "lampiran.docx").read_bytes()
    subject = Document(io.BytesIO(data)).core_properties.subject
    assert len(subject) == 255 and subject.endswith("\u2026")
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert about.strip().upper() in body, "the document itself prints the title whole"


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A local port that would see any connection the build makes to it."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.setblocking(False)
        yield server


def _appendix_asking(project: Path, head: str, body: str) -> None:
    path = project / APPENDIX
    path.parent.mkdir(parents=True)
    path.write_text(
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">\n'
        f"{head}\n</head><body><p>{{{{ pub.regulation.title }}}}</p>\n{body}\n</body></html>\n",
        encoding="utf-8",
    )


SVG = "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' width='9' height='9'>{}</svg>"
SVG_READING_A_FILE = SVG.format("<image href='file:///etc/passwd' width='9' height='9'/>")
SVG_SQUARE = SVG.format("<rect width='9' height='9'/>")
# (what the project's appendix template writes in <head>, in <body>, the URL refused and its line)
OUTSIDE = [
    ("", '<img src="file:///etc/passwd">', "file:///etc/passwd", 5),
    ("<style>@import url(file:///etc/hostname);</style>", "", "file:///etc/hostname", 3),
    (
        "<style>@font-face { font-family: X; src: url(file:///etc/passwd); } p { font-family: X }</style>",
        "",
        "file:///etc/passwd",
        3,
    ),
    ('<link rel="stylesheet" href="file:///etc/hostname">', "", "file:///etc/hostname", 3),
    ('<link rel="attachment" href="file:///etc/passwd">', "", "file:///etc/passwd", 3),
    ("", '<object data="file:///etc/passwd"></object>', "file:///etc/passwd", 5),
    (
        "",
        f'<img src="{SVG_READING_A_FILE}">',
        "file:///etc/passwd",
        5,
    ),
    (
        "<style>p { background: url(http://127.0.0.1:PORT/b.png) }</style>",
        "",
        "http://127.0.0.1:PORT/b.png",
        3,
    ),
]


@pytest.mark.parametrize(
    ("head", "body", "url", "line"),
    OUTSIDE,
    ids=["img-file", "import", "font-face", "stylesheet", "attachment", "object", "svg-image", "http"],
)
def test_the_pdf_reads_nothing_outside_its_templates(
    kompiler: Callable[..., Run],
    project: Path,
    listener: socket.socket,
    head: str,
    body: str,
    url: str,
    line: int,
) -> None:
    port = str(listener.getsockname()[1])
    _appendix_asking(project, head.replace("PORT", port), body)
    result, output = _build(kompiler, project)
    text = result.stdout + result.stderr
    assert result.exit_code == 2, text
    assert f"{APPENDIX}:{line}:1: error KMP053: Template appendix/lampiran.html asks for " in result.stdout, (
        text
    )
    assert url.replace("PORT", port) in result.stdout
    assert "Traceback" not in text and "internal error" not in text
    assert not output.exists(), "a refused build publishes nothing"
    with pytest.raises(BlockingIOError):
        listener.accept()


def test_an_image_embedded_as_data_is_laid_out(kompiler: Callable[..., Run], project: Path) -> None:
    _appendix_asking(project, "", f'<img src="{SVG_SQUARE}">')
    result, output = _build(kompiler, project)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert (output / "lampiran.pdf").read_bytes().startswith(b"%PDF-")


def _git(project: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Uji", "-c", "user.email=uji@example.invalid", *args],
        cwd=project,
        check=True,
        capture_output=True,
        timeout=30,
    )


def test_a_broken_amendment_template_is_a_located_error(kompiler: Callable[..., Run], project: Path) -> None:
    _git(project, "init", "-q")
    _git(project, "add", ".")
    _git(project, "commit", "-q", "-m", "awal")

    def lower(data: dict) -> None:
        data["kompetensi"]["teknis"][0]["level"] = 2

    _edit(project / "jabatan" / "analis-keuangan.yaml", lower)
    (project / "templates" / "markdown").mkdir(parents=True)
    (project / "templates" / "markdown" / "perubahan.md").write_text("# {{ a.nosuch }}\n", encoding="utf-8")
    amendment = project.parent / "perubahan"
    result = kompiler(["diff", "HEAD", ".", "--amendment", str(amendment)], project)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "templates/markdown/perubahan.md:1:1: error KMP050:" in result.stderr, result.stderr
    assert "internal error" not in result.stderr
    assert not amendment.exists()


def _templates_file(project: Path) -> None:
    (project / "templates").write_text("bukan folder\n", encoding="utf-8")


def _templates_fifo(project: Path) -> None:
    os.mkfifo(project / "templates")


def _templates_link_to_nothing(project: Path) -> None:
    (project / "templates").symlink_to(project.parent / "tidak-ada")


def _site_file(project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "site").write_text("bukan folder\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("arrange", "shown"),
    [
        (_templates_file, "templates"),
        (_templates_fifo, "templates"),
        (_templates_link_to_nothing, "templates"),
        (_site_file, "templates/site"),
    ],
    ids=["templates-file", "templates-fifo", "templates-dangling-link", "site-file"],
)
def test_a_templates_folder_that_is_not_a_folder_is_refused(
    kompiler: Callable[..., Run], project: Path, arrange: Callable[[Path], None], shown: str
) -> None:
    arrange(project)
    result = _refused(kompiler, project)
    assert f"{shown}: error KMP051:" in result.stdout and "This is not a folder" in result.stdout


def test_html_nested_too_deeply_for_the_layout_is_a_template_error(
    kompiler: Callable[..., Run], project: Path
) -> None:
    _appendix_asking(project, "", "{% for i in range(5000) %}<div>{% endfor %}x")
    result = _refused(kompiler, project)
    assert f"{APPENDIX}: error KMP052: Template appendix/lampiran.html was stopped: The HTML elements" in (
        result.stdout
    )


@pytest.mark.skipif(not forkable_workers(), reason="the layout is held to its limits in a forked process")
def test_a_layout_past_its_processor_time_is_stopped() -> None:
    html = "<style>p { break-before: page }</style>" + "<p>x</p>" * 100_000
    started = time.monotonic()
    with pytest.raises(LimitExceeded, match="Laying out the PDF"):
        html_to_pdf(html, Allowance(0, 1.0, 1024 * 1024 * 1024))
    assert time.monotonic() - started < 20


@pytest.mark.parametrize(
    ("relative", "text", "shown"),
    [
        (
            "templates/markdown/skj.md",
            "# {{ position.code }}\n\n{{ '\\ud800' }}\n",
            "templates/markdown/skj.md:3:1",
        ),
        (
            "templates/site/position.html",
            "<p>{{ position.code }}</p>\n{{ '%c'|format(56575)|safe }}\n",
            "templates/site/position.html:2:1",
        ),
    ],
    ids=["markdown-escape", "html-format"],
)
def test_a_template_printing_a_lone_surrogate_is_a_located_error(
    kompiler: Callable[..., Run], project: Path, relative: str, text: str, shown: str
) -> None:
    (project / relative).parent.mkdir(parents=True)
    (project / relative).write_text(text, encoding="utf-8")
    result = _refused(kompiler, project)
    assert f"{shown}: error KMP050:" in result.stdout and "a lone surrogate" in result.stdout, result.stdout


def test_a_lone_surrogate_made_by_a_filter_block_is_a_template_error(
    kompiler: Callable[..., Run], project: Path
) -> None:
    (project / "templates" / "markdown").mkdir(parents=True)
    (project / "templates" / "markdown" / "skj.md").write_text(
        "{% filter replace('a', '\\ud800') %}a{% endfilter %}\n", encoding="utf-8"
    )
    result = _refused(kompiler, project)
    assert "error KMP050:" in result.stdout and "a lone surrogate" in result.stdout, result.stdout


@pytest.mark.parametrize("summary", ["- Melakukan analisis", "1. Melakukan analisis", "---"])
def test_a_summary_that_starts_like_markdown_markup_stays_a_paragraph(
    kompiler: Callable[..., Run], project: Path, summary: str
) -> None:
    markdown_it = pytest.importorskip("markdown_it")

    def starting_with_markup(data: dict) -> None:
        data["ikhtisar"] = summary

    _edit(project / "jabatan" / "analis-keuangan.yaml", starting_with_markup)
    result, output = _build(kompiler, project)
    assert result.exit_code == 0, result.stdout + result.stderr
    text = (output / "jabatan" / "NTB.JF.AKPD.MUDA.md").read_text(encoding="utf-8")
    tokens = markdown_it.MarkdownIt("commonmark").parse(text)
    kinds = {token.type for token in tokens}
    assert not kinds & {"bullet_list_open", "ordered_list_open", "hr"}, text
    inline = [token.content for token in tokens if token.type == "inline"]
    rendered = markdown_it.MarkdownIt("commonmark").renderInline
    assert summary in [rendered(line) for line in inline]


@pytest.mark.parametrize(
    "statement", ["{% include 'markdown/kosong.md' %}", "{% import 'markdown/kosong.md' as kosong %}"]
)
def test_includes_in_a_loop_spend_the_work_budget(
    kompiler: Callable[..., Run], project: Path, statement: str
) -> None:
    """An include runs another template each time, as a call does: it is counted, so a loop of millions
    of them is stopped by the same count on every machine, not by the processor-time backstop."""
    folder = project / "templates" / "markdown"
    folder.mkdir(parents=True)
    (folder / "kosong.md").write_text("", encoding="utf-8")
    (folder / "skj.md").write_text(
        f"{{% for a in range(3000) %}}{{% for b in range(3000) %}}{statement}{{% endfor %}}{{% endfor %}}\n",
        encoding="utf-8",
    )
    result = _refused(kompiler, project)
    assert "templates/markdown/skj.md:1:1: error KMP052:" in result.stdout
    assert "work limit" in result.stdout, result.stdout


def test_a_refused_url_of_megabytes_is_quoted_short(kompiler: Callable[..., Run], project: Path) -> None:
    _appendix_asking(project, "", '<img src="http://x.invalid/{{ "a" * 1000000 }}">')
    result = _refused(kompiler, project)
    line = next(line for line in result.stdout.splitlines() if "KMP053" in line)
    assert "asks for http://x.invalid/aaa" in line and len(line) < 600, line[:2000]


def test_css_that_weasyprint_fails_on_is_a_template_error(
    kompiler: Callable[..., Run], project: Path
) -> None:
    _appendix_asking(project, "<style>p { font-size: 1e308px }</style>", "")
    result = _refused(kompiler, project)
    assert f"{APPENDIX}: error KMP050: The PDF cannot be laid out from the HTML of template" in result.stdout
    assert "internal error" not in result.stdout + result.stderr
