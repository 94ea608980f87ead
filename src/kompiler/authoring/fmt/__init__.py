"""``kompiler fmt``: one canonical form for every standards file, so diffs show content, not layout.

Canonical means: keys in schema order (a key the schema does not name: see below), 2-space indentation
with list dashes indented under their key, block style, plain scalars where YAML reads them back as the
same string and double quotes where it would not (including anything YAML 1.1 tools would take for a
date, boolean or number), long text folded near 100 columns, `|` and `>` blocks kept as blocks, comments kept (a comment alone on its line stays above the
key or item below it, see :mod:`kompiler.authoring.fmt.comments`; end-of-line comments one space after their value).

A key the schema does not name, most often a misspelt one (``ikhtisr``), keeps its place: it stays right
after the key it followed, or first when it came first. Sorted to the end, as formatters that sort keys
often place what they do not know, it would carry the drafter's paragraph away from where it was typed,
and the typo, which ``check`` reports at its line, would be fixed in a file rearranged around it. Once
the key is spelt right, the next run puts it in its schema place. Keys of a mapping the schema names none
of (a map keyed by code) keep their order.

Formatting never changes a value nor what a waiver covers: the result is loaded again with the strict
loader and must give the same data, and every waiver must cover the same keys and values
(:mod:`kompiler.authoring.fmt.waivers`), or the file is left alone and :class:`NotFormattable` says why.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import yaml as pyyaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from kompiler.authoring.fmt.comments import CommentsLost, comments, lift, restore
from kompiler.authoring.fmt.order import KeyOrder, key_order
from kompiler.authoring.fmt.waivers import waivers
from kompiler.authoring.roundtrip import YAMLError, dump, identical, line_break, load
from kompiler.check.load import Document, Pointer, SourcePositions, load_bytes
from kompiler.diagnostics import Diagnostic, Location, Message, Severity, Span
from kompiler.project import FileKind

_RESOLVER = pyyaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"

CODE_UNSAFE = "KMP083"
# Formatting a formatted text again changes nothing; a text that still changes after this many is refused.
_PASSES = 4
CODE_WAIVER_MOVED = "KMP084"
_VALUE_CHANGES = Message("sebuah nilai akan berubah", "a value would change")
_NOT_YAML = Message("hasilnya tidak terbaca kembali sebagai YAML", "it would not read back as YAML")


class NotFormattable(Exception):
    """The file has no safe canonical form: it does not load cleanly with the strict loader, or its
    formatted text would read as different data or move a waiver; ``diagnostics`` say where."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        first = diagnostics[0]
        super().__init__(f"{first.location.file}:{first.location.line}: {first.message.en}")
        self.diagnostics = diagnostics


@dataclass(frozen=True)
class Formatted:
    """The canonical text; whether it differs from the file's; and ``settled``: whether formatting the
    text's UTF-8 bytes again is known, without doing it, to give them back and say nothing (so that
    ``kompiler fmt`` may remember what it writes as canonical at once; see :func:`_settled`)."""

    text: str
    changed: bool
    settled: bool = False


@dataclass(frozen=True)
class _Read:
    """A text as the strict loader reads its UTF-8 bytes; ``quiet`` when it said nothing (no warning
    either) and kept the text as it is, so that reading those bytes again gives this document, word for
    word, and no diagnostic."""

    document: Document
    quiet: bool


def format_text(text: str, kind: FileKind, path: str = "<teks>") -> Formatted:
    """The canonical form of one standards file's text (``path`` names it in diagnostics)."""
    return format_document(_strict(text, path).document, kind, text)


