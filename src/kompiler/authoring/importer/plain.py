"""The canonical text of a simple value, written without the dumper.

Most imported names are words, digits and a little punctuation, such as ``Audit keuangan (dasar), 2``.
fmt's dumper writes such a value plain, folded near 100 columns at its spaces; it is pure Python and
takes its time over every value (a third of a millisecond for a competency's code, name and
definition), so the 12,645 dictionary competencies of a national classification, each with its own
name and definition, were most of an import's time (4 s of 9). For
those values this module writes the same text by the dumper's own rule; any other value (a colon, a
quote, a letter beyond ASCII, a text YAML reads as a number, a date or a boolean) gets ``None`` and
is left to the dumper. The import's tests compare both ways on generated values.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import BaseResolver

from kompiler.authoring.fmt import needs_quotes
from kompiler.authoring.roundtrip import LINE_WIDTH, yaml_instance

# Words of letters and digits, one space apart, with punctuation that means nothing to YAML in the
# middle of a plain value (never first, where ``-``, ``'`` and ``&`` are indicators; no ``:`` or ``#``).
_SIMPLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,()/'&-]*(?: [A-Za-z0-9.,()/'&-]+)*")
_STR = BaseResolver.DEFAULT_SCALAR_TAG


def plain_text(value: str, column: int, indent: int) -> str | None:
    """``value`` as fmt writes it plain after a key's colon at ``column`` (the space between them
    included), its folded lines starting at ``indent``, trailing spaces trimmed as fmt trims them;
    ``None`` when it is not simple enough to be known so."""
    if _SIMPLE.fullmatch(value) is None or needs_quotes(value) or not _read_as_text(value):
        return None
    pieces = [" "]
    at = column + 1
    for index, word in enumerate(value.split(" ")):
        # The dumper's rule: at a space, a new line once the width is reached; a word that would cross
        # the width starts a line of its own, unless it is the first of one.
        if index and at >= LINE_WIDTH:
            pieces.append("\n" + " " * indent)
            at = indent
        elif index:
            pieces.append(" ")
            at += 1
        if at + len(word) > LINE_WIDTH and at > indent:
            if pieces[-1] == " ":
                pieces.pop()  # left at the end of the line by the dumper, trimmed by fmt
            pieces.append("\n" + " " * indent)
            at = indent
        pieces.append(word)
        at += len(word)
    return "".join(pieces)


def _read_as_text(value: str) -> bool:
    """Whether the dumper's own resolver (YAML 1.2) reads ``value`` written plain as text: where it
    does not (``1e3``), the dumper quotes it although fmt's test (YAML 1.1) found nothing."""
    return bool(_resolver().resolve(ScalarNode, value, (True, False)) == _STR)


@lru_cache(maxsize=1)
def _resolver() -> Any:
    return yaml_instance().resolver
