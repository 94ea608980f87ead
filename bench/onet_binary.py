"""The merge stage on binary O*NET: profiles that say only whether an element is required.

Agencies' spreadsheets and national skill taxonomies (essential / optional skills) rate neither level nor
importance. This makes such a corpus from O*NET 29.3: an element is kept when its importance reaches the
import's cut (3.0), every kept requirement gets the same level and the same importance (a position with
none keeps its most important one, as the import does), and the tables go through ``kompiler import``
with its defaults. Then it measures, on the same pair-precision definition as ``bench/onet_eval.py``
(a pair is right when both occupations share a SOC major group or O*NET lists them as Primary related):

- kompiler's merge groups with the shipped defaults (occupations grouped, pair precision);
- the naive baseline the held-out corpus was compared with: complete linkage (SciPy) on IDF-weighted
  binary vectors, cosine distance, cut at several heights; every cluster of two or more counts as a group.

    python bench/onet_binary.py [--corpus ../shared/corpora/onet-29.3] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import onet_eval

REPO = Path(__file__).resolve().parents[1]
CUT = 3.0
BASELINE_HEIGHTS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4)


def write_binary(corpus_dir: Path, folder: Path) -> dict[str, set[str]]:
    """The binary tables in ``folder`` (the four files the evaluation reads); each code's kept elements."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = list(csv.DictReader((corpus_dir / "requirements.csv").open()))
    kept: dict[str, set[str]] = {}
    best: dict[str, dict] = {}
    for row in rows:
        importance = float(row["importance_1_to_5"])
        if importance >= CUT:
            kept.setdefault(row["code"], set()).add(row["element_id"])
        if row["code"] not in best or importance > float(best[row["code"]]["importance_1_to_5"]):
            best[row["code"]] = row
    for code, row in best.items():
        kept.setdefault(code, {row["element_id"]})
    with (folder / "requirements.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(
            {**r, "level_0_to_7": "3.5", "importance_1_to_5": f"{CUT}"}
            for r in rows
            if r["element_id"] in kept.get(r["code"], ())
        )
    for name in ("positions.csv", "occupation_groups.csv", "related_occupations.csv"):
        (folder / name).write_bytes((corpus_dir / name).read_bytes())
    return kept


def naive_baseline(kept: dict[str, set[str]], corpus_dir: Path, heights=BASELINE_HEIGHTS) -> list[dict]:
    """Complete linkage on IDF-weighted binary vectors (cosine), cut at each height."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist

    groups, related = onet_eval.ground_truth(corpus_dir)
    codes = sorted(kept)
    elements = sorted(set().union(*kept.values()))
    column = {e: k for k, e in enumerate(elements)}
    vectors = np.zeros((len(codes), len(elements)))
    for i, code in enumerate(codes):
        vectors[i, [column[e] for e in kept[code]]] = 1.0
    idf = np.log(len(codes) / vectors.sum(axis=0))
    vectors *= idf
    tree = linkage(pdist(vectors, "cosine"), "complete")
    results = []
    for height in heights:
        labels = fcluster(tree, height, "distance")
        clusters: dict[int, list[str]] = {}
        for code, label in zip(codes, labels, strict=True):
            clusters.setdefault(int(label), []).append(code)
        grouped = [members for members in clusters.values() if len(members) > 1]
        results.append(
            {
                "height": height,
                "grouped": sum(map(len, grouped)),
                "pair_precision": onet_eval.pair_precision(grouped, groups, related),
            }
        )
    return results


def evaluate(corpus_dir: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "binary"
        kept = write_binary(corpus_dir, folder)
        ours = onet_eval.evaluate(folder)
    return {
        "kompiler": {
            k: ours[k] for k in ("import_errors", "occupations", "groups", "grouped", "pair_precision")
        },
        "naive_complete_linkage_idf": naive_baseline(kept, corpus_dir),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=onet_eval.DEFAULT_CORPUS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not (args.corpus / "requirements.csv").is_file():
        print(f"O*NET corpus not found at {args.corpus}", file=sys.stderr)
        return 2
    result = evaluate(args.corpus)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    ours = result["kompiler"]
    print(
        f"kompiler defaults: {ours['grouped']} grouped at {ours['pair_precision']:.3f} ({ours['groups']} groups)"
    )
    for row in result["naive_complete_linkage_idf"]:
        print(
            f"naive complete linkage, IDF cosine, cut {row['height']}: {row['grouped']} grouped at "
            f"{row['pair_precision']:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
