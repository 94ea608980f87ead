"""What a check records for its run, and the result it answers from that record without the corpus."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from kompiler.check.result import CompileResult
from kompiler.diagnostics import Diagnostic
from kompiler.model import build, link
from kompiler.project import SourceFile
from kompiler.rules import suppress


@dataclass(frozen=True)
class CheckRecord:
    """What a check stores for its run: enough to answer the same check again without the corpus."""

    diagnostics: list[Diagnostic]
    config_broken: bool
    project: dict[str, Any]
    unloadable: frozenset[str]
    suppressed: list[suppress.Suppressed]

    @classmethod
    def of(cls, result: CompileResult) -> CheckRecord:
        return cls(
            result.diagnostics,
            result.config_broken,
            result.corpus.project,
            frozenset(result.unloadable),
            result.suppressed,
        )


@dataclass
class RecalledResult(CompileResult):
    """A check answered without the corpus: from the last run's record (``reuse="run"``) or by an
    incremental check (``"incremental"``). It holds no document, so the text behind an excerpt is read
    from the file on demand."""

    unloadable_files: frozenset[str] = frozenset()
    reuse: str = "run"

    @classmethod
    def of(cls, record: CheckRecord, files: list[SourceFile], reuse: str = "run") -> RecalledResult:
        corpus = link(build([]))
        corpus.project = record.project
        return cls(
            None,
            corpus,
            list(record.diagnostics),
            files=list(files),
            config_broken=record.config_broken,
            suppressed=list(record.suppressed),
            unloadable_files=record.unloadable,
            reuse=reuse,
        )

    @cached_property
    def _by_display(self) -> dict[str, SourceFile]:
        return {f.display: f for f in self.files}

    def _text(self, file: str) -> str:
        """The file's text as the loader decoded it (or, for a file that did not load, as reports quote it)."""
        source = self._by_display.get(file)
        if source is None:
            return ""
        try:
            raw = source.read()
        except OSError:
            return ""
        if file in self.unloadable_files:
            return raw.decode("utf-8", errors="replace")
        return raw.decode("utf-8-sig", errors="replace")
