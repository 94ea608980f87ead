"""JSON Schema validation of each loaded document, with every violation located at the offending node.

Validation is two-speed: a compiled (Rust) validator answers "valid?" in microseconds, and only a
document that fails is walked again for its errors, which are then translated into sentences a drafter
understands and pointed at the exact key or value, never at the document root.
"""

from __future__ import annotations

import difflib
import json
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import Any

import jsonschema_rs

from kompiler.check.load import MAX_DIAGNOSTICS, Document, Pointer, too_many
from kompiler.diagnostics import Diagnostic, Location, Message, Severity, Span
from kompiler.project import FileKind
from kompiler.resources import data_dir

CODE_SCHEMA = "KMP011"

_TYPE_NAMES = {
    "string": ("teks", "text"),
    "integer": ("bilangan bulat", "an integer"),
    "number": ("bilangan", "a number"),
    "boolean": ("boolean (true/false)", "a boolean (true/false)"),
    "object": ("peta (kunci: nilai)", "a mapping (key: value)"),
    "array": ('daftar (butir diawali "-")', 'a list (items starting with "-")'),
    "null": ("kosong", "empty"),
}

_FORMAT_NAMES = {
    "date": ("tanggal", "date"),
    "email": ("alamat surel", "e-mail address"),
    "uri": ("URI", "URI"),
}


@dataclass(frozen=True)
class SchemaResult:
    """Diagnostics of one document and the pointers of the nodes that broke the schema."""

    diagnostics: list[Diagnostic]
    invalid: frozenset[Pointer]


# The schemas carry no ``$id``: each is named by where it is read from, so the relative ``$ref``s
# (``_common.schema.json#/$defs/…``) resolve beside the file for any validator or editor, offline. kompiler
# itself names them under this fixed base, not their folder's path, so an error's keyword location and the
# check cache's key do not depend on where kompiler is installed.
SCHEMA_BASE = "kompiler:/schemas/"


class SchemaSet:
    """All shipped schemas, their compiled validators, and the resources needed to explain errors."""

    def __init__(self, folder: Path | None = None) -> None:
        folder = folder or data_dir("schemas")
        self.resources: dict[str, dict[str, Any]] = {}
        self.by_kind: dict[FileKind, str] = {}
        for path in sorted(folder.glob("*.schema.json")):
            uri = SCHEMA_BASE + path.name
            self.resources[uri] = json.loads(path.read_text(encoding="utf-8"))
            kind_name = path.name.removesuffix(".schema.json")
            if kind_name in FileKind._value2member_map_:
                self.by_kind[FileKind(kind_name)] = uri
        registry = jsonschema_rs.Registry(list(self.resources.items()))
        self.validators = {
            kind: jsonschema_rs.Draft202012Validator(
                self.resources[uri],
                registry=registry,
                base_uri=uri,
                validate_formats=True,
                offline=True,
            )
            for kind, uri in self.by_kind.items()
        }

    def schema_uri(self, kind: FileKind) -> str:
        return self.by_kind[kind]

    def validate(self, document: Document, kind: FileKind) -> SchemaResult:
        validator = self.validators[kind]
        if validator.is_valid(document.data):
            return SchemaResult([], frozenset())
        diagnostics: list[Diagnostic] = []
        invalid: set[Pointer] = set()
        omitted = 0
        first_omitted: Pointer = ()
        for error in _one_per_mistake(validator.iter_errors(document.data), self._meant):
            pointer = tuple(error.instance_path)
            invalid.add(pointer)
            if pointer in document.replaced:
                continue
            if len(diagnostics) < MAX_DIAGNOSTICS:
                diagnostics.extend(self._explain(document, error, pointer))
                continue
            # The rest are still marked invalid (left out of later stages), but neither explained nor
            # located one by one: that is where the time and memory of a hostile file go.
            if not omitted:
                first_omitted = pointer
            omitted += 1
        if omitted:
            diagnostics.append(too_many(document.path, omitted, document.span(first_omitted)))
        return SchemaResult(diagnostics, frozenset(invalid))

    def keyword_schema(self, location: str) -> dict[str, Any]:
        """The subschema that holds the failing keyword, from the error's absolute keyword location."""
        uri, _, fragment = location.partition("#")
        node: Any = self.resources.get(uri, {})
        parts = [p.replace("~1", "/").replace("~0", "~") for p in fragment.split("/") if p]
        for part in parts[:-1]:
            if isinstance(node, dict):
                node = node.get(part, {})
            elif isinstance(node, list) and part.isdigit():
                node = node[int(part)]
        return node if isinstance(node, dict) else {}

    def _meant(self, error: Any) -> set[str]:
        """The known keys an unknown-key error suggests ("Did you mean …?") for its misspelled keys."""
        if type(error.kind).__name__ != "AdditionalProperties":
            return set()
        allowed = sorted(self.keyword_schema(error.absolute_keyword_location or "").get("properties", {}))
        return {close for key in error.kind.unexpected for close in _closest(key, allowed)}

    def _explain(self, document: Document, error: Any, pointer: Pointer) -> list[Diagnostic]:
        kind = error.kind
        name = type(kind).__name__
        owner = self.keyword_schema(error.absolute_keyword_location or "")
        value = error.instance
        where = document.location(pointer)
        if name == "AdditionalProperties":
            allowed = sorted(owner.get("properties", {}))
            return [
                _diagnostic(document.location((*pointer, key), key=True), _unknown_key(key, allowed))
                for key in kind.unexpected
            ]
        if name == "Required":
            prop = kind.property
            message = Message(f"Kunci wajib {prop!r} tidak ada.", f"The required key {prop!r} is missing.")
            described = owner.get("properties", {}).get(prop, {}).get("description")
            if described:
                message = Message(f"{message.id} ({described})", message.en)
            return [_diagnostic(_first_line(document, where), message)]
        return [_diagnostic(where, _message_for(name, kind, value, owner, error))]


