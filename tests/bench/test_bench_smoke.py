"""The benchmark scripts still run (on a tiny corpus; speed itself is measured by bench/, not here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).parents[2] / "bench"


def test_generator_and_runner_produce_a_report(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(BENCH / "generate.py"), "--positions", "20", str(corpus)], check=True)
    assert len(list((corpus / "jabatan").rglob("*.yaml"))) == 20
    report_path = tmp_path / "report.json"
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH / "run.py"),
            str(corpus),
            "--repeats",
            "1",
            "--skip-reference",
            "--no-appendix",
            "--json",
            str(report_path),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert [row["stage"] for row in report["stages"]][:4] == ["load", "schema", "link", "rules"]
    assert report["scenarios"]["check_cold"]["exit"] == 0
    build = report["scenarios"]["build_full"]
    assert build["exit"] == 0
    # Sampled over the whole process tree (forked check, graph stage and page workers).
    assert build["all_processes_mb"] > 0
    assert report["scenarios"]["build_after_check"]["exit"] == 0
    assert "check_cold" in done.stdout


def test_generator_is_deterministic(tmp_path: Path) -> None:
    for name in ("a", "b"):
        subprocess.run(
            [sys.executable, str(BENCH / "generate.py"), "--positions", "30", str(tmp_path / name)],
            check=True,
        )
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yaml"))
    assert files and all(
        (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files
    )
