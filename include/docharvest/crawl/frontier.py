"""The crawl frontier: which page is fetched next, what was seen, and what was skipped and why.

Best first: shallow pages first; within a depth, links the relevance pre-score likes first, once
that order can change what is fetched (see :meth:`Frontier.ranking_matters`).
Trap rules (depth, repeated path segments, calendars, query variants per path) and the
frontier cap are applied as URLs are queued; each skip is counted by reason with an example,
for the crawl's warnings. Workers take entries with :meth:`Frontier.next_entry` and hand them
back with :meth:`Frontier.done_with`; the crawl ends when nothing is queued, nothing is in
flight and no producer (a sitemap loader) is still feeding the queue, or at ``max_pages``.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass

from docharvest.config import CrawlSettings
from docharvest.crawl.links import Link
from docharvest.crawl.traps import calendar_key
from docharvest.crawl.urls import dedup_key, looks_like_trap, path_key
from docharvest.models import Candidate

Priority = Callable[[Candidate], float]

# Pages are ranked by the pre-score from when this share of the time to the deadline is gone.
RANK_AFTER_TIME_SHARE = 0.25


@dataclass(slots=True)  # one per link / page / queued URL: no __dict__ each
class Entry:
    """A page waiting in the frontier: where it was linked from and how."""

    url: str
    depth: int
    source: str | None
    text: str = ""
    title: str = ""
    from_sitemap: bool = False
    # The link that led here and the page it sat on: its context becomes the candidate's if the
    # URL turns out to be a document (an extension-less or redirecting document link).
    link: Link | None = None
    page_title: str = ""
    breadcrumb: str = ""
    # single_page mode: fetched only to learn whether it is a document; an HTML answer is dropped.
    probe: bool = False


class Frontier:
    """The queue of pages to fetch, with the sets that keep every URL to one fetch."""

    def __init__(
        self, settings: CrawlSettings, priority: Priority | None, pages_done: Callable[[], int]
    ) -> None:
        self.settings = settings
        self.priority = priority
        self.pages_done = pages_done
        self.heap: list[tuple[int, float, int, Entry]] = []
        self.seq = itertools.count()
        self.seen: set[str] = set()  # dedup keys of every URL queued, fetched or collected
        self.fetched: set[str] = set()  # dedup keys of URLs requested (redirect targets included)
        self.query_variants: dict[str, int] = {}
        self.calendar_steps: dict[str, int] = {}
        self.skipped: dict[str, int] = {}
        self.skip_examples: dict[str, str] = {}
        self.in_scope_seen = 0
        self.inflight = 0
        self.producers = 0
        self.cond = asyncio.Condition()
        self.cap = settings.max_pages * 3 + 1000
        self.ranking = False  # set once ranking_matters(); the queued pages are scored then
        self.rank_from: float | None = None  # monotonic time from which the deadline presses

    def rank_before(self, deadline: float | None) -> None:
        """The crawl stops at ``deadline``: rank pages from a share of the time to it."""
        if deadline is not None:
            now = time.monotonic()
            self.rank_from = now + RANK_AFTER_TIME_SHARE * max(0.0, deadline - now)

    def ranking_matters(self) -> bool:
        """Whether the order of the queued pages can change which pages are fetched: more pages are
        known than ``max_pages`` leaves room for, or the deadline draws near. Until then every
        queued page is fetched anyway, and scoring each link (~0.2 ms) would only slow the crawl."""
        if self.ranking or self.priority is None:
            return self.ranking
        known = self.pages_done() + self.inflight + len(self.heap)
        if known >= self.settings.max_pages or (
            self.rank_from is not None and time.monotonic() >= self.rank_from
        ):
            self.ranking = True
            self.heap = [(depth, -self._score(entry), seq, entry) for depth, _, seq, entry in self.heap]
            heapq.heapify(self.heap)
        return self.ranking

    def _score(self, entry: Entry) -> float:
        if self.priority is None or not entry.text:
            return 0.0
        return self.priority(Candidate(url=entry.url, link_text=entry.text, title_attr=entry.title))

    def __len__(self) -> int:
        return len(self.heap)

    def skip(self, reason: str, url: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1
        self.skip_examples.setdefault(reason, url)

    def enqueue(self, entry: Entry) -> None:
        key = dedup_key(entry.url)
        if key in self.seen:
            return
        s = self.settings
        if entry.depth > s.max_depth:
            self.skip("depth", entry.url)
            return
        if looks_like_trap(entry.url):
            self.skip("trap", entry.url)
            return
        calendar = calendar_key(entry.url)
        if calendar is not None:
            steps = self.calendar_steps.get(calendar, 0)
            if steps >= s.max_calendar_pages:
                self.skip("calendar", entry.url)
                return
            self.calendar_steps[calendar] = steps + 1
        if "?" in entry.url:
            pkey = path_key(entry.url)
            variants = self.query_variants.get(pkey, 0)
            if variants >= s.max_query_variants_per_path:
                self.skip("query_variants", pkey)
                return
            self.query_variants[pkey] = variants + 1
        if len(self.heap) >= self.cap:
            self.skip("frontier_full", entry.url)
            return
        self.seen.add(key)
        self.in_scope_seen += 1
        score = self._score(entry) if self.ranking_matters() else 0.0
        heapq.heappush(self.heap, (entry.depth, -score, next(self.seq), entry))

    def requeue(self, entries: list[Entry]) -> None:
        """Queue entries again (a resumed crawl's frontier): the trap counters were restored already."""
        for entry in entries:
            self.seen.discard(dedup_key(entry.url))
            self.in_scope_seen -= 1
            self.enqueue(entry)

    async def next_entry(self) -> Entry | None:
        max_pages = self.settings.max_pages
        async with self.cond:
            while True:
                done = self.pages_done()
                if done >= max_pages:
                    self.cond.notify_all()
                    return None
                if self.heap and done + self.inflight < max_pages:
                    self.ranking_matters()  # the deadline may have come near since the last link
                    self.inflight += 1
                    return heapq.heappop(self.heap)[3]
                if not self.heap and self.inflight == 0 and self.producers == 0:
                    self.cond.notify_all()
                    return None
                await self.cond.wait()

    async def done_with(self) -> None:
        async with self.cond:
            self.inflight -= 1
            self.cond.notify_all()

    async def wake(self) -> None:
        """New entries were queued (or a producer ended): let waiting workers look again."""
        async with self.cond:
            self.cond.notify_all()

    def planned(self, pages_done: int) -> int:
        """Pages this crawl expects to fetch in all, as far as it knows now."""
        return max(min(self.settings.max_pages, pages_done + self.inflight + len(self.heap)), pages_done)
