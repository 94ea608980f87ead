"""The site as people use it, in headless Chromium, opened straight from disk (as from a file share)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site.conftest import PAGE_KINDS, Watched

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page", PAGE_KINDS)
def test_page_loads_without_errors_or_outside_requests(site: Path, watched: Watched, page: str) -> None:
    watched.page.goto((site / page).as_uri())
    watched.page.wait_for_load_state("load")
    assert watched.errors == []
    assert watched.external == []
    assert watched.page.locator("h1").count() == 1
    watched.screenshot(page.replace("/", "_").removesuffix(".html"))


def test_search_finds_a_position_by_name_code_or_competency(site: Path, watched: Watched) -> None:
    page = watched.page
    page.goto((site / "index.html").as_uri())
    search = page.get_by_label("Cari jabatan, kode, atau kompetensi")
    search.fill("sumber daya")
    results = page.locator("#hasil-cari li")
    assert results.count() == 1
    assert "Analis Sumber Daya Manusia Aparatur Ahli Muda" in results.first.inner_text()
    search.fill("NTB.JF.PLK")
    assert page.locator("#hasil-cari li a").first.inner_text() == "Penata Laporan Keuangan Ahli Muda"
    search.fill("penatausahaan keuangan")
    assert page.locator("#hasil-cari li").count() == 3
    assert "3 jabatan ditemukan" in page.locator("#cari-status").inner_text()
    search.fill("tidak ada yang begini")
    assert page.locator("#cari-status").inner_text() == "Tidak ada jabatan yang cocok."
    watched.screenshot("search")
    assert watched.errors == []


def test_search_status_says_position_or_positions_in_english(site_en: Path, watched: Watched) -> None:
    """English counts one position in the singular and several in the plural; Indonesian has one form."""
    page = watched.page
    page.goto((site_en / "index.html").as_uri())
    search = page.get_by_label("Search positions, codes or competencies")
    status = page.locator("#cari-status")
    search.fill("sumber daya")
    assert page.locator("#hasil-cari li").count() == 1
    assert status.inner_text() == "1 position found"
    search.fill("penatausahaan keuangan")
    assert page.locator("#hasil-cari li").count() == 3
    assert status.inner_text() == "3 positions found"
    assert watched.errors == []


def test_search_result_opens_the_position_with_the_keyboard(site: Path, watched: Watched) -> None:
    page = watched.page
    page.goto((site / "index.html").as_uri())
    page.get_by_label("Cari jabatan, kode, atau kompetensi").fill("ahli pertama")
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Analis Keuangan Pusat dan Daerah Ahli Pertama"
    page.keyboard.press("Enter")
    page.wait_for_url("**/jabatan/NTB.JF.AKPD.PERTAMA.html")
    assert page.locator("h1").inner_text() == "Analis Keuangan Pusat dan Daerah Ahli Pertama"


def test_keyboard_reaches_the_skip_link_then_the_navigation(site: Path, watched: Watched) -> None:
    page = watched.page
    page.goto((site / "jabatan/NTB.JF.AKPD.MUDA.html").as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#isi"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "isi"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "A"


def test_graph_draws_and_responds_to_hover_focus_and_zoom(site: Path, watched: Watched) -> None:
    page = watched.page
    page.goto((site / "graf.html").as_uri())
    nodes = page.locator("#graf .simpul a")
    assert nodes.count() == 4
    assert page.locator("#graf .tepi line").count() >= 1
    box = page.locator("#graf").bounding_box()
    assert box["width"] > 500 and box["height"] > 100
    node = page.locator('#graf a[data-kode="NTB.JF.AKPD.MUDA"]')
    node.hover()
    assert "sorot" in node.get_attribute("class")
    assert page.locator('#graf a[data-kode="NTB.JF.PLK.MUDA"]').get_attribute("class") == "tetangga"
    assert page.locator("#graf .tepi line.sorot").count() == 1
    assert "Analis Keuangan Pusat dan Daerah Ahli Muda" in page.locator("#graf-info").inner_text()
    watched.screenshot("graph-hover")
    page.mouse.move(5, 5)
    assert page.locator("#graf .sorot").count() == 0
    before = page.locator("#graf").get_attribute("viewBox")
    page.get_by_role("button", name="Perbesar").click()
    zoomed = page.locator("#graf").get_attribute("viewBox")
    assert float(zoomed.split()[2]) < float(before.split()[2])
    page.locator('#graf a[data-kode="NTB.JF.ASDMA.MUDA"]').focus()
    assert "sorot" in page.locator('#graf a[data-kode="NTB.JF.ASDMA.MUDA"]').get_attribute("class")
    page.keyboard.press("0")
    assert page.locator("#graf").get_attribute("viewBox") == before
    assert watched.errors == []


def test_status_badges_follow_the_day_the_page_is_read(site: Path, watched: Watched) -> None:
    page = watched.page
    page.clock.set_fixed_time("2026-08-01T09:00:00")
    page.goto((site / "index.html").as_uri())
    badges = {
        code: page.locator(f"li:has(a[href='jabatan/{code}.html']) .lencana").inner_text()
        for code in ("NTB.JF.AKPD.MUDA", "NTB.JF.PLK.MUDA", "NTB.JF.ASDMA.MUDA")
    }
    assert badges == {
        "NTB.JF.AKPD.MUDA": "Berlaku",
        "NTB.JF.PLK.MUDA": "Terjadwal, belum berlaku",
        "NTB.JF.ASDMA.MUDA": "Tidak berlaku lagi",
    }
    page.clock.set_fixed_time("2099-02-01T09:00:00")
    page.goto((site / "jabatan" / "NTB.JF.PLK.MUDA.html").as_uri())
    assert page.locator(".masa-berlaku .lencana").inner_text() == "Berlaku"
    assert "1 Januari 2099" in page.locator(".masa-berlaku").inner_text()
    assert watched.errors == []
