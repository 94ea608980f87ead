"""What a reviewer should know about a change beyond the change itself: a policy rule the change keeps
to the letter but not in spirit, which no single revision can show and so no rule of ``kompiler check``
can report.

The one note today: the match formula (``kecocokan``: its ``rumus``, ``batas_atas``, ``nilai_kosong``
or a category's name or minimum) changed while ``kecocokan.versi`` stayed. Every people output names
that version, so results computed before and after the change would claim one formula (README,
"Development policy").
"""

from __future__ import annotations

from kompiler.diagnostics import Message
from kompiler.diff.changes import Change, Kind, Subject

MATCH_SECTION = "kecocokan"
VERSION_FIELD = "versi"


def review_notes(changes: list[Change]) -> list[Message]:
    """The notes that ``changes`` call for, in a fixed order."""
    match = [c for c in changes if c.subject is Subject.POLICY and c.code == MATCH_SECTION]
    formula = [c for c in match if c.kind is Kind.CHANGED and c.field != VERSION_FIELD]
    if not formula or any(c.field == VERSION_FIELD for c in match):
        return []
    fields = ", ".join(dict.fromkeys(c.field or "" for c in formula))
    return [
        Message(
            f"Rumus kecocokan berubah ({fields}) tetapi kecocokan.versi tidak dinaikkan: hasil asesmen "
            "sebelum dan sesudah perubahan ini akan menyebut versi rumus yang sama. Naikkan versinya di "
            "pengembangan/kecocokan.yaml.",
            f"The match formula changed ({fields}) but kecocokan.versi was not raised: assessment results "
            "from before and after this change would name the same formula version. Raise the version in "
            "pengembangan/kecocokan.yaml.",
        )
    ]