def _one_per_mistake(errors: Iterable[Any], meant: Callable[[Any], set[str]]) -> Iterator[Any]:
    """The validator's errors without those that repeat another error of the same value.

    A date written ``"01-04-2026"`` breaks both the date schema's pattern and its format; the two would
    be reported at the same place for one mistake. The pattern's message is kept: it names the shape
    to write (TTTT-BB-HH), while "not a valid date" suggests a day that does not exist. Likewise a
    required key written misspelled (``nma:`` for ``nama:``) is one mistake: the unknown key's "Did you
    mean 'nama'?" (``meant``) is kept, not also "the required key 'nama' is missing". A value's errors
    come one after another, so this streams, as the validation does.
    """
    for _, group in groupby(errors, key=lambda error: tuple(error.instance_path)):
        found = list(group)
        names = {type(error.kind).__name__ for error in found}
        suggested = set().union(*map(meant, found))
        yield from (
            e
            for e in found
            if not ("Pattern" in names and type(e.kind).__name__ == "Format")
            and not (type(e.kind).__name__ == "Required" and e.kind.property in suggested)
        )


def _diagnostic(location: Location, message: Message) -> Diagnostic:
    return Diagnostic(Severity.ERROR, CODE_SCHEMA, message, location)


def _first_line(document: Document, location: Location) -> Location:
    """Shrink a mapping's span to its first line, so a missing key points where the mapping starts."""
    span = location.span
    if span is None or span.end_line == span.line:
        return location
    end_column = max(len(document.line_text(span.line)) + 1, span.column + 1)
    return Location(location.file, Span(span.line, span.column, span.line, end_column))


def _closest(key: str, allowed: list[str]) -> list[str]:
    """The known key an unknown ``key`` most likely misspells, if any (at most one)."""
    return difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)


