"""The diagnostics of reading one assessment file: every problem at file:row:column, at most
``MAX_SHOWN`` of them, the rest counted by code in one KMP216 at the first one not shown.

A million-row file with a wrong column would otherwise make a million diagnostics; the count keeps the
report readable and the memory bounded, while the file is still read to its end so that the count is
true, and :attr:`Problems.hidden` keeps it by severity for the count line a command ends with. In a
workbook the message also names the cell as the spreadsheet shows it (``Sel C7``).
"""

from __future__ import annotations

from collections import Counter

from kompiler.diagnostics import Diagnostic, Location, Message, Severity, Span, grouped

MAX_SHOWN = 1_000


class Problems:
    """The diagnostics of one reading of ``file``."""

    def __init__(self, file: str, spreadsheet: bool = False) -> None:
        self.file, self.spreadsheet = file, spreadsheet
        self.shown: list[Diagnostic] = []
        self.hidden_codes: Counter[str] = Counter()
        self.hidden: Counter[Severity] = Counter()
        self.first_hidden: Location | None = None
        self.errors = 0

    def add(
        self, code: str, row: int, column: int, message: Message, severity: Severity = Severity.ERROR
    ) -> None:
        """A problem at ``row`` and ``column`` (1-based; row 0: the file as a whole)."""
        if severity is Severity.ERROR:
            self.errors += 1
        span = Span(row, max(column, 1), row, max(column, 1) + 1) if row else None
        location = Location(self.file, span)
        if len(self.shown) >= MAX_SHOWN:
            self.hidden_codes[code] += 1
            self.hidden[severity] += 1
            self.first_hidden = self.first_hidden or location
            return
        if self.spreadsheet and row and column:
            cell = f"{cell_name(column)}{row}"
            message = Message(f"Sel {cell}: {message.id}", f"Cell {cell}: {message.en}")
        self.shown.append(Diagnostic(severity, code, message, location))

    def warn(self, code: str, row: int, column: int, message: Message) -> None:
        self.add(code, row, column, message, Severity.WARNING)

    def result(self) -> list[Diagnostic]:
        """The diagnostics in file order, and the count of those not shown."""
        found = sorted(self.shown, key=Diagnostic.sort_key)
        if self.hidden:
            counts = [(code, grouped(count)) for code, count in sorted(self.hidden_codes.items())]
            total = grouped(self.hidden.total())
            found.append(
                Diagnostic(
                    Severity.ERROR if self.hidden[Severity.ERROR] else Severity.WARNING,
                    "KMP216",
                    Message(
                        f"{total.id} masalah lain tidak ditampilkan "
                        f"({', '.join(f'{code}: {count.id}' for code, count in counts)}).",
                        f"{total.en} more problems are not shown "
                        f"({', '.join(f'{code}: {count.en}' for code, count in counts)}).",
                    ),
                    self.first_hidden or Location(self.file),
                )
            )
        return found


def cell_name(column: int) -> str:
    """A spreadsheet's name of a 1-based column: 1 → A, 27 → AA."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
