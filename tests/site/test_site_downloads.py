"""The site links to the build's documents (each position's Markdown, the appendix as PDF, Word, print
HTML and Markdown) exactly when the build wrote them, and every such link leads to a file there; every
page's footer names the regulation and, when the build is dated, the day."""

from __future__ import annotations

from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from kompiler.build.orchestrate import build_day
from kompiler.render.downloads import Downloads, Link
from tests.conftest import RENDER_FIXTURE, build_project


class _Links(HTMLParser):
    """The links inside ``<ul class="unduh">``."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "ul" and ("class", "unduh") in attrs:
            self.depth += 1
        elif tag == "a" and self.depth:
            self.hrefs.append(dict(attrs)["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul" and self.depth:
            self.depth -= 1


def download_links(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.hrefs


def test_every_download_link_leads_to_a_file_the_build_wrote(built: Path) -> None:
    pages = sorted((built / "site").rglob("*.html"))
    checked = 0
    for page in pages:
        for href in download_links(page):
            parts = urlsplit(href)
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{page.relative_to(built)} links to a missing {href}"
            assert built.resolve() in target.parents
            if parts.fragment:
                assert f'id="{parts.fragment}"' in (built / "lampiran.html").read_text(encoding="utf-8")
            checked += 1
    position = download_links(built / "site/jabatan/NTB.JF.AKPD.MUDA.html")
    assert position == [
        "../../jabatan/NTB.JF.AKPD.MUDA.md",
        "../../lampiran.pdf#jabatan-NTB.JF.AKPD.MUDA",
        "../../lampiran.docx",
        "../../lampiran.html#jabatan-NTB.JF.AKPD.MUDA",
    ]
    assert download_links(built / "site/index.html") == [
        "../lampiran.pdf",
        "../lampiran.docx",
        "../lampiran.html",
        "../lampiran.md",
    ]
    assert checked == 4 * 4 + 4


def test_a_build_of_the_site_alone_links_to_no_document(site: Path) -> None:
    assert [page for page in site.rglob("*.html") if download_links(page)] == []


def test_what_a_build_writes_is_what_the_site_offers() -> None:
    everything = Downloads.of(("json", "graph", "md", "html", "pdf", "docx", "site"), appendix=True)
    assert everything.of_appendix() == tuple(
        Link(kind, f"lampiran.{kind}") for kind in ("pdf", "docx", "html", "md")
    )
    # The PDF is laid out from the print HTML, which is therefore written with it.
    assert Downloads.of(("pdf", "site"), appendix=True).appendix == ("pdf", "html")
    # Above the appendix limit only each position's Markdown is written.
    large = Downloads.of(("md", "pdf", "docx", "site"), appendix=False)
    assert large.of_appendix() == () and large.of_position_in_appendix("A.B") == ()
    assert large.of_position("A.B") == (Link("md", "jabatan/A.B.md"),)
    assert Downloads.of(("site",), appendix=True).of_position("A.B") == ()


def test_every_page_names_the_regulation_and_the_build_day(tmp_path: Path) -> None:
    day = datetime(2026, 1, 1, tzinfo=UTC)
    site = build_project(RENDER_FIXTURE, tmp_path / "out", formats=("site",), built=day) / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        footer = page.read_text(encoding="utf-8").split('<footer class="kaki">')[1]
        assert "Peraturan Gubernur Nusa Tenggara Barat Nomor 12 Tahun 2026" in footer, page
        assert 'Disusun pada <time datetime="2026-01-01">1 Januari 2026</time>' in footer, page


def test_an_undated_build_is_dated_today_at_midnight() -> None:
    day = build_day()
    assert day.tzinfo is UTC and (day.hour, day.minute, day.second, day.microsecond) == (0, 0, 0, 0)
    assert day.date() == datetime.now(UTC).date() or (datetime.now(UTC) - day).days == 1
