"""THE CORPUS-CLEAN TEST: the shipped standards/ pass every rule with no diagnostic at all, not even info.

Waivers are allowed only as line-level suppressions with a reason; a file-wide waiver would hide whatever
breaks next in that file, so none is accepted here.
"""

from __future__ import annotations

from kompiler.pipeline import compile_path
from kompiler.rules.suppress import Action
from tests.conftest import REPO


def test_default_corpus_is_clean_under_every_rule() -> None:
    result = compile_path(REPO / "standards")
    assert [f"{d.location.file}:{d.location.line}: {d.code} {d.message.en}" for d in result.diagnostics] == []
    assert len(result.files) > 1


def test_default_corpus_has_no_blanket_suppressions() -> None:
    result = compile_path(REPO / "standards")
    for suppressed in result.suppressed:
        directive = suppressed.directive
        assert directive.action is Action.LINE, f"{directive.location.file}:{directive.location.line}"
        assert directive.reason, f"{directive.location.file}:{directive.location.line} gives no reason"
