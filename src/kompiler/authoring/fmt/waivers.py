"""What each waiver in a file waives, in terms of the file's content rather than its line numbers.

A waiver (``# kompiler: abaikan KMP102 -- alasan``) covers lines, and a rule's finding is waived when it
is reported on a covered line; findings are reported where a key or a value starts (or, without a line,
only a waiver for the whole file reaches them). Where several waivers of a rule cover a finding, the
narrowest wins (a line before a block before the file), the first of equals. So what a waiver waives is
the set of places (keys and values) it wins: that set, with the waiver's rule, kind and reason, must be the
same for every waiver before and after ``kompiler fmt`` rewrites the file, or fmt would silently waive a
different finding, show another reason, or leave a waiver that now waives nothing (KMP090).
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass

import yaml

from kompiler.check.load import Document, Loader, Pointer
from kompiler.diagnostics import Diagnostic, Location
from kompiler.rules import registry
from kompiler.rules.suppress import MARKER, Action, Directive, parse

# A place a finding can be reported at: ("key" or "value", the node's pointer); findings without a line
# are at _NO_LINE.
Place = tuple[str, Pointer]
_NO_LINE: Place = ("file", ("*",))
_NARROWEST_FIRST = {Action.LINE: 0, Action.START: 1, Action.FILE: 2}


@dataclass(frozen=True)
class Waiver:
    """One waiver of one rule: where it is written, its kind and reason, and the places it wins."""

    location: Location
    code: str
    action: Action
    reason: str | None
    wins: frozenset[Place]


@dataclass(frozen=True)
class Waivers:
    """The waivers of a file, and the problems with its directives (one that cannot be read, a block
    ended before it starts or never ended), which change what a file waives as much as coverage does."""

    found: list[Waiver]
    problems: list[Diagnostic]

    def same_as(self, other: Waivers) -> bool:
        """Whether ``other`` waives exactly the same, waiver by waiver, wherever its directives stand."""
        return _each(self) == _each(other) and _messages(self) == _messages(other)

    def places(self) -> frozenset[tuple[str, Place]]:
        """Every (rule, place) some waiver wins."""
        return frozenset((waiver.code, place) for waiver in self.found for place in waiver.wins)


def waivers(document: Document) -> Waivers:
    """The waivers in ``document`` (a file the strict loader accepted), each with the places it wins."""
    if MARKER not in document.text:
        return Waivers([], [])
    directives, problems = parse(document, registry())
    places = sorted([*_places_by_line(document.text), (0, _NO_LINE)]) if directives else []
    wins = _wins(directives, places)
    found = [
        Waiver(
            directive.location,
            code,
            directive.action,
            directive.reason,
            frozenset(wins.get((index, code), ())),
        )
        for index, directive in enumerate(directives)
        for code in directive.codes
    ]
    return Waivers(found, problems)


def _wins(directives: list[Directive], places: list[tuple[int, Place]]) -> dict[tuple[int, str], set[Place]]:
    """The places each directive (by index) wins for each of its rules, as suppression chooses: a line
    waiver before a block before the whole file, the first of equals. One sweep over the places in line
    order per rule, so that thousands of waivers cost no more than a sort."""
    wins: dict[tuple[int, str], set[Place]] = defaultdict(set)
    codes = {code for directive in directives for code in directive.codes}
    for code in codes:
        own = [(index, d) for index, d in enumerate(directives) if code in d.codes]
        lines: dict[int, int] = {}
        for index, directive in own:
            if directive.action is Action.LINE:
                lines.setdefault(directive.first, index)
        whole = next((index for index, d in own if d.action is Action.FILE), None)
        blocks = sorted((d.first, index, d.last) for index, d in own if d.action is Action.START)
        active: list[tuple[int, int]] = []
        upcoming = 0
        for line, place in places:
            while upcoming < len(blocks) and blocks[upcoming][0] <= line:
                heapq.heappush(active, (blocks[upcoming][1], blocks[upcoming][2]))
                upcoming += 1
            while active and active[0][1] < line:
                heapq.heappop(active)
            winner = lines.get(line, active[0][0] if active else whole) if line else whole
            if winner is not None:
                wins[winner, code].add(place)
    return wins


def _each(found: Waivers) -> Counter[tuple[str, Action, str | None, frozenset[Place]]]:
    return Counter((waiver.code, waiver.action, waiver.reason, waiver.wins) for waiver in found.found)


def _messages(found: Waivers) -> list[tuple[str, str]]:
    return sorted((problem.code, problem.message.en) for problem in found.problems)


def _places_by_line(text: str) -> list[tuple[int, Place]]:
    """The keys and values of ``text`` with the line each starts on (1-based, as findings count)."""
    root = yaml.compose(text, Loader=Loader)
    places: dict[Place, int] = defaultdict(int)
    stack: list[tuple[yaml.Node, Pointer]] = [(root, ())] if root is not None else []
    while stack:
        node, pointer = stack.pop()
        places["value", pointer] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = (*pointer, key.value)
                places["key", child] = key.start_mark.line + 1
                stack.append((value, child))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(((item, (*pointer, index)) for index, item in enumerate(node.value)))
    return [(line, place) for place, line in places.items()]
