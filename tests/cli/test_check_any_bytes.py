"""For any bytes as a standards file, ``kompiler check`` ends with exit 0, 1 or 2, says why when it is
not 0, and never raises."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompiler.cli import cli

FIXTURES = Path(__file__).parents[1] / "fixtures"
VALID_POSITION = (FIXTURES / "minimal" / "jabatan" / "analis-keuangan.yaml").read_bytes()
VALID_PROJECT = (FIXTURES / "minimal" / "kompiler.yaml").read_bytes()
YAML_PIECES = [
    b":",
    b"- ",
    b"\n",
    b"  ",
    b"\t",
    b"&a ",
    b"*a",
    b"!!",
    b"[",
    b"]",
    b"{",
    b"}",
    b'"',
    b"'",
    b"#",
    b"? ",
    b"|",
    b">",
    b"---",
    b"...",
    b"%",
    b"\xff",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\r\n",
    b"no",
    b"2026-01-01",
    b"0x1F",
    b"kode",
    b"level: 9",
]

PROPERTY_SETTINGS = settings(
    max_examples=120, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _mutations(original: bytes) -> st.SearchStrategy[bytes]:
    """The valid file with a few pieces of YAML punctuation or raw bytes spliced in at random places."""
    edit = st.tuples(
        st.integers(0, len(original)),
        st.integers(0, 20),
        st.one_of(st.sampled_from(YAML_PIECES), st.binary(max_size=8)),
    )

    def apply(edits: list[tuple[int, int, bytes]]) -> bytes:
        data = original
        for at, cut, piece in edits:
            at = min(at, len(data))
            data = data[:at] + piece + data[at + cut :]
        return data

    return st.lists(edit, min_size=1, max_size=6).map(apply)


def _check(project: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--executor", "serial", str(project)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2), result.output
    if result.exit_code != 0:
        assert result.output.strip(), "a failing check must say why"


def _project(tmp_path_factory, position: bytes | None = None, config: bytes | None = None) -> Path:  # type: ignore[no-untyped-def]
    target = tmp_path_factory.mktemp("p") / "standar"
    shutil.copytree(FIXTURES / "minimal", target)
    if position is not None:
        (target / "jabatan" / "analis-keuangan.yaml").write_bytes(position)
    if config is not None:
        (target / "kompiler.yaml").write_bytes(config)
    return target


@PROPERTY_SETTINGS
@given(data=st.one_of(st.binary(max_size=2000), _mutations(VALID_POSITION)))
def test_any_position_file(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    _check(_project(tmp_path_factory, position=data))


@PROPERTY_SETTINGS
@given(data=st.one_of(st.binary(max_size=2000), _mutations(VALID_PROJECT)))
def test_any_project_file(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    _check(_project(tmp_path_factory, config=data))


@PROPERTY_SETTINGS
@given(text=st.text(max_size=300))
def test_any_text_in_a_text_field(tmp_path_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    """Any Unicode (quoted as YAML) in a free-text field: loads, and at worst breaks a rule."""
    import json

    lines = VALID_POSITION.split(b"\n")
    position = b"\n".join(
        b"ikhtisar: " + json.dumps(text).encode() if line.startswith(b"ikhtisar:") else line for line in lines
    )
    _check(_project(tmp_path_factory, position=position))
