"""Feeding the frontier from sitemaps: those robots.txt lists, and a guessed ``/sitemap.xml``.

Runs beside the crawl's workers as a producer: pages it finds are queued (depth 1), document
URLs become candidates. Index files are followed three levels deep, at most
``MAX_SITEMAP_FILES`` files per crawl; a failure of a listed sitemap is recorded, of the
guessed one is not (most sites have none).
"""

from __future__ import annotations

from docharvest.crawl.candidates import CandidateSet
from docharvest.crawl.fetcher import Fetcher
from docharvest.crawl.frontier import Entry, Frontier
from docharvest.crawl.links import Link
from docharvest.crawl.report import NAVIGATOR, IssueLog
from docharvest.crawl.robots import RobotsCache
from docharvest.crawl.sinks import MemorySink
from docharvest.crawl.sitemaps import SITEMAP_MAX_BYTES, parse_sitemap
from docharvest.crawl.urls import (
    Scope,
    dedup_key,
    document_type_from_url,
    is_skippable,
    origin_of,
    request_url,
    resolve_link,
)
from docharvest.errors import JobIssue, SitemapTooLargeError

MAX_SITEMAP_FILES = 50
MAX_SITEMAP_LEVELS = 3


class SitemapLoader:
    def __init__(self, start_url: str, fetcher: Fetcher, robots: RobotsCache, frontier: Frontier,
                 candidates: CandidateSet, scope: Scope, issues: IssueLog,
                 document_types: set[str]) -> None:  # fmt: skip
        self.start_url = start_url
        self.fetcher = fetcher
        self.robots = robots
        self.frontier = frontier
        self.candidates = candidates
        self.scope = scope
        self.issues = issues
        self.document_types = document_types

    async def run(self) -> None:
        """Load every sitemap; the frontier counts this loader as a producer until it ends."""
        frontier = self.frontier
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
                if dedup_key(url) in frontier.fetched:
                    continue
                fetched += 1
                body = await self.fetch(url, report=listed_flag)
                if body is None:
                    continue
                try:
                    sitemap = parse_sitemap(body)
                except SitemapTooLargeError as exc:
                    self.issues.record(JobIssue.of(NAVIGATOR, exc, url))
                    continue
                if level < MAX_SITEMAP_LEVELS:
                    todo.extend(
                        (u, True, level + 1) for u in (resolve_link(url, c) for c in sitemap.children) if u
                    )
                for raw in sitemap.urls:
                    await self.add_url(raw, url)  # may await robots.txt of another host
                await frontier.wake()
        finally:
            async with frontier.cond:
                frontier.producers -= 1
                frontier.cond.notify_all()

    async def fetch(self, url: str, report: bool) -> bytes | None:
        if await self.robots.check(url) is not None:
            return None
        self.frontier.fetched.add(dedup_key(url))
        sink = MemorySink(SITEMAP_MAX_BYTES)
        result = await self.fetcher.fetch(url, agent=NAVIGATOR, choose=lambda head: sink)
        if result.issue is not None:
            if report:
                self.issues.record(result.issue)
            return None
        if result.overflowed:
            self.issues.record(JobIssue.of(NAVIGATOR, SitemapTooLargeError("sitemap exceeds 50 MB", url)))
            return None
        return bytes(sink.buffer)

    async def add_url(self, raw: str, sitemap_url: str) -> None:
        url = resolve_link(sitemap_url, raw)
        if url is None:
            return
        doc_type = document_type_from_url(url, self.document_types)
        if doc_type is not None:
            link = Link(url=url, kind="sitemap", doc_type=doc_type)
            link.hinted_type = link.doc_type
            await self.candidates.add_link(link, sitemap_url, 1, "", "")
        elif self.scope.page_in_scope(url) and not is_skippable(url):
            self.frontier.enqueue(Entry(url, 1, sitemap_url, from_sitemap=True))
