"""The Jinja environments every output is rendered through: sandboxed, escaping, bounded and overridable.

Text from the standards is always data. HTML templates autoescape it; Markdown templates escape every
printed value for Markdown (a ``finalize`` hook), so ``<script>`` or ``**`` in a standard prints as
written. Values are never re-read as template code, so ``{{ 7*7 }}`` in a standard stays literal.

A standards project may override any template or static file by placing one with the same name in its
own ``templates/`` folder (:mod:`kompiler.render.template_files` decides which files may be used). The
override runs in the same sandbox, so it cannot reach Python internals, and within the limits of
:mod:`kompiler.render.limits`, so it cannot run forever or fill memory. A name nothing defines is an
error (``StrictUndefined``), so a typo never silently prints nothing. Every template problem becomes a
:class:`TemplateProblem` carrying a located, bilingual diagnostic that points at the template line,
in the project's own file when one is involved.
"""

from __future__ import annotations

import functools
import os
import re
import types
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.parser import Parser
from jinja2.sandbox import ImmutableSandboxedEnvironment, is_internal_attribute, modifies_known_mutable
from jinja2.utils import _PassArg, pass_context
from jinja2.visitor import NodeTransformer
from markupsafe import Markup

from kompiler.diagnostics import Diagnostic, Location, Message, Severity, Span
from kompiler.markdown_text import escaped, special_characters
from kompiler.project import display_path
from kompiler.render.labels import letter, number, roman
from kompiler.render.limits import (
    CALL_STEPS,
    CODE_LIMIT,
    FLOOR_STEPS,
    Allowance,
    Budget,
    LimitExceeded,
    ceilings,
    predicted,
    size,
    too_deep,
    too_much_memory,
)
from kompiler.render.pdf import CODE_FETCH
from kompiler.render.template_files import CODE_FILE_REFUSED, TemplateFileRefused, TemplateFiles
from kompiler.resources import data_dir

CODE_TEMPLATE = "KMP050"
_METHODS = (types.MethodType, types.BuiltinMethodType)
# Filters the limits put into every template; a space keeps a template from naming them.
_LOOP = "kompiler loop"
_MEASURE = "kompiler measure"
_FETCH = "kompiler fetch"
_BATCH = 256  # pieces of output charged at once

Page = tuple[str, str, Mapping[str, Any]]  # what to render: (output path, template name, context)
# Characters of a text a template made (a refused URL, a template name, an error's reason) that a message
# quotes: a template can make one of megabytes, and every report format would carry it whole.
_SHOWN = 200

_UNPRINTABLE = re.compile("[\ud800-\udfff]")
# What makes a line a list item, a rule or a heading's underline when a value starts it (``- a``,
# ``1. a``, ``+ a``, ``---``, ``===``): its marker is escaped, so the value stays a paragraph.
_MARKDOWN_BLOCK_START = re.compile(r"^([0-9]{0,9})([-+=.)])(?=\s|$|[-=])")
_MARKDOWN_SPECIAL = special_characters("#")  # a ``#`` may start a line, where it makes a heading


def markdown_escape(value: Any) -> str:
    """Escape what Markdown would read as markup, and fold line breaks (they would break a table row)."""
    if isinstance(value, Markup):
        return str(value)
    return _markdown_text(str(value))


@lru_cache(maxsize=1 << 16)
def _markdown_text(text: str) -> str:
    """:func:`markdown_escape` of plain text, kept for the texts every SKJ prints again (a competency's
    name, level description and indicators recur in thousands of positions)."""
    folded = " ".join(escaped(text, _MARKDOWN_SPECIAL).split())
    return _MARKDOWN_BLOCK_START.sub(r"\1\\\2", folded, count=1)


class TemplateProblem(Exception):
    """A template failed to load or render; ``diagnostic`` says where and why, in both languages."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message.en)
        self.diagnostic = diagnostic

    def __reduce__(self) -> tuple[type, tuple[Diagnostic]]:
        # Pages may be rendered in worker processes: the problem must cross back whole.
        return (TemplateProblem, (self.diagnostic,))


class TemplateTooDeep(jinja2.TemplateSyntaxError):
    """A template nested too deeply for Jinja's compiler (which, like Python's, recurses)."""


def _parsing_line(error: BaseException) -> int:
    """The template line Jinja's parser was reading when ``error`` was raised (1 when not parsing)."""
    line = 1
    traceback = error.__traceback__
    while traceback is not None:
        parser = traceback.tb_frame.f_locals.get("self")
        if isinstance(parser, Parser):
            line = parser.stream.current.lineno
        traceback = traceback.tb_next
    return line


