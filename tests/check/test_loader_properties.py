"""Property-based tests: the loader agrees with YAML on ordinary data and never fails on any bytes."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kompiler.check.load import load_bytes

pytestmark = pytest.mark.usefixtures("yaml_loader")

text = st.text(
    alphabet=st.characters(
        codec="utf-8", categories=("L", "Zs", "Pd", "Po"), exclude_characters="\x85\u2028\u2029"
    ),
    max_size=30,
)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-(10**9), 10**9), text)
documents = st.dictionaries(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12),
    st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
        max_leaves=20,
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=200, deadline=None)
@given(documents)
def test_dumped_yaml_loads_back_to_the_same_data(data: dict) -> None:
    source = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")
    result = load_bytes("f.yaml", source)
    assert result.diagnostics == []
    assert result.document is not None and result.document.data == data


@settings(max_examples=100, deadline=None)
@given(documents)
def test_crlf_and_bom_do_not_change_the_data(data: dict) -> None:
    source = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    plain = load_bytes("f.yaml", source.encode("utf-8"))
    windows = load_bytes("f.yaml", b"\xef\xbb\xbf" + source.replace("\n", "\r\n").encode("utf-8"))
    assert plain.document is not None and windows.document is not None
    assert plain.document.data == windows.document.data


@settings(max_examples=300, deadline=2000)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_document_or_a_diagnostic_never_an_exception(raw: bytes) -> None:
    result = load_bytes("f.yaml", raw)
    assert result.document is not None or result.diagnostics
