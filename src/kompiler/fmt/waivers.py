"""What each waiver in a file covers, in terms of the file's content rather than its line numbers.

A waiver (``# kompiler: abaikan KMP102 -- alasan``) covers lines, and a rule's finding is waived when it
is reported on a covered line; findings are reported where a key or a value starts. So what a waiver
covers is the set of keys and values that start on its lines: that set, unlike the line numbers, must
be the same before and after ``kompiler fmt`` rewrites the file, or fmt would silently waive a different
finding (or none). A waiver for the whole file covers everything wherever it stands.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import yaml

from kompiler.diagnostics import Location
from kompiler.load import Document, Loader, Pointer
from kompiler.rules import registry
from kompiler.rules.suppress import MARKER, Action, parse

_LAST_LINE = 10**9
_WHOLE_FILE: Pointer = ("*",)

# (rule code, reason, "key" or "value", the node's pointer); a whole-file waiver covers _WHOLE_FILE.
Covered = tuple[str, str | None, str, Pointer]


@dataclass(frozen=True)
class Waiver:
    """One waiver of one rule: where it is written and what it covers."""

    location: Location
    code: str
    covers: frozenset[Covered]


def waivers(document: Document) -> list[Waiver]:
    """The waivers in ``document`` (a file the strict loader accepted), each with what it covers."""
    if MARKER not in document.text:
        return []
    directives, _ = parse(document, registry())
    if not directives:
        return []
    starts = _starts_by_line(document.text)
    last_line = max(starts, default=0)
    found = []
    for directive in directives:
        for code in directive.codes:
            if directive.action is Action.FILE:
                covers = {(code, directive.reason, "file", _WHOLE_FILE)}
            else:
                covers = {
                    (code, directive.reason, kind, pointer)
                    for line in range(directive.first, min(directive.last, last_line) + 1)
                    for kind, pointer in starts.get(line, ())
                }
            found.append(Waiver(directive.location, code, frozenset(covers)))
    return found


def coverage(found: list[Waiver]) -> frozenset[Covered]:
    """Everything the waivers cover together."""
    return frozenset().union(*(waiver.covers for waiver in found))


def _starts_by_line(text: str) -> dict[int, set[tuple[str, Pointer]]]:
    """The keys and values that start on each line (1-based, as findings and waivers count lines)."""
    root = yaml.compose(text, Loader=Loader)
    starts: dict[int, set[tuple[str, Pointer]]] = defaultdict(set)
    stack: list[tuple[yaml.Node, Pointer]] = [(root, ())] if root is not None else []
    while stack:
        node, pointer = stack.pop()
        starts[node.start_mark.line + 1].add(("value", pointer))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = (*pointer, key.value)
                starts[key.start_mark.line + 1].add(("key", child))
                stack.append((value, child))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(((item, (*pointer, index)) for index, item in enumerate(node.value)))
    return starts
