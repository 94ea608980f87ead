"""What a compilation hands its caller: the corpus, every diagnostic, and the files they point at.

Defined in :mod:`kompiler.check` rather than in :mod:`kompiler.pipeline`, so that the result a check
recalls from its record (:class:`~kompiler.check.record.RecalledResult`) can extend it without importing
the pipeline that returns both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kompiler.check.load import Document, split_lines
from kompiler.diagnostics import Diagnostic, Severity
from kompiler.model import Corpus
from kompiler.project import RuleSettings, SourceFile
from kompiler.rules import suppress


@dataclass
class CompileResult:
    """What compiling a project produced."""

    root: Path | None
    corpus: Corpus
    diagnostics: list[Diagnostic]
    documents: dict[str, Document] = field(default_factory=dict)
    files: list[SourceFile] = field(default_factory=list)
    config_broken: bool = False
    unloadable: dict[str, str] = field(default_factory=dict)
    suppressed: list[suppress.Suppressed] = field(default_factory=list)
    _lines: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def _texts(self) -> dict[str, str]:
        return {d.path: d.text for d in self.documents.values()} | self.unloadable

    def source_line(self, file: str, line: int) -> str:
        """Line ``line`` (1-based) of the file shown as ``file``, for excerpts under diagnostics.

        Each file is split once: a file with a hundred thousand diagnostics would otherwise be split
        a hundred thousand times (hours for one report).
        """
        lines = self._lines.get(file)
        if lines is None:
            lines = self._lines[file] = split_lines(self._text(file))
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def _text(self, file: str) -> str:
        """The text of the file shown as ``file``, as the loader decoded it ("" when unknown)."""
        return self._texts.get(file, "")

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)

    def settings(self) -> RuleSettings:
        return RuleSettings.from_data(self.corpus.project.get("aturan"))

    def release_sources(self, *, keep_quoted: bool = False) -> None:
        """Forget the text and the parsed data of every file, kept only to check and report.

        For a caller that goes on to build: every entity keeps its document, so the text of a national
        corpus (200 MB) and its parsed data (550 MB: the entities share one copy of each repeated text,
        the data has one per scalar) would otherwise stay in memory, and in every process the build
        forks, until the build ends. The project settings (``corpus.project``) stay. With
        ``keep_quoted``, the texts of the files that diagnostics point at stay, so a report made
        afterwards still quotes their lines; otherwise locations and excerpts are empty afterwards.
        """
        quoted = (
            {
                location.file
                for d in self.diagnostics
                for location in (d.location, *(r.location for r in d.related))
            }
            if keep_quoted
            else set()
        )
        for document in self.documents.values():
            document.forget_source(keep_text=document.path in quoted)
        self.__dict__.pop("_texts", None)
        self._lines.clear()
