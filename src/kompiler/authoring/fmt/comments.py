"""Comments alone on their lines belong to what follows them, so they move with it when fmt reorders.

A drafter writes a comment above the line it is about, and a waiver alone on its line
(``# kompiler: abaikan KMP102 -- alasan``) covers the next line. The round-trip YAML library attaches such
a comment to the end of the node *before* it instead, so reordering keys carried it away from the line it
was about, and after a block scalar it even became an end-of-line comment of that scalar. Here those
comments are lifted out of the text before formatting, each group remembering the node that follows it
(a mapping key, or a list item), and put back above that node's line once the file is formatted. Comments
above the first node that are not waivers are the file's header (the schema line, a title) and stay at
the top; comments after the last node stay at the end. End-of-line comments stay with their line; those
that end a block scalar's header (``- |  # comment``), which the library drops in lists, or an empty list
item (``-  # comment``), which it gives to the next item, are lifted and put back there too.

Positions are character offsets of the text as the strict loader composed it, never line numbers, so
characters that YAML counts as line breaks and Python does not (U+2028, U+0085) cannot shift a comment.
:func:`comments` lists every comment of a text, so that the formatter can prove it kept them all.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from kompiler.check.load import Loader, Pointer

_DIRECTIVE = re.compile(r"\s*#\s*kompiler:")
_END_DIRECTIVE = re.compile(r"\s*#\s*kompiler:\s*(?:abaikan-selesai|disable-end)(?:\s|$)")
# What a comment group goes above: a mapping key ("key") or a list item ("item"); or the block scalar
# whose header line ("block", ``key: |``) an end-of-line comment ends.
Anchor = tuple[Pointer, str]


class CommentsLost(Exception):
    """A comment's node cannot be found in the formatted text (the formatter lost or renamed it)."""


@dataclass(frozen=True)
class Group:
    """Consecutive comment lines (with the blank lines between them and the node that follows), and the
    node they go above, or with ``after`` below: a group that only ends blocks of waivers
    (``# kompiler: abaikan-selesai …``) closes what is above it and moves with that."""

    lines: tuple[str, ...]
    anchor: Anchor | None  # None: after the last node of the file
    after: bool = False


@dataclass(frozen=True)
class Lifted:
    """A text without its full-line comments and the comments on block scalar headers (which the
    round-trip library drops in lists), and those comments, to put back."""

    text: str
    header: tuple[str, ...]
    groups: tuple[Group, ...]
    ends: tuple[tuple[Anchor, str], ...]


@dataclass(frozen=True)
class _Node:
    start: int
    end: int  # where its content ends: its last character, not the comments after it, plus one
    indent: int  # a key's column; a list item's, its line's indentation (where its dash stands)
    anchor: Anchor


@dataclass
class _Layout:
    """Where things are in a text: keys and list items (sorted by where they start), block scalars by
    pointer, and the character ranges that are text of scalars (a ``#`` there is not a comment; the
    range of a block scalar starts after its header line, where a comment may stand)."""

    nodes: list[_Node]
    blocks: dict[Pointer, int]
    scalars: list[tuple[int, int]]
    _ends: list[tuple[int, int]] | None = None

    def ends(self) -> list[tuple[int, int]]:
        """Where each node's content ends, sorted (with the node's position in ``nodes``)."""
        if self._ends is None:
            self._ends = sorted((node.end, number) for number, node in enumerate(self.nodes))
        return self._ends

    def ending_at(self, end: int) -> list[_Node]:
        ends = self.ends()
        first = bisect.bisect_left(ends, (end, -1))
        last = bisect.bisect_left(ends, (end + 1, -1))
        return [self.nodes[number] for _, number in ends[first:last]]

    def in_scalar(self, offset: int) -> bool:
        index = bisect.bisect_right(self.scalars, (offset, _AFTER)) - 1
        return index >= 0 and self.scalars[index][0] < offset < self.scalars[index][1]


_AFTER = 1 << 62


