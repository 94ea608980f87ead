"""Round-trip YAML for the tools that rewrite standards (``fmt``, ``migrate``): comments and key order
survive a load and dump, unlike with the strict loader, which keeps only values.

All rewriting tools share this one configuration, so a migrated file is already in canonical form. They
also share how a file is read before it is rewritten (:func:`read_strictly`: the way ``kompiler check``
reads it, so a duplicate key, bad UTF-8, deep nesting or a FIFO is a located diagnostic and the file is
left alone), how the result is compared with what was read (:func:`plain`, :func:`identical`), which
line break it is written with (:func:`line_break`: the file's own, so a Windows checkout stays CRLF and
no file ends up with both), whether it begins with a byte order mark (:func:`byte_order_mark`: if it did),
and how it is written (:func:`rewrite`: every file or none, each keeping its
permissions and owner, never half written, also when SIGTERM or Ctrl+C arrives, and none when one is
read-only).
"""

from __future__ import annotations

import codecs
import io
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import ScalarNode

from kompiler.check.load import Document, load_bytes
from kompiler.diagnostics import Diagnostic, Message, Severity
from kompiler.project import unreadable
from kompiler.runtime.signals import signals_deferred

__all__ = [
    "ChangedMeanwhile",
    "NotRewritten",
    "ReadOnly",
    "Unwritable",
    "YAMLError",
    "dump",
    "identical",
    "line_break",
    "load",
    "plain",
    "read_strictly",
    "rewrite",
    "yaml_instance",
]

LINE_WIDTH = 100


class _Emitter(Emitter):
    """Where the emitter decides a scalar needs quotes, use double quotes, the style the standards use;
    a style the file already had (kept by ``preserve_quotes``) is left as it is.

    A scalar followed by an end-of-line comment is never folded over lines: the comment then stays on
    the line where the value starts, which is the line a waiver written there covers.
    """

    def choose_scalar_style(self) -> Any:
        style = super().choose_scalar_style()
        requested = getattr(self.event, "style", None)
        return '"' if style == "'" and requested != "'" else style

    def write_plain(self, text: Any, split: bool = True) -> None:
        with self._one_line():
            super().write_plain(text, split)

    def write_double_quoted(self, text: Any, split: bool = True) -> None:
        with self._one_line():
            super().write_double_quoted(text, split)

    def write_single_quoted(self, text: Any, split: bool = True) -> None:
        with self._one_line():
            super().write_single_quoted(text, split)

    @contextmanager
    def _one_line(self) -> Iterator[None]:
        """While a commented scalar is written, no line is too long (the emitter also breaks before a
        word that would cross the width when told not to fold)."""
        if not self._commented():
            yield
            return
        width, self.best_width = self.best_width, sys.maxsize
        try:
            yield
        finally:
            self.best_width = width

    def _commented(self) -> bool:
        comment = getattr(self.event, "comment", None)
        return bool(comment) and comment[0] is not None and comment[0].value.lstrip().startswith("#")


class _Constructor(RoundTripConstructor):
    """Reads a number written with ``_`` (``1_000``, ``._``) as the text it is, as the strict loader does.

    YAML 1.2's core schema has no ``_`` in numbers, but the round-trip library's resolver still takes
    them for numbers: ``1_000`` would become 1000 behind the drafter's back, and ``._`` cannot be
    converted at all. Read as text, the value is the strict loader's, and the dump quotes it.
    """

    def construct_number(self, node: ScalarNode) -> Any:
        if "_" in node.value:
            return self.construct_yaml_str(node)
        if node.tag.endswith(":int"):
            return RoundTripConstructor.construct_yaml_int(self, node)
        return RoundTripConstructor.construct_yaml_float(self, node)


_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_number)
_Constructor.add_constructor("tag:yaml.org,2002:float", _Constructor.construct_number)


