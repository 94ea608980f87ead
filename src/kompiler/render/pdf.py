"""Lay print HTML out as PDF with WeasyPrint, reading nothing but the HTML itself.

A project's templates may come from a stranger's pull request, and whatever WeasyPrint fetches while
laying out (an image, a stylesheet, a font, an ``@import``, an SVG's ``<image>``) is published inside
the PDF: ``<img src="file:///etc/passwd">`` or ``url(http://…)`` would copy a file of the build machine
into the regulation, or reach the network from CI. So every URL is refused except ``data:``, which
carries its content in the template itself (a logo may be embedded so). A refused URL is an error of the
template that asked for it (:data:`CODE_FETCH`), not a quietly missing picture.

Laying out is also where a template's output costs most: a page per character, a million elements, or
elements nested thousands deep. HTML from a project's own templates is laid out in a forked process held
to processor time and memory in proportion to the document (:meth:`Allowance.layout`), and what goes past
them is an error of the template (KMP052), like a render that does.

WeasyPrint is imported here only when a PDF is asked for: it is the slowest import of a build.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from kompiler.render.limits import Allowance, confine_layout, too_costly_layout, too_deep_layout
from kompiler.runtime.collector import running

CODE_FETCH = "KMP053"
# Tagged PDF/UA-1: a structure tree (headings, tables with header cells, lists) that screen readers and
# reflow read, the document's language and its title shown as the window title. Public documents of
# the government are read by employees with assistive technology too.
PDF_VARIANT = "pdf/ua-1"
_CARRIED = "data:"  # the only scheme whose content is in the URL itself


def html_to_pdf(
    html: str, allowance: Allowance | None = None, on_page: Callable[[], None] | None = None
) -> tuple[bytes, list[str]]:
    """The PDF of ``html``, and the URLs it asked for that were refused (in the order asked).

    ``on_page`` is called as each page is laid out, for a progress display: an appendix is one document
    that takes a while to lay out, and every position in it starts on a new page. A forked layout reports
    its pages when it is done.

    With an ``allowance`` (HTML from a project's own templates), the layout runs in a forked process held
    to it (:func:`~kompiler.render.limits.confine_layout`): a template can print a million elements, nest
    them thousands deep or ask for a page per character, and WeasyPrint's work, in C libraries too, is
    bounded only by the system. Past the allowance, or too deep for the layout, :class:`LimitExceeded`.
    """
    if allowance is None:
        return _laid_out(html, on_page)
    # Imported here: the forked stages' module reaches the page renderer, which imports the environment
    # that imports this module.
    from kompiler.runtime.forked import Forked, StageFailed

    parent = os.getpid()
    try:
        with Forked(lambda: _confined(html, allowance, parent)) as layout:
            pdf, refused, pages = layout.result()
    except StageFailed:
        raise too_costly_layout(allowance) from None
    for _ in range(pages if on_page is not None else 0):
        on_page()
    return pdf, refused


def _confined(html: str, allowance: Allowance, parent: int) -> tuple[bytes, list[str], int]:
    """:func:`_laid_out`, held to ``allowance`` when forked (never the build's own process), with the
    number of pages laid out."""
    if os.getpid() != parent:
        confine_layout(allowance)
    pages = [0]
    try:
        pdf, refused = _laid_out(html, lambda: pages.__setitem__(0, pages[0] + 1))
        return pdf, refused, pages[0]
    except RecursionError:
        raise too_deep_layout() from None
    except (MemoryError, SystemError):  # SystemError: a C extension that could not allocate
        raise too_costly_layout(allowance) from None


def _laid_out(html: str, on_page: Callable[[], None] | None = None) -> tuple[bytes, list[str]]:
    import weasyprint

    refused: list[str] = []
    with running(), _pages_reported(on_page):  # running: WeasyPrint's boxes link to their parents
        pdf = weasyprint.HTML(string=html, url_fetcher=_fetcher(refused)).write_pdf(pdf_variant=PDF_VARIANT)
    return pdf, refused


class _PageCounter(logging.Handler):
    """Calls back on WeasyPrint's progress record of each newly laid out page."""

    def __init__(self, on_page: Callable[[], None]) -> None:
        super().__init__(logging.INFO)
        self.on_page = on_page

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg == _NEW_PAGE:
            self.on_page()


_NEW_PAGE = "Step 5 - Creating layout - Page %d"


@contextmanager
def _pages_reported(on_page: Callable[[], None] | None) -> Iterator[None]:
    """While the block runs, ``on_page`` hears of every page WeasyPrint lays out (its progress log),
    and nothing of that log goes anywhere else."""
    if on_page is None:
        yield
        return
    logger = logging.getLogger("weasyprint.progress")
    handler, level, propagate = _PageCounter(on_page), logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def _fetcher(refused: list[str]) -> Any:
    """WeasyPrint's URL fetcher serving only ``data:`` URLs, adding every other URL to ``refused``.

    WeasyPrint 68 and later take a ``URLFetcher`` object; earlier versions a function returning a dict.
    """
    import weasyprint.urls

    base = getattr(weasyprint.urls, "URLFetcher", None)
    if base is None:

        def fetch(url: str, *args: Any, **kwargs: Any) -> Any:
            if url.lower().startswith(_CARRIED):
                return weasyprint.default_url_fetcher(url, *args, **kwargs)
            raise _refusal(refused, url)

        return fetch

    class Fetcher(base):  # type: ignore[misc, valid-type]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.lower().startswith(_CARRIED):
                return super().fetch(url, headers)
            raise _refusal(refused, url)

    return Fetcher()


def _refusal(refused: list[str], url: str) -> ValueError:
    refused.append(url)
    return ValueError(f"kompiler reads no URL but data: ({url})")