def _unknown_key(key: str, allowed: list[str]) -> Message:
    close = _closest(key, allowed)
    if close:
        return Message(
            f"Kunci {key!r} tidak dikenal di sini. Maksud Anda {close[0]!r}?",
            f"Unknown key {key!r} here. Did you mean {close[0]!r}?",
        )
    listing = ", ".join(allowed)
    return Message(
        f"Kunci {key!r} tidak dikenal di sini. Kunci yang dikenal: {listing}.",
        f"Unknown key {key!r} here. Known keys: {listing}.",
    )


def _type_names(types: list[str]) -> tuple[str, str]:
    names = [_TYPE_NAMES.get(t, (t, t)) for t in types]
    return " atau ".join(n[0] for n in names), " or ".join(n[1] for n in names)


def _actual_type(value: Any) -> tuple[str, str]:
    if isinstance(value, bool):
        return _TYPE_NAMES["boolean"]
    if isinstance(value, int):
        return _TYPE_NAMES["integer"]
    if isinstance(value, float):
        return _TYPE_NAMES["number"]
    if isinstance(value, str):
        return _TYPE_NAMES["string"]
    if isinstance(value, dict):
        return _TYPE_NAMES["object"]
    if isinstance(value, list):
        return _TYPE_NAMES["array"]
    return _TYPE_NAMES["null"]


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _hint(owner: dict[str, Any]) -> tuple[str, str]:
    """What the schema says a value should be, in Indonesian (``description``) and English
    (``x-description-en``: the schemas are written in Indonesian for the drafters' editors, which ignore
    ``x-`` keys), each with the example (``x-contoh``) unless it already names it."""
    example = owner.get("x-contoh")
    return (
        _described(owner.get("description", ""), example, "Contoh"),
        _described(owner.get("x-description-en", ""), example, "Example"),
    )


def _described(description: str, example: str | None, word: str) -> str:
    parts = [description] if description else []
    if example and example not in description:
        parts.append(f"{word}: {example}.")
    return f" {' '.join(parts)}" if parts else ""


def _pattern_message(value: Any, owner: dict[str, Any], hint_id: str, hint_en: str) -> Message:
    """What a value that breaks its pattern should look like, never just "not the expected format": the
    schema's ``patternErrorMessage`` (the sentence VS Code's YAML extension shows as the drafter types)
    and its English, ``x-patternErrorMessage-en``, else the pattern itself beside the description and
    example."""
    pattern = owner.get("pattern", "")
    said_id, said_en = owner.get("patternErrorMessage"), owner.get("x-patternErrorMessage-en")
    unseen_id, unseen_en = _unseen_character(value)
    if said_id and said_en:
        return Message(
            f"Nilai {_show(value)} tidak sesuai format yang diharapkan: {said_id}{unseen_id}",
            f"The value {_show(value)} does not have the expected format: {said_en}{unseen_en}",
        )
    return Message(
        f"Nilai {_show(value)} tidak sesuai format yang diharapkan (pola {pattern}).{hint_id}{unseen_id}",
        f"The value {_show(value)} does not have the expected format (pattern {pattern}).{hint_en}{unseen_en}",
    )


# Unicode categories of characters that show nothing, or nothing of their own: format characters (zero
# width joiners and spaces, soft hyphens), controls, combining marks and separators other than a space.
_UNSEEN = frozenset({"Cf", "Cc", "Mn", "Me", "Zs", "Zl", "Zp"})


def _unseen_character(value: Any) -> tuple[str, str]:
    """A sentence naming the first character of ``value`` that the quoted value cannot show the drafter:
    an invisible one, or a Cyrillic or Greek letter that looks like a Latin one (``А`` for ``A``), pasted
    from a document or a chat; ``("", "")`` when there is none. Without it, "JPT-UTAMA" breaking the
    pattern of codes reads as a false alarm."""
    if not isinstance(value, str):
        return "", ""
    for place, char in enumerate(value, start=1):
        name = unicodedata.name(char, "")
        label = f"U+{ord(char):04X}{f' {name}' if name else ''}"
        if unicodedata.category(char) in _UNSEEN and char != " ":
            return (
                f" Karakter ke-{place} adalah karakter tak terlihat ({label}); hapus karakter itu.",
                f" Character {place} is an invisible character ({label}); delete it.",
            )
        if name.startswith(("CYRILLIC", "GREEK")):
            return (
                f" Karakter ke-{place}, {char}, bukan huruf Latin ({label}); ketik ulang huruf itu.",
                f" Character {place}, {char}, is not a Latin letter ({label}); type it again.",
            )
    return "", ""


