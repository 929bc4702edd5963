"""Parse documents in worker processes under limits, so no document can fail (or exhaust) a job.

Every document is read in a spawned worker with an address-space bound (``RLIMIT_AS``), and the
parent kills a worker that runs past the per-document wall-clock bound. A limit hit, an
exception or a worker death (segfault, OOM kill) becomes that document's ``ParseFailure``
(a reason string with an ``error_type``); the other documents go on in a fresh worker.
Workers die with their parent (``PR_SET_PDEATHSIG``, plus a watchdog thread where prctl is
missing), so a ``kill -9`` of the task or CLI leaves no orphaned parse processes.

Within ``keep_warm()`` (the CLI runs a whole job in one process), healthy idle workers are kept
across calls instead of a new spawn (~1 s each) per batch; a worker that timed out or died is
never kept, and the context stops the rest when it ends. A worker dies with the *thread* that
spawned it (``PR_SET_PDEATHSIG``), so only workers of threads that live as long as the pool are
kept: the one that entered ``keep_warm()`` and the read-ahead thread. There, ``parse_ahead()``
also lets the workers read documents before the step that needs them asks (a scrape job's
download step hands over each batch it fetched, so parsing overlaps the next downloads);
``run_isolated`` then takes those results instead of reading the documents again (the reading
thread is ``read_ahead.ReadAhead``).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import logging
import os
import resource
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from typing import Any

from docharvest.pipeline.read_ahead import ReadAhead
from docharvest.text.document import DocumentText
from docharvest.text.failure import ParseFailure
from docharvest.text.ocr import OcrLimits

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1
# Parse workers yield the CPU to the crawl when both want it (the CLI reads documents while the
# crawl goes on): the crawl is the job's critical path, and parsing catches up when it ends.
PARSE_NICENESS = 5


@dataclass(frozen=True)
class ParseLimits:
    """Bounds on reading one document (from ``Settings.parse``)."""

    seconds: float = 120.0
    memory_mb: int = 2048
    max_text_chars: int = 1_000_000
    max_zip_entries: int = 10_000
    max_zip_uncompressed_mb: int = 256

    @classmethod
    def from_settings(cls, settings: Any) -> ParseLimits:
        p = settings.parse
        return cls(
            seconds=p.timeout_seconds,
            memory_mb=p.memory_mb,
            max_text_chars=p.max_text_chars,
            max_zip_entries=p.max_zip_entries,
            max_zip_uncompressed_mb=p.max_zip_uncompressed_mb,
        )


def read_text(path: str, document_type: str | None, ocr: OcrLimits | None = None) -> DocumentText | str:
    """Text of one document, or the reason it is unreadable (what a scrape job's workers run).

    Pages without a text layer are OCR'd here, within ``ocr`` (default limits when None).
    """
    from pathlib import Path

    from docharvest.errors import UnreadableDocumentError
    from docharvest.text import extract_text

    try:
        return extract_text(Path(path), document_type, ocr)
    except UnreadableDocumentError as exc:
        return ParseFailure(str(exc), exc.error_type)


def cap_text(text: DocumentText, max_chars: int) -> DocumentText:
    """Keep the first ``max_chars`` characters; ``extra['truncated_from']`` records the full length."""
    total = text.text_length
    if total <= max_chars:
        return text
    pages, left = [], max_chars
    for page in text.pages:
        if left <= 0:
            break
        pages.append(page[:left])
        left -= len(pages[-1])
    text.pages = pages
    text.extra = {**text.extra, "truncated_from": str(total)}
    return text


def truncation_notice(text: DocumentText) -> str | None:
    full = text.extra.get("truncated_from")
    return (
        f"text truncated to {text.text_length} of {full} characters (parse.max_text_chars)" if full else None
    )


def die_with_parent(parent: int) -> None:
    """Ask the kernel to SIGKILL this process when its parent (pid ``parent``) dies; else watch it.

    ``parent`` comes from the parent itself: one that died while this worker was starting has
    already been replaced by init (or a subreaper) as ``getppid()``. The kernel sends the signal
    when the parent *thread* that spawned this worker ends, even if the process lives on: see
    ``_WarmPool.keeps``.
    """
    if os.getppid() != parent:
        os._exit(1)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent:  # the parent died before prctl took effect
                os._exit(1)
            return
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watchdog").start()


def _limit_memory(memory_mb: int) -> None:
    limit = memory_mb * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard if hard != resource.RLIM_INFINITY else limit))


def _worker_main(conn: Connection, limits: ParseLimits, parent: int) -> None:
    """Read (fn, args) requests until told to stop; answer each with a DocumentText or a failure."""
    from docharvest.text.readers import configure_zip_limits

    die_with_parent(parent)
    configure_zip_limits(limits.max_zip_entries, limits.max_zip_uncompressed_mb * 1024 * 1024)
    _limit_memory(limits.memory_mb)
    with contextlib.suppress(OSError):
        os.nice(PARSE_NICENESS)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        fn, args = request
        result: Any
        try:
            result = fn(*args)
            if isinstance(result, DocumentText):
                result = cap_text(result, limits.max_text_chars)
            elif isinstance(result, str) and not isinstance(result, ParseFailure):
                result = ParseFailure(result)
        except MemoryError:
            result = ParseFailure(
                f"memory limit exceeded ({limits.memory_mb} MB, parse.memory_mb)", "document_limit"
            )
        except Exception as exc:  # a hostile file must cost its own row, never the batch
            result = ParseFailure(f"unreadable: {exc.__class__.__name__}: {str(exc)[:300]}")
        try:
            conn.send(result)
        except MemoryError:
            conn.send(ParseFailure("memory limit exceeded sending the text back", "document_limit"))


@contextlib.contextmanager
def _hidden_main_script() -> Iterator[None]:
    """A spawned child re-imports the parent's ``__main__`` script; on an Airflow worker that is
    the ``airflow`` command, which fails in the child. The parse children need none of it."""
    main = sys.modules.get("__main__")
    script = main.__dict__.pop("__file__", None) if main is not None and main.__spec__ is None else None
    try:
        yield
    finally:
        if script is not None and main is not None:
            main.__file__ = script


@contextlib.contextmanager
def _children_allowed() -> Iterator[None]:
    """Let a Celery prefork worker (daemonic, billiard's authkey) start parse workers.

    multiprocessing refuses children of daemonic processes so they cannot be orphaned; ours
    cannot be: they die with their parent (PR_SET_PDEATHSIG / watchdog), so the flag is lifted
    for the start only.
    """
    import multiprocessing
    from multiprocessing.process import AuthenticationString  # type: ignore[attr-defined]

    config = multiprocessing.current_process()._config  # type: ignore[attr-defined]
    daemonic, authkey = config.get("daemon"), config.get("authkey")
    if daemonic:
        config["daemon"] = False
    if authkey is not None and not isinstance(authkey, AuthenticationString):
        # billiard (Celery) leaves its own AuthenticationString here, which only billiard may pickle.
        config["authkey"] = AuthenticationString(bytes(authkey))
    try:
        yield
    finally:
        config["daemon"], config["authkey"] = daemonic, authkey


class _Worker:
    def __init__(self, limits: ParseLimits) -> None:
        self.limits = limits
        ctx = get_context("spawn")
        self.conn, child = ctx.Pipe(duplex=True)
        with _hidden_main_script(), _children_allowed():  # the Process copies this process's config
            self.process = ctx.Process(target=_worker_main, args=(child, limits, os.getpid()), daemon=True)
            self.process.start()
        child.close()
        # It is killed when this thread ends (see die_with_parent).
        self.spawner = threading.current_thread()
        self.index: int | None = None
        self.started = 0.0
        self.served = 0

    def submit(self, index: int, fn: Callable[..., Any], args: Sequence[Any]) -> None:
        self.index, self.started = index, time.monotonic()
        self.served += 1
        self.conn.send((fn, tuple(args)))

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError, BrokenPipeError):
            self.conn.send(None)
        self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(2)
        self.conn.close()


@dataclass
class _WarmPool:
    owner: int  # the pid that spawned them: a forked child must not use its parent's workers
    idle: list[_Worker]
    lock: threading.Lock = field(default_factory=threading.Lock)  # the read-ahead thread takes workers too
    ahead: ReadAhead | None = None
    thread: threading.Thread = field(default_factory=threading.current_thread)  # entered keep_warm()

    def keeps(self, worker: _Worker) -> bool:
        """Whether ``worker`` may wait for later calls: its spawning thread outlives the pool.

        A worker dies with the thread that spawned it; one spawned by a thread that ends sooner
        (a read-ahead thread that ended when its queue ran dry did) would be killed while idle,
        or mid-document after a step took it ("parse worker died (killed by signal 9)").
        """
        ahead = self.ahead.thread if self.ahead is not None else None
        return worker.spawner is self.thread or (ahead is not None and worker.spawner is ahead)


_warm: _WarmPool | None = None
# A warm worker is retired after this many documents, so heap growth (fragmentation after large
# files) cannot build up across a long job toward parse.memory_mb; a fresh spawn costs ~1 s.
RECYCLE_AFTER = 500


@contextlib.contextmanager
def keep_warm(prespawn: ParseLimits | None = None) -> Iterator[None]:
    """Reuse idle parse workers across ``run_isolated`` calls in this process until the block ends.

    ``prespawn``: start one worker under these limits now, so its start-up (~1 s) overlaps the
    caller's own (on another core) instead of delaying the first document.
    """
    global _warm
    if _warm is not None and _warm.owner == os.getpid():
        yield  # nested: the outer block owns the workers
        return
    _warm = _WarmPool(os.getpid(), [_Worker(prespawn)] if prespawn is not None else [])
    try:
        yield
    finally:
        pool = _warm
        if pool.ahead is not None:
            pool.ahead.close()
        _warm = None
        for worker in pool.idle:
            worker.stop()


def whole_job_in_process() -> bool:
    """True inside ``keep_warm()`` (the CLI runs every task of the job in this process)."""
    return _warm is not None and _warm.owner == os.getpid()


def parse_ahead(
    fn: Callable[..., DocumentText | str], jobs: Sequence[Sequence[Any]], *, workers: int, limits: ParseLimits
) -> bool:
    """Inside ``keep_warm()``: start reading these jobs now, in the background, for a later
    ``run_isolated(fn, jobs)`` to take. Elsewhere (a task process of its own) it does nothing.
    Holds at most ``read_ahead.AHEAD_MAX_CHARS`` of text; past that the later step reads the rest itself."""
    pool = _warm
    if pool is None or pool.owner != os.getpid() or not jobs:
        return False
    with pool.lock:
        if pool.ahead is None:
            pool.ahead = ReadAhead(functools.partial(run_isolated, _ahead=True))
    pool.ahead.submit(fn, jobs, max(1, workers), limits)
    return True


def _take_worker(limits: ParseLimits) -> _Worker:
    """A warm worker spawned under the same limits, else a new one."""
    pool = _warm
    if pool is not None and pool.owner == os.getpid():
        while True:
            with pool.lock:
                worker = pool.idle.pop() if pool.idle else None
            if worker is None:
                break
            if worker.limits == limits and worker.process.is_alive():
                return worker
            worker.stop()
    return _Worker(limits)


def _release(worker: _Worker) -> None:
    """Keep an idle worker warm when inside ``keep_warm()``, else stop it."""
    kept = worker.served < RECYCLE_AFTER and worker.process.is_alive()
    pool = _warm
    if pool is not None and pool.owner == os.getpid() and kept and pool.keeps(worker):
        with pool.lock:
            pool.idle.append(worker)
    else:
        worker.stop()


def run_isolated(
    fn: Callable[..., DocumentText | str],
    jobs: Sequence[Sequence[Any]],
    *,
    workers: int,
    limits: ParseLimits,
    on_result: Callable[[], None] | None = None,
    _ahead: bool = False,
) -> list[DocumentText | ParseFailure]:
    """``fn(*args)`` for each job in up to ``workers`` isolated processes, results in job order.

    ``fn`` must be importable by name (it is pickled by reference). ``on_result`` is called after
    each document (a heartbeat for the job). Jobs already read by ``parse_ahead`` are taken as read.
    """
    results: list[DocumentText | ParseFailure | None] = [None] * len(jobs)
    ahead = _warm.ahead if _warm is not None and _warm.owner == os.getpid() and not _ahead else None
    known = ahead.take(fn, jobs) if ahead is not None else {}
    for index, result in known.items():
        results[index] = result
        if on_result is not None:
            on_result()
    todo = [i for i in range(len(jobs)) if i not in known][::-1]
    pool: list[_Worker] = []
    try:
        while todo or any(w.index is not None for w in pool):
            idle = [w for w in pool if w.index is None]
            while todo and (idle or len(pool) < workers):
                worker = idle.pop() if idle else _take_worker(limits)
                if worker not in pool:
                    pool.append(worker)
                i = todo.pop()
                try:
                    worker.submit(i, fn, jobs[i])
                except OSError:  # it died while idle (an OOM kill): a fresh worker takes the job
                    pool.remove(worker)
                    worker.kill()
                    todo.append(i)
            busy = [w for w in pool if w.index is not None]
            now = time.monotonic()
            wait_for = max(0.05, min(w.started + limits.seconds - now for w in busy))
            ready = wait([x for w in busy for x in (w.conn, w.process.sentinel)], timeout=wait_for)
            for worker in busy:
                assert worker.index is not None
                outcome = _outcome(worker, ready, limits)
                if outcome is None:
                    continue
                results[worker.index] = outcome
                worker.index = None
                if on_result is not None:
                    on_result()
                if isinstance(outcome, ParseFailure) and outcome.error_type in _FATAL:
                    pool.remove(worker)
                    worker.kill()
    finally:
        for worker in pool:
            _release(worker) if worker.index is None else worker.kill()
        if ahead is not None:
            ahead.resume()
    return [r if r is not None else ParseFailure("not read") for r in results]


_FATAL = ("document_timeout", "parse_worker_died")


def _outcome(worker: _Worker, ready: list[Any], limits: ParseLimits) -> DocumentText | ParseFailure | None:
    """The worker's answer if it has one, a failure if it died or ran out of time, else None."""
    if worker.conn in ready:
        try:
            result: DocumentText | ParseFailure = worker.conn.recv()
            return result
        except (EOFError, OSError):
            pass  # died mid-answer: reported below
        except Exception as exc:  # an answer that does not unpickle
            return ParseFailure(f"unreadable: {exc.__class__.__name__}", "parse_worker_died")
    if worker.conn in ready or worker.process.sentinel in ready:
        worker.process.join(1)
        code = worker.process.exitcode
        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        return ParseFailure(f"parse worker died ({how}) reading this document", "parse_worker_died")
    if time.monotonic() - worker.started >= limits.seconds:
        return ParseFailure(
            f"parse took longer than {limits.seconds:g} s (parse.timeout_seconds)", "document_timeout"
        )
    return None
