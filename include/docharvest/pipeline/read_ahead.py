"""Documents read by a thread of the CLI's job process before the step that needs them asks.

Inside ``isolation.keep_warm()``, ``isolation.parse_ahead()`` queues documents here (a scrape
job's crawl hands over each document it stored, the download step each batch); the thread reads
them ``workers`` at a time in the warm parse workers, and ``isolation.run_isolated`` takes what
it has read instead of reading it again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from docharvest.text.document import DocumentText
from docharvest.text.failure import ParseFailure

if TYPE_CHECKING:
    from docharvest.pipeline.isolation import ParseLimits

log = logging.getLogger(__name__)

_Key = tuple[Callable[..., Any], tuple[Any, ...]]
# Text held by documents read ahead and not yet taken (~10-30 MB); past it, the step reads the rest
# itself. Reading ahead only fills the download steps, which are short next to the budget.
AHEAD_MAX_CHARS = 8_000_000


class Reader(Protocol):
    def __call__(
        self, fn: Callable[..., Any], jobs: Sequence[Sequence[Any]], *, workers: int, limits: ParseLimits
    ) -> list[DocumentText | ParseFailure]: ...


class ReadAhead:
    """Documents read by a thread of this process before the step that needs them asks.

    Reads ``workers`` documents at a time; pauses while a step reads its own (``run_isolated``
    outside this thread), so the two never compete for the cores. The thread waits for more
    work until ``close``: the workers it spawned die when it ends, and they are kept warm.
    """

    def __init__(self, read: Reader) -> None:
        self.read = read  # isolation.run_isolated, for this thread (it never reads ahead itself)
        self.cond = threading.Condition()
        self.queue: list[tuple[_Key, ParseLimits, int]] = []
        self.running: set[_Key] = set()
        self.done: dict[_Key, DocumentText | ParseFailure] = {}
        self.chars = 0
        self.paused = 0
        self.closed = False
        self.thread: threading.Thread | None = None

    def submit(
        self, fn: Callable[..., Any], jobs: Sequence[Sequence[Any]], workers: int, limits: ParseLimits
    ) -> None:
        with self.cond:
            known = {k for k, _, _ in self.queue} | self.running | set(self.done)
            for args in jobs:
                key = (fn, tuple(args))
                if key not in known:
                    self.queue.append((key, limits, workers))
                    known.add(key)
            if self.queue and self.thread is None and not self.closed:
                self.thread = threading.Thread(target=self._run, daemon=True, name="parse-ahead")
                self.thread.start()
            self.cond.notify_all()

    def _run(self) -> None:
        while True:
            with self.cond:
                while not self.closed and (self.paused or not self.queue):
                    self.cond.wait()
                if self.closed:
                    return
                if self.chars >= AHEAD_MAX_CHARS:
                    self.queue.clear()  # over its text budget: the steps read these themselves
                    continue
                (fn, _), limits, workers = self.queue[0]
                chunk = [item for item in self.queue if item[0][0] is fn and item[1] == limits][:workers]
                for item in chunk:
                    self.queue.remove(item)
                    self.running.add(item[0])
            keys = [key for key, _, _ in chunk]
            try:
                results = self.read(fn, [args for _, args in keys], workers=workers, limits=limits)
            except Exception:  # never the job's problem: the step reads these itself
                log.warning("reading ahead failed", exc_info=True)
                results = []
            with self.cond:
                for key, result in zip(keys, results, strict=False):
                    self.done[key] = result
                    self.chars += result.text_length if isinstance(result, DocumentText) else 0
                self.running.difference_update(keys)
                self.cond.notify_all()

    def take(
        self, fn: Callable[..., Any], jobs: Sequence[Sequence[Any]]
    ) -> dict[int, DocumentText | ParseFailure]:
        """Results already read for these jobs (by index); pauses reading ahead until ``resume``."""
        keys = [(fn, tuple(args)) for args in jobs]
        wanted = set(keys)
        with self.cond:
            self.paused += 1
            self.queue = [item for item in self.queue if item[0] not in wanted]
            while self.running:  # the chunk being read now: its workers come back before ours start
                self.cond.wait()
            found = {i: self.done.pop(key) for i, key in enumerate(keys) if key in self.done}
            self.chars -= sum(r.text_length for r in found.values() if isinstance(r, DocumentText))
            return found

    def resume(self) -> None:
        with self.cond:
            self.paused -= 1
            self.cond.notify_all()

    def close(self) -> None:
        """Stop reading ahead; wait for the documents being read now and for the thread to end."""
        with self.cond:
            self.closed = True
            self.queue.clear()
            self.cond.notify_all()
            thread = self.thread
        if thread is not None:
            thread.join()