def yaml_instance(*, preserve_quotes: bool = False, width: int = LINE_WIDTH) -> YAML:
    """A round-trip YAML with the canonical layout: 2-space mappings, list dashes indented under the key."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.Emitter = _Emitter
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = width
    yaml.allow_unicode = True
    yaml.preserve_quotes = preserve_quotes
    return yaml


def load(text: str, *, preserve_quotes: bool = False) -> Any:
    """Load for rewriting; ``preserve_quotes`` keeps each scalar's quoting (a migration changes only
    what it must), without it the dump chooses quoting afresh (the formatter's canonical form)."""
    return yaml_instance(preserve_quotes=preserve_quotes).load(text)


# A dumper for each width, reused by the next dump: setting one up took two thirds as long as dumping
# a position's own three values, which an import of 3,000 positions does once for each.
_DUMPERS: dict[int, YAML] = {}


def dump(data: Any, *, width: int = LINE_WIDTH) -> str:
    """Dump with the canonical layout; a large ``width`` keeps long lines as they are (no folding).

    The dumper is taken out while it dumps and put back only when the dump succeeded: after a failure
    the library still holds that dump's state (its output, the objects it had represented), which
    would leak into the next one; a dump within a dump gets a dumper of its own."""
    yaml = _DUMPERS.pop(width, None) or yaml_instance(width=width)
    stream = io.StringIO()
    yaml.dump(data, stream)
    _DUMPERS[width] = yaml
    return stream.getvalue()


def read_strictly(display: str, reader: Callable[[], bytes]) -> tuple[Document | None, list[Diagnostic]]:
    """Read a file (``reader``: its bytes, from :func:`kompiler.reading.read_limited` or the like) and load
    it with the strict loader; the document is ``None`` when anything in it is an error, and the
    diagnostics say where (``display`` names the file in them)."""
    try:
        raw = reader()
    except OSError as error:
        return None, [unreadable(display, error)]
    loaded = load_bytes(display, raw)
    if loaded.document is None or any(d.severity is Severity.ERROR for d in loaded.diagnostics):
        return None, loaded.diagnostics
    return loaded.document, loaded.diagnostics


def plain(node: Any) -> Any:
    """The round-trip tree ``node`` as the plain values the strict loader gives (dict, list, str, int,
    float, bool, None), for comparing the two."""
    if isinstance(node, dict):
        return {str(key): plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(item) for item in node]
    for kind in (bool, int, float, str):
        if isinstance(node, kind):
            return kind(node)
    return node


def identical(left: Any, right: Any) -> bool:
    """Equal values of equal types all the way down (key order aside): ``1``, ``1.0`` and ``true``
    compare equal in Python but are different values in a standard."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(identical(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(identical(a, b) for a, b in zip(left, right, strict=True))
    return bool(left == right)


def line_break(text: str) -> str:
    """The line break ``text`` mostly uses: CRLF (a file edited on Windows, or checked out there with
    ``core.autocrlf``) or LF. Rewriting tools work on LF text and write the result with this one, so
    that a rewritten file keeps its convention and never mixes the two."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf >= text.count("\n") - crlf else "\n"


def byte_order_mark(raw: bytes) -> bytes:
    """The UTF-8 byte order mark when ``raw`` starts with one, which the rewritten file keeps, as black
    and prettier keep it: the check accepts it, and an editor that writes it (Windows tools do) would
    write it back on every save, so dropping it would make ``fmt --check`` fail over an invisible byte
    after each one. One is kept; a second, from a file saved twice by a careless tool, is not."""
    return codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""


class NotRewritten(Exception):
    """No file was rewritten because of the file ``path`` (not the temporary file beside it); ``reason``
    says what is wrong with it, after its name."""

    def __init__(self, path: Path, reason: Message) -> None:
        super().__init__(f"{path}: {reason.en}")
        self.path = path
        self.reason = reason

    def message(self, shown: str) -> Message:
        return Message(f"{shown} {self.reason.id}", f"{shown} {self.reason.en}")


class Unwritable(NotRewritten):
    """A file cannot be rewritten (a read-only folder, a full disk); ``cause`` is the system's reason."""

    def __init__(self, path: Path, cause: str) -> None:
        super().__init__(
            path,
            Message(
                f"tidak dapat ditulis ({cause}); tidak ada berkas yang diubah.",
                f"cannot be written ({cause}); no file was changed.",
            ),
        )


class ReadOnly(NotRewritten):
    """A file is read-only: nobody may write it, or this user may not. Replacing it through its
    folder would still work, but whoever made it so (``chmod a-w`` on the national dictionaries, a
    colleague's file in a shared folder) did not want it changed."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            Message(
                "hanya dapat dibaca (tanpa izin tulis); tidak ada berkas yang diubah. Beri izin tulis "
                "(chmod u+w) bila berkas ini memang boleh diubah.",
                "is read-only (no write permission); no file was changed. Give it write permission "
                "(chmod u+w) if it may be changed.",
            ),
        )


class ChangedMeanwhile(NotRewritten):
    """A file no longer holds what was read from it: someone saved it while the tool ran."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            Message(
                "diubah orang atau program lain selama perintah ini berjalan; tidak ada berkas yang diubah, "
                "agar suntingan itu tidak hilang. Jalankan perintah ini lagi.",
                "was changed by someone or something else while this command ran; no file was changed, so "
                "that edit is not lost. Run this command again.",
            ),
        )


