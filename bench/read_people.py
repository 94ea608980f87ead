"""Time reading and validating an assessment file against a corpus (the corpus' compilation not counted).

    python bench/generate_people.py standards 1000000 /tmp/people-1m.csv
    python bench/read_people.py standards /tmp/people-1m.csv

Prints the people read, the diagnostics by severity, the wall and CPU time of the read (on a shared
machine the CPU time is the figure that repeats) and the peak memory of the process (ru_maxrss) as JSON.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections import Counter
from pathlib import Path

from kompiler.people.assessment import read_assessments
from kompiler.people.table import Index
from kompiler.pipeline import compile_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("assessments", type=Path)
    parser.add_argument("--chunk-rows", type=int, default=None)
    args = parser.parse_args(argv)
    index = Index.of(compile_path(args.corpus.resolve()).corpus)
    start, cpu = time.perf_counter(), time.process_time()
    assessments = read_assessments(args.assessments, index, chunk_rows=args.chunk_rows)
    people = sum(len(chunk) for chunk in assessments.chunks())
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    severities = Counter(d.severity.key for d in assessments.diagnostics)
    report = {
        "people": people,
        "competencies": len(index.competencies),
        "diagnostics": dict(severities),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "people_per_second": round(people / seconds) if seconds else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
