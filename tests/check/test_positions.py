"""Every position is a 1-based line and a 1-based column counted in characters, with lines ended only by
LF, CR LF and CR, as editors and CI annotations count them: after accented, astral and wide text, after
U+0085, U+2028 and U+2029 (which YAML 1.1 loaders count as line breaks and ``str.splitlines`` splits
at), behind a byte order mark, on every loader (``conftest.py``); and excerpts number lines the same way."""

from __future__ import annotations

import pickle

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kompiler.check.load import MAX_DEPTH, Document, load_bytes, split_lines
from kompiler.diagnostics import Diagnostic

pytestmark = pytest.mark.usefixtures("yaml_loader")


def located(diagnostics: list[Diagnostic], code: str) -> list[tuple[int, int]]:
    return [(d.location.line, d.location.column) for d in diagnostics if d.code == code]


def test_split_lines_ends_lines_only_at_lf_crlf_and_cr() -> None:
    text = "\ufeffa\u2028b\x85c\u2029\x0c\rd\r\ne\n"
    assert split_lines(text) == ["a\u2028b\x85c\u2029\x0c", "d", "e"]
    assert split_lines("") == [""]
    assert split_lines("a\n\n") == ["a", ""]


def test_control_character_after_accented_and_astral_text_is_located_in_characters() -> None:
    source = 'nama: "Pengelolaan Keuangan Daerah: perencanaan, penatausahaan 😀 é"\nkode: A\x07B\n'
    result = load_bytes("f.yaml", source.encode())
    assert located(result.diagnostics, "KMP001") == [(2, 8)]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_unicode_line_separators_do_not_start_lines(separator: str) -> None:
    source = f'nama: "satu{separator}dua"\n# catatan: satu{separator}\nkode: yes\n'
    result = load_bytes("f.yaml", source.encode())
    assert located(result.diagnostics, "KMP004") == [(3, 7)]
    assert result.document is not None
    assert result.document.line_text(3) == "kode: yes"


@pytest.mark.parametrize("separator", ["\u2028", "\x85"])
def test_raw_control_character_after_a_separator_quotes_its_own_line(separator: str) -> None:
    source = f'nama: "satu{separator}dua"\nkode: A\x1bB\n'
    result = load_bytes("f.yaml", source.encode())
    assert located(result.diagnostics, "KMP001") == [(2, 8)]
    assert split_lines(source)[1] == "kode: A\x1bB"


def test_a_second_byte_order_mark_does_not_shift_columns() -> None:
    result = load_bytes("f.yaml", "\ufeff\ufeffkode: yes\n".encode())
    assert located(result.diagnostics, "KMP004") == [(1, 7)]


@pytest.mark.parametrize(
    "source",
    [
        "".join("  " * depth + "k:\r" for depth in range(MAX_DEPTH + 5)) + "v\r",
        "".join("  " * depth + "k:\u2028" for depth in range(MAX_DEPTH + 5)) + "v\n",
        "a:\n" + "".join("  " * depth + "- k:\n" for depth in range(MAX_DEPTH)) + "  " * MAX_DEPTH + "v\n",
    ],
    ids=["cr-only", "line-separator", "sequence-per-level"],
)
def test_block_nesting_is_bounded_however_lines_end(source: str) -> None:
    result = load_bytes("f.yaml", source.encode())
    assert [d.code for d in result.diagnostics] == ["KMP007"]


# Text as drafters paste it: Indonesian letters, accents and combining marks, astral emoji, wide CJK,
# tabs, the characters YAML 1.1 ends lines at, a byte order mark and a bidirectional control.
_PASTED = st.characters(
    codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs"), exclude_characters='"\\'
) | st.sampled_from(
    ["é", "ñ", "\u0301", "😀", "𝔸", "漢", "\t", "\x85", "\u2028", "\u2029", "\ufeff", "\u202e"]
)
# A comment ends at any YAML 1.1 line break, so it takes everything but those.
_COMMENT = st.text(_PASTED.filter(lambda c: c not in "\x85\u2028\u2029"), max_size=12)


