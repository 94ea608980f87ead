"""Generate deterministic synthetic assessments (wide CSV) for a standards corpus, for benchmarks.

Every person is a pseudonym (P-0000001) holding one of the corpus' positions; their levels lie around
the position's required levels: mostly met, some one or two below (gaps), some above (surplus), a few
not assessed (empty cells), and a few people without performance or potential. Columns are the
competencies any position requires, in code order, so the file reads clean against the corpus.
The same corpus, N and ``--seed`` always give byte-identical files.

    python bench/generate_people.py standards 1000000 /tmp/people-1m.csv
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

from kompiler.pipeline import compile_path

# How a level departs from the required one: (offset, weight); None = not assessed.
OFFSETS = ((-2, 6), (-1, 24), (0, 45), (1, 18), (2, 4), (None, 3))
DATES = ("2025-02-14", "2025-05-20", "2025-08-11", "2025-11-03")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="the standards project")
    parser.add_argument("people", type=int, help="how many people")
    parser.add_argument("output", type=Path, help="the CSV to write")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args(argv)
    corpus = compile_path(args.corpus.resolve()).corpus
    positions = sorted(corpus.positions.values(), key=lambda p: p.code)
    if not positions:
        parser.error(f"{args.corpus} holds no position")
    codes = sorted({r.code for p in positions for r in p.requirements})
    column = {code: i for i, code in enumerate(codes)}
    required = [[(column[r.code], r.level) for r in p.requirements] for p in positions]
    offsets = [o for o, _ in OFFSETS]
    weights = [w for _, w in OFFSETS]
    rng = random.Random(args.seed)
    width = len(str(args.people))
    with args.output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "jabatan", "tanggal", "tujuan", "kinerja", "potensi", *codes])
        for n in range(1, args.people + 1):
            at = rng.randrange(len(positions))
            levels = [""] * len(codes)
            for (c, level), offset in zip(
                required[at], rng.choices(offsets, weights, k=len(required[at])), strict=True
            ):
                if offset is not None:
                    levels[c] = str(min(5, max(1, level + offset)))
            scored = rng.random() < 0.9
            writer.writerow(
                [
                    f"P-{n:0{width}d}",
                    positions[at].code,
                    DATES[n % len(DATES)],
                    "pengisian" if n % 10 == 0 else "pemetaan",
                    rng.randint(1, 5) if scored else "",
                    f"{rng.uniform(1, 5):.1f}" if scored else "",
                    *levels,
                ]
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
