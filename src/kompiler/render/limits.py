"""How much one render of a template may do: a work budget counted as it runs, and ceilings from the system.

A project's templates may come from a stranger's pull request, and Jinja's sandbox keeps them from
Python's internals but not from working forever (``range`` inside ``range``, an include of itself) or
filling memory (``'a' * 2000000000``). Two layers bound a render:

* **A work budget** (:class:`Budget`), counted in steps: one per loop iteration, call, filter and
  operator, plus the length of every string or collection a template builds, hands to a function or
  prints. It is deterministic, so a template that passes on one machine passes on every machine, and the
  error points at the template line that spent the last step. The budget is proportionate: a floor
  every page gets, plus an amount per position (or family row, or heatmap cell) the page is about,
  well above what the shipped templates spend (``Allowance.of``). Sizes that can be known before an
  operator runs (``*``, ``+``, ``**``) are checked before it runs, so ``'a' * 2000000000`` never
  allocates.
* **Ceilings from the system** (:func:`ceilings`), only for a project with its own templates: the
  address space may grow by the page's memory allowance, and the render may use the page's processor
  time. They catch what the budget cannot see inside a single library call (a filter asked for a
  billion-character padding, a quadratic comparison), and end it as an error of the template.

A deadline in wall time alone would make the same build pass or fail with the machine's load; the
budget is the rule, the ceilings are the backstop.
"""

from __future__ import annotations

import math
import os
import resource
import signal
import threading
from collections.abc import Callable, Iterator, Mapping, Sized
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from jinja2 import Undefined

from kompiler.diagnostics import Message

CODE_LIMIT = "KMP052"

FLOOR_STEPS = 10_000_000
STEPS_PER_UNIT = 100_000
FLOOR_SECONDS = 10.0
SECONDS_PER_UNIT = 0.01
FLOOR_MEMORY = 512 * 1024 * 1024
MEMORY_PER_UNIT = 64 * 1024
# Laying a document out as PDF (WeasyPrint) costs far more than rendering its HTML: the shipped appendix
# takes about 0.14 s of processor time and 3 MB per unit (measured at 200 positions); a project's
# templates get ten times that, above a floor.
LAYOUT_FLOOR_SECONDS = 10.0
LAYOUT_SECONDS_PER_UNIT = 1.5
LAYOUT_FLOOR_MEMORY = 1024 * 1024 * 1024
LAYOUT_MEMORY_PER_UNIT = 32 * 1024 * 1024
# A call (a macro, a method, ``loop(...)``) runs a frame of Python code: it counts as this many steps, so
# that a budget spent on calls takes about as long as one spent on loop iterations or characters.
CALL_STEPS = 16
MAX_INT_BITS = 4096  # a number of 1,233 digits; no publication prints a larger one

_VIEWS = (type({}.keys()), type({}.values()), type({}.items()))
_SIZED = (str, bytes, list, tuple, dict, set, frozenset, range, *_VIEWS)


