"""Every rule's bad example raises its code and its good example raises nothing, run where the example says.

``kompiler explain`` shows each rule's examples; this harness puts each snippet into a copy of the base
project its :class:`~kompiler.rules.base.Example` names and compiles it, so an example that no longer
shows what its rule does fails here, not in front of a reader.
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from kompiler.pipeline import compile_path
from kompiler.rules import registry
from kompiler.rules.base import Example, Placement
from tests.conftest import FIXTURES, REPO

BASES = {"minimal": FIXTURES / "minimal", "standards": REPO / "standards"}
IDENTITY = ("kode", "level", "nomor")  # the key that names a list entry, in the order looked for
HEADER = re.compile(r"^# (\S+\.yaml)\s*$", re.M)


def _identity(entry: Any) -> tuple[str, Any] | None:
    if isinstance(entry, dict):
        for key in IDENTITY:
            if key in entry:
                return key, entry[key]
    return None


def _merged(base: Any, snippet: Any, by_entry: bool) -> Any:
    """``snippet`` merged into ``base``: mappings key by key; lists entry by entry if ``by_entry``, else
    replaced whole.

    A new entry starts as a copy of the entry before it, so that a snippet naming only its code still
    gives it every field the schema asks for.
    """
    if isinstance(base, dict) and isinstance(snippet, dict):
        return {
            **base,
            **{
                key: _merged(base[key], value, by_entry) if key in base else value
                for key, value in snippet.items()
            },
        }
    if (
        by_entry
        and isinstance(base, list)
        and isinstance(snippet, list)
        and snippet
        and all(map(_identity, snippet))
    ):
        merged = list(base)
        for entry in snippet:
            same = [index for index, old in enumerate(merged) if _identity(old) == _identity(entry)]
            if same:
                merged[same[0]] = _merged(merged[same[0]], entry, by_entry)
            else:
                merged.append(_merged(copy.deepcopy(merged[-1]), entry, by_entry) if merged else entry)
        return merged
    return snippet


def _step(node: Any, key: str) -> Any:
    """The value under ``key`` of a mapping, or the entry of a list whose kode is ``key``."""
    if isinstance(node, list):
        return next(entry for entry in node if _identity(entry) == ("kode", key))
    return node[key]


def _placed(document: Any, example: Example, snippet: Any) -> Any:
    """The document with ``snippet`` merged in at the example's key path as its placement says."""
    document = document if document is not None else {}
    target = document
    for key in example.at:
        target = _step(target, key)
    target.update(_merged(target, snippet, by_entry=example.placement is Placement.MERGE))
    return document


def _parts(example: Example) -> list[tuple[str, str]]:
    """(file, YAML text) for each part of the snippet: one per ``# <path>.yaml`` line, else ``file``."""
    pieces = HEADER.split(example.snippet)
    if len(pieces) == 1:
        return [(example.file, example.snippet)]
    return list(zip(pieces[1::2], pieces[2::2], strict=True))


def _run(example: Example, root: Path) -> set[str]:
    """Compile a copy of the example's base with its snippet in place; the codes it reports."""
    shutil.copytree(BASES[example.base], root, ignore=shutil.ignore_patterns(".kompiler-cache"))
    for relative, text in _parts(example):
        path = root / relative
        start = path if path.exists() or relative == example.file else root / example.file
        document = yaml.safe_load(start.read_text(encoding="utf-8")) if start.exists() else None
        document = _placed(document, example, yaml.safe_load(text))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return {diagnostic.code for diagnostic in compile_path(root).diagnostics}


@pytest.mark.parametrize("code", list(registry()))
def test_bad_example_raises_the_rule(code: str, tmp_path: Path) -> None:
    examples = registry()[code].examples
    assert examples, f"{code} has no examples"
    assert code in _run(examples[0], tmp_path / "standar")


@pytest.mark.parametrize("code", list(registry()))
def test_good_example_is_clean(code: str, tmp_path: Path) -> None:
    examples = registry()[code].examples
    assert examples, f"{code} has no examples"
    raised = _run(examples[1], tmp_path / "standar")
    assert not raised, f"the good example of {code} raises {sorted(raised)}: it must be clean as a whole"
