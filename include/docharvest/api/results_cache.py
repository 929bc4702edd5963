"""Per-process memory of ended jobs' results, and their ETags.

A results page is the job's summary (job row, errors, warnings, counts) plus one page of
rows. Once a job has ended, neither changes unless the job's rows are written again, and
every such write moves the job's ``updated_at`` in the same transaction (see
``store.repository``). So ``(job_id, status, updated_at)`` names one version of an ended
job's results. Under it the API keeps the summary and the serialised pages it has served
(an LRU bounded in bytes), and gives each page an ``ETag`` so a client re-reading a page it
has gets ``304 Not Modified``. Every request still reads the job row (ownership, version),
so a new write is seen by the next request. Active jobs are never cached: their summary
(runtime, counts) changes all the time.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from docharvest.models import JobStatus

T = TypeVar("T")


def results_version(job: dict[str, Any]) -> str | None:
    """The version of an ended job's results; None while the job is active (or never written)."""
    updated = job.get("updated_at")
    if updated is None or JobStatus(job["status"]).is_active:
        return None
    return f"{job['job_id']}:{job['status']}:{updated.isoformat()}"


def results_etag(job: dict[str, Any], variant: str) -> str | None:
    """A strong ETag for one representation (``variant``: the page's query) of an ended job's results."""
    version = results_version(job)
    if version is None:
        return None
    return '"' + hashlib.sha256(f"{version}|{variant}".encode()).hexdigest()[:32] + '"'


def etag_matches(etag: str, if_none_match: str | None) -> bool:
    """RFC 9110 If-None-Match: ``*`` or any listed tag (weak comparison)."""
    if not if_none_match:
        return False
    tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    return "*" in tags or etag in tags


class ResultsCache:
    """A thread-safe LRU of per-job values, each valid for one results version, bounded in bytes."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict[tuple[str, str], tuple[str, Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, job: dict[str, Any], part: str, build: Callable[[], T], weigh: Callable[[T], int]) -> T:
        """``part`` of ``job``'s results: kept from an earlier call for this version, else ``build()``.

        ``weigh`` gives a built value's size in bytes (what it counts against the bound).
        """
        version = results_version(job)
        if version is None or self.max_bytes == 0:
            return build()
        key = (str(job["job_id"]), part)
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and hit[0] == version:
                self._items.move_to_end(key)
                return hit[1]
        value = build()
        size = weigh(value)
        if size > self.max_bytes // 4:  # one huge page must not flush everything else
            return value
        with self._lock:
            old = self._items.pop(key, None)
            self.bytes += size - (old[2] if old else 0)
            self._items[key] = (version, value, size)
            while self.bytes > self.max_bytes:
                _, (_, _, evicted) = self._items.popitem(last=False)
                self.bytes -= evicted
        return value
