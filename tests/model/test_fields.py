"""The field table agrees with the shipped schemas: every key it maps is one the format has, and a key it
reads as always there is one the schema requires (an optional one read as required would fail on a valid
file; a required one read as optional would hide a default)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kompiler.model.fields import (
    DICTIONARY,
    EQUIVALENCE,
    FAMILY,
    GRADE,
    GROUNDS,
    LEARNING_ACTIVITY,
    LEARNING_FORM,
    POSITION,
    SOURCE,
    Field,
)
from kompiler.resources import data_dir


def _item_schema(file: str, *path: str) -> dict[str, Any]:
    schema = json.loads((data_dir("schemas") / file).read_text(encoding="utf-8"))
    for key in path:
        schema = schema["properties"][key]
        schema = schema.get("items", schema)
    return schema


@pytest.mark.parametrize(
    ("table", "schema"),
    [
        (SOURCE, _item_schema("sumber.schema.json", "sumber")),
        (GRADE, _item_schema("jenjang.schema.json", "jenjang")),
        (FAMILY, _item_schema("rumpun.schema.json", "rumpun")),
        (DICTIONARY, _item_schema("kamus.schema.json", "kamus")),
        (POSITION, _item_schema("jabatan.schema.json")),
        (LEARNING_FORM, _item_schema("pengembangan.schema.json", "bentuk_pembelajaran")),
        (LEARNING_ACTIVITY, _item_schema("pengembangan.schema.json", "katalog")),
        (EQUIVALENCE, _item_schema("pengembangan.schema.json", "penyetaraan")),
        (GROUNDS, _item_schema("pengembangan.schema.json", "kecocokan")),
        (GROUNDS, _item_schema("pengembangan.schema.json", "rencana")),
        (GROUNDS, _item_schema("pengembangan.schema.json", "rencana", "proporsi")),
        (GROUNDS, _item_schema("pengembangan.schema.json", "talenta")),
    ],
    ids=[
        "sumber",
        "jenjang",
        "rumpun",
        "kamus",
        "jabatan",
        "bentuk_pembelajaran",
        "katalog",
        "penyetaraan",
        "kecocokan",
        "rencana",
        "proporsi",
        "talenta",
    ],
)
def test_table_matches_schema(table: tuple[Field, ...], schema: dict[str, Any]) -> None:
    keys = {field.key for field in table}
    assert keys <= set(schema["properties"])
    assert {field.key for field in table if field.required} == keys & set(schema.get("required", ()))
