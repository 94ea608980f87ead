"""The agency view as printed: only what the people stage's suppression lets through, a unit whose
figures are all suppressed left out whole, and the same figures as Markdown, CSV and HTML."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

import numpy as np

from kompiler.people.aggregate import Aggregates, suppress
from kompiler.render.environment import Templates
from kompiler.render.people.summary import AgencyView, agency_view, csv_text, markdown, page_context

NAMES = {"M.01": "Integritas", "T.PEG.04": "Manajemen Talenta"}


def view(locale: str = "en", plans: bool = True) -> AgencyView:
    """Unit A: 8 people; Unit B: 4 (suppressed, and with it Unit D, the smallest shown group of the
    units and of M.01); Unit C: 6, of whom 3 need T.PEG.04 (suppressed); Unit D: 5."""
    data = Aggregates(
        units=("Unit A", "Unit B", "Unit C", "Unit D"),
        competencies=("M.01", "T.PEG.04"),
        competency_names=NAMES,
        people=np.array([[8, 8], [4, 4], [6, 3], [5, 5]]),
        gap_sum=np.array([[4.0, 8.0], [4.0, 0.0], [3.0, 3.0], [5.0, 10.0]]),
        unit_people=np.array([8, 4, 6, 5]),
        unit_reaching=np.array([6, 4, 3, 5]) if plans else None,
        gap_squares=np.array([[6.0, 12.0], [6.0, 0.0], [4.0, 5.0], [7.0, 24.0]]),  # gaps that differ
    )
    return agency_view(
        suppress(data, 5), NAMES, has_plans=plans, minimum_jp=20, version="jpm-2026.1", locale=locale
    )


def test_suppressed_figures_print_a_dash_and_a_wholly_suppressed_unit_is_left_out() -> None:
    shown = view()
    assert [row.label for row in shown.rows] == ["Unit A", "Unit C", "Unit D"]  # Unit B: not even its name
    by_label = {row.label: row for row in shown.rows}
    assert [c.text for c in by_label["Unit A"].cells] == ["0.5", "1"]
    assert [c.text for c in by_label["Unit C"].cells] == ["0.5", "—"]  # 3 people need T.PEG.04 there
    # Unit D is shown only where it gives Unit B away by no difference: its T.PEG.04 column
    assert (by_label["Unit D"].people, [c.text for c in by_label["Unit D"].cells]) == ("—", ["—", "2"])
    every = [c.text for row in (*shown.rows, shown.total) for c in row.cells]
    assert "—" in every and all(text == "—" or text.replace(".", "").isdigit() for text in every)


def test_without_plans_there_is_no_share_column() -> None:
    shown = view(plans=False)
    assert not shown.has_plans and all(row.share == "" for row in (*shown.rows, shown.total))
    assert "JP" not in markdown(shown, "en").splitlines()[4]


def test_formats_say_the_same(golden: Callable[[str, str], None]) -> None:
    shown = view("id")
    text = markdown(shown, "id")
    golden("people-outputs/agregat.id.md", text)
    assert "mendukung, bukan menggantikan" in text and "jpm-2026.1" in text and "Unit B" not in text
    rows = list(csv.reader(io.StringIO(csv_text(shown))))
    assert rows[0] == [
        "unit_kerja",
        "jumlah_pegawai",
        "M.01",
        "T.PEG.04",
        "porsi_mencapai_jp",
        "versi_rumus",
        "keterangan",
    ]
    assert {row[-2] for row in rows[1:]} == {"jpm-2026.1"} and all("Pasal 10" in row[-1] for row in rows[1:])
    assert [row[0] for row in rows[1:]] == ["Unit A", "Unit C", "Unit D", "Seluruh instansi"]
    assert rows[1][:4] == ["Unit A", "8", "0.5", "1"]
    html = Templates(None).render("people/agregat.html", {**page_context(shown, "id"), "locale": "id"})
    assert html.count("<tr>") == 1 + 3 + 1 and "Unit B" not in html and "jpm-2026.1" in html


def test_names_are_escaped_in_the_markdown() -> None:
    """A unit's name is the standards' text: HTML in it must not run in a Markdown viewer, and a ``|``
    must not split the table row."""
    data = Aggregates(
        units=("<img src=x onerror=alert(3)> Dinas", "Biro | Umum"),
        competencies=("M.01",),
        competency_names={"M.01": "Integritas <b>"},
        people=np.array([[6], [7]]),
        gap_sum=np.array([[3.0], [7.0]]),
        unit_people=np.array([6, 7]),
        unit_reaching=None,
        gap_squares=np.array([[3.0], [9.0]]),
    )
    shown = agency_view(
        suppress(data, 5), data.competency_names, has_plans=False, minimum_jp=20, version="v<1>", locale="id"
    )
    text = markdown(shown, "id")
    assert re.search(r"(?<!\\)[<>]", text) is None  # every angle bracket escaped
    assert "\\<img src=x onerror=alert(3)\\> Dinas" in text and "Biro \\| Umum" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "Biro" in line]
    assert [row.replace("\\|", "").count("|") for row in rows] == [4]  # three cells, no more


def test_a_competency_with_no_figure_shown_has_no_column() -> None:
    """One auditor of the Inspektorat and two archivists are assessed beside six people of another unit:
    their units are left out, and so are T.WAS.02 and T.ARSIP.05, which only their positions require and
    which would otherwise name the units left out and say which positions' holders were assessed."""
    codes = ("M.01", "T.ARSIP.05", "T.WAS.02")
    data = Aggregates(
        units=("Dinas Kominfo", "Dinas Perpustakaan", "Inspektorat"),
        competencies=codes,
        competency_names={code: code for code in codes},
        people=np.array([[6, 0, 0], [2, 2, 0], [1, 0, 1]]),
        gap_sum=np.array([[3.0, 0.0, 0.0], [1.0, 3.0, 0.0], [2.0, 0.0, 2.0]]),
        unit_people=np.array([6, 2, 1]),
        unit_reaching=None,
        gap_squares=np.array([[5.0, 0.0, 0.0], [1.0, 5.0, 0.0], [4.0, 0.0, 4.0]]),
    )
    shown = agency_view(
        suppress(data, 5), {}, has_plans=False, minimum_jp=20, version="jpm-2026.1", locale="en"
    )
    assert [code for code, _ in shown.columns] == ["M.01"]
    assert [c.text for c in shown.total.cells] == ["0.67"]  # nine people, gaps that differ
    published = markdown(shown, "en") + csv_text(shown)
    for hidden in ("T.WAS.02", "T.ARSIP.05", "Inspektorat", "Perpustakaan"):
        assert hidden not in published
