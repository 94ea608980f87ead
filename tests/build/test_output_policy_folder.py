"""A build never writes its output inside pengembangan/: the build reads that folder, and replacing the
output folder would remove the development policy with it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from tests.conftest import FIXTURES
from tests.rules.policy import FILES


def test_an_output_inside_the_policy_folder_is_refused(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    project = tmp_path / "standar"
    shutil.copytree(FIXTURES / "minimal", project)
    for relative, text in FILES.items():
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).write_text(text, encoding="utf-8")
    before = sorted(p.name for p in (project / "pengembangan").iterdir())
    result = run_cli(["build", ".", "-o", "pengembangan/keluaran", "-q", "--locale", "en"], project)
    assert result.exit_code == 2, result.output
    assert "inside the project's pengembangan/ folder, which kompiler reads" in result.output
    assert sorted(p.name for p in (project / "pengembangan").iterdir()) == before
