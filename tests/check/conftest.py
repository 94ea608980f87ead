"""Every loader test runs on each YAML loader the project may meet: libyaml's C loader (when this PyYAML
has it) and PyYAML's pure-Python loader, which a machine without libyaml falls back to.

A module of loader tests asks for it with ``pytestmark = pytest.mark.usefixtures("yaml_loader")``; the
cache, executor and incremental-check tests do not depend on the parser and run once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml

from kompiler.check import load

LOADERS = [loader for loader in (getattr(yaml, "CSafeLoader", None), yaml.SafeLoader) if loader is not None]


@pytest.fixture(scope="module", params=LOADERS, ids=lambda loader: loader.__name__)
def yaml_loader(request: pytest.FixtureRequest) -> Iterator[type]:
    """Load with one loader for a whole module (module scope: Hypothesis refuses function-scoped
    fixtures, and switching loaders between examples would mix them)."""
    original = load.Loader
    load.Loader = request.param
    yield request.param
    load.Loader = original