def lift(text: str) -> Lifted:
    """Take the full-line comments and the comments on block scalar headers out of ``text`` (a file the
    strict loader accepted)."""
    layout = _layout(text)
    starts = [node.start for node in layout.nodes]
    lines = text.split("\n")
    offsets = _offsets(lines)
    trimmed, ends = _lift_ends(text, lines, offsets, layout)
    kept: list[str] = []
    groups: list[Group] = []
    header: tuple[str, ...] = ()
    number = 0
    while number < len(lines):
        if not _is_comment(lines[number], offsets[number], layout):
            kept.append(trimmed[number])
            number += 1
            continue
        last = number
        following = number + 1
        while following < len(lines) and (
            not lines[following].strip() or _is_comment(lines[following], offsets[following], layout)
        ):
            if lines[following].strip():
                last = following
            following += 1
        block = lines[number : last + 1]
        trailing = _blank_run(lines, last + 1, following) if following < len(lines) else []
        anchor = _next_anchor(layout.nodes, starts, offsets[last] + len(lines[last]))
        ending = _ends_of_blocks(block)
        indent = len(lines[number]) - len(lines[number].lstrip(" "))
        closing = _previous_anchor(layout, starts, offsets[number], indent) if ending else None
        if closing is not None:
            block = block[len(ending) :]
            groups.append(Group(tuple(ending if block else ending + trailing), closing, after=True))
        elif anchor is not None and not (starts and starts[0] < offsets[number]):
            top, block = _split_header(block)
            header = tuple(top if block else top + trailing)
        if block:
            groups.append(Group(tuple(block + trailing), anchor))
        number = last + 1 + len(trailing)
    return Lifted("\n".join(kept), header, tuple(groups), tuple(ends))


def restore(formatted: str, lifted: Lifted) -> str:
    """Put the lifted comments back into ``formatted`` (the formatted form of ``lifted.text``)."""
    if not lifted.groups and not lifted.header and not lifted.ends:
        return formatted
    layout = _layout(formatted)
    where = {node.anchor: node for node in layout.nodes}
    lines = formatted.split("\n")
    offsets = _offsets(lines)

    def line_of(offset: int) -> int:
        return bisect.bisect_right(offsets, offset) - 1

    for (pointer, _), comment in lifted.ends:
        if pointer not in layout.blocks:
            raise CommentsLost(comment)
        number = line_of(layout.blocks[pointer])
        lines[number] = f"{lines[number]}  {comment}"
    before: dict[int, list[str]] = {}
    after: dict[int, list[str]] = {}
    tail: list[str] = []
    for group in lifted.groups:
        if group.anchor is None:
            tail.extend(line.strip() for line in group.lines)
            continue
        node = where.get(group.anchor)
        if node is None:
            raise CommentsLost(group.lines[0].strip())
        first = line_of(node.start)
        if group.after:
            indent, place = " " * node.indent, (after, line_of(node.end - 1))
        else:
            indent, place = " " * (len(lines[first]) - len(lines[first].lstrip(" "))), (before, first)
        place[0].setdefault(place[1], []).extend(
            indent + text.strip() if text.strip() else "" for text in group.lines
        )
    result = list(lifted.header)
    for number, text in enumerate(lines):
        result.extend(before.get(number, ()))
        result.append(text)
        result.extend(after.get(number, ()))
    if tail:
        while result and not result[-1]:
            result.pop()
        result.extend((*tail, ""))
    return "\n".join(result)


def comments(text: str) -> list[tuple[str, int]]:
    """Every comment of ``text`` (a file the strict loader accepted), as its text from ``#`` to the end
    of its line (trailing spaces aside) and where it starts: what formatting must keep, all of it."""
    layout = _layout(text)
    found = []
    position = text.find("#")
    while position >= 0:
        if layout.in_scalar(position) or (position > 0 and text[position - 1] not in " \t\n"):
            position = text.find("#", position + 1)
            continue
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        found.append((text[position:end].rstrip(), position))
        position = text.find("#", end)
    return found


@lru_cache(maxsize=8)
def _layout(text: str) -> _Layout:
    """The layout of ``text``, remembered for the last few texts: formatting asks it of the same text
    up to four times (lifting its comments, proving they were kept before and after a pass), and nothing
    changes a layout once it is made."""
    root = yaml.compose(text, Loader=Loader)
    layout = _Layout([], {}, [])
    if root is not None:
        _walk(text, root, (), layout)
    layout.nodes.sort(key=lambda node: (node.start, len(node.anchor[0])))
    layout.scalars.sort()
    return layout


