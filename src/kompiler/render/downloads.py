"""Which of the build's documents the site links to: only files the same build writes beside it.

The site is rendered while the documents are still being written (in worker processes, the PDF last),
so it cannot look on disk; it is told instead, from the formats asked for and whether the appendix is
written as one document (``kompiler build --lampiran``), exactly as the build decides what to write.
The documents sit in the output folder, one level above ``site/``: a site published without its
output folder would lose them, which is why the links are relative and listed in one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

APPENDIX_STEM = "lampiran"
# The order a reader is offered the appendix in: the signed form first, the editable one, then the rest.
APPENDIX_FORMATS = ("pdf", "docx", "html", "md")


@dataclass(frozen=True, slots=True)
class Link:
    """One file to download: its format (a label key ``format_<kind>``) and its path from the output folder."""

    kind: str
    path: str


@dataclass(frozen=True, slots=True)
class Downloads:
    """The appendix's formats written as one document, and whether each position's Markdown is."""

    appendix: tuple[str, ...] = ()
    position_markdown: bool = False

    @classmethod
    def of(cls, formats: Iterable[str], *, appendix: bool) -> Downloads:
        """What a build of ``formats`` writes (the print HTML is written whenever the PDF is: it is laid
        out from it)."""
        wanted = set(formats)
        if "pdf" in wanted:
            wanted.add("html")
        written = tuple(kind for kind in APPENDIX_FORMATS if kind in wanted) if appendix else ()
        return cls(written, "md" in wanted)

    def of_appendix(self) -> tuple[Link, ...]:
        return tuple(Link(kind, f"{APPENDIX_STEM}.{kind}") for kind in self.appendix)

    def of_position(self, code: str) -> tuple[Link, ...]:
        """A position's own Markdown (when written)."""
        return (Link("md", f"jabatan/{code}.md"),) if self.position_markdown else ()

    def of_position_in_appendix(self, code: str) -> tuple[Link, ...]:
        """The appendix, the PDF and the print HTML opening at the position's section (the HTML carries
        ``id="jabatan-<KODE>"``, which WeasyPrint turns into a PDF destination); its Markdown is left
        out, the position's own being offered."""
        return tuple(
            Link(
                kind,
                f"{APPENDIX_STEM}.{kind}#jabatan-{code}"
                if kind in ("pdf", "html")
                else f"{APPENDIX_STEM}.{kind}",
            )
            for kind in self.appendix
            if kind != "md"
        )