def format_document(document: Document, kind: FileKind, text: str | None = None) -> Formatted:
    """The canonical form of a file the strict loader read as ``document``, with the line break the file
    mostly uses (:func:`~kompiler.authoring.roundtrip.line_break`); ``changed`` compares it with ``text`` (by
    default the document's own text)."""
    original = document.text if text is None else text
    newline = line_break(document.text)
    read = _Read(document, quiet=False)  # the caller read it: what the loader said is the caller's to tell
    if "\r\n" in document.text:
        # YAML reads CRLF as a line break wherever it stands, so the LF text holds the same values;
        # formatting that text keeps a CR from staying behind at the end of a comment line.
        read = _strict(document.text.replace("\r\n", "\n"), document.path)
        if not identical(read.document.data, document.data):
            difference = _first_difference(document.data, read.document.data)
            raise NotFormattable([_unsafe(document, difference, _VALUE_CHANGES)])
    final = _stable(read, kind)
    result = final.document.text
    result = result.replace("\n", newline) if newline != "\n" else result
    return Formatted(result, result != original, _settled(final, result))


def _settled(final: _Read, result: str) -> bool:
    """Whether :func:`format_document` of ``result``'s bytes, read strictly, is known to give ``result``
    and say nothing, from what formatting already did: the last pass left ``final``'s text as it was.

    Formatting is a function of the text read, so a run on the written bytes repeats, step for step, what
    is checked here: it reads the bytes (``final``'s own reading, quiet, when ``result`` is that text; a
    written CRLF text is read once more here, as that run reads it), takes the same LF text with the same
    values, whose last pass changes nothing, and writes it with the same line break. Anything else (a
    file whose first pass changed nothing but whose bytes still change) is not known without formatting
    the bytes once more, which the next run does.
    """
    text = final.document.text
    if not final.quiet or "\r\n" in text:
        return False
    if result == text:
        return True
    if line_break(result) != "\r\n" or result.replace("\r\n", "\n") != text:
        return False
    try:
        written = _strict(result, final.document.path)
    except NotFormattable:
        return False
    return written.quiet and identical(written.document.data, final.document.data)


def _stable(read: _Read, kind: FileKind) -> _Read:
    """The canonical text of ``read`` that formats to itself, as the strict loader read it: a comment the
    library placed oddly (inside a flow list that becomes a block) settles on a later pass, and fmt run
    twice must change nothing the second time. Each pass keeps values, comments and waivers, so the last
    keeps those of the first; a form that does not settle within a few passes is refused."""
    source = read.document
    for _ in range(_PASSES):
        after = _canonical_text(read.document, kind)
        if after is None:
            return read
        read = after
    unsettled = Message(
        "bentuknya terus berubah setiap kali diformat", "it keeps changing each time it is formatted"
    )
    raise NotFormattable([_unsafe(source, (), unsettled)])


def _canonical_text(document: Document, kind: FileKind) -> _Read | None:
    """The canonical LF text of ``document`` as the strict loader reads it, or :class:`NotFormattable`;
    ``None`` when that text is ``document``'s own (read once: the same text read again would give the
    same values, comments and waivers)."""
    lifted = lift(document.text)
    try:
        data = load(lifted.text)
    except YAMLError as error:
        raise NotFormattable([_unreadable(document)]) from error
    dumped = canonical_dump(data, kind)
    difference: Pointer = ()
    for candidate in (trimmed(dumped), dumped):
        try:
            result = restore(candidate, lifted)
        except CommentsLost as error:
            raise NotFormattable([_unsafe(document, (), _comment_lost(str(error)))]) from error
        except pyyaml.YAMLError as error:
            raise NotFormattable([_unsafe(document, (), _NOT_YAML)]) from error
        if result == document.text:
            return None
        try:
            read = _strict(result, document.path)
        except NotFormattable as error:
            raise NotFormattable([_unsafe(document, (), _NOT_YAML)]) from error
        after = read.document
        if identical(after.data, document.data):
            _same_comments(document, after)
            _same_waivers(document, after)
            return read
        difference = _first_difference(document.data, after.data)
    raise NotFormattable([_unsafe(document, difference, _VALUE_CHANGES)])


def canonical_dump(tree: object, kind: FileKind) -> str:
    """``tree`` (the round-trip library's nodes) put in the canonical form of a file of ``kind`` (key
    order, block style, quoting; in place) and dumped: fmt's text before its comments are moved back."""
    _canonical(tree, key_order(kind))
    return dump(tree)


