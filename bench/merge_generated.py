"""The merge stage's quality on a corpus written by ``bench/generate.py``, where the truth is known.

The generator draws every position from one field (``bidang``): positions of one field share a core of
the field's technical competencies and its titles. A merge group's pair is right when both members are
of the same field. Prints the occupations grouped and the pair precision with the shipped defaults.

    python bench/generate.py --positions 2000 /tmp/c2k
    python bench/merge_generated.py /tmp/c2k
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def evaluate(project: Path) -> dict:
    from kompiler.graph.merge import run_merge
    from kompiler.pipeline import compile_path

    corpus = compile_path(project).corpus
    started = time.perf_counter()
    result = run_merge(corpus)
    seconds = time.perf_counter() - started
    right = pairs = 0
    for proposal in result.proposals:
        fields = [p.field for p in proposal.members]
        for x, a in enumerate(fields):
            for b in fields[x + 1 :]:
                pairs += 1
                right += a == b
    return {
        "positions": len(corpus.positions),
        "groups": len(result.proposals),
        "grouped": sum(len(p.members) for p in result.proposals),
        "pair_precision": right / pairs if pairs else 0.0,
        "seconds_merge": round(seconds, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("project", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    measured = evaluate(args.project)
    if args.json:
        print(json.dumps(measured, indent=2))
    else:
        print(
            f"{measured['positions']} positions: {measured['grouped']} grouped in {measured['groups']} groups at "
            f"pair precision {measured['pair_precision']:.3f} (merge {measured['seconds_merge']} s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