class LimitExceeded(Exception):
    """A render went past one of its limits; ``message`` says which, in both languages."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message

    def __reduce__(self) -> tuple[type, tuple[Message]]:
        return (LimitExceeded, (self.message,))


@dataclass(frozen=True, slots=True)
class Allowance:
    """What one render may spend: steps of the work budget, processor seconds, and bytes of memory."""

    steps: int
    seconds: float
    memory: int

    @classmethod
    def of(cls, context: Mapping[str, Any]) -> Allowance:
        """The allowance of a page with ``context``: the floor plus a share per unit of what it is about.

        A page's units are the lengths of the collections in its context and the ``extent()`` of the
        views that have one (a publication: its positions and competencies; a family: its positions;
        a heatmap: its cells). The shipped templates spend about a tenth of the steps per unit and a
        twentieth of the time (the appendix, the costliest page, measured at 2,000 positions).
        """
        units = _units(context)
        return cls(
            FLOOR_STEPS + STEPS_PER_UNIT * units,
            FLOOR_SECONDS + SECONDS_PER_UNIT * units,
            FLOOR_MEMORY + MEMORY_PER_UNIT * units,
        )

    @classmethod
    def layout(cls, context: Mapping[str, Any]) -> Allowance:
        """What laying out as PDF the page rendered with ``context`` may spend: processor seconds and
        bytes of memory (no steps: WeasyPrint is not counted, only bounded by the system)."""
        units = _units(context)
        return cls(
            0,
            LAYOUT_FLOOR_SECONDS + LAYOUT_SECONDS_PER_UNIT * units,
            LAYOUT_FLOOR_MEMORY + LAYOUT_MEMORY_PER_UNIT * units,
        )


def _units(context: Mapping[str, Any]) -> int:
    return sum(_extent(value) for value in context.values())


def _extent(value: Any) -> int:
    if isinstance(value, (list, tuple, dict)):
        return len(value)
    extent = getattr(type(value), "extent", None)
    return int(extent(value)) if callable(extent) else 0


def size(value: Any) -> int:
    """The length of a string or builtin collection, the 64-bit words of a large number, else 0.

    Only builtin types are measured: asking any other object its length could run its code (an
    undefined value raises an error when measured).
    """
    kind = _KINDS.get(type(value))
    if kind is None:
        kind = _kind(type(value))
    if kind is _LENGTH:
        return len(value)
    if kind is _NUMBER:
        return int(value).bit_length() >> 6
    return 0


_LENGTH, _NUMBER, _ITERATOR, _OTHER = "length", "number", "iterator", "other"
_KINDS: dict[type, str] = {}  # what size() and Budget.measured do with a value of each type


def _kind(kind: type) -> str:
    """How a value of type ``kind`` is measured (worked out once per type: ``isinstance`` against the
    abstract ``Iterator`` costs more than a dictionary lookup, on every call a template makes)."""
    if issubclass(kind, _SIZED):
        found = _LENGTH
    elif issubclass(kind, int):
        found = _NUMBER
    elif issubclass(kind, Iterator):
        found = _ITERATOR
    else:
        found = _OTHER
    _KINDS[kind] = found
    return found


class Budget:
    """The steps a render has left; :meth:`charge` raises :class:`LimitExceeded` once they run out."""

    __slots__ = ("left", "steps")

    def __init__(self, steps: int) -> None:
        self.steps = self.left = steps

    def charge(self, steps: int) -> None:
        self.left -= steps
        if self.left < 0:
            raise LimitExceeded(
                Message(
                    f"Templat melampaui batas kerjanya untuk satu halaman ({self.steps:,} langkah: putaran, "
                    "panggilan, dan karakter yang dibuat). Apakah ada perulangan yang terlalu besar atau "
                    "bersarang, atau templat yang menyertakan dirinya sendiri?",
                    f"The template went past its work limit for one page ({self.steps:,} steps: iterations, "
                    "calls and characters made). Is there a loop that is too large or nested, or a template "
                    "that includes itself?",
                )
            )

    def make(self, length: int) -> None:
        """Charge a value of ``length`` about to be made; one larger than the whole budget is refused as
        such, before it is made."""
        if length > self.steps:
            raise LimitExceeded(
                Message(
                    f"Templat akan membuat nilai sepanjang {length:,} (batas satu halaman {self.steps:,}).",
                    f"The template would make a value {length:,} long (the limit for one page is "
                    f"{self.steps:,}).",
                )
            )
        self.charge(1 + length)

    def counted(self, items: Iterator[Any]) -> Iterator[Any]:
        """``items``, one step each as they are taken (for iterables whose length is not known)."""
        for item in items:
            self.charge(1)
            yield item

    def measured(self, value: Any) -> Any:
        """``value`` after charging its size; an iterator comes back counted item by item."""
        kind = _KINDS.get(type(value)) or _kind(type(value))
        if kind is _ITERATOR:
            return self.counted(value)
        self.charge(1 + len(value) if kind is _LENGTH else 1 + size(value))
        return value

    def looped(self, iterable: Any) -> Any:
        """The iterable of a ``for`` loop: its length charged at once when known, else counted."""
        if isinstance(iterable, Undefined):
            return iterable  # the loop itself reports it
        if isinstance(iterable, Sized):
            self.charge(len(iterable))
            return iterable
        return self.counted(iter(iterable))


def predicted(operator: str, left: Any, right: Any) -> int:
    """The size of ``left <operator> right`` known before computing it, or :class:`LimitExceeded` for a
    number larger than :data:`MAX_INT_BITS`."""
    if operator == "*":
        if type(left) is int and isinstance(right, (str, list, tuple)):
            return len(right) * max(left, 0)
        if type(right) is int and isinstance(left, (str, list, tuple)):
            return len(left) * max(right, 0)
        if type(left) is int and type(right) is int:
            return _number(left.bit_length() + right.bit_length())
    elif operator == "**":
        if type(left) is int and type(right) is int and right > 0 and abs(left) > 1:
            return _number(left.bit_length() * right)
    elif operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
        return len(left) + len(right)
    return size(left) + size(right)


def _number(bits: int) -> int:
    if bits > MAX_INT_BITS:
        raise LimitExceeded(
            Message(
                f"Angka yang dihitung templat terlalu besar (lebih dari {MAX_INT_BITS:,} bit).",
                f"A number the template computes is too large (more than {MAX_INT_BITS:,} bits).",
            )
        )
    return bits >> 6


def too_much_memory() -> LimitExceeded:
    return LimitExceeded(
        Message(
            "Templat memakai lebih banyak memori daripada yang diizinkan untuk satu halaman.",
            "The template used more memory than one page is allowed.",
        )
    )


def too_costly_layout(allowance: Allowance) -> LimitExceeded:
    seconds, mebibytes = allowance.seconds, allowance.memory // (1024 * 1024)
    return LimitExceeded(
        Message(
            f"Menyusun PDF dari HTML templat ini melampaui batasnya ({seconds:,.0f} detik waktu prosesor, "
            f"{mebibytes:,} MiB memori). Apakah templat mencetak terlalu banyak unsur atau halaman?",
            f"Laying out the PDF from this template's HTML went past its limits ({seconds:,.0f} seconds of "
            f"processor time, {mebibytes:,} MiB of memory). Does the template print too many elements or pages?",
        )
    )


def too_deep_layout() -> LimitExceeded:
    return LimitExceeded(
        Message(
            "Unsur HTML yang dicetak templat bersarang terlalu dalam untuk disusun sebagai PDF.",
            "The HTML elements the template prints nest too deeply to be laid out as PDF.",
        )
    )


def too_deep() -> LimitExceeded:
    return LimitExceeded(
        Message(
            "Templat bersarang terlalu dalam: sebuah include, extends, import, atau makro memanggil "
            "dirinya sendiri tanpa akhir, atau ekspresinya bertumpuk terlalu dalam.",
            "The template nests too deeply: an include, extends, import or macro calls itself without end, "
            "or an expression is nested too deeply.",
        )
    )


def _too_long(seconds: float) -> LimitExceeded:
    return LimitExceeded(
        Message(
            f"Templat memakai waktu prosesor lebih dari {seconds:,.0f} detik untuk satu halaman.",
            f"The template used more than {seconds:,.0f} seconds of processor time for one page.",
        )
    )


@contextmanager
def ceilings(allowance: Allowance) -> Iterator[None]:
    """Within: the address space may grow by ``allowance.memory`` (a larger allocation fails with
    ``MemoryError``), and after ``allowance.seconds`` of processor time :class:`LimitExceeded` is
    raised wherever the render is. Both are restored on leaving; where the system offers neither (no
    ``/proc``, not the main thread) the render runs without them."""
    restore_memory = _lower_address_space(allowance.memory)
    restore_timer = _arm_timer(allowance.seconds)
    try:
        yield
    finally:
        restore_timer()
        restore_memory()


def confine_layout(allowance: Allowance) -> None:
    """Hold this whole process, for the rest of its life, to ``allowance``: a process forked for one
    costly library call. Its address space may grow by ``allowance.memory``; past
    ``allowance.seconds`` of processor time :class:`LimitExceeded` is raised, and two seconds later the
    system ends the process (a library that swallowed the error, or never returns to Python), without
    leaving a core file."""
    seconds = max(1, math.ceil(allowance.seconds))
    _lower_address_space(allowance.memory)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    ceiling = seconds + 2 if hard == resource.RLIM_INFINITY else min(seconds + 2, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (min(seconds, ceiling), ceiling))

    def expired(signum: int, frame: object) -> None:
        raise too_costly_layout(allowance)

    signal.signal(signal.SIGXCPU, expired)


def _nothing() -> None:
    return None


def _lower_address_space(extra: int) -> Callable[[], None]:
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        with open("/proc/self/statm", "rb") as statm:
            used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return _nothing
    limit = used + extra
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft != resource.RLIM_INFINITY and soft <= limit:
        return _nothing
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError):
        return _nothing
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _arm_timer(seconds: float) -> Callable[[], None]:
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        return _nothing
    armed = True

    def expired(signum: int, frame: object) -> None:
        if armed:
            raise _too_long(seconds)

    previous = signal.signal(signal.SIGPROF, expired)
    signal.setitimer(signal.ITIMER_PROF, seconds)

    def disarm() -> None:
        nonlocal armed
        armed = False
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)

    return disarm
