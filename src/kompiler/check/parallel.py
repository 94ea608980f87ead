"""Where the per-file stage runs: in this process, in a local process pool, or on a Dask cluster.

Every choice is a standard :class:`concurrent.futures.Executor`, so the pipeline does not care which one
it got. Small inputs stay in-process (starting workers costs more than it saves); large ones go to a
``ProcessPoolExecutor`` with one worker per core; ``dask://HOST:PORT`` sends the work to an existing
``dask.distributed`` scheduler through its own executor, for corpora that outgrow one machine.
Files travel in batches, so that per-task overhead stays small next to the work.

Dask's client waits for a scheduler's greeting without a time limit and believes the length it
announces, so an address that is not a scheduler (a web server, a port that accepts and says nothing)
would hang the check or make it allocate exabytes. Before the client connects, :func:`_greeted` therefore
reads the greeting itself, within :data:`DASK_TIMEOUT` seconds and at most :data:`_GREETING_LIMIT` bytes.
"""

from __future__ import annotations

import socket
import struct
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

from kompiler.runtime.processes import PARALLEL_FROM, available_cores

T = TypeVar("T")
R = TypeVar("R")

BATCH_SIZE = 200
# How long a Dask scheduler may take to accept a connection and greet, in seconds.
DASK_TIMEOUT = 5.0
# A scheduler's greeting (its handshake) is about 60 bytes; nothing else answering is believed further.
_GREETING_LIMIT = 64 * 1024
# How long a scheduler without workers is given to get one (a cluster that scales up starts empty).
DASK_WORKER_TIMEOUT = 60.0


class ExecutorError(ValueError):
    """An ``--executor`` value that cannot be used; its message is shown to the user as is."""


def checked_spec(spec: str | None) -> str:
    """``spec`` normalised, or :class:`ExecutorError` if it names no executor (checked before any work)."""
    spec = (spec or "auto").strip()
    if spec in {"auto", "serial", "process"}:
        return spec
    if spec.startswith("dask://") and len(spec) > len("dask://"):
        _host_and_port(spec)  # a malformed address is refused even when no file needs the cluster
        return spec
    raise ExecutorError(
        f"Eksekutor tidak dikenal: {spec!r}; pilih auto, serial, process, atau dask://HOST:PORT. "
        f"/ Unknown executor {spec!r}; use auto, serial, process or dask://HOST:PORT."
    )


@contextmanager
def executor_for(spec: str | None, items: int, jobs: int | None = None) -> Iterator[Executor | None]:
    """An executor for ``items`` units of per-file work, or ``None`` to run them in this process.

    ``spec``: ``None``/``"auto"`` (decide by size and cores), ``"serial"``, ``"process"``, or
    ``"dask://HOST:PORT"``. ``jobs`` caps the local worker count.
    """
    spec = checked_spec(spec)
    if spec.startswith("dask://"):
        with _dask_executor(spec) as executor:
            yield executor
        return
    workers = jobs or available_cores()
    if spec == "serial" or workers <= 1 or (spec == "auto" and items < PARALLEL_FROM):
        yield None
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield pool


@contextmanager
def _dask_executor(spec: str) -> Iterator[Executor]:
    try:
        from distributed import Client
    except ImportError as error:
        raise ExecutorError(
            "Eksekutor Dask memerlukan paket distributed (tambahan [dask] dari kompiler-skj): "
            "pip install distributed. / The Dask executor needs the package distributed (the extra "
            "[dask] of kompiler-skj): pip install distributed."
        ) from error
    client = _connected(Client, *_host_and_port(spec))
    try:
        yield client.get_executor()
    finally:
        client.close(timeout=DASK_TIMEOUT)