@settings(max_examples=150, deadline=None)
@given(
    comment=_COMMENT,
    quoted=st.text(_PASTED, max_size=12),
    item=st.text(_PASTED, max_size=12),
    end=st.sampled_from(["\n", "\r\n", "\r"]),
    bom=st.booleans(),
)
def test_reported_span_points_at_the_offending_token(
    comment: str, quoted: str, item: str, end: str, bom: bool
) -> None:
    lines = [f"# {comment}", f'nama: "{quoted}"', f'daftar: ["{item}", yes]']
    source = ("\ufeff" if bom else "") + end.join(lines) + end
    result = load_bytes("f.yaml", source.encode())
    assume(not any(d.code == "KMP002" for d in result.diagnostics))  # e.g. "---" right after a U+2028
    column = len('daftar: ["') + len(item) + len('", ') + 1
    assert located(result.diagnostics, "KMP004") == [(3, column)]
    document = result.document
    assert isinstance(document, Document)
    span = document.span(("daftar", 1))
    assert span is not None and (span.line, span.column, span.end_column) == (3, column, column + 3)
    assert document.line_text(3)[column - 1 : column + 2] == "yes"
    assert split_lines(source)[2] == document.line_text(3)


_KEYS = st.sampled_from(["a", "b", "kode", "level", "1", "é", "x y"])
_DATA = st.recursive(
    st.one_of(st.text(max_size=8), st.integers(-5, 500), st.booleans(), st.none()),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)),
    max_leaves=25,
)
_STEPS = st.lists(st.one_of(_KEYS, st.integers(-1, 5), st.booleans()), max_size=5)


def _first_and_later(text: str, pointer: tuple, key: bool) -> tuple:
    """The span of ``pointer`` asked first of a document (found from the parser's events) and asked
    after another request (found in the composed tree)."""
    first = Document("f.yaml", text, None).span(pointer, key=key)
    later = Document("f.yaml", text, None)
    later.span(("zz-not-there",))
    return first, later.span(pointer, key=key)


@settings(max_examples=200, deadline=None)
@given(data=_DATA, steps=_STEPS, key=st.booleans(), flow=st.sampled_from([None, False, True]))
def test_the_first_span_asked_is_the_one_the_composed_tree_gives(
    data: object, steps: list, key: bool, flow: bool | None
) -> None:
    text = yaml.safe_dump({"root": data, "after": [1, {"b": 2}]}, default_flow_style=flow, allow_unicode=True)
    pointer = ("root", *steps)
    first, later = _first_and_later(text, pointer, key)
    assert first == later


@pytest.mark.parametrize(
    ("text", "pointer"),
    [
        ("a: &x [1, 2]\nb: *x\n", ("b", 1)),
        ("a: &x [1, 2]\nb: *x\n", ("b",)),
        ("&k a: 1\n*k : 2\n", ("a",)),
        ("a: 1\na: 2\nb: 3\n", ("a",)),
        ("? [x]\n: 1\nb: {c: [d, e]}\n", ("b", "c", 1)),
        ("- a\n- b\n", ("x",)),
        ("- a\n- b\n", (True,)),
        ("", ("a",)),
        ("# nothing\n", ()),
    ],
)
@pytest.mark.parametrize("key", [False, True])
def test_aliases_repeated_keys_and_odd_shapes_give_the_composed_span(
    text: str, pointer: tuple, key: bool
) -> None:
    first, later = _first_and_later(text, pointer, key)
    assert first == later


def test_a_document_asked_once_then_pickled_answers_as_a_fresh_one() -> None:
    """Documents travel pickled (the check's cache) after answering a first request from events."""
    text = "a:\n  - x\n  - y: [1, 2]\nb: {c: d}\n"
    asked = Document("f.yaml", text, None)
    asked.span(("a", 0))
    copy = pickle.loads(pickle.dumps(asked))
    for pointer in (("a", 1, "y", 1), ("b", "c"), ("b", "zz"), ()):
        assert copy.span(pointer) == Document("f.yaml", text, None).span(pointer)
