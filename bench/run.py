"""Benchmark kompiler on a standards corpus: per-stage time, throughput and peak memory, whole-command
scenarios (cold, unchanged, one file edited, full build), and two references on the same files:
check-jsonschema with the project's own schemas, and bare parsing with PyYAML's C loader.

    python bench/generate.py --positions 50000 /tmp/corpus-50k
    python bench/run.py /tmp/corpus-50k --json bench-50k.json

Prints a table and writes the same figures as JSON. Needs the ``bench`` extra for the check-jsonschema
reference (``pip install -e '.[bench]'``); without it that reference is reported as missing.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
ARG_BUDGET = 100_000  # bytes of file names per check-jsonschema invocation, well under ARG_MAX


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def _tree_pss_kb(root: int) -> int:
    """Proportional set size of ``root`` and every process below it (Linux; 0 elsewhere).

    PSS splits a page shared by forked processes between them, so the sum is what the whole command
    holds: the largest process alone (``ru_maxrss``) hides workers and forked stages. The tree is
    followed through each process's own list of children, so a sample reads only the command's
    processes, not every process on the machine (the sampler shares the cores it measures).
    """
    total, frontier = 0, [root]
    while frontier:
        pid = frontier.pop()
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            tasks = list(Path(f"/proc/{pid}/task").iterdir())
        except OSError:  # ended meanwhile
            continue
        total += sum(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
        for task in tasks:
            try:
                frontier.extend(int(child) for child in (task / "children").read_text().split())
            except OSError:
                continue
    return total


def run_child(command: list[str], cwd: Path | None = None) -> dict[str, Any]:
    """Run a command; its wall time, exit code, peak resident memory of its largest process, and the
    peak of all its processes together (sampled every 0.2 s)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    whole = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            whole[0] = max(whole[0], _tree_pss_kb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    done.set()
    sampler.join()
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    result = {
        "seconds": round(wall, 3),
        "exit": process.returncode,
        "peak_mb": round(usage.ru_maxrss / 1024, 1),
        # None when the command ended before the first sample.
        "all_processes_mb": round(whole[0] / 1024, 1) if whole[0] else None,
        "stderr": stderr[-500:] if process.returncode not in (0, 1) else "",
    }
    print(f"  {' '.join(command[-3:])[-70:]}: {result['seconds']:.2f} s", file=sys.stderr, flush=True)
    return result


def stages(corpus: Path) -> list[dict[str, Any]]:
    """Each pipeline stage in this process, one after the other, serially (no cache, no pool)."""
    from kompiler.check.load import load_bytes
    from kompiler.check.per_file import FileOutcome
    from kompiler.check.schema import shipped_schemas
    from kompiler.model import build, link
    from kompiler.project import RuleSettings, discover
    from kompiler.rules.engine import run_rules

    rows: list[dict[str, Any]] = []
    files, _ = discover(corpus)
    count = len(files)

    def row(stage: str, seconds: float, units: int, unit: str) -> None:
        rows.append(
            {
                "stage": stage,
                "seconds": round(seconds, 3),
                "throughput": round(units / seconds, 1) if seconds else None,
                "unit": f"{unit}/s",
                "peak_mb": round(peak_mb(), 1),
            }
        )

    gc.disable()
    seconds, loaded = timed(lambda: [load_bytes(f.display, f.read()) for f in files])
    row("load", seconds, count, "files")
    schemas = shipped_schemas()
    seconds, checked = timed(
        lambda: [
            schemas.validate(result.document, source.kind) if result.document is not None else None
            for source, result in zip(files, loaded, strict=True)
        ]
    )
    row("schema", seconds, count, "files")
    triples = [
        (result.document, source.kind, check.invalid)
        for source, result, check in zip(files, loaded, checked, strict=True)
        if result.document is not None and check is not None
    ]
    seconds, corpus_model = timed(lambda: link(build(triples)))
    positions = len(corpus_model.positions)
    row("link", seconds, positions, "positions")
    settings = RuleSettings.from_data(corpus_model.project.get("aturan"))
    seconds, findings = timed(lambda: list(run_rules(corpus_model, settings)))
    row("rules", seconds, positions, "positions")
    del FileOutcome, findings
    try:
        from kompiler.graph.merge import run_merge
    except ImportError:
        return rows
    seconds, _ = timed(lambda: run_merge(corpus_model))
    row("graph", seconds, positions, "positions")
    try:
        from kompiler.build.orchestrate import BuildOptions, build_outputs
        from kompiler.build.output import OutputWriter
        from kompiler.pipeline import compile_files
    except ImportError:
        return rows
    result = compile_files(files, run_checks=False)
    with tempfile.TemporaryDirectory() as folder:
        writer = OutputWriter(Path(folder) / "output")
        options = BuildOptions(formats=("json", "graph", "site"))
        seconds, written = timed(lambda: build_outputs(result, writer, options))
        writer.commit()
    row("render", max(seconds - rows[-1]["seconds"], 0.001), len(written), "files written")
    rows[-1]["note"] = "site + model.json + graph files; the merge it recomputes is subtracted"
    gc.enable()
    return rows


def edit_one_file(corpus: Path, round_number: int) -> Path:
    """Change one position file's content (a comment), as a drafter's one-line edit would."""
    target = next(iter(sorted((corpus / "jabatan").rglob("*.yaml"))))
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(f"# suntingan {round_number}\n")
    return target


def scenarios(corpus: Path, repeats: int, appendix: bool = True) -> dict[str, Any]:
    """Each command as a user runs it; ``appendix=False`` builds without the one-document appendix
    (``--tanpa-lampiran``), whose PDF alone lays out every dictionary of the corpus."""
    kompiler = [sys.executable, "-m", "kompiler"]
    cache = corpus / ".kompiler-cache"
    out: dict[str, Any] = {}
    shutil.rmtree(cache, ignore_errors=True)
    out["check_cold"] = run_child([*kompiler, "check", "-q", str(corpus)])
    out["check_unchanged"] = best([*kompiler, "check", "-q", str(corpus)], repeats)
    edits = []
    for number in range(repeats):
        edit_one_file(corpus, number)
        edits.append(run_child([*kompiler, "check", "-q", str(corpus)]))
    out["check_one_file_edited"] = min(edits, key=lambda r: r["seconds"])
    out["check_no_cache_serial"] = run_child(
        [*kompiler, "check", "-q", "--no-cache", "--executor", "serial", str(corpus)]
    )
    with tempfile.TemporaryDirectory() as folder:
        # What a CI job publishes: check, model.json, graph, merge, every SKJ in Markdown, the site;
        # cold (no cache), then as after a `kompiler check` of the same files (the cache is warm by now).
        build = [*kompiler, "build", "-q", str(corpus), "-o", folder + "/output"]
        build += [] if appendix else ["--tanpa-lampiran"]
        out["build_full"] = run_child([*build, "--no-cache"])
        out["build_after_check"] = run_child(build)
    return out


def best(command: list[str], repeats: int) -> dict[str, Any]:
    return min((run_child(command) for _ in range(repeats)), key=lambda r: r["seconds"])


def references(corpus: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    out["pyyaml_c_parse"] = run_child(
        [sys.executable, str(Path(__file__).resolve()), "--parse-only", str(corpus)]
    )
    tool = shutil.which("check-jsonschema") or str(Path(sys.executable).with_name("check-jsonschema"))
    if not Path(tool).exists():
        out["check_jsonschema"] = {"missing": "pip install -e '.[bench]'"}
        return out
    from kompiler.project import discover

    files, _ = discover(corpus)
    by_kind: dict[str, list[str]] = {}
    for source in files:
        by_kind.setdefault(source.kind.value, []).append(str(corpus / source.relative))
    schemas = REPO / "schemas"
    total = {"seconds": 0.0, "peak_mb": 0.0, "invocations": 0, "failures": 0}
    for kind, paths in sorted(by_kind.items()):
        schema = schemas / f"{kind}.schema.json"
        for chunk in chunks(paths):
            result = run_child(
                [
                    tool,
                    "--schemafile",
                    str(schema),
                    "--base-uri",
                    schema.as_uri(),
                    "--disable-formats",
                    "*",
                    *chunk,
                ]
            )
            total["seconds"] += result["seconds"]
            total["peak_mb"] = max(total["peak_mb"], result["peak_mb"])
            total["invocations"] += 1
            total["failures"] += result["exit"] != 0
    total["seconds"] = round(total["seconds"], 3)
    out["check_jsonschema"] = total
    return out


def chunks(paths: list[str]) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    size = 0
    for path in paths:
        if size + len(path) > ARG_BUDGET and groups[-1]:
            groups.append([])
            size = 0
        groups[-1].append(path)
        size += len(path) + 1
    return groups


def parse_only(corpus: Path) -> None:
    """The floor: read and parse every YAML file with PyYAML's C loader, nothing else."""
    import yaml

    gc.disable()
    for path in sorted(corpus.rglob("*.yaml")):
        if ".kompiler-cache" not in path.parts:
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def table(report: dict[str, Any]) -> str:
    lines = [f"corpus: {report['corpus']}  files: {report['files']}  positions: {report['positions']}"]
    lines.append(f"machine: {report['machine']}")
    lines.append("")
    lines.append(f"{'stage':<10}{'seconds':>10}{'throughput':>16}  {'unit':<18}{'peak MB':>9}")
    for row in report["stages"]:
        lines.append(
            f"{row['stage']:<10}{row['seconds']:>10.2f}{row['throughput'] or 0:>16,.0f}  {row['unit']:<18}"
            f"{row['peak_mb']:>9.0f}"
        )
    lines.append("")
    lines.append(f"{'scenario':<34}{'seconds':>10}{'peak MB':>10}{'all MB':>9}{'exit':>6}")
    for name, row in {**report["scenarios"], **report["references"]}.items():
        if "seconds" in row:
            whole = row.get("all_processes_mb")
            lines.append(
                f"{name:<34}{row['seconds']:>10.2f}{row['peak_mb']:>10.0f}"
                f"{'' if whole is None else f'{whole:.0f}':>9}{row.get('exit', ''):>6}"
            )
        else:
            lines.append(f"{name:<34}  {row}")
    lines.append("")
    for name, value in report["ratios"].items():
        lines.append(f"{name:<52}{value:>8.1f}x")
    return "\n".join(lines)


def ratios(report: dict[str, Any]) -> dict[str, float]:
    out: dict[str, float] = {}
    cold = report["scenarios"].get("check_cold", {}).get("seconds")
    reference = report["references"].get("check_jsonschema", {}).get("seconds")
    parse = report["references"].get("pyyaml_c_parse", {}).get("seconds")
    if cold and reference:
        out["check-jsonschema time / kompiler check (cold)"] = reference / cold
    if cold and parse:
        out["kompiler check (cold) / PyYAML C parse only"] = cold / parse
    warm = report["scenarios"].get("check_unchanged", {}).get("seconds")
    if warm and reference:
        out["check-jsonschema time / kompiler check (unchanged)"] = reference / warm
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-reference", action="store_true", help="skip check-jsonschema (slow)")
    parser.add_argument(
        "--no-appendix", action="store_true", help="build without the one-document appendix (its PDF is slow)"
    )
    parser.add_argument("--parse-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    corpus = args.corpus.resolve()
    if args.parse_only:
        parse_only(corpus)
        return 0
    from kompiler.project import discover

    files, _ = discover(corpus)
    report: dict[str, Any] = {
        "corpus": str(corpus),
        "files": len(files),
        "positions": sum(1 for f in files if f.kind.value == "jabatan"),
        "machine": f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores, Python {platform.python_version()}",
    }
    # Children first: Linux carries a parent's peak memory into the children it forks.
    report["scenarios"] = scenarios(corpus, args.repeats, appendix=not args.no_appendix)
    report["references"] = {} if args.skip_reference else references(corpus)
    report["stages"] = stages(corpus)
    report["ratios"] = ratios(report)
    print(table(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
