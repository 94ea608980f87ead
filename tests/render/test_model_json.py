"""``model.json`` speaks the YAML format: every key a drafter can write is there under the same name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kompiler.pipeline import compile_path
from kompiler.render.model_json import model_dict

SCHEMAS = Path(__file__).parents[2] / "schemas"


def _keys(schema: str, *path: str) -> set[str]:
    node = json.loads((SCHEMAS / f"{schema}.schema.json").read_text(encoding="utf-8"))
    for part in path:
        node = node[part]
    return set(node["properties"])


@pytest.mark.parametrize(
    ("section", "schema", "path"),
    [
        ("jabatan", "jabatan", ()),
        ("jenjang", "jenjang", ("properties", "jenjang", "items")),
        ("rumpun", "rumpun", ("properties", "rumpun", "items")),
        ("sumber", "sumber", ("properties", "sumber", "items")),
    ],
)
def test_every_key_of_the_format_is_in_the_model(built: Path, section: str, schema: str, path: tuple) -> None:
    model = json.loads((built / "model.json").read_text(encoding="utf-8"))
    assert model[section]
    for entity in model[section]:
        assert _keys(schema, *path) <= set(entity), entity["kode"]


def test_rated_requirement_keeps_its_importance(minimal_project: Path) -> None:
    path = minimal_project / "jabatan" / "analis-keuangan.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    - kode: T.KEU.01\n      level: 3\n"
    assert old in text
    path.write_text(text.replace(old, old + "      kepentingan: 4.5\n", 1), encoding="utf-8")
    result = compile_path(minimal_project)
    assert result.ok
    technical = model_dict(result.corpus)["jabatan"][0]["kompetensi"]["teknis"]
    assert technical == [
        {"kode": "T.KEU.01", "level": 3, "kepentingan": 4.5},
        {"kode": "T.KEU.02", "level": 2},
    ]
