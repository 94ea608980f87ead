"""Measure the merge stage on real occupational data: O*NET 29.3 (879 occupations, CC BY 4.0).

Imports the corpus with ``kompiler import`` defaults, compiles it, runs the merge stage with the shipped
defaults, and compares with the official groupings, next to the reference figures of the corpus README:

- nearest neighbour in the same SOC major / minor group (reference 64.6 % / 44.6 %);
- recall@10 of O*NET's Primary related occupations (reference 40.5 %, "41 %");
- adjusted Rand index of the merge groups and of the communities against SOC minor and major groups
  (reference: Ward, 22 groups, ARI 0.34 against major);
- merge groups: occupations grouped and pair precision (a pair is right when both share a SOC major
  group or O*NET lists them as Primary related); reference 589 at 0.82 and 178 at 0.91.

    python bench/onet_eval.py [--corpus ../shared/corpora/onet-29.3] [--json] [--halves N]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import tempfile
import time
from collections import Counter
from math import comb
from pathlib import Path

import numpy as np
import scipy.sparse as sp

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "onet-29.3"

# The README's figures, recomputed exactly on this extract (cosine over importance × level, all 68 elements):
# 568 and 392 of 879 nearest neighbours, 40.47 % recall@10.
REFERENCE = {
    "nn_major": 568 / 879,
    "nn_minor": 392 / 879,
    "recall10_primary": 0.4047,
    "ari_major": 0.34,
    "groups_coarse": (589, 0.82),
    "groups_fine": (178, 0.91),
}


def pair_precision(grouped: list[list[str]], groups: dict, related: dict) -> float:
    """The share of pairs placed in one group that are right: both in one SOC major group, or O*NET lists
    them as Primary related occupations."""
    right = pairs = 0
    for members in grouped:
        for x, a in enumerate(members):
            for b in members[x + 1 :]:
                pairs += 1
                right += (
                    groups[a]["soc_major"] == groups[b]["soc_major"]
                    or b in related.get(a, ())
                    or a in related.get(b, ())
                )
    return right / pairs if pairs else 0.0


def adjusted_rand(a: list, b: list) -> float:
    n = len(a)
    pairs = sum(comb(v, 2) for v in Counter(zip(a, b, strict=True)).values())
    sum_a = sum(comb(v, 2) for v in Counter(a).values())
    sum_b = sum(comb(v, 2) for v in Counter(b).values())
    expected = sum_a * sum_b / comb(n, 2)
    maximum = (sum_a + sum_b) / 2
    return (pairs - expected) / (maximum - expected) if maximum != expected else 0.0


def ground_truth(corpus_dir: Path) -> tuple[dict[str, dict], dict[str, set[str]]]:
    """SOC groups of every occupation, and its Primary related occupations."""
    groups = {r["code"]: r for r in csv.DictReader((corpus_dir / "occupation_groups.csv").open())}
    related: dict[str, set[str]] = {}
    for row in csv.DictReader((corpus_dir / "related_occupations.csv").open()):
        if row["relatedness_tier"].startswith("Primary"):
            related.setdefault(row["code"], set()).add(row["related_code"])
    return groups, related


def neighbour_metrics(
    codes: list[str], similarity: np.ndarray, groups: dict[str, dict], related: dict[str, set[str]]
) -> dict[str, float]:
    """Nearest neighbour in the same SOC major / minor group, recall@10 of Primary related occupations.

    ``groups`` and ``related`` are :func:`ground_truth`'s, read once by the caller, which needs them too.
    """
    matrix = similarity.copy()
    np.fill_diagonal(matrix, -np.inf)
    order = np.argsort(-matrix, axis=1, kind="stable")
    nearest = order[:, 0]
    hits = total = 0
    present = set(codes)
    for i, code in enumerate(codes):
        # Only related occupations inside the extract can be found; the reference counts the same way.
        truth = related.get(code, set()) & present
        total += len(truth)
        hits += sum(codes[j] in truth for j in order[i, :10])
    same = {
        level: float(
            np.mean([groups[codes[i]][level] == groups[codes[j]][level] for i, j in enumerate(nearest)])
        )
        for level in ("soc_major", "soc_minor")
    }
    return {"nn_major": same["soc_major"], "nn_minor": same["soc_minor"], "recall10_primary": hits / total}


def cosine_reference(corpus_dir: Path) -> dict[str, float]:
    """The corpus README's method: cosine over importance × level of all elements, on the same files."""
    codes, vectors = reference_vectors(corpus_dir)
    return neighbour_metrics(codes, vectors @ vectors.T, *ground_truth(corpus_dir))