def _message_for(name: str, kind: Any, value: Any, owner: dict[str, Any], error: Any) -> Message:
    params = kind.as_dict() if hasattr(kind, "as_dict") else {}
    hint_id, hint_en = _hint(owner)
    if name == "Type":
        expected = params.get("types") or [owner.get("type", "")]
        if isinstance(expected, str):
            expected = [expected]
        want_id, want_en = _type_names(list(expected))
        got_id, got_en = _actual_type(value)
        return Message(
            f"Harus berupa {want_id}, bukan {got_id}.{hint_id}", f"Must be {want_en}, not {got_en}.{hint_en}"
        )
    if name == "Enum":
        options = params.get("options") or owner.get("enum", [])
        listing = ", ".join(str(o) for o in options)
        close = difflib.get_close_matches(str(value), [str(o) for o in options], n=1, cutoff=0.6)
        guess_id = f" Maksud Anda {close[0]!r}?" if close else ""
        guess_en = f" Did you mean {close[0]!r}?" if close else ""
        return Message(
            f"Nilai {_show(value)} tidak diperbolehkan; pilihannya: {listing}.{guess_id}",
            f"The value {_show(value)} is not allowed; choose one of: {listing}.{guess_en}",
        )
    if name == "Constant":
        expected = owner.get("const")
        return Message(
            f"Nilai harus {_show(expected)}, bukan {_show(value)}.{hint_id}",
            f"The value must be {_show(expected)}, not {_show(value)}.{hint_en}",
        )
    if name == "Pattern":
        return _pattern_message(value, owner, hint_id, hint_en)
    if name == "Format":
        format_id, format_en = _FORMAT_NAMES.get(
            params.get("format", ""), (params.get("format"), params.get("format"))
        )
        return Message(
            f"Nilai {_show(value)} bukan {format_id} yang sah.{hint_id}",
            f"The value {_show(value)} is not a valid {format_en}.{hint_en}",
        )
    if name in {"Minimum", "ExclusiveMinimum"}:
        limit = owner.get("minimum", owner.get("exclusiveMinimum"))
        return Message(
            f"Nilai {_show(value)} kurang dari batas bawah {limit}.{hint_id}",
            f"The value {_show(value)} is below the minimum {limit}.{hint_en}",
        )
    if name in {"Maximum", "ExclusiveMaximum"}:
        limit = owner.get("maximum", owner.get("exclusiveMaximum"))
        return Message(
            f"Nilai {_show(value)} melebihi batas atas {limit}.{hint_id}",
            f"The value {_show(value)} exceeds the maximum {limit}.{hint_en}",
        )
    if name == "MinItems":
        limit = owner.get("minItems")
        return Message(
            f"Daftar ini harus berisi paling sedikit {limit} butir.",
            f"This list needs at least {limit} item(s).",
        )
    if name == "MaxItems":
        limit = owner.get("maxItems")
        return Message(
            f"Daftar ini paling banyak {limit} butir.", f"This list takes at most {limit} item(s)."
        )
    if name == "MinLength":
        return Message("Teks ini tidak boleh kosong.", "This text must not be empty.")
    if name == "UniqueItems":
        return Message("Butir daftar ini tidak boleh berulang.", "The items of this list must not repeat.")
    if name == "PropertyNames":
        return Message(
            f"Nama kunci dalam peta ini tidak sah: {error.message}.",
            f"A key in this mapping is invalid: {error.message}.",
        )
    return Message(f"Tidak sesuai skema: {error.message}.", f"Does not match the schema: {error.message}.")


@cache
def shipped_schemas() -> SchemaSet:
    """The schemas that ship with kompiler, compiled once per process."""
    return SchemaSet()
