"""Write import tables the size of a national occupational classification, to time ``kompiler import``.

The held-out corpus the merge figures are checked on has about 3,000 occupations, 13,000 distinct skills
and 129,000 requirement rows with binary profiles (essential or optional, no level, no importance). This
writes tables of that shape: ``positions.csv`` (code, title, group) and ``requirements.csv`` (code,
element_id, element_name, level, importance) where every row has the same level and an essential skill
is rated 5 and an optional one 3 (both kept by the import's default cut). Skill popularity follows a
Zipf law, as real skill taxonomies do (a few skills in hundreds of profiles, most in a handful).

The same arguments always give the same bytes.

    python bench/import_scale.py /tmp/import-3k
    time kompiler import /tmp/import-3k/positions.csv /tmp/import-3k/requirements.csv -o /tmp/import-3k/out
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

WORDS = [
    "manage",
    "monitor",
    "analyse",
    "design",
    "install",
    "maintain",
    "operate",
    "inspect",
    "assess",
    "develop",
    "prepare",
    "apply",
    "coordinate",
    "supervise",
    "evaluate",
    "test",
    "repair",
    "plan",
    "record",
    "advise",
    "train",
    "negotiate",
    "calculate",
    "document",
    "audit",
    "budget",
    "safety",
    "quality",
    "customer",
    "equipment",
    "software",
    "network",
    "data",
    "financial",
    "legal",
    "medical",
    "food",
    "chemical",
    "electrical",
    "mechanical",
    "construction",
    "vehicle",
    "marine",
    "agricultural",
    "environmental",
    "statistical",
    "laboratory",
    "procurement",
    "logistics",
    "records",
    "procedures",
    "regulations",
    "materials",
    "systems",
]


def write_tables(folder: Path, positions: int, skills: int, per_position: int, seed: int) -> tuple[int, int]:
    """Write both tables into ``folder``; the number of position rows and of requirement rows."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    names = [f"{' '.join(rng.sample(WORDS, 4)).capitalize()} {k}" for k in range(skills)]
    # Zipf popularity over a random order of the skills.
    popularity = [1.0 / (rank + 1) ** 0.8 for rank in range(skills)]
    order = list(range(skills))
    rng.shuffle(order)
    weights = [popularity[order[k]] for k in range(skills)]
    rows = 0
    with (
        (folder / "positions.csv").open("w", newline="", encoding="utf-8") as pos_file,
        (folder / "requirements.csv").open("w", newline="", encoding="utf-8") as req_file,
    ):
        pos, req = csv.writer(pos_file), csv.writer(req_file)
        pos.writerow(["code", "title", "group"])
        req.writerow(["code", "element_id", "element_name", "level", "importance"])
        for number in range(positions):
            code = f"OCC-{number:05d}"
            group = f"{number % 10}"
            pos.writerow([code, f"{' '.join(rng.sample(WORDS, 3)).title()} Officer {number}", group])
            count = max(5, int(rng.gauss(per_position, per_position / 3)))
            chosen = set()
            while len(chosen) < count:
                chosen.update(rng.choices(range(skills), weights=weights, k=count - len(chosen)))
            for skill in sorted(chosen):
                essential = rng.random() < 0.6
                req.writerow([code, f"S{skill:05d}", names[skill], 4, 5 if essential else 3])
                rows += 1
    return positions, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--positions", type=int, default=3039)
    parser.add_argument("--skills", type=int, default=13000)
    parser.add_argument("--per-position", type=int, default=43)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)
    positions, rows = write_tables(args.folder, args.positions, args.skills, args.per_position, args.seed)
    print(f"{positions} positions, {rows} requirement rows in {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
