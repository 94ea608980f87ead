"""The site as a reader meets it in headless Chromium, on a phone (390 px) and a desktop: served over
HTTP, where a browser also asks for an icon, every page kind loads without an error or a missing file
and fits the screen's width; the graph is a picture a reviewer can read (labels, families apart, merge
groups marked, zoom). One browser, one page per width, reused across the page kinds."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.site.conftest import PAGE_KINDS

pytestmark = pytest.mark.browser

WIDTHS = (390, 1280)
MERGE_MEMBERS = ("NTB.JF.AKPD.MUDA", "NTB.JF.PLK.MUDA")  # the fixture's one merge proposal


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return None


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    """The site on a local web server (127.0.0.1, a free port), as an intranet would serve it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


class Reader:
    """One page of one viewport width, with everything that went wrong while it was open."""

    def __init__(self, browser: Any, width: int) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 844})
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", lambda m: self.problems.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        self.page.on(
            "response", lambda r: self.problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None
        )

    def open(self, url: str) -> Any:
        self.problems.clear()
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        # The icon is fetched after the load event; give it its round trip to the local server.
        self.page.wait_for_timeout(150)
        return self.page


@pytest.fixture(scope="module")
def readers(browser: Any) -> Iterator[dict[int, Reader]]:
    opened = {width: Reader(browser, width) for width in WIDTHS}
    yield opened
    for reader in opened.values():
        reader.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_kind_loads_every_file_and_fits_the_screen(
    served: str, readers: dict[int, Reader], width: int
) -> None:
    reader = readers[width]
    for kind in PAGE_KINDS:
        page = reader.open(served + kind)
        assert reader.problems == [], kind
        icon = page.evaluate("document.querySelector('link[rel=icon]').href")
        assert page.request.get(icon).status == 200, kind
        scroll, inner = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner, f"{kind} scrolls sideways at {width} px: {scroll} > {inner}"
    page = reader.open(served + "index.html?q=ahli")  # the search results, long names and all
    assert page.locator("#hasil-cari li").count() == 4
    scroll, inner = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner and reader.problems == []


def test_the_footer_names_the_regulation_on_every_page(served: str, readers: dict[int, Reader]) -> None:
    page = readers[390].page
    for kind in PAGE_KINDS:
        readers[390].open(served + kind)
        footer = page.locator("footer").inner_text()
        assert "Peraturan Gubernur Nusa Tenggara Barat Nomor 12 Tahun 2026" in footer, kind


def _rect(page: Any, selector: str) -> list[dict[str, float]]:
    return page.evaluate(
        """s => Array.from(document.querySelectorAll(s), e => {
             const r = e.getBoundingClientRect();
             return {x: r.left, y: r.top, r: r.right, b: r.bottom, shown: getComputedStyle(e).visibility};
           })""",
        selector,
    )


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["x"] < b["r"] and b["x"] < a["r"] and a["y"] < b["b"] and b["y"] < a["b"]


def test_the_graph_is_a_picture_a_reviewer_can_read(served: str, readers: dict[int, Reader]) -> None:
    reader = readers[1280]
    page = reader.open(served + "graf.html")
    svg = page.locator("#graf")
    box = svg.bounding_box()

    titles = _rect(page, "#graf .judul-rumpun")
    assert page.locator("#graf .judul-rumpun").all_text_contents() == [
        "Keuangan dan AkuntansiKeuangan dan Akuntansi (RJ-KEU)",
        "Manajemen Sumber Daya Manusia AparaturManajemen Sumber Daya Manusia Aparatur (RJ-SDM)",
    ]  # the printed title, then its tooltip
    for title in titles:
        assert (
            title["r"] - title["x"] > 40 and box["x"] <= title["x"] and title["r"] <= box["x"] + box["width"]
        )
    assert not any(_overlap(a, b) for i, a in enumerate(titles) for b in titles[i + 1 :])

    labels = _rect(page, "#graf .simpul text")
    assert len(labels) == 4  # a small corpus: every position is named on the picture
    assert not any(_overlap(a, b) for i, a in enumerate(labels) for b in labels[i + 1 :])
    for code in MERGE_MEMBERS:
        member = page.locator(f'#graf a[data-kode="{code}"]')
        assert member.get_attribute("data-grup") == "USUL.4C253EAD"
        assert member.locator("text").is_visible()
        ring = member.locator("circle").evaluate("c => getComputedStyle(c)")
        assert ring["stroke"] == "rgb(194, 84, 0)" and float(ring["strokeWidth"].removesuffix("px")) >= 3
    assert page.locator('#graf .gabungan line[data-grup="USUL.4C253EAD"]').count() == 1
    outsider = page.locator('#graf a[data-kode="NTB.JF.ASDMA.MUDA"] circle').evaluate(
        "c => getComputedStyle(c).stroke"
    )
    assert outsider != "rgb(194, 84, 0)"

    home = svg.get_attribute("viewBox")
    page.get_by_role("button", name="Perbesar").click()
    assert float(svg.get_attribute("viewBox").split()[2]) < float(home.split()[2])
    page.get_by_role("button", name="Kembalikan").click()
    assert svg.get_attribute("viewBox") == home
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -300)
    assert float(svg.get_attribute("viewBox").split()[2]) < float(home.split()[2])

    page.get_by_role("button", name="Kembalikan").click()
    page.locator('button.tunjuk[data-grup="USUL.4C253EAD"]').click()
    view = [float(v) for v in svg.get_attribute("viewBox").split()]
    assert view != [float(v) for v in home.split()]
    for code in MERGE_MEMBERS:
        node = page.locator(f'#graf a[data-kode="{code}"]')
        assert "sorot" in node.get_attribute("class")
        x, y = (float(node.locator("circle").get_attribute(a)) for a in ("cx", "cy"))
        assert view[0] <= x <= view[0] + view[2] and view[1] <= y <= view[1] + view[3]
    assert reader.problems == []


def test_a_proposal_opens_the_graph_with_its_group_shown(served: str, readers: dict[int, Reader]) -> None:
    reader = readers[390]
    page = reader.open(served + "usulan.html")
    page.get_by_role("link", name="Lihat di graf").click()
    page.wait_for_url("**/graf.html#grup-USUL.4C253EAD")
    page.wait_for_load_state("load")
    for code in MERGE_MEMBERS:
        assert "sorot" in page.locator(f'#graf a[data-kode="{code}"]').get_attribute("class")
    assert "sorot" not in (
        page.locator('#graf a[data-kode="NTB.JF.ASDMA.MUDA"]').get_attribute("class") or ""
    )
    assert reader.problems == []
