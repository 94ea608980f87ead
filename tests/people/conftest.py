"""Fixtures the people tests share."""

from __future__ import annotations

from pathlib import Path

import pytest

from kompiler.model import Corpus
from kompiler.pipeline import compile_path

STANDARDS = Path(__file__).parents[2] / "standards"


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The repository's own standards, compiled once for every module that reads them (a module with a
    ``corpus`` fixture of its own, such as ``test_stream``, uses that instead)."""
    return compile_path(STANDARDS).corpus
