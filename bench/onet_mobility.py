"""Measure the mobility ranking (kompiler people moves) on real occupational data: O*NET 29.3.

Imports the 879 occupations the way ``bench/onet_eval.py`` does, gives every occupation one synthetic
person who holds it and is assessed exactly at its required levels, and ranks the other occupations
for that person three ways:

- **kompiler moves**: relatedness × min(1, readiness / pass mark) (:mod:`kompiler.people.moves`), with
  the shipped policy (``standards/pengembangan/kecocokan.yaml``: mean of capped ratios, pass mark 68);
- **similarity alone**: the relatedness (the merge stage's similarity across kinds and grades);
- **match percentage alone**: the readiness (Job Person Match), ties in code order.

For each: recall@10 of O*NET's Primary related occupations (Primary-Short and Primary-Long, those in the
extract, as ``onet_eval.py`` counts them) and the mean reciprocal rank of the first Primary related one.
The corpus README's reference, cosine over importance × level of all 68 elements, is measured on the same
files. Every occupation of O*NET is imported at one grade, so no move is downward and all are horizontal:
the measure is of the ranking, not of the classification.

    python bench/onet_mobility.py [--corpus ../shared/corpora/onet-29.3] [--neighbours K] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from onet_eval import DEFAULT_CORPUS, REFERENCE, ground_truth, imported, reference_vectors

REPO = Path(__file__).resolve().parents[1]


def ranking_metrics(order: np.ndarray, valid: np.ndarray, truth: list[np.ndarray]) -> dict[str, float]:
    """recall@10 and MRR of rankings ``order[i]`` (position numbers, best first; ``valid`` marks the
    ranked ones) against each row's truth; rows without truth are left out, as the reference does."""
    hits = total = 0
    reciprocal = []
    for i, related in enumerate(truth):
        if not len(related):
            continue
        ranked = order[i][valid[i]]
        total += len(related)
        hits += int(np.isin(ranked[:10], related).sum())
        found = np.nonzero(np.isin(ranked, related))[0]
        reciprocal.append(1.0 / (found[0] + 1) if len(found) else 0.0)
    return {
        "recall10_primary": hits / total,
        "mrr": float(np.mean(reciprocal)),
        "occupations": len(reciprocal),
    }


def reference_order(corpus_dir: Path, codes: tuple[str, ...]) -> np.ndarray:
    """The corpus README's method as a ranking: cosine over importance × level of all elements."""
    listed, vectors = reference_vectors(corpus_dir)
    row_of = {code: i for i, code in enumerate(listed)}
    vectors = vectors[[row_of[code] for code in codes]]
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, -np.inf)
    return np.argsort(-similarity, axis=1, kind="stable")[:, :-1]


def evaluate(corpus_dir: Path, neighbours: int | None, min_importance: float = 3.0) -> dict:
    from kompiler.people.match import match_against
    from kompiler.people.moves import Mobility, top_moves
    from kompiler.people.requirements import Requirements
    from kompiler.people.table import Chunk, Index
    from kompiler.pipeline import compile_path

    policy = compile_path(REPO / "standards").corpus.development.match
    corpus = imported(corpus_dir, min_importance).corpus

    index = Index.of(corpus)
    n = len(index.positions)
    started = time.perf_counter()
    requirements = Requirements.of(corpus, index)
    k = neighbours or n - 1
    mobility = Mobility.of(corpus, corpus.development.equivalences, k=k)
    levels = np.full((n, len(index.competencies)), np.nan, dtype=np.float32)
    rows = np.repeat(np.arange(n), requirements.count)
    levels[rows, requirements.competency[requirements.mask]] = requirements.level[requirements.mask]
    chunk = Chunk(
        people=tuple(index.positions),
        position=np.arange(n),
        levels=levels,
        dates=("2026-01-01",) * n,
        purposes=("pengisian",) * n,
        performance=np.full(n, np.nan),
        potential=np.full(n, np.nan),
        rows=np.arange(2, n + 2),
    )
    moves = top_moves(chunk, mobility, requirements, policy, count=k)
    seconds = time.perf_counter() - started

    _, related = ground_truth(corpus_dir)
    present = set(index.positions)
    truth = [
        np.array(sorted(index.position_at[c] for c in related.get(code, set()) & present), dtype=np.int64)
        for code in index.positions
    ]
    others = np.array([[j for j in range(n) if j != i] for i in range(n)], dtype=np.int64)
    readiness = match_against(chunk, others, requirements, policy)
    by_match = np.take_along_axis(others, np.argsort(-readiness, axis=1, kind="stable"), axis=1)
    table = mobility.relatedness
    reference = reference_order(corpus_dir, index.positions)
    results = {
        "kompiler moves": ranking_metrics(moves.position, moves.position >= 0, truth),
        "similarity alone": ranking_metrics(table.neighbours, table.neighbours >= 0, truth),
        "match percentage alone": ranking_metrics(by_match, by_match >= 0, truth),
        "reference (cosine, README)": ranking_metrics(reference, reference >= 0, truth),
    }
    return {
        "occupations": n,
        "neighbours": k,
        "policy": policy.version,
        "seconds_moves": round(seconds, 2),
        "methods": results,
        "readme_reference_recall10": REFERENCE["recall10_primary"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--neighbours",
        type=int,
        metavar="K",
        help="related positions kept per position (default: all, so every occupation is ranked)",
    )
    parser.add_argument("--min-importance", type=float, default=3.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not (args.corpus / "requirements.csv").is_file():
        print(f"O*NET corpus not found at {args.corpus}", file=sys.stderr)
        return 2
    result = evaluate(args.corpus, args.neighbours, args.min_importance)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"{result['occupations']} occupations, {result['neighbours']} related positions each, "
        f"policy {result['policy']}, moves for all in {result['seconds_moves']} s"
    )
    print(f"{'ranking':28} {'recall@10':>10} {'MRR':>7}")
    for name, m in result["methods"].items():
        print(f"{name:28} {m['recall10_primary']:>9.1%} {m['mrr']:>7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
