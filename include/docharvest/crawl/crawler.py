"""The navigator: crawl a site from its start URL and collect candidate documents.

A pool of asyncio workers pulls from a best-first frontier (shallow pages first; within a depth,
links the relevance pre-score likes first). Each page is fetched once (per dedup_key), parsed
for links with selectolax, handed to ``on_page`` and dropped: only light ``PageRecord`` s are
kept, so memory stays flat on big sites. Pages that turn out to be documents (an
extension-less URL serving a PDF) are spooled to ``work_dir`` so the download stage does not
fetch them again.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from docharvest.config import CrawlSettings
from docharvest.crawl import checkpoint
from docharvest.crawl.fetcher import (
    HEAD_BYTES,
    Decision,
    Fetcher,
    FetchResult,
    FileSink,
    MemorySink,
    Overflow,
    ResponseHead,
    StopReading,
    store_spooled,
)
from docharvest.crawl.links import Link, decode_html, extract_links
from docharvest.crawl.report import NAVIGATOR, SCRAPER, CrawlIssue, CrawlReport, PageRecord
from docharvest.crawl.robots import RobotsCache
from docharvest.crawl.sitemaps import SITEMAP_MAX_BYTES, SitemapTooLargeError, parse_sitemap
from docharvest.crawl.sniff import sniff_document_type
from docharvest.crawl.traps import calendar_key
from docharvest.crawl.urls import (
    DOCUMENT_EXTENSIONS,
    DOCUMENT_MIME_TYPES,
    HTML_MIME_TYPES,
    Scope,
    dedup_key,
    document_type_from_url,
    host_of,
    is_skippable,
    looks_like_trap,
    origin_of,
    path_key,
    request_url,
    resolve_link,
    url_extension,
)
from docharvest.models import Candidate

logger = logging.getLogger(__name__)

MAX_ISSUES_PER_TYPE = 50
CHECKPOINT_SECONDS = 1.0  # a checkpoint is a few KB per hundred pages: cheap enough to write often
MAX_SITEMAP_FILES = 50
_SNIFF_MIMES = frozenset(
    {"application/octet-stream", "binary/octet-stream", "application/download", "application/x-download",
     "application/force-download", "application/unknown"}
)  # fmt: skip

Priority = Callable[[Candidate], float]


@dataclass
class _Entry:
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


class _PageSink:
    """Body of a URL fetched as a page: HTML into memory, a document into a spool file.

    When the Content-Type does not say, the first bytes decide (``mode="sniff"``).
    """

    def __init__(self, mode: Literal["html", "document", "sniff"], html_limit: int, spool: Path | None,
                 spool_limit: int, document_types: set[str]) -> None:  # fmt: skip
        self.mode = mode
        self.html_limit = html_limit
        self.spool = spool
        self.spool_limit = spool_limit
        self.document_types = document_types
        self.limit = html_limit if mode == "html" else max(html_limit, spool_limit)
        self.buffer = bytearray()
        self.file: FileSink | None = None
        self.doc_type: str | None = None
        if mode == "document":
            self._open_spool()

    def _open_spool(self) -> None:
        if self.spool is None:
            raise StopReading  # we know enough: the downloader will fetch it
        self.file = FileSink(self.spool, self.spool_limit)

    def write(self, chunk: bytes) -> None:
        if self.file is not None:
            if self.file.size + len(chunk) > self.spool_limit:
                raise Overflow
            self.file.write(chunk)
            return
        self.buffer += chunk
        if self.mode == "sniff" and len(self.buffer) >= 1024:
            self.decide()
        if self.mode == "html" and len(self.buffer) > self.html_limit:
            raise Overflow

    def decide(self) -> None:
        """Settle a sniffed body's kind from its first bytes."""
        kind = sniff_document_type(bytes(self.buffer[:HEAD_BYTES]), None, None)
        if kind == "html":
            self.mode = "html"
            self.limit = self.html_limit
        elif kind in self.document_types:
            self.mode = "document"
            self.doc_type = kind
            self._open_spool()
            assert self.file is not None
            self.file.write(bytes(self.buffer))
            self.buffer = bytearray()
        else:
            self.mode = "sniff"
            raise StopReading

    def reset(self) -> None:
        self.buffer = bytearray()
        if self.file is not None:
            self.file.reset()

    def discard(self) -> None:
        self.reset()
        if self.file is not None:
            self.file.discard()


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
    ) -> None:
        self.start_url = start_url
        self.checkpoint_path = checkpoint_path
        self.checkpoint_due = checkpoint.Throttle(CHECKPOINT_SECONDS)
        self.active: dict[int, _Entry] = {}  # entries being processed (back to the frontier on resume)
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
        self.work_dir = work_dir
        self.spool_limit = max_file_size_bytes
        self.html_limit = int(settings.max_html_mb * 1_048_576)
        self.document_types = set(settings.document_types)
        self.doc_mimes = {m: t for m, t in DOCUMENT_MIME_TYPES.items() if t in self.document_types}

        self.heap: list[tuple[int, float, int, _Entry]] = []
        self.seq = itertools.count()
        self.seen: set[str] = set()  # dedup keys of every URL queued, fetched or collected
        self.fetched: set[str] = set()  # dedup keys of URLs requested (redirect targets included)
        self.query_variants: dict[str, int] = {}
        self.calendar_steps: dict[str, int] = {}
        self.candidates: dict[str, Candidate] = {}
        self.pages: list[PageRecord] = []
        self.pages_crawled = 0
        self.in_scope_seen = 0
        self.inflight = 0
        self.producers = 0
        self.cond = asyncio.Condition()
        self.issues: list[CrawlIssue] = []
        self.issue_counts: dict[str, int] = {}
        self.skipped: dict[str, int] = {}
        self.skip_examples: dict[str, str] = {}
        self.warnings: list[str] = []
        self.start_error: str | None = None
        self.frontier_cap = settings.max_pages * 3 + 1000
        self.resumed_done = False

    # -- bookkeeping ------------------------------------------------------------
    def record(self, issue: CrawlIssue) -> None:
        count = self.issue_counts.get(issue.error_type, 0) + 1
        self.issue_counts[issue.error_type] = count
        if count <= MAX_ISSUES_PER_TYPE:
            self.issues.append(issue)

    def skip(self, reason: str, url: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1
        self.skip_examples.setdefault(reason, url)

    def progress(self) -> None:
        if self.on_progress is not None:
            planned = min(self.settings.max_pages, self.pages_crawled + self.inflight + len(self.heap))
            self.on_progress(self.pages_crawled, max(planned, self.pages_crawled))

    # -- frontier ---------------------------------------------------------------
    def enqueue(self, entry: _Entry) -> None:
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
        if len(self.heap) >= self.frontier_cap:
            self.skip("frontier_full", entry.url)
            return
        self.seen.add(key)
        self.in_scope_seen += 1
        score = 0.0
        if self.priority is not None and entry.text:
            score = self.priority(Candidate(url=entry.url, link_text=entry.text, title_attr=entry.title))
        heapq.heappush(self.heap, (entry.depth, -score, next(self.seq), entry))

    async def next_entry(self) -> _Entry | None:
        async with self.cond:
            while True:
                if self.pages_crawled >= self.settings.max_pages:
                    self.cond.notify_all()
                    return None
                if self.heap and self.pages_crawled + self.inflight < self.settings.max_pages:
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
        self.progress()

    async def worker(self) -> None:
        while True:
            entry = await self.next_entry()
            if entry is None:
                return
            self.active[id(entry)] = entry
            try:
                await self.process(entry)
                # Only a finished page leaves ``active``: one cut off (deadline, kill) is fetched again.
                self.active.pop(id(entry), None)
            finally:
                await self.done_with()
                if self.checkpoint_path is not None and self.checkpoint_due.due():
                    self.save_checkpoint(done=False)

    def save_checkpoint(self, *, done: bool) -> None:
        assert self.checkpoint_path is not None
        try:
            checkpoint.save(self.checkpoint_path, checkpoint.snapshot(self, done=done))
        except OSError as exc:  # a full disk must not end the crawl; the next save may work
            logger.warning("crawl checkpoint not written: %s", exc)

    def resume(self) -> bool:
        """Continue from the checkpoint, if there is one for this start URL; True when resumed."""
        state = checkpoint.load(self.checkpoint_path)
        if state is None or state.get("start_url") != self.start_url or not state.get("pages_crawled"):
            return False
        frontier = checkpoint.restore(self, state, _Entry)
        for entry in frontier:
            self.seen.discard(dedup_key(entry.url))
            self.in_scope_seen -= 1
            self.enqueue(entry)
        self.resumed_done = bool(state.get("done"))
        logger.info(
            "crawl of %s resumed: %d pages done, %d queued, %d candidates",
            self.start_url,
            self.pages_crawled,
            len(self.heap),
            len(self.candidates),
        )
        return True

    # -- one page -----------------------------------------------------------------
    async def check_page_hop(self, url: str, hop: int) -> CrawlIssue | Literal["seen"] | None:
        key = dedup_key(url)
        if hop > 0:
            if key in self.fetched:
                return "seen"
            issue = await self.robots.check(url, NAVIGATOR)
            if issue is not None:
                return issue
        self.fetched.add(key)
        self.seen.add(key)
        return None

    def head_document_type(self, head: ResponseHead) -> str | None:
        """Document type announced by the headers (Content-Type, then Content-Disposition filename)."""
        doc_type = self.doc_mimes.get(head.mime or "")
        if doc_type is None and head.filename:
            named = DOCUMENT_EXTENSIONS.get(url_extension(head.filename))
            doc_type = named if named in self.document_types else None
        return doc_type

    def choose_page(self, head: ResponseHead) -> Decision:
        mime = head.mime
        doc_type = self.head_document_type(head)
        if mime in HTML_MIME_TYPES and doc_type is None:
            if head.content_length is not None and head.content_length > self.html_limit:
                return self.page_too_large(head.final_url, head.content_length)
            return _PageSink("html", self.html_limit, None, self.spool_limit, self.document_types)
        if doc_type is not None:
            too_big = head.content_length is not None and head.content_length > self.spool_limit
            if self.spool_dir is None or too_big:
                return None  # the downloader fetches it (and reports it against its own cap)
            sink = _PageSink(
                "document", self.html_limit, self.spool_dir, self.spool_limit, self.document_types
            )
            sink.doc_type = doc_type
            return sink
        if mime is None or mime in _SNIFF_MIMES:
            return _PageSink("sniff", self.html_limit, self.spool_dir, self.spool_limit, self.document_types)
        return None  # images, feeds, archives: nothing for us

    def choose_probe(self, head: ResponseHead) -> Decision:
        """As :meth:`choose_page`, but an HTML answer is not read at all."""
        decision = self.choose_page(head)
        if isinstance(decision, _PageSink) and decision.mode == "html":
            return None
        return decision

    @property
    def spool_dir(self) -> Path | None:
        return self.work_dir

    def page_too_large(self, url: str, size: int | None = None) -> CrawlIssue:
        shown = f"{size / 1_048_576:.1f} MB " if size else ""
        return CrawlIssue(
            NAVIGATOR,
            "page_too_large",
            f"page {shown}exceeds max_html_mb={self.settings.max_html_mb:g} (after decompression); not parsed",
            url,
            False,
        )

    async def process(self, entry: _Entry) -> None:
        issue = await self.robots.check(entry.url, NAVIGATOR)
        if issue is not None:
            if issue.error_type == "robots_disallowed":
                self.skip("robots", entry.url)
            self.fail(entry, issue)
            return
        total = self.settings.connect_timeout_seconds + self.settings.read_timeout_seconds
        result = await self.fetcher.fetch(
            entry.url,
            agent=NAVIGATOR,
            choose=self.choose_probe if entry.probe else self.choose_page,
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
        if isinstance(sink, _PageSink) and sink.mode == "sniff" and not result.stopped_early and sink.buffer:
            with contextlib.suppress(StopReading):
                sink.decide()
        if isinstance(sink, _PageSink) and sink.mode == "html":
            if entry.probe:
                return  # a page, not a document: single_page mode does not read it
            if result.overflowed:
                self.fail(entry, self.page_too_large(result.final_url))
                return
            await self.handle_html(entry, result, bytes(sink.buffer))
            return
        doc_type = sink.doc_type if isinstance(sink, _PageSink) else None
        if doc_type is None:
            doc_type = self.head_document_type(result.head)
        if doc_type is not None:
            self.add_document_from_fetch(entry, result, doc_type)

    def fail(self, entry: _Entry, issue: CrawlIssue) -> None:
        if entry.depth == 0 and entry.source is None and self.start_error is None and self.pages_crawled == 0:
            self.start_error = f"{entry.url}: {issue.message}"
        self.record(issue)

    async def handle_html(self, entry: _Entry, result: FetchResult, body: bytes) -> None:
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
        seen = self.seen
        for link in links.links:
            if dedup_key(link.url) in seen:
                continue  # most links point at pages already queued: skip all other checks
            if link.doc_type is not None:
                await self.add_document(link, final, entry.depth + 1, links.title, links.breadcrumb)
                continue
            if self.single_page:
                if link.hinted_type in self.document_types and link.kind in ("a", "area", "iframe"):
                    await self.add_document(link, final, entry.depth + 1, links.title, links.breadcrumb)
                elif (
                    entry.depth == 0
                    and link.kind in ("a", "area")
                    and not is_skippable(link.url)
                    and self.scope.page_in_scope(link.url)
                ):
                    # Extension-less links (/DocumentCenter/View/12, /go/minutes) may be documents,
                    # directly or behind redirects: their response headers (or first bytes) tell.
                    self.enqueue(
                        _Entry(link.url, 1, final, link.text, link.title, link=link,
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
                    await self.add_document(link, final, entry.depth + 1, links.title, links.breadcrumb)
                continue
            if follow:
                self.enqueue(
                    _Entry(link.url, entry.depth + 1, final, link.text, link.title, link=link,
                           page_title=links.title, breadcrumb=links.breadcrumb)
                )  # fmt: skip
        async with self.cond:
            self.cond.notify_all()

    def document_type(self, url: str) -> str | None:
        return document_type_from_url(url, self.document_types)

    async def add_document(self, link: Link, page_url: str, depth: int, page_title: str, crumb: str) -> None:
        key = dedup_key(link.url)
        if key in self.candidates or key in self.fetched:
            return
        in_scope = self.scope.host_in_scope(host_of(link.url))
        if not in_scope and not self.settings.offsite_documents:
            self.skip("offsite_document", link.url)
            return
        issue = await self.robots.check(link.url, SCRAPER)
        if issue is not None:
            if issue.error_type == "robots_disallowed":
                self.skip("robots", link.url)
            self.record(issue)
            self.seen.add(key)
            return
        if key in self.candidates:  # another worker got here during the robots await
            return
        if len(self.candidates) >= self.settings.max_documents * 2:
            self.skip("max_documents", link.url)
            return
        self.seen.add(key)
        self.candidates[key] = Candidate(
            url=link.url,
            source_page=page_url,
            link_text=link.text,
            title_attr=link.title,
            context=link.context,
            heading=link.heading,
            page_title=page_title,
            breadcrumb=crumb,
            depth=depth,
            hinted_type=link.doc_type or link.hinted_type,
            extra={"robots_checked": True, "link_kind": link.kind}
            | ({"column": link.column} if link.column else {})
            | ({"section": link.section} if link.section else {}),
        )

    def add_document_from_fetch(self, entry: _Entry, result: FetchResult, doc_type: str) -> None:
        key = dedup_key(entry.url)
        if key in self.candidates:
            return
        head = result.head
        assert head is not None
        extra: dict[str, object] = {"robots_checked": True, "link_kind": "fetched"}
        if entry.link is not None:
            extra |= {"column": entry.link.column} if entry.link.column else {}
            extra |= {"section": entry.link.section} if entry.link.section else {}
        if head.filename:
            extra["filename"] = head.filename
        sink = result.sink
        if isinstance(sink, _PageSink) and sink.file is not None:
            if result.overflowed or result.stopped_early:
                sink.file.discard()
            else:
                path, sha = store_spooled(sink.file, sink.file.directory)
                extra["prefetched"] = {
                    "path": str(path),
                    "sha256": sha,
                    "content_type": head.headers.get("Content-Type"),
                    "final_url": result.final_url,
                    "chain": list(result.chain),
                    "size_bytes": path.stat().st_size,
                    "filename": head.filename,
                    "etag": head.headers.get("ETag"),
                    "last_modified": head.headers.get("Last-Modified"),
                }
        self.seen.add(key)
        link = entry.link
        self.candidates[key] = Candidate(
            url=entry.url,
            source_page=entry.source,
            link_text=entry.text,
            title_attr=entry.title,
            context=link.context if link else "",
            heading=link.heading if link else "",
            page_title=entry.page_title,
            breadcrumb=entry.breadcrumb,
            depth=entry.depth,
            hinted_type=doc_type,
            extra=extra,
        )

    # -- sitemaps -----------------------------------------------------------------
    async def load_sitemaps(self) -> None:
        try:
            rules = await self.robots.rules_for(self.start_url)
            robots_url = origin_of(self.start_url) + "/robots.txt"
            listed = [u for u in (resolve_link(robots_url, s) for s in rules.sitemaps) if u]
            guessed = request_url(origin_of(self.start_url) + "/sitemap.xml")
            todo: list[tuple[str, bool, int]] = [(u, True, 0) for u in listed]
            if guessed and guessed not in listed:
                todo.append((guessed, False, 0))
            fetched = 0
            while todo and fetched < MAX_SITEMAP_FILES:
                url, listed_flag, level = todo.pop(0)
                key = dedup_key(url)
                if key in self.fetched:
                    continue
                fetched += 1
                sitemap_body = await self.fetch_sitemap(url, report=listed_flag)
                if sitemap_body is None:
                    continue
                try:
                    sitemap = parse_sitemap(sitemap_body)
                except SitemapTooLargeError as exc:
                    self.record(CrawlIssue(NAVIGATOR, "sitemap_too_large", str(exc), url, False))
                    continue
                if level < 3:
                    todo.extend(
                        (u, True, level + 1) for u in (resolve_link(url, c) for c in sitemap.children) if u
                    )
                for raw in sitemap.urls:
                    await self.add_sitemap_url(raw, url)  # may await robots.txt of another host
                async with self.cond:
                    self.cond.notify_all()
        finally:
            async with self.cond:
                self.producers -= 1
                self.cond.notify_all()

    async def fetch_sitemap(self, url: str, report: bool) -> bytes | None:
        if await self.robots.check(url, NAVIGATOR) is not None:
            return None
        self.fetched.add(dedup_key(url))
        sink = MemorySink(SITEMAP_MAX_BYTES)
        result = await self.fetcher.fetch(url, agent=NAVIGATOR, choose=lambda head: sink)
        if result.issue is not None:
            if report:
                self.record(result.issue)
            return None
        if result.overflowed:
            self.record(CrawlIssue(NAVIGATOR, "sitemap_too_large", "sitemap exceeds 50 MB", url, False))
            return None
        return bytes(sink.buffer)

    async def add_sitemap_url(self, raw: str, sitemap_url: str) -> None:
        url = resolve_link(sitemap_url, raw)
        if url is None:
            return
        if self.document_type(url) is not None:
            link = Link(url=url, kind="sitemap", doc_type=self.document_type(url))
            link.hinted_type = link.doc_type
            await self.add_document(link, sitemap_url, 1, "", "")
        elif self.scope.page_in_scope(url) and not is_skippable(url):
            self.enqueue(_Entry(url, 1, sitemap_url, from_sitemap=True))

    # -- the whole crawl ----------------------------------------------------------------
    async def run(self, deadline: float | None) -> None:
        """Crawl until the frontier is empty, ``max_pages`` is reached, or the deadline passes."""
        try:
            if deadline is None:
                await self._run()
            else:
                await asyncio.wait_for(self._run(), timeout=max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            if self.pages_crawled == 0 and not self.candidates and self.start_error is None:
                self.start_error = (
                    f"{self.start_url}: the job timeout ran out before the start page was fetched"
                )
            self.warnings.append(
                f"Crawl stopped at the job timeout after {self.pages_crawled} pages; "
                "documents found so far are processed"
            )

    async def _run(self) -> None:
        resumed = self.checkpoint_path is not None and self.resume()
        if resumed and self.resumed_done:
            return  # the crawl had finished: its findings are all there is
        if not resumed:
            start = _Entry(self.start_url, 0, None)
            self.seen.add(dedup_key(self.start_url))
            self.in_scope_seen += 1
            self.inflight = 1
            try:
                await self.process(start)
            finally:
                self.inflight = 0
        if self.start_error is not None or self.pages_crawled == 0:
            return  # nothing to follow (a start URL that is a document has no links)
        if self.single_page and not self.heap:
            return  # no extension-less links to probe
        if self.checkpoint_path is not None:
            self.save_checkpoint(done=False)
        tasks = []
        if self.settings.use_sitemaps and not self.single_page:
            self.producers += 1
            tasks.append(asyncio.create_task(self.load_sitemaps()))
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
        if self.pages_crawled >= s.max_pages and self.heap:
            self.warnings.append(
                f"Crawl reached max_pages={s.max_pages}; {len(self.heap)} discovered pages were not fetched"
            )
        notes = {
            "depth": f"links beyond max_depth={s.max_depth} not followed",
            "query_variants": f"URLs skipped by the per-path query cap "
            f"(max_query_variants_per_path={s.max_query_variants_per_path})",
            "trap": "URLs skipped as likely crawler traps (repeated path segments)",
            "robots": "URLs not fetched because robots.txt disallows them",
            "frontier_full": "links dropped because the frontier was full",
            "max_documents": f"document links beyond max_documents={s.max_documents} ignored",
            "offsite_document": "offsite document links ignored (offsite_documents=false)",
            "calendar": f"calendar-like URLs skipped (max_calendar_pages={s.max_calendar_pages} per calendar)",
        }
        for reason, count in self.skipped.items():
            self.warnings.append(f"{count} {notes.get(reason, reason)}, e.g. {self.skip_examples[reason]}")
        for error_type, count in self.issue_counts.items():
            if count > MAX_ISSUES_PER_TYPE:
                self.warnings.append(f"{count - MAX_ISSUES_PER_TYPE} more {error_type} errors not listed")
        candidates = list(self.candidates.values())
        if self.priority is not None:
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
            urls_discovered=self.in_scope_seen + sum(1 for c in self.candidates.values() if c.depth > 0),
            issues=self.issues,
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
    max_file_size_bytes: int | None = None,
    dns_overrides: Mapping[str, str] | None = None,
    checkpoint_path: Path | None = None,
) -> CrawlReport:
    """Crawl ``start_url`` and report every candidate document (see the module docstring).

    ``checkpoint_path``: save progress there as the crawl goes, and continue from it if it
    exists (a retried or resumed task), see ``docharvest.crawl.checkpoint``.
    ``max_file_size_bytes`` bounds documents spooled by accident (default ``max_prefetch_mb``);
    ``dns_overrides`` pins hostnames to addresses (tests, like curl ``--resolve``).
    """
    start = request_url(start_url.strip())
    if start is None:
        return CrawlReport([], 0, 0, [], [], f"{start_url!r} is not an http(s) URL", [])
    limit = max_file_size_bytes or int(settings.max_prefetch_mb * 1_048_576)
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
            max_file_size_bytes=limit,
            checkpoint_path=checkpoint_path,
        )
        started = time.monotonic()
        await crawl.run(deadline)
        if checkpoint_path is not None and not crawl.resumed_done:
            crawl.save_checkpoint(done=not crawl.heap and not crawl.warnings)
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
