"""Time and peak memory of the graph and merge stages on a generated corpus of 50,000 positions.

The positions are generated in memory (deterministic seed) on top of the real grade table and
managerial dictionaries of ``standards/``: 80 fields with 30 technical competencies each, names built
from a field vocabulary, tasks from field phrases, the six kinds of position over their grades, and
pelaksana spread over the three classifications. Not a test: it prints the numbers.

    python bench/bench_merge.py [--positions 50000] [--seed 38] [--no-graph]
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIELDS = 80
PER_FIELD = 30
TOPICS = [
    "anggaran",
    "aset",
    "pajak",
    "retribusi",
    "arsip",
    "kepegawaian",
    "jaringan",
    "data",
    "statistik",
    "jalan",
    "jembatan",
    "irigasi",
    "air",
    "limbah",
    "hutan",
    "tanaman",
    "ternak",
    "ikan",
    "pangan",
    "gizi",
    "obat",
    "klinik",
    "sekolah",
    "kurikulum",
    "perpustakaan",
    "museum",
    "budaya",
    "wisata",
    "pasar",
    "koperasi",
    "industri",
    "energi",
    "mineral",
    "tanah",
    "tata",
    "ruang",
    "bangunan",
    "kebakaran",
    "bencana",
    "hukum",
    "perundangan",
    "perizinan",
    "pengaduan",
    "hubungan",
    "masyarakat",
    "protokol",
    "kependudukan",
    "transportasi",
    "pelabuhan",
    "terminal",
    "kesehatan",
    "lingkungan",
    "iklim",
    "laboratorium",
    "kalibrasi",
    "pengadaan",
    "kontrak",
    "audit",
]
ROLES = ("Analis", "Penata", "Pengelola", "Pengawas", "Penyusun", "Pengolah", "Teknisi", "Operator")


def generate(count: int, seed: int):
    from kompiler.compiler import compile_path
    from kompiler.load import Document
    from kompiler.model import Competency, CompetencyType, Dictionary, Position, PositionKind, Requirement
    from kompiler.model.entities import Citation, Education, Origin, Qualifications

    base = compile_path(REPO / "standards", run_checks=False).corpus
    rng = random.Random(seed)
    origin = Origin(Document("bench", "", None), ())
    citation = Citation("PERMENPANRB-38-2017")
    grades_by_kind: dict[PositionKind, list[str]] = {}
    for code, grade in sorted(base.grades.items()):
        grades_by_kind.setdefault(grade.kind, []).append(code)
    competencies = dict(base.competencies)
    fields = []
    for f in range(FIELDS):
        slug = f"bidang{f:02d}"
        dictionary = Dictionary(CompetencyType.TECHNICAL, slug, slug, citation, None, None, origin)
        words = rng.sample(TOPICS, 4)
        codes = []
        for c in range(PER_FIELD):
            code = f"T.B{f:02d}X.{c + 1:02d}"
            competencies[code] = Competency(
                code, f"{rng.choice(words)} {c}", "-", CompetencyType.TECHNICAL, slug, (), dictionary, origin
            )
            codes.append(code)
        fields.append((slug, words, codes))
    managerial = sorted(c for c, v in base.competencies.items() if v.type is CompetencyType.MANAGERIAL)
    social = sorted(c for c, v in base.competencies.items() if v.type is CompetencyType.SOCIOCULTURAL)
    kinds = list(grades_by_kind)
    positions = {}
    for number in range(count):
        slug, words, codes = fields[rng.randrange(FIELDS)]
        kind = rng.choice(kinds)
        grade = base.grades[rng.choice(grades_by_kind[kind])]
        level = grade.managerial_level
        # Positions of a field draw from a core of competencies that most of them share.
        chosen = rng.sample(codes[:8], 3) + rng.sample(codes[8:], rng.randint(1, 4))
        requirements = (
            *(Requirement(c, level, CompetencyType.MANAGERIAL, i) for i, c in enumerate(managerial)),
            *(Requirement(c, level, CompetencyType.SOCIOCULTURAL, i) for i, c in enumerate(social)),
            *(Requirement(c, rng.randint(1, 5), CompetencyType.TECHNICAL, i) for i, c in enumerate(chosen)),
        )
        topic = rng.sample(words, 2)
        code = f"B.{number:06d}"
        positions[code] = Position(
            code=code,
            name=f"{rng.choice(ROLES)} {topic[0].title()} {topic[1].title()} {grade.name_pattern or ''}".strip(),
            kind=kind,
            grade=grade.code,
            classification=rng.choice(("klerek", "operator", "teknisi"))
            if kind is PositionKind.EXECUTOR
            else None,
            family=f"RJ-{slug.upper()}",
            field=slug,
            unit=f"Unit {rng.randrange(500)}",
            affairs=words[0],
            summary="-",
            tasks=tuple(f"Melaksanakan {rng.choice(words)} {rng.choice(TOPICS)}" for _ in range(3)),
            outputs=(f"Laporan {rng.choice(words)}",),
            requirements=requirements,
            cross_field_reason=None,
            qualifications=Qualifications((Education("S1", (words[0],), "mutlak"),), {}, (), None, None, ()),
            citation=citation,
            valid_from="2026-01-01",
            valid_until=None,
            origin=origin,
        )
    return dataclasses.replace(base, competencies=competencies, positions=positions, decisions=[])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--positions", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=38)
    parser.add_argument("--no-graph", action="store_true", help="time the merge stage only")
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also trace Python allocations (slows the stages 2-3x)"
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    corpus = generate(args.positions, args.seed)
    print(f"generated {len(corpus.positions)} positions in {time.perf_counter() - started:.1f} s")
    gc.collect()
    gc.freeze()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.tracemalloc:
        tracemalloc.start()
    started = time.perf_counter()
    import numpy  # noqa: F401  (import time is part of the stage, measured here explicitly)

    from kompiler.graph.merge import run_merge

    merged = run_merge(corpus)
    merge_seconds = time.perf_counter() - started
    graph_seconds = 0.0
    if not args.no_graph:
        from kompiler.graph.build import build_graph

        started = time.perf_counter()
        graph = build_graph(corpus, merged)
        graph_seconds = time.perf_counter() - started
        print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"similar pairs: {len(merged.similarities.score)}; proposals: {len(merged.proposals)}")
    print(
        f"merge stage: {merge_seconds:.1f} s; graph stage: {graph_seconds:.1f} s; total {merge_seconds + graph_seconds:.1f} s"
    )
    print(f"peak RSS of the process: {rss:.0f} MiB (after generating the corpus: {rss_before:.0f} MiB)")
    if args.tracemalloc:
        _, peak = tracemalloc.get_traced_memory()
        print(f"peak traced Python allocations of the stages: {peak / 2**20:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
