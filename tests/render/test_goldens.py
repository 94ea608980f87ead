"""Golden files of what people read: representative site pages and the Markdown of the appendix.

The fixture project is ours (``tests/fixtures/render``), so edits to the default corpus never move these.
Regenerate after an intended change with ``KOMPILER_UPDATE_GOLDENS=1 pytest tests/render``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

PAGES = [
    "site/index.html",
    "site/jabatan/NTB.JF.AKPD.MUDA.html",
    "site/rumpun/RJ-KEU.html",
    "site/kompetensi/T.KEU.01.html",
    "site/usulan.html",
    "jabatan/NTB.JF.ASDMA.MUDA.md",
    "lampiran.md",
]


@pytest.mark.parametrize("relative", PAGES)
def test_rendered_output_matches_golden(
    built: Path, golden: Callable[[str, str], None], relative: str
) -> None:
    golden(f"render/{relative.replace('/', '__')}", (built / relative).read_text(encoding="utf-8"))
