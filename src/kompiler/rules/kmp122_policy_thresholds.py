"""KMP122: match categories that do not descend strictly to 0, a category code used twice in one
purpose, or talent cut points that do not rise inside their axis's scale."""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Related, Severity
from kompiler.model import Corpus
from kompiler.model.entities import MatchPolicy, MatchPurpose, TalentPolicy
from kompiler.rules.base import Context, Example, Finding, Rule, Scope


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    policy = corpus.development
    if policy.match is not None:
        for purpose in policy.match.purposes.values():
            yield from _bands(policy.match, purpose)
    if policy.talent is not None:
        yield from _cuts(policy.talent)


def _bands(match: MatchPolicy, purpose: MatchPurpose) -> Iterator[Finding]:
    """Highest minimum first, each strictly below the one before, the last at 0: every percentage then
    falls into exactly one category, and the order the categories are printed is their rank."""
    at = ("tujuan", purpose.code, "kategori")
    seen: dict[str, int] = {}
    for index, band in enumerate(purpose.bands):
        first = seen.setdefault(band.code, index)
        if first != index:
            where = match.origin.at(*at, first, "kode")
            yield Finding(
                match.origin.at(*at, index, "kode"),
                Message(
                    f"Kode kategori {band.code!r} sudah dipakai tujuan {purpose.code!r} di baris {where.line}.",
                    f"The category code {band.code!r} is already used by the purpose {purpose.code!r} "
                    f"on line {where.line}.",
                ),
                related=(Related(where, Message("Pemakaian pertama di sini.", "First used here.")),),
            )
        if index and band.minimum >= purpose.bands[index - 1].minimum:
            above = purpose.bands[index - 1]
            yield Finding(
                match.origin.at(*at, index, "minimal"),
                Message(
                    f"Batas kategori {band.code!r} ({band.minimum:g}) harus lebih rendah daripada batas "
                    f"kategori sebelumnya, {above.code!r} ({above.minimum:g}): kategori ditulis dari batas "
                    "tertinggi menurun.",
                    f"The minimum of the category {band.code!r} ({band.minimum:g}) must be below that of the "
                    f"category before it, {above.code!r} ({above.minimum:g}): categories are written from the "
                    "highest minimum down.",
                ),
            )
    last = purpose.bands[-1]
    if last.minimum != 0:
        yield Finding(
            match.origin.at(*at, len(purpose.bands) - 1, "minimal"),
            Message(
                f"Kategori terakhir tujuan {purpose.code!r} harus berbatas 0, agar persentase di bawah "
                f"{last.minimum:g} juga mendapat kategori.",
                f"The last category of the purpose {purpose.code!r} must have minimum 0, so that a "
                f"percentage below {last.minimum:g} falls into a category too.",
            ),
        )


