"""Laying out a PDF reports each page as it goes, in this process or from a forked, confined layout."""

from __future__ import annotations

import logging

import pytest

from kompiler.render.limits import Allowance
from kompiler.render.pdf import html_to_pdf

THREE_PAGES = (
    "<html lang='id'><head><title>Uji</title></head><body>"
    "<p>satu</p><p style='break-before: page'>dua</p><p style='break-before: page'>tiga</p></body></html>"
)


@pytest.mark.parametrize("allowance", [None, Allowance.layout({})], ids=["in-process", "forked"])
def test_every_page_is_reported_once(allowance: Allowance | None) -> None:
    pages: list[int] = []
    pdf, refused = html_to_pdf(THREE_PAGES, allowance, lambda: pages.append(1))
    assert pdf.startswith(b"%PDF") and refused == []
    assert len(pages) == 3


def test_the_progress_log_is_left_as_it_was(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("weasyprint.progress")
    before = (logger.level, logger.propagate, list(logger.handlers))
    with caplog.at_level(logging.INFO):
        html_to_pdf(THREE_PAGES, None, lambda: None)
    assert (logger.level, logger.propagate, list(logger.handlers)) == before
    assert not [r for r in caplog.records if r.name == "weasyprint.progress"], (
        "nothing of it reached other handlers"
    )