class _Measured(NodeTransformer):
    """Puts the work budget into a parsed template: every ``for`` loop's iterable, every ``~`` and every
    operand of a comparison pass through a filter that charges their size (``x in list`` costs the list),
    and every include and import the steps of a call."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = _filtered(node.iter, _LOOP)
        return node

    def visit_Include(self, node: nodes.Include) -> nodes.Node:
        """An include or import runs another template's code (a new context, its module): a call's
        steps, charged as its name is taken, each time it runs."""
        self.generic_visit(node)
        node.template = _filtered(node.template, _FETCH)
        return node

    visit_Import = visit_FromImport = visit_Include

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return _filtered(node, _MEASURE)

    def visit_Compare(self, node: nodes.Compare) -> nodes.Node:
        self.generic_visit(node)
        node.expr = _filtered(node.expr, _MEASURE)
        for operand in node.ops:
            operand.expr = _filtered(operand.expr, _MEASURE)
        return node


def _filtered(node: nodes.Expr, name: str) -> nodes.Filter:
    return nodes.Filter(node, name, [], [], None, None, lineno=node.lineno)


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox (lists, dicts and sets cannot be changed in place), remembering its verdict per
    (type, attribute name).

    Jinja's check depends only on the object's type and the attribute's name, yet it runs on every
    attribute a template reads (millions in a large build), so the verdict is worth keeping.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._safe: dict[tuple[type, str], bool] = {}

    def add_filters(self, filters: Mapping[str, Callable[..., Any]]) -> None:
        self.filters.update(filters)

    def compile(  # type: ignore[override]
        self,
        source: str | nodes.Template,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        """Jinja's compile, with a template too deeply nested to compile reported as such, at its file."""
        try:
            return super().compile(source, name, filename, raw, defer_init)
        except (RecursionError, SyntaxError) as error:
            raise TemplateTooDeep(str(error), _parsing_line(error), name, filename) from None

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        verdict = self._safe.get(key)
        if verdict is None:
            verdict = self._safe[key] = not (
                attr.startswith("_") or is_internal_attribute(obj, attr) or modifies_known_mutable(obj, attr)
            )
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


class _Limited(_Sandbox):
    """The sandbox for a project with templates of its own: the work budget of the render in progress
    (:mod:`kompiler.render.limits`) is charged by every call, filter, test, operator, slice and loop.
    The shipped templates, reviewed with kompiler, run without it in a project that has none."""

    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.budget = Budget(FLOOR_STEPS)  # replaced by each render
        del self.globals["lipsum"]  # a billion paragraphs of filler would be one call

    def add_filters(self, filters: Mapping[str, Callable[..., Any]]) -> None:
        """Add ``filters`` and make every filter and test charge the budget (they then run only while
        rendering, never while compiling, where no budget would count them)."""
        self.filters.update(filters)
        for table in (self.filters, self.tests):
            for name, function in table.items():
                table[name] = _charging(self, function)
        self.filters[_LOOP] = pass_context(lambda context, value: self.budget.looped(value))
        self.filters[_MEASURE] = pass_context(lambda context, value: self._charged(value))
        self.filters[_FETCH] = pass_context(lambda context, value: self._charged(value, CALL_STEPS))

    def _charged(self, value: Any, steps: int = 1) -> Any:
        self.budget.charge(steps + size(value))
        return value

    def _generate(
        self, source: nodes.Template, name: str | None, filename: str | None, defer_init: bool = False
    ) -> str:
        source = _Measured().visit(source)
        source.set_environment(self)
        return super()._generate(source, name, filename, defer_init)  # type: ignore[no-any-return]

    def getitem(self, obj: Any, argument: Any) -> Any:
        value = super().getitem(obj, argument)
        if isinstance(argument, slice):
            self.budget.charge(size(value))
        return value

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        self.budget.make(predicted(operator, left, right))
        result = self.binop_table[operator](left, right)
        if operator == "%":  # a format's widths are known only once it is read
            self.budget.charge(size(result))
        return result

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = __self.budget
        budget.charge(CALL_STEPS + size(getattr(__obj, "__self__", None)) + _sizes(args, kwargs))
        return budget.measured(super().call(__context, __obj, *args, **kwargs))


