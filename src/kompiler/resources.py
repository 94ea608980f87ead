"""Locate the data files that ship with kompiler: the JSON Schemas and the default Jinja templates.

A wheel carries them inside the package (``kompiler/data``); an editable install reads them from the
repository's top-level ``schemas/`` and ``templates/`` folders, which are their single source.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the folder holding the shipped ``name`` data (``schemas`` or ``templates``)."""
    installed = _PACKAGE / "data" / name
    if installed.is_dir():
        return installed
    source_tree = _PACKAGE.parents[1] / name
    if source_tree.is_dir():
        return source_tree
    raise FileNotFoundError(f"kompiler data folder {name!r} is missing from the installation")