def _walk(text: str, node: yaml.Node, pointer: Pointer, layout: _Layout) -> int:
    """Record ``node`` and what is below it in ``layout``; return where its content ends (a block
    collection's own end mark lies beyond the comments that follow it). The strict loader has bounded
    the depth, so recursion is safe."""
    if isinstance(node, yaml.ScalarNode):
        start = node.start_mark.index
        if node.style in ("|", ">"):
            layout.blocks[pointer] = start
            header_end = text.find("\n", start)
            start = node.end_mark.index if header_end < 0 else header_end
        layout.scalars.append((start, node.end_mark.index))
        return node.end_mark.index
    end = node.end_mark.index if node.flow_style else node.start_mark.index
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = (*pointer, key.value)
            layout.scalars.append((key.start_mark.index, key.end_mark.index))
            last = max(key.end_mark.index, _walk(text, value, child, layout))
            layout.nodes.append(_Node(key.start_mark.index, last, key.start_mark.column, (child, "key")))
            end = max(end, last)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*pointer, index)
            last = _walk(text, item, child, layout)
            if isinstance(item, yaml.ScalarNode) and not item.style and not item.value:
                # An empty item (``-  # comment``): the library gives its comment to the next item.
                layout.blocks[child] = item.start_mark.index
            start = item.start_mark.index
            line = text.rfind("\n", 0, start) + 1
            indent = len(text[line:start]) - len(text[line:start].lstrip(" "))
            layout.nodes.append(_Node(start, last, indent, (child, "item")))
            end = max(end, last)
    return end


def _lift_ends(
    text: str, lines: list[str], offsets: list[int], layout: _Layout
) -> tuple[list[str], list[tuple[Anchor, str]]]:
    """The lines without the comments that end block scalar headers (``- |  # comment``), and those
    comments with their block scalar."""
    trimmed = list(lines)
    ends: list[tuple[Anchor, str]] = []
    for pointer, start in sorted(layout.blocks.items(), key=lambda item: item[1]):
        number = bisect.bisect_right(offsets, start) - 1
        column = start - offsets[number]
        found = _END_COMMENT.search(lines[number], column)
        if found is None:
            continue
        trimmed[number] = lines[number][: found.start()].rstrip()
        ends.append(((pointer, "block"), found.group(1).rstrip()))
    return trimmed, ends


_END_COMMENT = re.compile(r"\s(#.*)$")


def _offsets(lines: list[str]) -> list[int]:
    offsets, position = [], 0
    for line in lines:
        offsets.append(position)
        position += len(line) + 1
    return offsets


def _is_comment(line: str, offset: int, layout: _Layout) -> bool:
    return line.lstrip(" \t").startswith("#") and not layout.in_scalar(offset)


def _blank_run(lines: list[str], start: int, stop: int) -> list[str]:
    return [line for line in lines[start:stop] if not line.strip()]


def _next_anchor(nodes: list[_Node], starts: list[int], offset: int) -> Anchor | None:
    """The node a comment ending at ``offset`` is about: the first to start after it; of a list item and
    the first key of its mapping, which start together, the item."""
    index = bisect.bisect_left(starts, offset)
    if index == len(nodes):
        return None
    first = nodes[index : bisect.bisect_right(starts, nodes[index].start)]
    items = [node for node in first if node.anchor[1] == "item"]
    return (items or first)[0].anchor


def _previous_anchor(layout: _Layout, starts: list[int], offset: int, indent: int) -> Anchor | None:
    """The node a comment starting at ``offset`` and indented by ``indent`` closes: of the nodes whose
    content ends last before it, the outermost indented at least as deep as the comment (or else the
    innermost), so that the comment, put back at that node's indentation, closes the same node again.
    A comment that stands inside a node starting after that one (``key:`` then the comment, then the
    key's items) closes none."""
    ends = layout.ends()
    index = bisect.bisect_right(ends, (offset, _AFTER)) - 1
    if index < 0:
        return None
    last = ends[index][0]
    if bisect.bisect_left(starts, last) < bisect.bisect_left(starts, offset):
        return None
    candidates = sorted(layout.ending_at(last), key=lambda node: len(node.anchor[0]))
    deep_enough = [node for node in candidates if node.indent >= indent]
    return (deep_enough or candidates[-1:])[0].anchor


def _ends_of_blocks(block: list[str]) -> list[str]:
    """The lines at the top of ``block`` that end blocks of waivers (and the blank lines among them)."""
    count = 0
    for number, line in enumerate(block):
        if line.strip() and not _END_DIRECTIVE.match(line):
            break
        if line.strip():
            count = number + 1
    return block[:count]


def _split_header(block: list[str]) -> tuple[list[str], list[str]]:
    """Comments above the first node: up to the first kompiler directive they are the file's header,
    from it on they are about the first node."""
    for number, line in enumerate(block):
        if _DIRECTIVE.match(line):
            return block[:number], block[number:]
    return block, []