def _cuts(talent: TalentPolicy) -> Iterator[Finding]:
    """Each axis's scale rises, and its cut points rise inside it: the first above the scale's start
    (or no value is low), the second at most its end (or no value is high). A cut point on another scale
    than the values it cuts puts people in the wrong box without a word, so it is refused here."""
    for key, scale, cuts, name_id, name_en in (
        ("kinerja", talent.performance_scale, talent.performance_cuts, "kinerja", "performance"),
        ("potensi", talent.potential_scale, talent.potential_cuts, "potensial", "potential"),
    ):
        start, end = scale
        low, high = cuts
        shown = f"{start:g}–{end:g}"
        checks = (
            (
                start >= end,
                ("skala", 1),
                Message(
                    f"Akhir skala sumbu {name_id} ({end:g}) harus lebih tinggi daripada awalnya ({start:g}).",
                    f"The end of the {name_en} axis's scale ({end:g}) must be above its start ({start:g}).",
                ),
            ),
            (
                start < end and low <= start,
                ("batas", 0),
                Message(
                    f"Batas pertama sumbu {name_id} ({low:g}) harus di atas awal skalanya ({shown}); tanpa itu "
                    "tidak ada nilai yang rendah.",
                    f"The first cut point of the {name_en} axis ({low:g}) must be above the start of its scale "
                    f"({shown}); otherwise no value is low.",
                ),
            ),
            (
                start < end and high > end,
                ("batas", 1),
                Message(
                    f"Batas kedua sumbu {name_id} ({high:g}) di luar skalanya ({shown}), skala tempat nilai "
                    "berkas asesmen dibaca; tanpa batas di dalam skala tidak ada nilai yang tinggi.",
                    f"The second cut point of the {name_en} axis ({high:g}) is outside its scale ({shown}), the "
                    "scale the assessment file's values are read on; no value would be high.",
                ),
            ),
            (
                low >= high,
                ("batas", 1),
                Message(
                    f"Batas kedua sumbu {name_id} ({high:g}) harus lebih tinggi daripada batas pertama ({low:g}); "
                    "tanpa itu tingkat menengah kosong.",
                    f"The second cut point of the {name_en} axis ({high:g}) must be above the first ({low:g}); "
                    "otherwise the middle tier is empty.",
                ),
            ),
        )
        for failed, at, message in checks:
            if failed:
                yield Finding(talent.origin.at(key, *at), message)


RULE = Rule(
    code="KMP122",
    title=Message(
        "Batas kategori dan talenta tidak berurutan atau di luar skala",
        "Category and talent limits out of order or off the scale",
    ),
    severity=Severity.ERROR,
    scope=Scope.CORPUS,
    explanation=Message(
        "Kategori kecocokan setiap tujuan ditulis dari batas tertinggi menurun tegas sampai batas 0, dengan "
        "kode yang berbeda, agar setiap persentase masuk tepat satu kategori. Dua batas setiap sumbu matriks "
        "talenta naik di dalam skala sumbu itu (skala, bawaan 1–5: skala nilai kinerja dan potensi berkas "
        "asesmen, predikat kinerja Sangat Kurang=1 … Sangat Baik=5), agar ketiga tingkatnya (rendah, menengah, "
        "tinggi) ada dan batas dibaca pada skala yang sama dengan nilai yang dibaginya.",
        "The match categories of each purpose are written from the highest minimum strictly down to 0, with "
        "distinct codes, so that every percentage falls into exactly one category. The two cut points of each "
        "talent axis rise inside that axis's scale (skala, by default 1–5: the scale of the assessment file's "
        "performance and potential, the performance ratings Sangat Kurang=1 … Sangat Baik=5), so that its "
        "three tiers (low, middle, high) all exist and the cut points are read on the scale of the values "
        "they cut.",
    ),
    legal_source=Message(
        "PermenPANRB 3/2020 (manajemen talenta); kategori kecocokan menurut praktik instansi",
        "PermenPANRB 3/2020 (talent management); match categories as agencies practise them",
    ),
    check=check,
    examples=(
        Example(
            "kategori:\n  - kode: memenuhi_syarat\n    nama: Memenuhi Syarat\n    minimal: 80\n"
            "  - kode: masih_memenuhi_syarat\n    nama: Masih Memenuhi Syarat\n    minimal: 85  # naik\n"
            "  - kode: kurang_memenuhi_syarat\n    nama: Kurang Memenuhi Syarat\n    minimal: 10  # bukan 0",
            "pengembangan/kecocokan.yaml",
            at=("kecocokan", "tujuan", "pengisian"),
            base="standards",
        ),
        Example(
            "kategori:\n  - kode: memenuhi_syarat\n    nama: Memenuhi Syarat\n    minimal: 80\n"
            "  - kode: masih_memenuhi_syarat\n    nama: Masih Memenuhi Syarat\n    minimal: 68\n"
            "  - kode: kurang_memenuhi_syarat\n    nama: Kurang Memenuhi Syarat\n    minimal: 0",
            "pengembangan/kecocokan.yaml",
            at=("kecocokan", "tujuan", "pengisian"),
            base="standards",
        ),
    ),
)