def trimmed(text: str) -> str:
    """``text`` with each line's trailing spaces dropped: the emitter leaves a space at the end of folded
    lines, which YAML drops on reading and editors flag."""
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def _same_comments(before: Document, after: Document) -> None:
    """Refuse a canonical form that lost or changed a comment: the library may drop one it cannot place."""
    kept = Counter(text for text, _ in comments(after.text))
    for text, offset in comments(before.text):
        if kept[text] > 0:
            kept[text] -= 1
            continue
        line = before.text.count("\n", 0, offset) + 1
        column = offset - before.text.rfind("\n", 0, offset)
        at = Location(before.path, Span(line, column, line, column + len(text)))
        raise NotFormattable([_unsafe(before, (), _comment_lost(text[:40]), at)])


def _strict(text: str, path: str) -> _Read:
    loaded = load_bytes(path, text.encode("utf-8"))
    problems = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
    if loaded.document is None or problems:
        raise NotFormattable(problems or loaded.diagnostics)
    return _Read(loaded.document, quiet=not loaded.diagnostics and loaded.document.text == text)


def _same_waivers(before: Document, after: Document) -> None:
    """Refuse a canonical form in which a waiver covers other keys or values than it did, or in which a
    block of waivers would end before it starts."""
    found, formatted = waivers(before), waivers(after)
    if found.same_as(formatted):
        return
    kept = formatted.places()
    culprits = [w for w in found.found if not {(w.code, place) for place in w.wins} <= kept] or found.found
    places = list(dict.fromkeys((f" {waiver.code}", waiver.location) for waiver in culprits))
    if not places:
        places = [("", found.problems[0].location if found.problems else before.location())]
    raise NotFormattable([_waiver_moved(code, location) for code, location in places])


def _waiver_moved(code: str, location: Location) -> Diagnostic:
    return Diagnostic(
        Severity.ERROR,
        CODE_WAIVER_MOVED,
        Message(
            f"kompiler fmt tidak menulis ulang berkas ini: dalam bentuk kanonis penanda abaikan{code} ini "
            "akan mencakup kunci atau nilai lain daripada sekarang. Letakkan penanda tepat di atas atau di "
            "baris yang dimaksud, atau urutkan kuncinya lebih dulu, lalu jalankan fmt lagi.",
            f"kompiler fmt does not rewrite this file: in canonical form this waiver{code} would cover other "
            "keys or values than it does now. Put the waiver right above or on the line it is meant for, or "
            "put the keys in order first, then run fmt again.",
        ),
        location,
    )


def _first_difference(before: Any, after: Any, pointer: Pointer = ()) -> Pointer:
    """The pointer of the first value that differs between two documents' data."""
    if isinstance(before, dict) and isinstance(after, dict):
        for key in before:
            if key not in after or not identical(before[key], after[key]):
                return _first_difference(before[key], after.get(key), (*pointer, key))
    elif isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for index, (left, right) in enumerate(zip(before, after, strict=True)):
            if not identical(left, right):
                return _first_difference(left, right, (*pointer, index))
    return pointer


def _unsafe(document: Document, pointer: Pointer, cause: Message, at: Location | None = None) -> Diagnostic:
    return Diagnostic(
        Severity.ERROR,
        CODE_UNSAFE,
        Message(
            f"kompiler fmt tidak menulis ulang berkas ini: bentuk kanonisnya tidak aman ({cause.id}); berkas "
            "dibiarkan apa adanya.",
            f"kompiler fmt does not rewrite this file: its canonical form is not safe ({cause.en}); the file "
            "is left as it is.",
        ),
        at or document.location(pointer),
    )


def _comment_lost(comment: str) -> Message:
    return Message(f"komentar {comment!r} akan hilang", f"the comment {comment!r} would be lost")


