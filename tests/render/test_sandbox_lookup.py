"""Attribute lookups in templates keep the sandbox's answers, however often the same field is read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kompiler.render.environment import TemplateProblem, Templates


@dataclass
class Holder:
    value: Any


def _render(tmp_path: Path, source: str, **context: Any) -> str:
    (tmp_path / "uji.html").write_text(source, encoding="utf-8")
    return Templates(tmp_path).render("uji.html", context)


def test_a_field_read_many_times_prints_its_value(tmp_path: Path) -> None:
    holders = [Holder(f"<{n}>") for n in range(3)]
    assert _render(tmp_path, "{% for h in hs %}{{ h.value }};{% endfor %}", hs=holders) == (
        "&lt;0&gt;;&lt;1&gt;;&lt;2&gt;;"
    )


def test_a_format_method_in_a_field_judged_safe_is_still_sandboxed(tmp_path: Path) -> None:
    trap = Holder("{0.__class__.__init__.__globals__}".format)
    with pytest.raises(TemplateProblem) as problem:
        _render(tmp_path, "{{ plain.value }}{{ trap.value(trap) }}", plain=Holder("ok"), trap=trap)
    assert "sandbox" in problem.value.diagnostic.message.en


def test_internal_attributes_stay_refused_after_safe_ones(tmp_path: Path) -> None:
    with pytest.raises(TemplateProblem):
        _render(tmp_path, "{{ h.value }}{{ h.__class__.__init__.__globals__ }}", h=Holder("ok"))


def test_a_missing_field_falls_back_to_an_item(tmp_path: Path) -> None:
    assert _render(tmp_path, "{{ h.value }}{{ d.value }}", h=Holder("a"), d={"value": "b"}) == "ab"
