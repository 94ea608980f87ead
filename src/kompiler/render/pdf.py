"""Lay print HTML out as PDF with WeasyPrint, reading nothing but the HTML itself.

A project's templates may come from a stranger's pull request, and whatever WeasyPrint fetches while
laying out (an image, a stylesheet, a font, an ``@import``, an SVG's ``<image>``) is published inside
the PDF: ``<img src="file:///etc/passwd">`` or ``url(http://…)`` would copy a file of the build machine
into the regulation, or reach the network from CI. So every URL is refused except ``data:``, which
carries its content in the template itself (a logo may be embedded so). A refused URL is an error of the
template that asked for it (:data:`CODE_FETCH`), not a quietly missing picture.

WeasyPrint is imported here only when a PDF is asked for: it is the slowest import of a build.
"""

from __future__ import annotations

from typing import Any

from kompiler.collector import running

CODE_FETCH = "KMP053"
_CARRIED = "data:"  # the only scheme whose content is in the URL itself


def html_to_pdf(html: str) -> tuple[bytes, list[str]]:
    """The PDF of ``html``, and the URLs it asked for that were refused (in the order asked)."""
    import weasyprint

    refused: list[str] = []
    with running():  # WeasyPrint's boxes link to their parents: cyclic garbage, made as it lays out
        pdf = weasyprint.HTML(string=html, url_fetcher=_fetcher(refused)).write_pdf()
    return pdf, refused


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
