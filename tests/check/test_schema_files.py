"""The schemas are strict and self-describing, and every standards file is wired to its schema for editors."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from kompiler.project import kind_of

REPO = Path(__file__).parents[2]
SCHEMAS = sorted((REPO / "schemas").glob("*.schema.json"))
STANDARDS = sorted(p for p in (REPO / "standards").rglob("*.yaml"))
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def objects(node: Any, pointer: str = "#") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            found.append((pointer, node))
        for key, value in node.items():
            found.extend(objects(value, f"{pointer}/{key}"))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(objects(value, f"{pointer}/{index}"))
    return found


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_strict_and_described(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    # No $id: a $ref then resolves beside the file itself, offline, in any validator or editor.
    assert "$id" not in schema
    assert schema.get("description")
    for pointer, node in objects(schema):
        assert node.get("additionalProperties") is False, f"{path.name} {pointer} accepts unknown keys"
        for name, prop in node["properties"].items():
            described = "description" in prop or "$ref" in prop
            assert described, f"{path.name} {pointer}/properties/{name} has no description"


@pytest.mark.parametrize("path", STANDARDS, ids=lambda p: p.relative_to(REPO / "standards").as_posix())
def test_standards_file_names_its_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = SCHEMA_LINE.match(first)
    assert match, f"{path} does not start with a yaml-language-server schema line"
    target = (path.parent / match.group(1)).resolve()
    assert target.is_file(), f"{path} points at a missing schema {target}"
    kind = kind_of(path.relative_to(REPO / "standards").as_posix())
    assert kind is not None and target.name == f"{kind.value}.schema.json"


def test_every_sentence_a_schema_says_to_a_drafter_has_its_english() -> None:
    """A pattern's sentence and the description beside it reach KMP011's messages, in English too: the
    schemas carry the English in ``x-`` keys, which editors and validators ignore."""
    missing = []
    for path in SCHEMAS:
        for pointer, node in _nodes(json.loads(path.read_text(encoding="utf-8"))):
            if "patternErrorMessage" in node and "x-patternErrorMessage-en" not in node:
                missing.append(f"{path.name} {pointer}: x-patternErrorMessage-en")
            if "pattern" in node and "description" in node and "x-description-en" not in node:
                missing.append(f"{path.name} {pointer}: x-description-en")
    assert missing == []


def _nodes(node: Any, pointer: str = "#") -> list[tuple[str, dict[str, Any]]]:
    """Every schema object in ``node``, with where it is."""
    found: list[tuple[str, dict[str, Any]]] = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    if isinstance(node, dict):
        found.append((pointer, node))
    for key, value in items:
        found.extend(_nodes(value, f"{pointer}/{key}"))
    return found
