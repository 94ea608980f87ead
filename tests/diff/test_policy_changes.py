"""``kompiler diff`` states development-policy changes by meaning: a category threshold lowered, an
activity added, a form moved to another bucket, a penyetaraan moved to another grade."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kompiler.build.amendment import amendment_view
from kompiler.diff import Comparison
from kompiler.diff.changes import Change, Kind, Subject, compare
from kompiler.diff.report import DiffReport, render
from kompiler.model import Corpus
from kompiler.pipeline import compile_path
from tests.conftest import REPO


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> tuple[Corpus, Corpus]:
    root = tmp_path_factory.mktemp("diff") / "standar"
    shutil.copytree(REPO / "standards", root)
    before = compile_path(root).corpus

    def edit(relative: str, old: str, new: str) -> None:
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    edit("pengembangan/kecocokan.yaml", "minimal: 80", "minimal: 75")
    edit("pengembangan/rencana.yaml", "toleransi: 10", "toleransi: 5")
    edit(
        "pengembangan/bentuk-pembelajaran.yaml",
        "kelompok: 20\n    jp_per_satuan: 8",
        "kelompok: 70\n    jp_per_satuan: 8",
    )
    edit(
        "pengembangan/katalog.yaml",
        "katalog:\n",
        "katalog:\n  - kode: KAT.BARU\n    nama: Magang Kearsipan\n    bentuk: magang\n    jp: 16\n"
        "    mengembangkan:\n      - kompetensi: T.ARSIP.01\n        level: 3\n",
    )
    edit("pengembangan/penyetaraan.yaml", "  - jenjang: JPT-PRATAMA", "  - jenjang: JPT-MADYA")
    after = compile_path(root).corpus
    return before, after


def _policy(changes: list[Change]) -> list[Change]:
    policy = {Subject.POLICY, Subject.LEARNING_FORM, Subject.ACTIVITY, Subject.EQUIVALENCE}
    return [change for change in changes if change.subject in policy]


def test_policy_changes_by_meaning(corpora: tuple[Corpus, Corpus]) -> None:
    before, after = corpora
    found = {(c.kind, c.subject, c.code, c.field, c.before, c.after) for c in _policy(compare(before, after))}
    assert found == {
        (
            Kind.CHANGED,
            Subject.POLICY,
            "kecocokan",
            "tujuan.pengisian.kategori.memenuhi_syarat.minimal",
            80,
            75,
        ),
        (Kind.CHANGED, Subject.POLICY, "rencana", "proporsi.toleransi", 10, 5),
        (Kind.CHANGED, Subject.LEARNING_FORM, "benchmarking", "kelompok", 20, 70),
        (Kind.ADDED, Subject.ACTIVITY, "KAT.BARU", None, None, None),
        # the same equivalence, now from another grade
        (Kind.RENAMED, Subject.EQUIVALENCE, "JPT-MADYA", None, None, None),
    }
    assert all(c.subject not in (Subject.POLICY,) for c in compare(before, before))


def test_policy_changes_are_worded(corpora: tuple[Corpus, Corpus]) -> None:
    before, after = corpora
    changes = _policy(compare(before, after))
    text = render(DiffReport("HEAD~1", "HEAD", changes, "en"), "text")
    assert "Development policy kecocokan" in text
    assert "tujuan.pengisian.kategori.memenuhi_syarat.minimal changed from 80 to 75" in text
    assert "10:20:70 bucket changed from 20 to 70" in text
    markdown = render(DiffReport("HEAD~1", "HEAD", changes, "id"), "markdown")
    assert "#### Kegiatan katalog" in markdown


def test_a_section_named_by_its_code_is_not_named_twice(corpora: tuple[Corpus, Corpus], golden) -> None:
    """A policy section (``kecocokan``) and a penyetaraan (its grade) have no name but their code: the
    report says "Kebijakan pengembangan kecocokan", not "… kecocokan kecocokan"."""
    before, after = corpora
    changes = _policy(compare(before, after))
    for locale in ("id", "en"):
        text = render(DiffReport("HEAD~1", "HEAD", changes, locale), "text")
        golden(f"diff/policy.{locale}.txt", text)
        assert "kecocokan kecocokan" not in text
        assert "rencana rencana" not in text
        assert "JPT-MADYA JPT-MADYA" not in text
    markdown = render(DiffReport("HEAD~1", "HEAD", changes, "id"), "markdown")
    golden("diff/policy.id.md", markdown)
    assert "- **kecocokan**\n" in markdown
    assert "- **KAT.BARU** Magang Kearsipan\n" in markdown


def test_the_amendment_leaves_the_policy_out(tmp_path: Path) -> None:
    """The regulation's amendment amends the standards; the development policy is not in its appendix."""
    root = tmp_path / "standar"
    shutil.copytree(REPO / "standards", root)
    before = compile_path(root)
    rencana = root / "pengembangan/rencana.yaml"
    rencana.write_text(rencana.read_text(encoding="utf-8").replace("toleransi: 10", "toleransi: 5"))
    after = compile_path(root)
    changes = compare(before.corpus, after.corpus)
    assert [c.subject for c in changes] == [Subject.POLICY]
    view = amendment_view(Comparison(before, after, "HEAD~1", "HEAD", changes), "id")
    assert view.points == ()


def _match_change(field: str, before: object, after: object) -> Change:
    return Change(Kind.CHANGED, Subject.POLICY, "kecocokan", "kecocokan", field, before=before, after=after)


def test_a_formula_changed_without_its_version_is_a_warning_in_every_format(
    corpora: tuple[Corpus, Corpus],
) -> None:
    """Every people output names the formula's version: a threshold lowered while ``kecocokan.versi``
    stays would make results before and after it claim one formula, so the reviewer is told."""
    before, after = corpora
    changes = compare(before, after)
    text = render(DiffReport("HEAD", "pohon kerja", changes, "id"), "text")
    assert text.splitlines()[1] == (
        "peringatan: Rumus kecocokan berubah (tujuan.pengisian.kategori.memenuhi_syarat.minimal) tetapi "
        "kecocokan.versi tidak dinaikkan: hasil asesmen sebelum dan sesudah perubahan ini akan menyebut "
        "versi rumus yang sama. Naikkan versinya di pengembangan/kecocokan.yaml."
    )
    markdown = render(DiffReport("HEAD", "work-tree", changes, "en"), "markdown")
    assert (
        "> **Warning:** The match formula changed (tujuan.pengisian.kategori.memenuhi\\_syarat.minimal)"
        in (markdown)
    )
    assert '"peringatan": [' in render(DiffReport("HEAD", "work-tree", changes, "id"), "json")


@pytest.mark.parametrize(
    "changes",
    [
        [_match_change("rumus", "rata_rata_rasio", "jumlah_minimum"), _match_change("versi", "A", "B")],
        [_match_change("versi", "A", "B")],
        [Change(Kind.CHANGED, Subject.POLICY, "rencana", "rencana", "toleransi", before=10, after=5)],
        [],
    ],
)
def test_no_warning_when_the_version_was_raised_or_the_formula_kept(changes: list[Change]) -> None:
    for output_format in ("text", "markdown", "json"):
        shown = render(DiffReport("HEAD", "work-tree", changes, "id"), output_format)
        assert "peringatan" not in shown.lower() and "Naikkan versinya" not in shown