def _unreadable(document: Document) -> Diagnostic:
    """The round-trip library, which keeps comments, refuses a text the strict loader read (libyaml and
    PyYAML end a comment at U+2028, it does not): fmt's own limit, said in the drafter's language, at the
    place the library stops in the drafter's text, never in the library's English nor at the file's top.
    """
    cause = Message(
        "pustaka tata letak fmt tidak dapat membaca teks di sini, meskipun kompiler check menerimanya",
        "fmt's layout library cannot read the text here, although kompiler check accepts it",
    )
    try:
        load(document.text)
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        if mark is not None:
            span = SourcePositions(document.text).span(mark.index)
            return _unsafe(document, (), cause, Location(document.path, span))
    return _unsafe(document, (), cause, Location(document.path, None))


def needs_quotes(value: str) -> bool:
    """True when a plain scalar would not read back as this string in YAML 1.1 or 1.2."""
    return _RESOLVER.resolve(pyyaml.ScalarNode, value, (True, False)) != _STR_TAG or value != value.strip()


def _align_comments(node: CommentedMap | CommentedSeq) -> None:
    """End-of-line comments sit one space after their value instead of at a remembered column, which
    would drift as indentation and quoting change."""
    for slots in node.ca.items.values():
        for token in slots:
            if isinstance(token, CommentToken) and token.value.startswith("#"):
                token.column = 0


def _canonical(node: object, order: KeyOrder | None, flow: bool = False) -> None:
    """Reorder keys, set block style and choose quoting, in place, keeping attached comments.

    A flow collection followed by an end-of-line comment (``bidang: [A, B]  # …``) stays on its line in
    flow style, with everything in it (``flow``): in block style its values would move to the lines
    below, away from the comment, and from what a waiver written there covers.
    """
    if not isinstance(node, CommentedMap | CommentedSeq):
        return
    _align_comments(node)
    flow = flow or (node.fa.flow_style() and _ends_with_comment(node))
    if not flow and (isinstance(node, CommentedMap) or len(node)):
        node.fa.set_block_style()
    if isinstance(node, CommentedMap):
        if order is not None:
            for key in order.arranged(list(node)):
                node.move_to_end(key)
        for key in list(node):
            child = (order.children.get(key) or order.items) if order is not None else None
            node[key] = _scalar(node[key], flow)
            _canonical(node[key], child, flow or _comment_after(node, key))
    else:
        for index, item in enumerate(node):
            node[index] = _scalar(item, flow)
            _canonical(
                node[index], order.items if order is not None else None, flow or _comment_after(node, index)
            )


def _ends_with_comment(node: CommentedMap | CommentedSeq) -> bool:
    comment = node.ca.comment
    return bool(comment) and isinstance(comment[0], CommentToken) and comment[0].value.startswith("#")


def _comment_after(parent: CommentedMap | CommentedSeq, key: object) -> bool:
    """Whether the flow collection at ``parent[key]`` is followed by an end-of-line comment that the
    library keeps with ``parent`` (a list item ``- [a, b]  # …``) rather than with the collection."""
    child = parent[key]
    if not isinstance(child, CommentedMap | CommentedSeq) or not child.fa.flow_style():
        return False
    slots = parent.ca.items.get(key) or ()
    return any(isinstance(token, CommentToken) and token.value.startswith("#") for token in slots)


def _scalar(value: object, flow: bool = False) -> object:
    if isinstance(value, LiteralScalarString | FoldedScalarString):
        return value  # a block the drafter wrote as one (`|`, `>`) stays one
    if isinstance(value, str):
        text = str(value)
        return DoubleQuotedScalarString(text) if needs_quotes(text) or (flow and _flow_unsafe(text)) else text
    return value


def _flow_unsafe(text: str) -> bool:
    """True when a plain scalar inside ``[…]`` or ``{…}`` might not read back in YAML 1.1 (the strict
    loader's): the library writes ``{a: :0}``, which YAML 1.2 reads and YAML 1.1 refuses."""
    return text[:1] in ("-", "?", ":") or any(mark in text for mark in ":,[]{}#")
