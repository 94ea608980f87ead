"""Word-level differences between two texts, and the similarity measures rename detection relies on.

Standards text is long prose: a line diff of a 60-word indicator shows two whole paragraphs, whereas a
reviewer wants the three words that changed. Text is cut into words, punctuation marks and the spaces
between them, so a comma added after a word is a one-character change and the segments, joined, give back
both texts exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

_WORD = re.compile(r"\S+")
_PIECE = re.compile(r"\s+|\w+|[^\w\s]")
_TOKEN = re.compile(r"\w+")
# Largest product of the two differing middles' piece counts that is matched word by word: 200 pieces
# (about 100 words) on each side, a few hundredths of a second at worst.
MAX_MATCHED = 40_000


class Op(StrEnum):
    EQUAL = "sama"
    DELETE = "hapus"
    INSERT = "tambah"


@dataclass(frozen=True)
class Segment:
    """A run of text that is kept, deleted or inserted, spaces included."""

    op: Op
    text: str


def word_diff(before: str, after: str) -> tuple[Segment, ...]:
    """The segments that turn ``before`` into ``after``, word by word.

    The words both texts begin and end with are kept without search; only the differing middle is
    matched, and only while it is small enough (:data:`MAX_MATCHED`): matching costs up to the cube of
    its length when words repeat, so a rewritten long text (a 2 MB summary, say) is one deletion and one
    insertion rather than minutes of work.
    """
    old, new = _PIECE.findall(before), _PIECE.findall(after)
    head = _common_length(old, new)
    tail = _common_length(old[head:][::-1], new[head:][::-1])
    old_middle, new_middle = old[head : len(old) - tail], new[head : len(new) - tail]
    segments: list[Segment] = []
    if head:
        segments.append(Segment(Op.EQUAL, "".join(old[:head])))
    if len(old_middle) * len(new_middle) <= MAX_MATCHED:
        segments += _matched(old_middle, new_middle)
    else:
        segments += [Segment(Op.DELETE, "".join(old_middle)), Segment(Op.INSERT, "".join(new_middle))]
    if tail:
        segments.append(Segment(Op.EQUAL, "".join(old[len(old) - tail :])))
    return tuple(segments)


def _common_length(old: list[str], new: list[str]) -> int:
    """How many pieces the two lists begin with alike."""
    length = 0
    for a, b in zip(old, new, strict=False):
        if a != b:
            break
        length += 1
    return length


def _matched(old: list[str], new: list[str]) -> list[Segment]:
    segments: list[Segment] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment(Op.EQUAL, "".join(old[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            segments.append(Segment(Op.DELETE, "".join(old[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(Segment(Op.INSERT, "".join(new[j1:j2])))
    return segments


def tokens(texts: Iterable[str]) -> frozenset[str]:
    """The set of lower-cased words in ``texts``: a fingerprint that ignores order and punctuation."""
    return frozenset(token for text in texts for token in _TOKEN.findall(text.lower()))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap of two sets, 0 (disjoint) to 1 (equal); two empty sets count as equal."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def coverage(part: frozenset[str], whole: frozenset[str]) -> float:
    """How much of ``part`` is contained in ``whole``, 0 to 1."""
    if not part:
        return 1.0
    return len(part & whole) / len(part)


def normalized(text: str) -> str:
    """Text compared for sameness: case and spacing do not make two tasks different."""
    return " ".join(_WORD.findall(text.lower()))
