"""The documents a crawl collects: from document links, and from page URLs that served one.

A document link becomes a :class:`~docharvest.models.Candidate` with the evidence seen on
its page (link text, title, heading, context, table column, section); robots.txt is checked
for the scraper before it is kept. A page URL that turned out to be a document keeps the
evidence of the link that led to it, and its spooled body (when it fit under the job's cap)
is put in the prefetch store so the download stage adopts it instead of fetching it again;
one found over the job's cap (by Content-Length, or by spooling past it) is marked
``too_large`` so the download stage records it as such without asking for it again.

A document link can also be fetched while the crawl goes on: each new candidate is offered to
the crawl's :class:`DocumentPrefetch` (when it has one), which leaves what it fetched on the
candidate in the same two forms.
"""

from __future__ import annotations

from typing import Protocol

from docharvest.config import CrawlSettings
from docharvest.crawl.fetcher import FetchResult
from docharvest.crawl.frontier import Entry, Frontier
from docharvest.crawl.links import Link
from docharvest.crawl.page_sink import PageSink
from docharvest.crawl.rawstore import RawStore
from docharvest.crawl.report import SCRAPER, IssueLog
from docharvest.crawl.robots import RobotsCache
from docharvest.crawl.urls import Scope, dedup_key, host_of
from docharvest.errors import JobIssue, RobotsDisallowedError
from docharvest.models import Candidate


class DocumentPrefetch(Protocol):
    """Fetches candidate documents during the crawl (``docharvest.prefetch.CrawlPrefetch``)."""

    def offer(self, candidate: Candidate) -> None:
        """A new candidate: fetch it in the background if it is worth it (never blocks)."""
        ...

    async def finish(self) -> None:
        """Wait for the fetches in flight (the crawl's deadline bounds the wait)."""
        ...

    async def cancel(self) -> None:
        """Stop the fetches still in flight (the download step does them)."""
        ...


class CandidateSet:
    """Candidates by dedup key, in the order found."""

    def __init__(self, settings: CrawlSettings, frontier: Frontier, scope: Scope, robots: RobotsCache,
                 issues: IssueLog, prefetch: RawStore | None, max_file_size_bytes: int,
                 documents: DocumentPrefetch | None = None) -> None:  # fmt: skip
        self.settings = settings
        self.frontier = frontier
        self.scope = scope
        self.robots = robots
        self.issues = issues
        self.prefetch = prefetch
        self.max_file_size_bytes = max_file_size_bytes  # the cap the page sinks spool under
        self.found: dict[str, Candidate] = {}
        self.documents = documents

    def __len__(self) -> int:
        return len(self.found)

    async def add_link(self, link: Link, page_url: str, depth: int, page_title: str, crumb: str) -> None:
        """A document link seen on ``page_url`` (or listed in a sitemap)."""
        key = dedup_key(link.url)
        frontier = self.frontier
        if key in self.found or key in frontier.fetched:
            return
        in_scope = self.scope.host_in_scope(host_of(link.url))
        if not in_scope and not self.settings.offsite_documents:
            frontier.skip("offsite_document", link.url)
            return
        refused = await self.robots.check(link.url)
        if refused is not None:
            if isinstance(refused, RobotsDisallowedError):
                frontier.skip("robots", link.url)
            self.issues.record(JobIssue.of(SCRAPER, refused))
            frontier.seen.add(key)
            return
        if key in self.found:  # another worker got here during the robots await
            return
        if len(self.found) >= self.settings.max_documents * 2:
            frontier.skip("max_documents", link.url)
            return
        frontier.seen.add(key)
        self.found[key] = candidate = Candidate(
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
        if self.documents is not None:
            self.documents.offer(candidate)

    def add_fetched(self, entry: Entry, result: FetchResult, doc_type: str) -> None:
        """A page URL that served a document (``doc_type``): keep it, with its body if spooled whole."""
        key = dedup_key(entry.url)
        if key in self.found:
            return
        head = result.head
        assert head is not None
        extra: dict[str, object] = {"robots_checked": True, "link_kind": "fetched"}
        if entry.link is not None:
            extra |= {"column": entry.link.column} if entry.link.column else {}
            extra |= {"section": entry.link.section} if entry.link.section else {}
        if head.filename:
            extra["filename"] = head.filename
        seen = {
            "content_type": head.headers.get("Content-Type"),
            "final_url": result.final_url,
            "chain": list(result.chain),
            "filename": head.filename,
            "etag": head.headers.get("ETag"),
            "last_modified": head.headers.get("Last-Modified"),
        }
        declared = head.content_length  # a compressed body can outgrow it: then the size is unknown
        too_large = declared is not None and declared > self.max_file_size_bytes
        sink = result.sink
        if isinstance(sink, PageSink) and sink.file is not None:
            too_large = too_large or result.overflowed
            if result.overflowed or result.stopped_early or self.prefetch is None:
                sink.file.discard()
            else:
                stored = self.prefetch.put(sink.file)
                size = stored.path.stat().st_size
                extra["prefetched"] = {
                    "path": str(stored.path),
                    "sha256": stored.sha256,
                    "size_bytes": size,
                } | seen
        if too_large:
            # Its body is larger than ``over_bytes``: a downloader under that cap or a lower one refuses it.
            extra["too_large"] = {
                "over_bytes": self.max_file_size_bytes,
                "size_bytes": declared
                if declared is not None and declared > self.max_file_size_bytes
                else None,
            } | seen
        self.frontier.seen.add(key)
        link = entry.link
        self.found[key] = Candidate(
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
