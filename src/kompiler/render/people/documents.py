"""One person's document (gaps, plan or moves) in the formats asked for: Markdown, PDF and Word.

The Markdown and the print HTML come from the templates ``people/dokumen.md`` and ``people/dokumen.html``
(a project may override them in its own ``templates/``, as every template, in the same sandbox); the PDF
is that HTML laid out by WeasyPrint as the appendix is (:func:`kompiler.render.documents.appendix_pdf`),
reading nothing but the HTML; the Word file is built from the same view (:mod:`.word`).
"""

from __future__ import annotations

from datetime import datetime

from kompiler.render.documents import appendix_pdf
from kompiler.render.environment import Templates
from kompiler.render.people.view import PersonView, Setting
from kompiler.render.people.word import person_docx

KINDS = ("gaps", "plan", "moves")
DOCUMENT_FORMATS = ("md", "pdf", "docx")
MARKDOWN = "people/dokumen.md"
HTML = "people/dokumen.html"


def _context(view: PersonView, setting: Setting, kind: str) -> dict[str, object]:
    return {"p": view, "s": setting, "t": setting.t, "kind": kind}


def person_documents(
    templates: Templates,
    view: PersonView,
    setting: Setting,
    kind: str,
    formats: tuple[str, ...],
    built: datetime | None = None,
) -> dict[str, bytes]:
    """``{extension: bytes}`` of ``view``'s ``kind`` document in each of ``formats`` that is a document
    format. Raises :class:`~kompiler.render.environment.TemplateProblem` on a template error."""
    out: dict[str, bytes] = {}
    if "md" in formats:
        out["md"] = templates.render(MARKDOWN, _context(view, setting, kind)).encode("utf-8")
    if "pdf" in formats:
        context = _context(view, setting, kind)
        html = templates.render(HTML, context)
        out["pdf"] = appendix_pdf(html, templates, (HTML, context))
    if "docx" in formats:
        out["docx"] = person_docx(view, setting, kind, built)
    return out
