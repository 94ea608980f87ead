"""The canonical key order of each file kind: the order of ``properties`` in its JSON Schema.

The schema is the one place that lists every key, so it also decides their order: a drafter reading two
positions finds ``tugas`` after ``ikhtisar`` in both, and a diff never shows keys trading places.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from kompiler.project import FileKind
from kompiler.resources import data_dir


@dataclass
class KeyOrder:
    """Key order for one node: its own keys, and the order below each key and below list items."""

    keys: list[str] = field(default_factory=list)
    children: dict[str, KeyOrder] = field(default_factory=dict)
    items: KeyOrder | None = None

    def arranged(self, keys: list[str]) -> list[str]:
        """``keys`` in schema order, a key the schema does not name staying right after the key it
        follows (first, when it comes first), as the fmt module's docstring says why."""
        groups: list[list[str]] = []
        for key in keys:
            if key in self.keys or not groups:
                groups.append([key])
            else:
                groups[-1].append(key)
        return [key for group in sorted(groups, key=self._rank) for key in group]

    def _rank(self, group: list[str]) -> int:
        return self.keys.index(group[0]) if group[0] in self.keys else -1


@cache
def _schema(name: str) -> dict[str, Any]:
    return json.loads((data_dir("schemas") / name).read_text(encoding="utf-8"))


def _resolve(node: dict[str, Any], document: str) -> tuple[dict[str, Any], str]:
    """Follow ``$ref`` (within a schema or to another schema file) until a node without one."""
    seen = 0
    while "$ref" in node and seen < 32:
        seen += 1
        target, _, pointer = node["$ref"].partition("#")
        document = target or document
        node = _schema(document)
        for part in filter(None, pointer.split("/")):
            node = node[part]
    return node, document


def _order(node: dict[str, Any], document: str, depth: int = 0) -> KeyOrder:
    node, document = _resolve(node, document)
    order = KeyOrder()
    if depth > 16:
        return order
    properties = node.get("properties", {})
    order.keys = list(properties)
    for key, child in properties.items():
        order.children[key] = _order(child, document, depth + 1)
    if isinstance(node.get("items"), dict):
        order.items = _order(node["items"], document, depth + 1)
    if isinstance(node.get("additionalProperties"), dict):
        order.items = _order(node["additionalProperties"], document, depth + 1)
    return order


@cache
def key_order(kind: FileKind) -> KeyOrder:
    name = f"{kind.value}.schema.json"
    return _order(_schema(name), name)