def _sizes(args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """The steps of handing ``args`` and ``kwargs`` to a function: one each, plus their sizes."""
    total = len(args) + len(kwargs)
    for value in args:
        total += size(value)
    for value in kwargs.values():
        total += size(value)
    return total


def _charging(env: _Limited, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` (a filter or test) charging the budget for its arguments and its result."""
    passed = _PassArg.from_obj(function)
    first: Callable[[jinja2.runtime.Context], Any] | None = {
        _PassArg.context: lambda context: context,
        _PassArg.eval_context: lambda context: context.eval_ctx,
        _PassArg.environment: lambda context: env,
    }.get(passed)  # type: ignore[arg-type]

    if first is None:

        def charging(context: jinja2.runtime.Context, *args: Any, **kwargs: Any) -> Any:
            budget = env.budget
            budget.charge(1 + _sizes(args, kwargs))
            return budget.measured(function(*args, **kwargs))

    else:

        def charging(context: jinja2.runtime.Context, *args: Any, **kwargs: Any) -> Any:
            budget = env.budget
            budget.charge(1 + _sizes(args, kwargs))
            return budget.measured(function(first(context), *args, **kwargs))

    return pass_context(functools.wraps(function)(charging))


@dataclass(frozen=True)
class Templates:
    """The template folders of one build: the project's own first, then the shipped ones."""

    project: Path | None = None

    @cached_property
    def files(self) -> TemplateFiles:
        return TemplateFiles(self.project, data_dir("templates"))

    @cached_property
    def untrusted(self) -> bool:
        """Whether the project has a ``templates/`` of its own: its renders then also run under the
        system's ceilings (:func:`kompiler.render.limits.ceilings`)."""
        return self.project is not None and os.path.lexists(self.project)

    def _environment(self, *, markdown: bool) -> _Sandbox:
        env = (_Limited if self.untrusted else _Sandbox)(
            loader=self.files,
            auto_reload=False,
            autoescape=not markdown,
            finalize=_finalizer(markdown=markdown, untrusted=self.untrusted),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.add_filters({"roman": roman, "letter": letter, "number": number})
        return env

    @cached_property
    def html(self) -> _Sandbox:
        return self._environment(markdown=False)

    @cached_property
    def markdown(self) -> _Sandbox:
        return self._environment(markdown=True)

    def get(self, name: str) -> jinja2.Template:
        """The compiled template ``name`` (compiled once per build: Jinja caches it by name)."""
        env = self.markdown if name.endswith(".md") else self.html
        try:
            return env.get_template(name)
        except Exception as error:
            raise self._problem(name, error) from None

    def render(self, name: str, context: Mapping[str, Any]) -> str:
        """Render template ``name`` (within its allowance, in a project with templates of its own); any
        problem of a template becomes a :class:`TemplateProblem`."""
        template = self.get(name)
        try:
            if not self.untrusted:
                return template.render(context)
            allowance = Allowance.of(context)
            budget = template.environment.budget = Budget(allowance.steps)  # type: ignore[attr-defined]
            with ceilings(allowance):
                return _rendered(template, context, budget)
        except Exception as error:
            raise self._problem(name, error) from None

    def source(self, name: str) -> str:
        """The text of a static file (stylesheet, script) found like a template, but not rendered."""
        try:
            return self.files.read(name)[0]
        except Exception as error:
            raise self._problem(name, error) from None

    def fetching(self, name: str, url: str) -> TemplateProblem:
        """The error for a document of template ``name`` that asked for ``url`` while laid out as PDF
        (:mod:`kompiler.render.pdf`), at the first line naming it in the templates read for the document,
        else at ``name``'s file."""
        filename, line = self.source_of(name, url)
        url = _shortened(url)
        message = Message(
            f"Templat {name} meminta {url} saat PDF disusun; PDF hanya memakai isi templat itu sendiri "
            "(gambar atau fon dapat disisipkan sebagai URL data:), tidak pernah berkas lain atau jaringan.",
            f"Template {name} asks for {url} as the PDF is laid out; a PDF uses only what its templates "
            "hold (an image or font may be embedded as a data: URL), never another file or the network.",
        )
        span = Span(line, 1, line, 1) if line else None
        location = Location(display_path(Path(filename)) if filename else name, span)
        return TemplateProblem(Diagnostic(Severity.ERROR, CODE_FETCH, message, location))

    def layout_problem(self, name: str, error: Exception) -> TemplateProblem:
        """The error for laying out as PDF the HTML of a project's template ``name``, at its file: past
        its limits (KMP052), or failing in WeasyPrint on what the template printed (KMP050; CSS such as
        ``font-size: 1e308px`` can)."""
        filename = self.files.read(name)[1]
        if isinstance(error, LimitExceeded):
            code, message = _described(name, error)
        else:
            reason = f"{type(error).__name__}: {error}"
            code, message = (
                CODE_TEMPLATE,
                Message(
                    f"PDF tidak dapat disusun dari HTML templat {name}: {reason}",
                    f"The PDF cannot be laid out from the HTML of template {name}: {reason}",
                ),
            )
        location = Location(display_path(Path(filename)))
        return TemplateProblem(Diagnostic(Severity.ERROR, code, message, location))

    def source_of(self, name: str, text: str) -> tuple[str, int]:
        """The file and line where ``text`` is first written among the templates read so far, template
        ``name`` first; ``name``'s file and line 0 when none writes it as such."""
        top = self.files.read(name)[1]
        for filename in (top, *sorted(self.files.names.keys() - {top})):
            lines = self.files.read(self.files.names[filename])[0].splitlines()
            found = next((number for number, line in enumerate(lines, 1) if text in line), 0)
            if found:
                return filename, found
        return top, 0

    def _problem(self, name: str, error: Exception) -> TemplateProblem:
        """The :class:`TemplateProblem` for ``error``, or ``error`` itself again when it is kompiler's own
        fault: an exception that is neither a template error nor raised in the project's templates."""
        if isinstance(error, TemplateFileRefused):
            location = Location(display_path(Path(error.path)), error.span)
            message = Message(
                f"Berkas templat {error.name or name} tidak dipakai: {error.message.id}",
                f"Template file {error.name or name} is not used: {error.message.en}",
            )
            return TemplateProblem(Diagnostic(Severity.ERROR, CODE_FILE_REFUSED, message, location))
        filename, line, own = self._where(name, error)
        if not own and not isinstance(error, (jinja2.TemplateError, LimitExceeded, Unprintable)):
            raise error
        shown = self.files.names.get(filename, name)
        code, message = _described(shown, error)
        span = Span(line, 1, line, 1) if line else None
        location = Location(display_path(Path(filename)) if filename else name, span)
        return TemplateProblem(Diagnostic(Severity.ERROR, code, message, location))

    def _where(self, name: str, error: BaseException) -> tuple[str, int, bool]:
        """The template file and line ``error`` comes from, and whether the project's templates are
        involved: the innermost of the project's files in the traceback, else the innermost template."""
        if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
            return error.filename, error.lineno, self.files.is_project_file(error.filename)
        found: tuple[str, int] | None = None
        own: tuple[str, int] | None = None
        traceback = error.__traceback__
        while traceback is not None:
            filename = traceback.tb_frame.f_code.co_filename
            if filename in self.files.names:
                found = (filename, traceback.tb_lineno)
                if self.files.is_project_file(filename):
                    own = found
            traceback = traceback.tb_next
        if own is not None:
            return own[0], own[1], True
        if found is not None:
            return found[0], found[1], False
        top = next((f for f, n in self.files.names.items() if n == name), "")
        return top, 0, self.files.is_project_file(top)


def _finalizer(*, markdown: bool, untrusted: bool) -> Callable[[Any], Any] | None:
    """What every printed value passes through: Markdown's escape in a Markdown template, and in a
    project's own template the check that the value is :func:`printable` (there, at the line that
    prints it; :func:`_joined` still checks the whole output, which a ``{% filter %}`` block can reach
    without passing here)."""
    if not untrusted:
        return markdown_escape if markdown else None
    return (lambda value: markdown_escape(printable(value))) if markdown else printable


def printable(value: Any) -> Any:
    """``value``, unless it is text holding a lone surrogate: :class:`Unprintable`."""
    if isinstance(value, str) and _UNPRINTABLE.search(value) is not None:
        raise Unprintable(value)
    return value


def _rendered(template: jinja2.Template, context: Mapping[str, Any], budget: Budget) -> str:
    """``template`` rendered with ``context`` (Jinja's own ``render``, but charging the output)."""
    try:
        return _joined(template.root_render_func(template.new_context(dict(context))), budget)
    except Exception:
        # Raises the error again, its traceback now through the templates' own files and lines.
        template.environment.handle_exception()


def _joined(chunks: Iterator[str], budget: Budget) -> str:
    """The text of a render, charged as it comes, a batch of pieces at a time (measured before they are
    joined: one long string printed many times is many references until then). Past the budget, or at a
    piece no file can hold (:class:`Unprintable`), the error is raised inside the template, where the
    render stopped, so it names the template line."""
    parts: list[str] = []
    pending = 0
    for piece in chunks:
        if _UNPRINTABLE.search(piece) is not None:
            chunks.throw(Unprintable(piece))  # type: ignore[attr-defined]
        parts.append(piece)
        pending += len(piece)
        if len(parts) % _BATCH == 0:
            try:
                budget.charge(pending)
            except LimitExceeded as error:
                chunks.throw(error)  # type: ignore[attr-defined]
            pending = 0
    budget.charge(pending)
    return "".join(parts)


def _shortened(text: str) -> str:
    """``text``, cut to :data:`_SHOWN` characters when longer."""
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "\u2026"


class Unprintable(Exception):
    """A template printed a lone surrogate: not a character, so no UTF-8 file can hold it. Text read
    from files never has one; a template makes it (``'\\ud800'``, ``'%c'|format(55296)``)."""

    def __init__(self, piece: str) -> None:
        found = _UNPRINTABLE.search(piece)
        self.point = ord(found.group()) if found else 0
        super().__init__(f"U+{self.point:04X}")


def _described(name: str, error: BaseException) -> tuple[str, Message]:
    """The code and message for ``error`` raised by template ``name``."""
    if isinstance(error, (RecursionError, TemplateTooDeep)):
        error = too_deep()
    elif isinstance(error, MemoryError):
        error = too_much_memory()
    if isinstance(error, Unprintable):
        return CODE_TEMPLATE, Message(
            f"Templat {name} mencetak U+{error.point:04X}, surrogate tunggal yang bukan karakter dan tidak "
            "dapat ditulis sebagai UTF-8.",
            f"Template {name} prints U+{error.point:04X}, a lone surrogate that is not a character and "
            "cannot be written as UTF-8.",
        )
    if isinstance(error, LimitExceeded):
        return CODE_LIMIT, Message(
            f"Templat {name} dihentikan: {error.message.id}",
            f"Template {name} was stopped: {error.message.en}",
        )
    whole = str(getattr(error, "message", None) or error) or type(error).__name__
    reason = _shortened(whole)
    if not isinstance(error, jinja2.TemplateError):
        reason = f"{type(error).__name__}: {reason}"
    if isinstance(error, jinja2.exceptions.SecurityError) or "unsafe" in whole:
        message = Message(
            f"Templat {name} mencoba mengakses bagian dalam Python yang dilarang oleh sandbox: {reason}",
            f"Template {name} tried to reach Python internals, which the sandbox forbids: {reason}",
        )
    elif isinstance(error, jinja2.TemplateNotFound):
        missing = _shortened(str(error.name))
        message = Message(f"Templat {missing} tidak ditemukan.", f"Template {missing} was not found.")
    elif isinstance(error, jinja2.UndefinedError):
        message = Message(
            f"Templat {name} memakai nama yang tidak ada: {reason}",
            f"Template {name} uses a name that does not exist: {reason}",
        )
    else:
        message = Message(
            f"Templat {name} tidak dapat dipakai: {reason}", f"Template {name} cannot be used: {reason}"
        )
    return CODE_TEMPLATE, message
