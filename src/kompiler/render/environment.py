"""The Jinja environments every output is rendered through: sandboxed, escaping, and overridable.

Text from the standards is always data. HTML templates autoescape it; Markdown templates escape every
printed value for Markdown (a ``finalize`` hook), so ``<script>`` or ``**`` in a standard prints as
written. Values are never re-read as template code, so ``{{ 7*7 }}`` in a standard stays literal.

A standards project may override any template by placing one with the same name in its own
``templates/`` folder; the override runs in the same sandbox, so it cannot reach Python internals.
Template problems become a :class:`TemplateProblem` carrying a located, bilingual diagnostic.
"""

from __future__ import annotations

import re
import types
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment, is_internal_attribute
from markupsafe import Markup

from kompiler.diagnostics import Diagnostic, Location, Message, Severity, Span
from kompiler.render.labels import letter, roman
from kompiler.resources import data_dir

CODE_TEMPLATE = "KMP050"
_METHODS = (types.MethodType, types.BuiltinMethodType)

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def markdown_escape(value: Any) -> str:
    """Escape what Markdown would read as markup, and fold line breaks (they would break a table row)."""
    if isinstance(value, Markup):
        return str(value)
    return _markdown_text(str(value))


@lru_cache(maxsize=1 << 16)
def _markdown_text(text: str) -> str:
    """:func:`markdown_escape` of plain text, kept for the texts every SKJ prints again (a competency's
    name, level description and indicators recur in thousands of positions)."""
    return " ".join(_MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("&", "&amp;").split())


class TemplateProblem(Exception):
    """A template failed to load or render; ``diagnostic`` says where and why, in both languages."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message.en)
        self.diagnostic = diagnostic

    def __reduce__(self) -> tuple[type, tuple[Diagnostic]]:
        # Pages may be rendered in worker processes: the problem must cross back whole.
        return (TemplateProblem, (self.diagnostic,))


class _Sandbox(SandboxedEnvironment):
    """The Jinja sandbox, remembering its verdict per (type, attribute name).

    Jinja's check depends only on the object's type and the attribute's name, yet it runs on every
    attribute a template reads (millions in a large build), so the verdict is worth keeping.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._safe: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        verdict = self._safe.get(key)
        if verdict is None:
            verdict = self._safe[key] = not (attr.startswith("_") or is_internal_attribute(obj, attr))
        return verdict

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Jinja's sandboxed lookup, shortened for a value that is not a method of an attribute already
        judged safe on the object's type: what Jinja would return for it is the value itself.

        Methods still go the whole way, so ``str.format`` is wrapped as the sandbox requires.
        """
        if self._safe.get((type(obj), attribute)):
            try:
                value = getattr(obj, attribute)
            except AttributeError:
                return super().getattr(obj, attribute)
            if not isinstance(value, _METHODS):
                return value
        return super().getattr(obj, attribute)


@dataclass(frozen=True)
class Templates:
    """The template folders of one build: the project's own first, then the shipped ones."""

    project: Path | None = None

    @property
    def search_path(self) -> list[Path]:
        folders = [self.project] if self.project is not None and self.project.is_dir() else []
        return [*folders, data_dir("templates")]

    def _environment(self, *, markdown: bool) -> SandboxedEnvironment:
        loader = jinja2.FileSystemLoader([str(p) for p in self.search_path], encoding="utf-8")
        env = _Sandbox(
            loader=loader,
            auto_reload=False,
            autoescape=not markdown,
            finalize=markdown_escape if markdown else None,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.filters["roman"] = roman
        env.filters["letter"] = letter
        return env

    @cached_property
    def html(self) -> SandboxedEnvironment:
        return self._environment(markdown=False)

    @cached_property
    def markdown(self) -> SandboxedEnvironment:
        return self._environment(markdown=True)

    def get(self, name: str) -> jinja2.Template:
        """The compiled template ``name`` (compiled once per build: Jinja caches it by name)."""
        env = self.markdown if name.endswith(".md") else self.html
        try:
            return env.get_template(name)
        except jinja2.TemplateError as error:
            raise TemplateProblem(self._diagnostic(name, error)) from error

    def render(self, name: str, context: Mapping[str, Any]) -> str:
        """Render template ``name``; any template error becomes a :class:`TemplateProblem`."""
        template = self.get(name)
        try:
            return template.render(context)
        except jinja2.TemplateError as error:
            raise TemplateProblem(self._diagnostic(name, error)) from error

    def source(self, name: str) -> str:
        """The text of a static file (stylesheet, script) found like a template, but not rendered."""
        path = self.origin(name)
        if path is None:
            raise TemplateProblem(self._diagnostic(name, jinja2.TemplateNotFound(name)))
        return path.read_text(encoding="utf-8")

    def origin(self, name: str) -> Path | None:
        """The file a template name resolves to (the project's override when there is one)."""
        for folder in self.search_path:
            if (folder / name).is_file():
                return folder / name
        return None

    def _diagnostic(self, name: str, error: jinja2.TemplateError) -> Diagnostic:
        file_name = getattr(error, "filename", None) or getattr(error, "name", None)
        path = Path(file_name) if file_name and Path(file_name).is_file() else self.origin(name)
        line = getattr(error, "lineno", None) or _template_line(error, path)
        location = Location(str(path) if path else name, Span(line, 1, line, 1) if line else None)
        reason = str(getattr(error, "message", None) or error)
        if isinstance(error, jinja2.exceptions.SecurityError) or "unsafe" in reason:
            message = Message(
                f"Templat {name} mencoba mengakses bagian dalam Python yang dilarang oleh sandbox: {reason}",
                f"Template {name} tried to reach Python internals, which the sandbox forbids: {reason}",
            )
        elif isinstance(error, jinja2.TemplateNotFound):
            message = Message(f"Templat {name} tidak ditemukan.", f"Template {name} was not found.")
        else:
            message = Message(
                f"Templat {name} tidak dapat dipakai: {reason}",
                f"Template {name} cannot be used: {reason}",
            )
        return Diagnostic(Severity.ERROR, CODE_TEMPLATE, message, location)


def _template_line(error: BaseException, path: Path | None) -> int:
    """The template line an exception was raised at, read from its traceback (Jinja maps it there)."""
    traceback = error.__traceback__
    line = 0
    while traceback is not None:
        if path is not None and traceback.tb_frame.f_code.co_filename == str(path):
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line
