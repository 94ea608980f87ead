"""The appendix of the regulation: HTML for print, PDF (WeasyPrint), Word (python-docx) and Markdown.

One :class:`~kompiler.render.view.Publication` feeds every format, so the PDF, the .docx and the
Markdown always say the same thing. The template-rendered formats are described as pages (a template
and its context) that :mod:`kompiler.build.pages` renders, in worker processes when there are many.
WeasyPrint is imported only when a PDF is asked for: it is the slowest import and the slowest stage,
and a site-only or Markdown-only build should not pay for it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from kompiler.render.environment import Templates
from kompiler.render.labels import labels
from kompiler.render.limits import Allowance
from kompiler.render.pdf import html_to_pdf
from kompiler.render.view import PositionView, Publication
from kompiler.render.word import appendix_docx
from kompiler.runtime.collector import running

Page = tuple[str, dict[str, Any]]  # (template name, context)


def appendix_html_page(pub: Publication, *, single: bool, built: datetime | None) -> Page:
    """The appendix as one self-contained HTML document laid out for A4 print (``lampiran.html``)."""
    return (
        "appendix/lampiran.html",
        {
            "pub": pub,
            "t": labels(pub.locale),
            "single": single,
            "built": built.strftime("%Y-%m-%dT%H:%M:%SZ") if built else "",
        },
    )


def appendix_pdf(
    html: str,
    templates: Templates,
    page: tuple[str, Mapping[str, Any]],
    on_page: Callable[[], None] | None = None,
) -> bytes:
    """Lay out as PDF the print HTML rendered from ``page`` (a template and its context). Fonts come from
    the system (fontconfig); nothing is fetched: a URL the HTML asks for (but ``data:``) is a
    :class:`~kompiler.render.environment.TemplateProblem`, as is, when the project has templates of its
    own, a layout past its limits or one WeasyPrint fails on (:mod:`kompiler.render.pdf`). ``on_page``
    hears of each page laid out (:func:`~kompiler.render.pdf.html_to_pdf`)."""
    name, context = page
    allowance = Allowance.layout(context) if templates.untrusted else None
    try:
        pdf, refused = html_to_pdf(html, allowance, on_page)
    except Exception as error:
        if allowance is None:  # the shipped templates' HTML: kompiler's own failure
            raise
        raise templates.layout_problem(name, error) from None
    if refused:
        raise templates.fetching(name, refused[0])
    return pdf


def appendix_markdown_page(pub: Publication, *, single: bool) -> Page:
    return ("markdown/lampiran.md", {"pub": pub, "t": labels(pub.locale), "single": single})


def position_markdown_page(position: PositionView, locale: str) -> Page:
    """One position's SKJ as Markdown (``output/jabatan/<KODE>.md``), the unit a reviewer reads in a diff."""
    return ("markdown/skj.md", {"position": position, "t": labels(locale), "hashes": "#"})


def appendix_word(pub: Publication, *, single: bool, built: datetime | None) -> bytes:
    with running():  # python-docx's objects link to their parents: cyclic garbage, made as it builds
        return appendix_docx(pub, labels(pub.locale), single=single, built=built)
