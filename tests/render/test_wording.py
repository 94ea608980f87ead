"""Each language's words and numbers on the pages and in the documents: an English SKJ names its
competency groups in English, a family's count says what its page lists, and an Indonesian page writes
a decimal comma."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import RENDER_FIXTURE, build_project
from tests.language import indonesian_words

POSITION = "NTB.JF.AKPD.MUDA"
ATTRIBUTE = re.compile(r'(?:aria-label|title|alt|placeholder|data-[a-z-]+)="([^"]*)"')


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("en") / "output"
    return build_project(RENDER_FIXTURE, output, locale="en", formats=("graph", "md", "docx", "site"))


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return re.sub(r"<[^>]+>", "", archive.read("word/document.xml").decode("utf-8"))


def test_competency_groups_are_named_in_each_language(built: Path, english: Path) -> None:
    for output, words, wrong in (
        (english, "Managerial Competencies", "Competency Managerial"),
        (built, "Kompetensi Manajerial", "Competency"),
    ):
        for text in (
            (output / "site" / "jabatan" / f"{POSITION}.html").read_text(encoding="utf-8"),
            (output / "jabatan" / f"{POSITION}.md").read_text(encoding="utf-8"),
            _docx_text(output / "lampiran.docx"),
        ):
            assert words in text and wrong not in text


def test_a_family_counts_only_the_positions_its_page_lists(built: Path, english: Path) -> None:
    """A parent family with no position of its own lists none on its page (its sub-families have them):
    the home page gives it no count, rather than "(0 jabatan)"; English counts in the plural it needs."""
    for output, count in ((built, "jabatan"), (english, "positions")):
        index = (output / "site" / "index.html").read_text(encoding="utf-8")
        heading = re.search(r'<h3 id="r-RJ-ADM">.*?</h3>', index)
        assert heading is not None and "jumlah" not in heading.group()
        assert "(0 " not in index and "position(s))" not in index
        assert re.search(rf'<span class="jumlah">\([0-9]+ {count}\)</span>', index)


def test_indonesian_pages_write_a_decimal_comma(built: Path, english: Path) -> None:
    proposals = (built / "site" / "usulan.html").read_text(encoding="utf-8")
    assert re.search(r"Skor:</strong> 0,[0-9]+ \(min\. 0,[0-9]+\)", proposals)
    graph = (built / "site" / "graf.html").read_text(encoding="utf-8")
    assert re.search(r"\(0,[0-9]+\):", graph) and not re.search(r"\(0\.[0-9]+\):", graph)
    merge = (built / "merge" / "proposals.md").read_text(encoding="utf-8")
    assert re.search(r"Skor rata-rata / minimum: 0,[0-9]+ / 0,[0-9]+", merge)
    english_proposals = (english / "site" / "usulan.html").read_text(encoding="utf-8")
    assert re.search(r"Score:</strong> 0\.[0-9]+ \(min\. 0\.[0-9]+\)", english_proposals)


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return [value] if isinstance(value, str) else []


def _readable(path: Path) -> str:
    """What a reader sees of an output file: a page's text and the attributes read aloud or shown."""
    if path.suffix == ".docx":
        return _docx_text(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".html":
        return re.sub(r"^```yaml$.*?^```$", " ", text, flags=re.S | re.M)  # a draft standard is data
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    text = html.unescape(" ".join([re.sub(r"<[^>]+>", " ", body), *ATTRIBUTE.findall(body)]))
    return re.sub(r"\s+", " ", text)  # a name a drawing wraps over lines reads as one


def test_english_outputs_hold_no_indonesian_label(english: Path) -> None:
    """Every page of the English site, the Markdown, the Word appendix and the merge proposals, with the
    standards' own text taken out (names, tasks, the regulation's titles and a proposal's draft standard
    stay as drafted), holds no Indonesian word: each fixed label and sentence is in English."""
    data = sorted(
        {
            text
            for path in RENDER_FIXTURE.rglob("*.yaml")
            for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
        },
        key=len,
        reverse=True,
    )
    outputs = [
        *sorted((english / "site").rglob("*.html")),
        *sorted(english.rglob("*.md")),
        english / "lampiran.docx",
    ]
    found = {}
    for path in outputs:
        text = re.sub(r"[^\n—()]*…", " ", _readable(path))  # a name shortened to fit a drawing
        for value in data:
            value = re.sub(r"\s+", " ", value)
            text = text.replace(value, " ").replace(value.upper(), " ")
        words = indonesian_words(text)
        if words:
            found[str(path.relative_to(english))] = sorted(words)
    assert not found