def rewrite(files: Mapping[Path, tuple[bytes, bytes]]) -> None:
    """Give every file in ``files`` its new bytes, all or none, each keeping its permissions and owner:
    ``files`` maps a path to the bytes it was read with and the bytes it gets.

    Each new text is written to a temporary file beside the file it replaces first (where a full or
    read-only disk fails, and then every temporary file is removed); only when all are written, and
    every file still holds the bytes it was read with, do they take their names, with SIGINT and
    SIGTERM held meanwhile, since a rename cannot fail for want of space and an interrupt must not leave
    some files new and others old. A file saved by the drafter or their editor while the tool ran
    (formatting a large project takes minutes) raises :class:`ChangedMeanwhile` and nothing is
    replaced, so that edit is never lost. A link inside the project is followed, so the file it names is
    rewritten and the link stays. A read-only file raises :class:`ReadOnly` and one that cannot be
    written :class:`Unwritable`, naming it.
    """
    staged: list[tuple[str, Path, Path, bytes]] = []
    try:
        for target, (read, data) in files.items():
            real = Path(os.path.realpath(target))
            if _read_only(real):
                raise ReadOnly(target)
            try:
                staged.append((_staged(real, data), real, target, read))
            except OSError as error:
                raise Unwritable(target, error.strerror or str(error)) from error
        with signals_deferred():
            for _, real, target, read in staged:
                if not _holds(real, read):
                    raise ChangedMeanwhile(target)
            for temporary, real, _, _ in staged:
                os.replace(temporary, real)
    except BaseException:
        for temporary, *_ in staged:
            with suppress(FileNotFoundError):
                os.unlink(temporary)
        raise


def _read_only(path: Path) -> bool:
    """Whether ``path`` has no write permission for anyone (which root would override), or none for
    this user; a file that cannot even be looked at is left for writing it to say why."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not mode & 0o222 or not os.access(path, os.W_OK)


def _holds(path: Path, expected: bytes) -> bool:
    """Whether ``path`` holds exactly ``expected``, reading no more than one byte beyond it."""
    try:
        with path.open("rb") as stream:
            return stream.read(len(expected) + 1) == expected
    except OSError:
        return False


def _staged(target: Path, data: bytes) -> str:
    """A temporary file beside ``target`` holding ``data``, with ``target``'s permissions and, where the
    system lets this user give it (root, or the owner's own group), its owner and group: fmt run as root
    in a container must not leave a contributor's files owned by root."""
    before = os.stat(target)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            if (before.st_uid, before.st_gid) != (os.geteuid(), os.getegid()):
                with suppress(PermissionError):
                    os.fchown(stream.fileno(), before.st_uid, before.st_gid)
            os.fchmod(stream.fileno(), before.st_mode & 0o7777)
    except BaseException:
        os.unlink(temporary)
        raise
    return temporary
