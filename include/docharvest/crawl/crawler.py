"""The navigator: crawl a site from its start URL and collect candidate documents.

A pool of asyncio workers pulls from a best-first :class:`~docharvest.crawl.frontier.Frontier`.
Each page is fetched once (per dedup_key), parsed for links with selectolax, handed to
``on_page`` and dropped: only light ``PageRecord`` s are kept, so memory stays flat on big
sites. Document links become candidates (:mod:`~docharvest.crawl.candidates`); sitemaps feed
the frontier beside the workers (:mod:`~docharvest.crawl.sitemap_loader`). Pages that turn out
to be documents (an extension-less URL serving a PDF) are spooled under the job's
``max_file_size_bytes`` (:mod:`~docharvest.crawl.page_sink`) into a prefetch store in
``work_dir``, so the download stage does not fetch them again. With ``prefetch_documents``,
document links are fetched while the crawl goes on too (see ``docharvest.prefetch``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Literal

from docharvest.config import CrawlSettings
from docharvest.crawl import checkpoint
from docharvest.crawl.candidates import CandidateSet, DocumentPrefetch
from docharvest.crawl.fetcher import Fetcher, FetchResult
from docharvest.crawl.frontier import Entry, Frontier, Priority
from docharvest.crawl.links import decode_html, extract_links
from docharvest.crawl.page_sink import PageChooser, PageSink
from docharvest.crawl.rawstore import LocalRawStore
from docharvest.crawl.report import NAVIGATOR, CrawlReport, IssueLog, PageRecord, skip_warnings
from docharvest.crawl.robots import RobotsCache
from docharvest.crawl.sinks import StopReading
from docharvest.crawl.sitemap_loader import SitemapLoader
from docharvest.crawl.urls import (
    Scope,
    dedup_key,
    document_type_from_url,
    host_of,
    is_skippable,
    request_url,
)
from docharvest.errors import JobIssue, RobotsDisallowedError
from docharvest.models import ScrapeParameters

__all__ = ["Priority", "crawl_site", "crawl_site_sync"]

logger = logging.getLogger(__name__)

# A crawl run outside a job (tests, bench) spools under a job's default cap.
DEFAULT_MAX_FILE_SIZE_BYTES = ScrapeParameters().max_file_size_bytes
CHECKPOINT_SECONDS = 1.0  # a checkpoint is a few KB per hundred pages: cheap enough to write often
# A checkpoint holds every page and URL seen: on a big site one save takes a while (~0.5 s at
# 20,000 pages), so saves are spaced to keep them under a twentieth of the crawl's time.
CHECKPOINT_SHARE = 0.05
# Builds the crawl's document prefetch on its fetcher and robots.txt cache.
PrefetchFactory = Callable[[Fetcher, RobotsCache], DocumentPrefetch]


class _Crawl:
    """State of one crawl. Not reusable."""

    def __init__(
        self,
        start_url: str,
        settings: CrawlSettings,
        fetcher: Fetcher,
        *,
        single_page: bool,
        priority: Priority | None,
        on_page: Callable[[PageRecord, str], None] | None,
        on_progress: Callable[[int, int], None] | None,
        work_dir: Path | None,
        max_file_size_bytes: int,
        checkpoint_path: Path | None = None,
        prefetch_documents: PrefetchFactory | None = None,
    ) -> None:
        self.start_url = start_url
        self.checkpoint_path = checkpoint_path
        self.checkpoint_due = checkpoint.Throttle(CHECKPOINT_SECONDS)
        self.active: dict[int, Entry] = {}  # entries being processed (back to the frontier on resume)
        self.settings = settings
        self.fetcher = fetcher
        self.robots = RobotsCache(fetcher, settings.user_agent, settings.obey_robots)
        self.scope = Scope.for_start(
            start_url, settings.include_subdomains, settings.include_patterns, settings.exclude_patterns
        )
        self.single_page = single_page
        self.priority = priority
        self.on_page = on_page
        self.on_progress = on_progress
        self.document_types = set(settings.document_types)
        self.chooser = PageChooser(settings, work_dir, max_file_size_bytes)
        self.frontier = Frontier(settings, priority, lambda: self.pages_crawled)
        self.issues = IssueLog()
        prefetch = LocalRawStore(work_dir) if work_dir is not None else None
        self.documents = prefetch_documents(fetcher, self.robots) if prefetch_documents else None
        self.candidates = CandidateSet(self.settings, self.frontier, self.scope, self.robots, self.issues,
                                       prefetch, max_file_size_bytes, self.documents)  # fmt: skip
        self.pages: list[PageRecord] = []
        self.pages_crawled = 0
        self.warnings: list[str] = []
        self.start_error: str | None = None
        self.resumed_done = False

    def progress(self) -> None:
        if self.on_progress is not None:
            self.on_progress(self.pages_crawled, self.frontier.planned(self.pages_crawled))

    # -- workers and checkpoints ------------------------------------------------------
    async def worker(self) -> None:
        frontier = self.frontier
        while True:
            entry = await frontier.next_entry()
            if entry is None:
                return
            self.active[id(entry)] = entry
            try:
                await self.process(entry)
                # Only a finished page leaves ``active``: one cut off (deadline, kill) is fetched again.
                self.active.pop(id(entry), None)
            finally:
                await frontier.done_with()
                self.progress()
                if self.checkpoint_path is not None and self.checkpoint_due.due():
                    self.save_checkpoint(done=False)

    def save_checkpoint(self, *, done: bool) -> None:
        assert self.checkpoint_path is not None
        started = time.monotonic()
        try:
            checkpoint.save(self.checkpoint_path, checkpoint.snapshot(self, done=done))
        except OSError as exc:  # a full disk must not end the crawl; the next save may work
            logger.warning("crawl checkpoint not written: %s", exc)
        took = time.monotonic() - started
        self.checkpoint_due.every = max(CHECKPOINT_SECONDS, took / CHECKPOINT_SHARE)

    def resume(self) -> bool:
        """Continue from the checkpoint, if there is one for this start URL; True when resumed."""
        state = checkpoint.load(self.checkpoint_path)
        if state is None or state.get("start_url") != self.start_url or not state.get("pages_crawled"):
            return False
        self.frontier.requeue(checkpoint.restore(self, state, Entry))
        self.resumed_done = bool(state.get("done"))
        logger.info(
            "crawl of %s resumed: %d pages done, %d queued, %d candidates",
            self.start_url,
            self.pages_crawled,
            len(self.frontier),
            len(self.candidates),
        )
        return True

    # -- one page -----------------------------------------------------------------------
    async def check_page_hop(self, url: str, hop: int) -> Literal["seen"] | None:
        key = dedup_key(url)
        frontier = self.frontier
        if hop > 0:
            if key in frontier.fetched:
                return "seen"
            refused = await self.robots.check(url)
            if refused is not None:
                raise refused
        frontier.fetched.add(key)
        frontier.seen.add(key)
        return None

    async def process(self, entry: Entry) -> None:
        refused = await self.robots.check(entry.url)
        if refused is not None:
            if isinstance(refused, RobotsDisallowedError):
                self.frontier.skip("robots", entry.url)
            self.fail(entry, JobIssue.of(NAVIGATOR, refused))
            return
        total = self.settings.connect_timeout_seconds + self.settings.read_timeout_seconds
        result = await self.fetcher.fetch(
            entry.url,
            agent=NAVIGATOR,
            choose=self.chooser.probe if entry.probe else self.chooser.page,
            check_hop=self.check_page_hop,
            total_timeout=total,
        )
        if result.seen_target:
            return
        if result.issue is not None:
            self.fail(entry, result.issue)
            return
        if result.head is None:
            return
        sink = result.sink
        if isinstance(sink, PageSink) and sink.mode == "sniff" and not result.stopped_early and sink.buffer:
            with contextlib.suppress(StopReading):
                sink.decide()
        if isinstance(sink, PageSink) and sink.mode == "html":
            if entry.probe:
                return  # a page, not a document: single_page mode does not read it
            if result.overflowed:
                self.fail(entry, JobIssue.of(NAVIGATOR, self.chooser.page_too_large(result.final_url)))
                return
            await self.handle_html(entry, result, bytes(sink.buffer))
            return
        doc_type = sink.doc_type if isinstance(sink, PageSink) else None
        if doc_type is None:
            doc_type = self.chooser.document_type(result.head)
        if doc_type is not None:
            self.candidates.add_fetched(entry, result, doc_type)

    def fail(self, entry: Entry, issue: JobIssue) -> None:
        if entry.depth == 0 and entry.source is None and self.start_error is None and self.pages_crawled == 0:
            self.start_error = f"{entry.url}: {issue.message}"
        self.issues.record(issue)

    async def handle_html(self, entry: Entry, result: FetchResult, body: bytes) -> None:
        head = result.head
        assert head is not None
        html = decode_html(body, head.charset)
        final = result.final_url
        if entry.source is None and entry.depth == 0:
            # The start page may redirect (http -> https, bare -> www): its final host is in scope.
            self.scope.add_host(host_of(final))
        links = extract_links(html, final, self.document_type)
        record = PageRecord(url=entry.url, title=links.title, depth=entry.depth, status=head.status,
                            final_url=final if final != entry.url else None, source_page=entry.source)  # fmt: skip
        self.pages_crawled += 1
        self.pages.append(record)
        if self.on_page is not None:
            self.on_page(record, html)
        del html, body
        follow = not self.single_page and self.scope.page_in_scope(final)
        frontier, add_link = self.frontier, self.candidates.add_link
        seen = frontier.seen
        depth = entry.depth + 1
        for link in links.links:
            if dedup_key(link.url) in seen:
                continue  # most links point at pages already queued: skip all other checks
            if link.doc_type is not None:
                await add_link(link, final, depth, links.title, links.breadcrumb)
                continue
            if self.single_page:
                if link.hinted_type in self.document_types and link.kind in ("a", "area", "iframe"):
                    await add_link(link, final, depth, links.title, links.breadcrumb)
                elif (
                    entry.depth == 0
                    and link.kind in ("a", "area")
                    and not is_skippable(link.url)
                    and self.scope.page_in_scope(link.url)
                ):
                    # Extension-less links (/DocumentCenter/View/12, /go/minutes) may be documents,
                    # directly or behind redirects: their response headers (or first bytes) tell.
                    frontier.enqueue(
                        Entry(link.url, 1, final, link.text, link.title, link=link,
                              page_title=links.title, breadcrumb=links.breadcrumb, probe=True)
                    )  # fmt: skip
                continue
            if is_skippable(link.url):
                continue
            if not self.scope.page_in_scope(link.url):
                hinted = link.hinted_type in self.document_types and link.kind in ("a", "area")
                if (
                    hinted
                    and self.settings.offsite_documents
                    and not self.scope.host_in_scope(host_of(link.url))
                ):
                    await add_link(link, final, depth, links.title, links.breadcrumb)
                continue
            if follow:
                frontier.enqueue(
                    Entry(link.url, depth, final, link.text, link.title, link=link,
                          page_title=links.title, breadcrumb=links.breadcrumb)
                )  # fmt: skip
        await frontier.wake()

    def document_type(self, url: str) -> str | None:
        return document_type_from_url(url, self.document_types)

    # -- the whole crawl ----------------------------------------------------------------
    async def run(self, deadline: float | None) -> None:
        """Crawl until the frontier is empty, ``max_pages`` is reached, or the deadline passes."""
        self.frontier.rank_before(deadline)
        try:
            if deadline is None:
                await self._run_and_prefetch()
            else:
                await asyncio.wait_for(
                    self._run_and_prefetch(), timeout=max(0.0, deadline - time.monotonic())
                )
        except TimeoutError:
            if self.pages_crawled == 0 and not self.candidates and self.start_error is None:
                self.start_error = (
                    f"{self.start_url}: the job timeout ran out before the start page was fetched"
                )
            self.warnings.append(
                f"Crawl stopped at the job timeout after {self.pages_crawled} pages; "
                "documents found so far are processed"
            )

    async def _run_and_prefetch(self) -> None:
        """The crawl, then the document fetches it started; those still running at the deadline
        (or when the crawl fails) stop, and the download step does them."""
        try:
            await self._run()
            if self.documents is not None:
                await self.documents.finish()
        finally:
            if self.documents is not None:
                await self.documents.cancel()

    async def _run(self) -> None:
        frontier = self.frontier
        resumed = self.checkpoint_path is not None and self.resume()
        if resumed and self.resumed_done:
            return  # the crawl had finished: its findings are all there is
        if not resumed:
            start = Entry(self.start_url, 0, None)
            frontier.seen.add(dedup_key(self.start_url))
            frontier.in_scope_seen += 1
            frontier.inflight = 1
            try:
                await self.process(start)
            finally:
                frontier.inflight = 0
        if self.start_error is not None or self.pages_crawled == 0:
            return  # nothing to follow (a start URL that is a document has no links)
        if self.single_page and not frontier.heap:
            return  # no extension-less links to probe
        if self.checkpoint_path is not None:
            self.save_checkpoint(done=False)
        tasks = []
        if self.settings.use_sitemaps and not self.single_page:
            frontier.producers += 1
            loader = SitemapLoader(self.start_url, self.fetcher, self.robots, frontier, self.candidates,
                                   self.scope, self.issues, self.document_types)  # fmt: skip
            tasks.append(asyncio.create_task(loader.run()))
        workers = [asyncio.create_task(self.worker()) for _ in range(self.settings.concurrency)]
        tasks += workers
        self.progress()
        try:
            # Workers end when the frontier is empty and no sitemap is loading, or at max_pages;
            # a sitemap still loading after that has nothing left to feed.
            await asyncio.gather(*workers)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    def report(self) -> CrawlReport:
        s = self.settings
        frontier = self.frontier
        if self.pages_crawled >= s.max_pages and frontier.heap:
            self.warnings.append(
                f"Crawl reached max_pages={s.max_pages}; {len(frontier)} discovered pages were not fetched"
            )
        self.warnings += skip_warnings(s, frontier.skipped, frontier.skip_examples)
        self.warnings += self.issues.warnings()
        found = self.candidates.found
        candidates = list(found.values())
        # Ranked here only to keep the best max_documents (the job ranks what it keeps itself).
        if self.priority is not None and len(candidates) > s.max_documents:
            scored = [(self.priority(c), i, c) for i, c in enumerate(candidates)]
            scored.sort(key=lambda t: (-t[0], t[1]))
            candidates = [c for _, _, c in scored]
        if len(candidates) > s.max_documents:
            self.warnings.append(
                f"{len(candidates) - s.max_documents} candidate documents beyond max_documents={s.max_documents} "
                "were dropped (lowest pre-score first)"
            )
            candidates = candidates[: s.max_documents]
        return CrawlReport(
            candidates=candidates,
            pages_crawled=self.pages_crawled,
            urls_discovered=frontier.in_scope_seen + sum(1 for c in found.values() if c.depth > 0),
            issues=self.issues.issues,
            warnings=self.warnings,
            start_url_error=self.start_error,
            pages=self.pages,
        )


async def crawl_site(
    start_url: str,
    *,
    settings: CrawlSettings,
    allow_private_networks: bool,
    single_page: bool = False,
    deadline: float | None = None,
    priority: Priority | None = None,
    on_page: Callable[[PageRecord, str], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    work_dir: Path | None = None,
    max_file_size_bytes: int = DEFAULT_MAX_FILE_SIZE_BYTES,
    dns_overrides: Mapping[str, str] | None = None,
    checkpoint_path: Path | None = None,
    prefetch_documents: PrefetchFactory | None = None,
) -> CrawlReport:
    """Crawl ``start_url`` and report every candidate document (see the module docstring).

    ``work_dir``: a page URL that turns out to be a document is kept there when it fits under
    ``max_file_size_bytes`` (the job's cap, ``ScrapeParameters.max_file_size_bytes``; by default
    a job's default cap), and never read past it. Without it, such documents are left to the
    downloader.
    ``checkpoint_path``: save progress there as the crawl goes, and continue from it if it
    exists (a retried or resumed task), see ``docharvest.crawl.checkpoint``.
    ``dns_overrides`` pins hostnames to addresses (tests, like curl ``--resolve``).
    ``prefetch_documents``: builds what fetches document links during the crawl (each new
    candidate is offered to it; see ``docharvest.prefetch``).
    """
    start = request_url(start_url.strip())
    if start is None:
        return CrawlReport([], 0, 0, [], [], f"{start_url!r} is not an http(s) URL", [])
    if max_file_size_bytes <= 0:
        raise ValueError(f"max_file_size_bytes must be > 0, got {max_file_size_bytes}")
    async with Fetcher(
        settings, allow_private_networks=allow_private_networks, dns_overrides=dns_overrides
    ) as f:
        crawl = _Crawl(
            start,
            settings,
            f,
            single_page=single_page,
            priority=priority,
            on_page=on_page,
            on_progress=on_progress,
            work_dir=work_dir,
            max_file_size_bytes=max_file_size_bytes,
            checkpoint_path=checkpoint_path,
            prefetch_documents=prefetch_documents,
        )
        started = time.monotonic()
        await crawl.run(deadline)
        if checkpoint_path is not None and not crawl.resumed_done:
            crawl.save_checkpoint(done=not crawl.frontier.heap and not crawl.warnings)
        report = crawl.report()
        logger.info(
            "crawl of %s: %d pages, %d candidates, %d issues, %d requests in %.1fs",
            start,
            report.pages_crawled,
            len(report.candidates),
            len(report.issues),
            f.requests_sent,
            time.monotonic() - started,
        )
        return report


def crawl_site_sync(start_url: str, **kwargs: object) -> CrawlReport:
    """:func:`crawl_site` for synchronous callers (Airflow task bodies, the CLI)."""
    return asyncio.run(crawl_site(start_url, **kwargs))  # type: ignore[arg-type]
