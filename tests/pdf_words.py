"""The words a PDF prints and where their right edges fall, read with poppler's ``pdftotext -bbox``: how the
tests of overlong words see that a word stays inside the page and is printed whole."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="poppler-utils (pdftotext) is not installed: apt-get install poppler-utils",
)
# The width of an A4 page in points.
A4_WIDTH = 595.28
_WORD = re.compile(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>')


def printed_words(pdf: Path) -> list[tuple[float, str]]:
    """Every word ``pdf`` prints, with the right edge of its box in points."""
    layout = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [(float(right), word) for right, word in _WORD.findall(layout)]


def past_right_margin(words: list[tuple[float, str]], margin_cm: float) -> list[str]:
    """The words (their first 20 characters) printed past an A4 page's right margin, give or take a point."""
    limit = A4_WIDTH - margin_cm / 2.54 * 72 + 1
    return [word[:20] for right, word in words if right > limit]
