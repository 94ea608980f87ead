"""Time and peak memory of the merge and graph stages on a generated corpus (50,000 positions by default).

The corpus is the one ``bench/generate.py`` writes (the same realistic corpus ``bench/run.py`` measures);
it is compiled first, untimed, and then the two stages run as ``kompiler build`` runs them: the merge
stage (features, similarity, communities, groups, proposals) and the graph stage (the structural
networkx graph, and the GraphML and node-link JSON files with every similarity edge). Not a test: it
prints the numbers.

    python bench/generate.py --positions 50000 /tmp/corpus-50k
    python bench/bench_merge.py /tmp/corpus-50k [--tracemalloc]
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", type=Path, help="a project written by bench/generate.py")
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also trace Python allocations (slows the stages 2-3x)"
    )
    args = parser.parse_args(argv)

    from kompiler.pipeline import compile_path

    started = time.perf_counter()
    result = compile_path(args.corpus, run_checks=False)
    result.release_sources()
    corpus = result.corpus
    print(f"compiled {len(corpus.positions)} positions in {time.perf_counter() - started:.1f} s (untimed)")
    gc.collect()
    gc.freeze()
    rss_before = _rss_mib()
    if args.tracemalloc:
        tracemalloc.start()
    started = time.perf_counter()
    import numpy  # noqa: F401  (import time is part of the stage, measured here explicitly)

    from kompiler.graph.merge import run_merge

    merged = run_merge(corpus)
    merge_seconds = time.perf_counter() - started

    from kompiler.graph.export import write_graph_files
    from kompiler.graph.structure import build_graph, similarity_edges

    started = time.perf_counter()
    graph = build_graph(corpus, merged)
    built = time.perf_counter() - started
    with tempfile.TemporaryFile() as graphml, tempfile.TemporaryFile() as node_link:
        write_graph_files(graph, similarity_edges(merged.similarities), graphml, node_link)
        sizes = graphml.tell() / 2**20, node_link.tell() / 2**20
    graph_seconds = time.perf_counter() - started
    print(
        f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} structural edges, {built:.1f} s"
    )
    print(
        f"graph files: {sizes[0]:.0f} MiB GraphML, {sizes[1]:.0f} MiB node-link JSON, "
        f"{graph_seconds - built:.1f} s"
    )
    print(f"similar pairs: {len(merged.similarities.score)}; proposals: {len(merged.proposals)}")
    print(
        f"merge stage: {merge_seconds:.1f} s; graph stage: {graph_seconds:.1f} s; "
        f"total {merge_seconds + graph_seconds:.1f} s"
    )
    print(f"peak RSS of the process: {_rss_mib():.0f} MiB (compiled corpus alone: {rss_before:.0f} MiB)")
    if args.tracemalloc:
        _, peak = tracemalloc.get_traced_memory()
        print(f"peak traced Python allocations of the stages: {peak / 2**20:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
