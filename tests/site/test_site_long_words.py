"""A word longer than the screen (a pasted URL, a code without spaces, or a pull request that wants to
break the site) breaks where it must: no page grows wider than a phone's or a desktop's screen, the
SKJ's header, its requirements, the details beside it and a competency's name included."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import RENDER_FIXTURE, build_project

pytestmark = pytest.mark.browser

WORD = "Z" * 300
EDITS = {
    "jabatan/analis-sdm-aparatur.yaml": (
        ("urusan: Kepegawaian", f"urusan: {WORD}"),
        ("unit_kerja: Badan Kepegawaian Daerah", f"unit_kerja: {WORD}"),
        ("  - uraian: Pelatihan Fungsional", f"  - uraian: {WORD} Fungsional"),
    ),
    "rumpun/rumpun.yaml": (("nama: Manajemen Sumber Daya Manusia Aparatur", f"nama: {WORD}"),),
    "kamus/teknis-kepegawaian.yaml": (("nama: Perencanaan Kebutuhan Pegawai", f"nama: {WORD}"),),
}
PAGES = ("jabatan/NTB.JF.ASDMA.MUDA.html", "kompetensi/T.SDM.01.html", "rumpun/RJ-SDM.html", "index.html")


@pytest.fixture(scope="module")
def long_words_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("panjang") / "standar"
    shutil.copytree(RENDER_FIXTURE, project)
    for name, edits in EDITS.items():
        path = project / name
        text = path.read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, (name, old)
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    return build_project(project, project.parent / "keluaran", formats=("site",)) / "site"


@pytest.fixture(params=(390, 1280))
def screen(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": request.param, "height": 844})
    yield context.new_page()
    context.close()


def test_no_page_grows_wider_than_the_screen(long_words_site: Path, screen: Any) -> None:
    for name in PAGES:
        screen.goto((long_words_site / name).as_uri())
        assert WORD in screen.content(), name
        scroll, inner = screen.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner, f"{name} scrolls sideways: {scroll} > {inner}"
