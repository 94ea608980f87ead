"""The round-trip dumper is set up once and reused; a dump that fails must not spoil the next one."""

from __future__ import annotations

import pytest
from ruamel.yaml.representer import RepresenterError

from kompiler.authoring.roundtrip import dump


def test_a_dump_after_a_failed_one_is_whole() -> None:
    """The library keeps a failed dump's output and represented objects; the next dump gets none of it."""
    expected = dump({"kode": "A", "level": [1, 2]})
    with pytest.raises(RepresenterError):
        dump({"kode": "B", "level": [object()]})
    assert dump({"kode": "A", "level": [1, 2]}) == expected == "kode: A\nlevel:\n  - 1\n  - 2\n"
