"""``kompiler fmt``: one canonical form for every standards file, so diffs show content, not layout.

Canonical means: keys in schema order, 2-space indentation with list dashes indented under their key,
block style, plain scalars where YAML reads them back as the same string and double quotes where it would
not (including anything YAML 1.1 tools would take for a date, boolean or number), long text folded near
100 columns, comments kept (end-of-line comments one space after their value). Formatting never changes a value: the result is loaded again with the strict
loader and must give the same data, or the file is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml as pyyaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from kompiler.diagnostics import Severity
from kompiler.fmt.order import KeyOrder, key_order
from kompiler.load import load_bytes
from kompiler.project import FileKind
from kompiler.roundtrip import dump, load

_RESOLVER = pyyaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


class NotFormattable(Exception):
    """The file does not load cleanly with the strict loader, so there is no safe canonical form."""


@dataclass(frozen=True)
class Formatted:
    text: str
    changed: bool


def format_text(text: str, kind: FileKind, path: str = "<teks>") -> Formatted:
    """The canonical form of one standards file's text."""
    before = _strict(text, path)
    data = load(text)
    _canonical(data, key_order(kind))
    dumped = dump(data)
    # The emitter leaves a space at the end of folded lines; YAML drops it on reading, editors flag it.
    trimmed = "".join(line.rstrip() + "\n" for line in dumped.splitlines())
    for result in (trimmed, dumped):
        if _strict(result, path) == before:
            return Formatted(result, result != text)
    raise NotFormattable(f"{path}: formatting would change a value; file left as it is")


def _strict(text: str, path: str) -> object:
    loaded = load_bytes(path, text.encode("utf-8"))
    problems = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
    if loaded.document is None or problems:
        first = (problems or loaded.diagnostics)[0]
        raise NotFormattable(f"{first.location.file}:{first.location.line}: {first.message.en}")
    return loaded.document.data


def _needs_quotes(value: str) -> bool:
    """True when a plain scalar would not read back as this string in YAML 1.1 or 1.2."""
    return _RESOLVER.resolve(pyyaml.ScalarNode, value, (True, False)) != _STR_TAG or value != value.strip()


def _align_comments(node: CommentedMap | CommentedSeq) -> None:
    """End-of-line comments sit one space after their value instead of at a remembered column, which
    would drift as indentation and quoting change."""
    for slots in node.ca.items.values():
        for token in slots:
            if isinstance(token, CommentToken) and token.value.startswith("#"):
                token.column = 0


def _canonical(node: object, order: KeyOrder | None) -> None:
    """Reorder keys, set block style and choose quoting, in place, keeping attached comments."""
    if isinstance(node, CommentedMap | CommentedSeq):
        _align_comments(node)
    if isinstance(node, CommentedMap):
        if order is not None:
            for key in sorted(node, key=order.rank):
                node.move_to_end(key)
        node.fa.set_block_style()
        for key in list(node):
            child = (order.children.get(key) or order.items) if order is not None else None
            node[key] = _scalar(node[key])
            _canonical(node[key], child)
    elif isinstance(node, CommentedSeq):
        if len(node):
            node.fa.set_block_style()
        for index, item in enumerate(node):
            node[index] = _scalar(item)
            _canonical(node[index], order.items if order is not None else None)


def _scalar(value: object) -> object:
    if isinstance(value, str):
        text = str(value)
        return DoubleQuotedScalarString(text) if _needs_quotes(text) else text
    return value
