"""One diagnostic type for every problem the compiler finds, from a YAML syntax error to a broken rule.

Messages carry both languages from the moment they are made, so the library never needs to know which
locale the user asked for; reporters pick one when they print.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    """How serious a problem is; the order lets reporters and the exit code compare severities."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def key(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]

    def label(self, locale: str) -> str:
        labels = {
            "id": {Severity.ERROR: "galat", Severity.WARNING: "peringatan", Severity.INFO: "info"},
            "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
        }
        return labels[locale][self]


@dataclass(frozen=True, slots=True)
class Message:
    """A sentence in Indonesian (``id``) and English (``en``)."""

    id: str
    en: str

    def text(self, locale: str = "id") -> str:
        return self.en if locale == "en" else self.id


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a source file; lines and columns are 1-based, the end is exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem is: a file (as shown to the user) and, when known, a span inside it."""

    file: str
    span: Span | None = None

    @property
    def line(self) -> int:
        return self.span.line if self.span else 0

    @property
    def column(self) -> int:
        return self.span.column if self.span else 0


@dataclass(frozen=True, slots=True)
class Related:
    """A second place that explains a diagnostic, such as where a duplicated code was first defined."""

    location: Location
    message: Message


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem found in the standards: what (code, message), how bad (severity) and where (location)."""

    severity: Severity
    code: str
    message: Message
    location: Location
    related: tuple[Related, ...] = field(default=())

    def sort_key(self) -> tuple:
        return (self.location.file, self.location.line, self.location.column, self.code, self.message.id)


INTERNAL_ERROR = "KMP900"


def grouped(count: int) -> Message:
    """``count`` with its thousands grouped as each language writes them: 600.000 and 600,000."""
    return Message(f"{count:_}".replace("_", "."), f"{count:,}")


def count_by_severity(diagnostics: list[Diagnostic]) -> dict[Severity, int]:
    """Count diagnostics per severity, with every severity present (zero where none)."""
    counts = dict.fromkeys(Severity, 0)
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    return counts
