"""Round-trip YAML for the tools that rewrite standards (``fmt``, ``migrate``): comments and key order
survive a load and dump, unlike with the strict loader, which keeps only values.

All rewriting tools share this one configuration, so a migrated file is already in canonical form.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.emitter import Emitter

LINE_WIDTH = 100


class _Emitter(Emitter):
    """Where the emitter decides a scalar needs quotes, use double quotes, the style the standards use;
    a style the file already had (kept by ``preserve_quotes``) is left as it is."""

    def choose_scalar_style(self) -> Any:
        style = super().choose_scalar_style()
        requested = getattr(self.event, "style", None)
        return '"' if style == "'" and requested != "'" else style


def yaml_instance(*, preserve_quotes: bool = False, width: int = LINE_WIDTH) -> YAML:
    """A round-trip YAML with the canonical layout: 2-space mappings, list dashes indented under the key."""
    yaml = YAML(typ="rt")
    yaml.Emitter = _Emitter
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = width
    yaml.allow_unicode = True
    yaml.preserve_quotes = preserve_quotes
    return yaml


def load(text: str, *, preserve_quotes: bool = False) -> Any:
    """Load for rewriting; ``preserve_quotes`` keeps each scalar's quoting (a migration changes only
    what it must), without it the dump chooses quoting afresh (the formatter's canonical form)."""
    return yaml_instance(preserve_quotes=preserve_quotes).load(text)


def dump(data: Any, *, width: int = LINE_WIDTH) -> str:
    """Dump with the canonical layout; a large ``width`` keeps long lines as they are (no folding)."""
    stream = io.StringIO()
    yaml_instance(width=width).dump(data, stream)
    return stream.getvalue()
