"""Any line-level edit of a valid project gives diagnostics, never an exception (the user's broken files)."""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompiler.pipeline import compile_path
from tests.conftest import FIXTURES

TARGETS = ["jabatan/analis-keuangan.yaml", "kamus/teknis-keuangan.yaml", "rumpun/rumpun.yaml", "jenjang.yaml"]
SNIPPETS = ["", "  ", "- x", "kode: M.01", "level: 9", "nama:", "? a", "{", "'", "\t", "yes", "0", "[]", "{}"]

edits = st.lists(
    st.tuples(
        st.integers(0, 400),
        st.sampled_from(["delete", "duplicate", "replace", "indent", "dedent"]),
        st.sampled_from(SNIPPETS),
    ),
    min_size=1,
    max_size=4,
)


def mutate(text: str, plan: list[tuple[int, str, str]]) -> str:
    lines = text.split("\n")
    for position, action, snippet in plan:
        index = position % max(len(lines), 1)
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "replace":
            lines[index] = snippet
        elif action == "indent":
            lines[index] = "  " + lines[index]
        else:
            lines[index] = lines[index][2:]
        if not lines:
            lines = [""]
    return "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(TARGETS), plan=edits)
def test_mutated_project_never_raises(
    tmp_path_factory, target: str, plan: list[tuple[int, str, str]]
) -> None:
    project = tmp_path_factory.mktemp("mutasi") / "standar"
    shutil.copytree(FIXTURES / "minimal", project)
    path = project / target
    original = path.read_text(encoding="utf-8")
    mutated = mutate(original, plan)
    path.write_text(mutated, encoding="utf-8")
    result = compile_path(project)
    if mutated.strip() != original.strip():
        assert all(d.location.file for d in result.diagnostics)
