"""Each language's words and numbers on the pages and in the documents: an English SKJ names its
competency groups in English, a family's count says what its page lists, and an Indonesian page writes
a decimal comma."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.conftest import RENDER_FIXTURE, build_project

POSITION = "NTB.JF.AKPD.MUDA"


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
