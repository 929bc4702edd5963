"""Downloading candidate documents while the crawl goes on, so the download step only adopts them.

The crawler offers each new candidate document to a :class:`CrawlPrefetch`
(:class:`~docharvest.crawl.candidates.DocumentPrefetch`). It fetches those the job would
download anyway (``admit``: their pre-download score reaches the job's download floor), at most
``budget`` of them, with the downloader's own rules on the crawl's fetcher: the job's size cap,
robots.txt on every redirect hop (the crawl's cache), the crawl's politeness per host and its
deadline, bodies stored by sha256 in the job's raw store. What a fetch found is left on the
candidate, ``extra['prefetched']`` (stored), ``extra['too_large']`` (over the cap) or
``extra['prefetch_failed']`` (a failure asking again cannot change: a 404, not a document,
robots.txt), which the download step reads instead of asking again (``docharvest.download``); a
fetch that failed for a passing reason (a timeout, a 503) is left to the download step, which
tries once more and records the failure as it always does.

When the download step runs elsewhere (a worker without this disk), it finds no file and
fetches the document itself. ``on_stored`` hears of each stored document: a job whose steps
share one process hands it to the warm parse workers, so parsing overlaps the crawl too.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docharvest.config import CrawlSettings
from docharvest.crawl.fetcher import Fetcher
from docharvest.crawl.rawstore import LocalRawStore
from docharvest.crawl.robots import RobotsCache
from docharvest.download import Downloader, DownloadLimits, DownloadOutcome
from docharvest.models import Candidate

log = logging.getLogger(__name__)

# Share of the crawl's connections document fetches may hold: the pages lead to more documents.
DOCUMENT_SHARE = 0.5


class CrawlPrefetch:
    """The crawl's document fetches (a :class:`~docharvest.crawl.candidates.DocumentPrefetch`)."""

    def __init__(
        self,
        fetcher: Fetcher,
        robots: RobotsCache,
        *,
        settings: CrawlSettings,
        limits: DownloadLimits,
        raw_dir: Path,
        admit: Callable[[Candidate], bool],
        budget: int,
        on_stored: Callable[[DownloadOutcome], None] | None = None,
    ) -> None:
        raw_dir.mkdir(parents=True, exist_ok=True)
        self.downloader = Downloader(fetcher, settings, LocalRawStore(raw_dir), raw_dir / ".tmp", limits,
                                     robots=robots, share_redirects=False)  # fmt: skip
        self.cap = limits.max_file_size_bytes
        self.admit = admit
        self.budget = budget
        self.on_stored = on_stored
        self.gate = asyncio.Semaphore(max(1, int(settings.concurrency * DOCUMENT_SHARE)))
        self.tasks: set[asyncio.Task[None]] = set()
        self.offered = 0
        self.stored = 0

    def offer(self, candidate: Candidate) -> None:
        if self.offered >= self.budget or not self.admit(candidate):
            return
        self.offered += 1
        task = asyncio.get_running_loop().create_task(self._fetch(candidate))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def finish(self) -> None:
        while self.tasks:
            await asyncio.gather(*self.tasks, return_exceptions=True)
        log.info(
            "prefetched %d of %d candidate documents offered during the crawl", self.stored, self.offered
        )

    async def cancel(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)

    async def _fetch(self, candidate: Candidate) -> None:
        try:
            async with self.gate:
                outcome = await self.downloader.one(candidate)
        except Exception:  # never the crawl's problem: the download step fetches it
            log.warning("prefetching %s failed", candidate.url, exc_info=True)
            return
        if outcome.status == "downloaded" and outcome.raw_path is not None:
            candidate.extra["prefetched"] = {
                "path": str(outcome.raw_path),
                "sha256": outcome.sha256,
                "size_bytes": outcome.size_bytes,
            } | _seen(outcome)
            self.stored += 1
            if self.on_stored is not None:
                self.on_stored(outcome)
        elif outcome.status == "too_large":
            candidate.extra["too_large"] = {"over_bytes": self.cap, "size_bytes": outcome.size_bytes} | _seen(
                outcome
            )
        elif outcome.issue is not None and not outcome.issue.recoverable:
            # A 404, a page where a document was expected, robots.txt: asking again changes nothing.
            candidate.extra["prefetch_failed"] = outcome.as_record()


def _seen(outcome: DownloadOutcome) -> dict[str, Any]:
    """What the fetch told, in the form the download step rebuilds its outcome from."""
    return {
        "final_url": outcome.final_url,
        "trail": list(outcome.trail),
        "content_type": outcome.content_type,
        "filename": outcome.filename,
        "etag": outcome.etag,
        "last_modified": outcome.last_modified,
    }