def reference_vectors(corpus_dir: Path) -> tuple[list[str], np.ndarray]:
    """The occupations in code order and their unit vectors of importance × level over all elements."""
    rows = list(csv.DictReader((corpus_dir / "requirements.csv").open()))
    codes = sorted({r["code"] for r in rows})
    elements = sorted({r["element_id"] for r in rows})
    row_of = {c: i for i, c in enumerate(codes)}
    column_of = {e: i for i, e in enumerate(elements)}
    vectors = np.zeros((len(codes), len(elements)))
    for r in rows:
        vectors[row_of[r["code"]], column_of[r["element_id"]]] = float(r["level_0_to_7"]) * float(
            r["importance_1_to_5"]
        )
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    return codes, vectors


def imported(corpus_dir: Path, min_importance: float):
    """The corpus imported with ``kompiler import`` into a scratch folder and compiled."""
    from kompiler.authoring.importer import ImportOptions, import_tables
    from kompiler.pipeline import compile_path

    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "onet"
        list(
            import_tables(
                corpus_dir / "positions.csv",
                corpus_dir / "requirements.csv",
                target,
                ImportOptions(min_importance=min_importance, valid_from="2026-01-01"),
            )
        )
        return compile_path(target)


def evaluate(corpus_dir: Path, min_importance: float = 3.0) -> dict:
    from kompiler.graph.merge import run_merge
    from kompiler.merge_settings import MergeSettings

    groups, related = ground_truth(corpus_dir)

    started = time.perf_counter()
    compiled = imported(corpus_dir, min_importance)
    import_seconds = time.perf_counter() - started
    errors = [d for d in compiled.diagnostics if d.severity.name == "ERROR"]
    started = time.perf_counter()
    settings = MergeSettings.from_data(compiled.corpus.project.get("gabung"))
    # Neighbour metrics need every scored pair, not only those above the graph's edge threshold.
    ranking = MergeSettings.from_data(
        {**(compiled.corpus.project.get("gabung") or {}), "ambang_kemiripan": 0}
    )
    result = run_merge(compiled.corpus, settings)
    from kompiler.graph.similarity import similarities

    full = similarities(compiled.corpus, ranking, result.similarities.features)
    merged = time.perf_counter() - started

    codes = full.codes
    n = len(codes)
    matrix = sp.coo_matrix((full.score, (full.left, full.right)), shape=(n, n)).toarray()
    neighbours = neighbour_metrics(codes, matrix + matrix.T, groups, related)
    major = [groups[c]["soc_major"] for c in codes]
    minor = [groups[c]["soc_minor"] for c in codes]

    group_of = {}
    for number, proposal in enumerate(result.proposals):
        for code in proposal.member_codes:
            group_of[code] = number
    labels = [group_of.get(c, f"single-{c}") for c in codes]

    def precision(proposals) -> float:
        return pair_precision([proposal.member_codes for proposal in proposals], groups, related)

    # Proposals come ranked by score; a reviewer working down the list sees the top ones first.
    top, covered = [], 0
    for proposal in result.proposals:
        if covered > REFERENCE["groups_fine"][0]:
            break
        top.append(proposal)
        covered += len(proposal.members)
    community = result.communities.tolist()
    return {
        "import_errors": len(errors),
        "occupations": n,
        **neighbours,
        "groups": len(result.proposals),
        "grouped": sum(len(p.members) for p in result.proposals),
        "pair_precision": precision(result.proposals),
        "top_grouped": covered,
        "top_pair_precision": precision(top),
        "ari_groups_major": adjusted_rand(labels, major),
        "ari_groups_minor": adjusted_rand(labels, minor),
        "communities": len(set(community)),
        "ari_communities_major": adjusted_rand(community, major),
        "ari_communities_minor": adjusted_rand(community, minor),
        "seconds_import_compile": round(import_seconds, 2),
        "seconds_merge": round(merged, 2),
    }


