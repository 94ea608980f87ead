"""The assessment benchmark's scripts still run, and what the generator writes reads clean (speed itself
is measured by bench/, not here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parents[2]


def test_generated_assessments_read_clean_and_are_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    for path in (first, second):
        subprocess.run(
            [
                sys.executable,
                str(REPO / "bench" / "generate_people.py"),
                str(REPO / "standards"),
                "300",
                str(path),
            ],
            check=True,
        )
    assert first.read_bytes() == second.read_bytes()
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "read_people.py"), str(REPO / "standards"), str(first)],
        check=True,
        capture_output=True,
        text=True,
    )
    report = json.loads(done.stdout)
    assert report["people"] == 300 and report["diagnostics"] == {}
