"""A regulation not yet signed leaves its date to be written in, as the amendment does: "pada tanggal …",
never "pada tanggal" followed by nothing, in the appendix's Markdown, print HTML and Word file."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

from tests.conftest import RENDER_FIXTURE, build_project


def test_an_unsigned_regulation_leaves_its_date_to_be_written(tmp_path: Path) -> None:
    project = tmp_path / "standar"
    shutil.copytree(RENDER_FIXTURE, project)
    settings = project / "kompiler.yaml"
    text = settings.read_text(encoding="utf-8")
    assert '    tanggal: "2026-03-02"\n' in text
    settings.write_text(text.replace('    tanggal: "2026-03-02"\n', ""), encoding="utf-8")
    output = build_project(project, tmp_path / "output", formats=("md", "html", "docx"))
    markdown = next(output.rglob("lampiran.md")).read_text(encoding="utf-8")
    html = next(output.rglob("lampiran.html")).read_text(encoding="utf-8")
    with zipfile.ZipFile(next(output.rglob("*.docx"))) as archive:
        word = re.sub(r"<[^>]+>", "", archive.read("word/document.xml").decode("utf-8"))
    for document in (markdown, html, word):
        assert "pada tanggal …" in document
        assert not re.search(r"pada tanggal\s*(?:<|$)", document, re.MULTILINE)