def beats_reference(m: dict) -> dict[str, bool]:
    return {
        "nn_major": m["nn_major"] > REFERENCE["nn_major"],
        "nn_minor": m["nn_minor"] > REFERENCE["nn_minor"],
        "recall10_primary": m["recall10_primary"] > REFERENCE["recall10_primary"],
        "ari_major": m["ari_communities_major"] > REFERENCE["ari_major"],
        "groups_coarse": m["grouped"] > REFERENCE["groups_coarse"][0]
        and m["pair_precision"] > REFERENCE["groups_coarse"][1],
        "groups_fine": m["top_grouped"] > REFERENCE["groups_fine"][0]
        and m["top_pair_precision"] > REFERENCE["groups_fine"][1],
    }


def halves(corpus_dir: Path, seeds: int, min_importance: float) -> list[dict]:
    """Both methods on random halves of the occupations: how the comparison holds on data it was not
    developed on (a fresh sample each time, so no figure is fitted to one set of occupations)."""
    tables = {
        name: list(csv.DictReader((corpus_dir / name).open()))
        for name in ("positions.csv", "requirements.csv", "occupation_groups.csv", "related_occupations.csv")
    }
    codes = sorted(r["code"] for r in tables["positions.csv"])
    results = []
    for seed in range(1, seeds + 1):
        kept = set(random.Random(seed).sample(codes, len(codes) // 2))
        with tempfile.TemporaryDirectory() as tmp:
            half = Path(tmp)
            for name, rows in tables.items():
                with (half / name).open("w", newline="") as handle:
                    writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
                    writer.writeheader()
                    writer.writerows(r for r in rows if r["code"] in kept)
            ours = evaluate(half, min_importance)
            reference = cosine_reference(half)
        results.append({"seed": seed, "kompiler": ours, "reference": reference})
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--min-importance", type=float, default=3.0, help="importance cut of the import (default: its own)"
    )
    parser.add_argument(
        "--halves",
        type=int,
        metavar="N",
        help="also compare both methods on N random halves of the occupations",
    )
    args = parser.parse_args(argv)
    if not (args.corpus / "requirements.csv").is_file():
        print(f"O*NET corpus not found at {args.corpus}", file=sys.stderr)
        return 2
    if args.halves:
        results = halves(args.corpus, args.halves, args.min_importance)
        if args.json:
            print(json.dumps(results, indent=2))
            return 0
        keys = ("nn_major", "nn_minor", "recall10_primary")
        for result in results:
            ours, reference = result["kompiler"], result["reference"]
            print(
                f"half {result['seed']}: "
                + " | ".join(f"{k} {ours[k]:.3f} vs {reference[k]:.3f}" for k in keys)
            )
        for k in keys:
            ours = np.mean([r["kompiler"][k] for r in results])
            reference = np.mean([r["reference"][k] for r in results])
            print(f"mean {k:18} kompiler {ours:.3f}  reference method {reference:.3f}")
        return 0
    metrics = evaluate(args.corpus, args.min_importance)
    verdict = beats_reference(metrics)
    if args.json:
        print(json.dumps({"metrics": metrics, "beats": verdict}, indent=2))
    else:
        for key, value in metrics.items():
            print(f"{key:26} {value:.3f}" if isinstance(value, float) else f"{key:26} {value}")
        for key, ok in verdict.items():
            print(f"beats {key:20} {'yes' if ok else 'NO'}  (reference {REFERENCE[key]})")
    return 0 if all(verdict.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