def _connected(client_class: Callable[..., Any], host: str, port: int) -> Any:
    """A client of the Dask scheduler at ``host:port`` that has a worker, or :class:`ExecutorError`
    saying why there is none, within :data:`DASK_TIMEOUT` (and :data:`DASK_WORKER_TIMEOUT`) seconds."""
    address = f"tcp://[{host}]:{port}" if ":" in host else f"tcp://{host}:{port}"
    problem = _greeted(host, port)
    if problem is None:
        try:
            client = client_class(address, timeout=f"{DASK_TIMEOUT}s", set_as_default=False)
        except Exception as error:  # any failure to start the client means the cluster cannot be used
            problem = f"{type(error).__name__}: {error}"
        else:
            try:
                client.wait_for_workers(1, timeout=DASK_WORKER_TIMEOUT)
                return client
            except TimeoutError:
                client.close(timeout=DASK_TIMEOUT)
                problem = f"no worker joined the scheduler within {DASK_WORKER_TIMEOUT:g} s"
    raise ExecutorError(
        f"Tidak dapat memakai penjadwal Dask {address}: {problem}. "
        f"/ Cannot use the Dask scheduler {address}: {problem}."
    )


def _host_and_port(spec: str) -> tuple[str, int]:
    """The host and port of ``dask://HOST:PORT`` (``HOST`` may be an IPv6 address in brackets)."""
    location = spec.split("://", 1)[1]
    host, _, port = location.rpartition(":")
    bracketed = host.startswith("[") and host.endswith("]") and len(host) > 2
    if bracketed:
        host = host[1:-1]
    if (
        not host
        or "[" in host
        or "]" in host
        or (":" in host and not bracketed)
        or not port.isdigit()
        or not 0 < int(port) < 65536
    ):
        raise ExecutorError(
            f"Alamat Dask tidak sah: {spec!r}; tulis dask://HOST:PORT. "
            f"/ Invalid Dask address {spec!r}; write dask://HOST:PORT."
        )
    return host, int(port)


def _greeted(host: str, port: int) -> str | None:
    """``None`` if a Dask scheduler at ``host:port`` greets within :data:`DASK_TIMEOUT` seconds, else
    what went wrong (in English, as the operating system says it).

    A scheduler speaks first: one message of 8-byte length-prefixed frames holding a mapping with its
    pickle protocol. Anything else, too long, or too late is not a scheduler.
    """
    from distributed.protocol.core import loads
    from distributed.protocol.utils import unpack_frames

    deadline = time.monotonic() + DASK_TIMEOUT
    try:
        with socket.create_connection((host, port), timeout=DASK_TIMEOUT) as connection:
            (size,) = struct.unpack("Q", _receive(connection, 8, deadline))
            if size > _GREETING_LIMIT:
                return "no Dask scheduler answers there"
            body = _receive(connection, size, deadline)
    except TimeoutError:
        return f"no answer within {DASK_TIMEOUT:g} s"
    except OSError as error:
        return error.strerror or str(error) or type(error).__name__
    try:
        frames, rest = unpack_frames(memoryview(bytearray(body)), partial=True)
        greeting = loads(frames, deserialize=False) if not rest else None
    except Exception:  # a malformed greeting, whatever the decoder makes of it
        greeting = None
    if not isinstance(greeting, dict) or "pickle-protocol" not in greeting:
        return "no Dask scheduler answers there"
    return None


def _receive(connection: socket.socket, size: int, deadline: float) -> bytes:
    """Exactly ``size`` bytes from ``connection`` before ``deadline``, or ``TimeoutError``/``OSError``."""
    received = bytearray()
    while len(received) < size:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        connection.settimeout(left)
        chunk = connection.recv(min(size - len(received), 65536))
        if not chunk:
            raise ConnectionResetError(0, "the connection was closed without a Dask greeting")
        received.extend(chunk)
    return bytes(received)


def batched(items: Sequence[T], size: int = BATCH_SIZE) -> list[Sequence[T]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def map_batches(
    executor: Executor | None, function: Callable[[list[T]], list[R]], items: list[T], size: int = BATCH_SIZE
) -> list[R]:
    """``function`` over ``items`` in batches, in order, on ``executor`` (or here when it is ``None``)."""
    if executor is None:
        return function(items)
    results: list[R] = []
    for part in executor.map(function, [list(batch) for batch in batched(items, size)]):
        results.extend(part)
    return results
