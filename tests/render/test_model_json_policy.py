"""``model.json`` carries the development policy in the words of pengembangan/: with the nulls of absent
optional keys left out, each section is again a valid pengembangan/ file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema_rs

from kompiler.pipeline import compile_path
from kompiler.render.model_json import model_dict
from kompiler.resources import data_dir
from tests.conftest import FIXTURES, REPO


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_nulls(item) for item in value]
    return value


def _validator() -> jsonschema_rs.Draft202012Validator:
    folder = data_dir("schemas")
    schemas = {
        path.as_uri(): json.loads(path.read_text(encoding="utf-8")) for path in folder.glob("*.schema.json")
    }
    policy = (folder / "pengembangan.schema.json").as_uri()
    registry = jsonschema_rs.Registry(list(schemas.items()))
    return jsonschema_rs.Draft202012Validator(schemas[policy], registry=registry, base_uri=policy)


def test_the_shipped_policy_reads_back_as_a_valid_file() -> None:
    policy = model_dict(compile_path(REPO / "standards").corpus)["pengembangan"]
    document = _without_nulls(policy)
    errors = [error.message for error in _validator().iter_errors(document)]
    assert errors == []
    assert set(document) == {
        "kecocokan",
        "rencana",
        "bentuk_pembelajaran",
        "katalog",
        "talenta",
        "penyetaraan",
    }
    codes = [activity["kode"] for activity in policy["katalog"]]
    shipped = (REPO / "standards" / "pengembangan" / "katalog.yaml").read_text(encoding="utf-8")
    assert codes == sorted(codes) and len(codes) == shipped.count("\n  - kode: ")
    assert policy["kecocokan"]["tujuan"]["pengisian"]["kategori"][1] == {
        "kode": "masih_memenuhi_syarat",
        "nama": "Masih Memenuhi Syarat",
        "minimal": 68,
    }
    assert policy["penyetaraan"][0] == {
        "jenjang": "ADMINISTRATOR",
        "setara": "AHLI-MADYA",
        "sumber": {"kode": "PERMENPANRB-17-2021", "pasal": None},
        "keyakinan": "terverifikasi",
        "catatan": None,
    }
    assert json.dumps(policy, ensure_ascii=False, sort_keys=False)  # plain JSON values only


def test_a_project_without_policy_says_so(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "p")
    policy = model_dict(compile_path(tmp_path / "p").corpus)["pengembangan"]
    assert policy == {
        "kecocokan": None,
        "rencana": None,
        "bentuk_pembelajaran": [],
        "katalog": [],
        "talenta": None,
        "penyetaraan": [],
    }
