"""The scraper: download candidate documents into a content-addressed raw store.

Each document is streamed to a temp file while it is hashed; a Content-Length over the cap is
refused before any body byte is read, and a body that grows past the cap (counted after
decompression) is aborted at once, so an oversize file is never downloaded in full. Finished
files land at ``raw_dir / sha[:2] / sha``: the same bytes at two URLs are stored once, and
each outcome lists the other URLs (redirect hops, duplicates) that led to its bytes.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from docharvest.config import CrawlSettings
from docharvest.crawl.fetcher import Decision, Fetcher, FileSink, ResponseHead, spool_path, store_spooled
from docharvest.crawl.report import SCRAPER, CrawlIssue
from docharvest.crawl.robots import RobotsCache
from docharvest.crawl.sniff import sniff_document_type
from docharvest.crawl.urls import dedup_key, request_url, url_filename
from docharvest.models import Candidate

__all__ = ["DownloadOutcome", "download_documents", "download_documents_sync", "sniff_document_type"]

logger = logging.getLogger(__name__)

Status = Literal["downloaded", "not_modified", "too_large", "failed", "blocked"]
_BLOCKING = frozenset({"blocked_private_network", "robots_disallowed", "robots_unreachable"})


@dataclass
class DownloadOutcome:
    url: str
    final_url: str
    aliases: list[str]
    status: str
    sha256: str | None
    raw_path: Path | None
    size_bytes: int | None
    content_type: str | None
    document_type: str | None
    filename: str | None
    issue: CrawlIssue | None
    etag: str | None = None
    last_modified: str | None = None
    # Not part of the row: every URL that led here (request, redirect hops, final), for aliases.
    trail: list[str] = field(default_factory=list, repr=False)


def _limit_text(limit: int) -> str:
    return f"{limit / 1_048_576:g}"


def too_large_issue(url: str, limit: int, size: int | None) -> CrawlIssue:
    shown = f"{size / 1_048_576:.1f} MB " if size else ""
    return CrawlIssue(
        SCRAPER,
        "file_too_large",
        f"file {shown}exceeds max_file_size_mb={_limit_text(limit)}; not downloaded",
        url,
        False,
    )


class _Downloader:
    def __init__(
        self,
        fetcher: Fetcher,
        settings: CrawlSettings,
        raw_dir: Path,
        limit: int,
        deadline: float | None,
        conditional: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        self.fetcher = fetcher
        # Per candidate URL: validators of the copy we already have (incremental re-crawls).
        self.conditional = conditional or {}
        self.settings = settings
        self.raw_dir = raw_dir
        self.tmp_dir = raw_dir / ".tmp"
        self.limit = limit
        self.deadline = deadline
        self.robots = RobotsCache(fetcher, settings.user_agent, settings.obey_robots)
        self.allowed = set(settings.document_types)
        # In-batch claims: a URL requested by one download is not requested again by another.
        self.claims: dict[str, asyncio.Future[DownloadOutcome]] = {}
        self.gate = asyncio.Semaphore(settings.concurrency)

    def outcome(self, url: str, status: str, issue: CrawlIssue | None, **kw: Any) -> DownloadOutcome:
        fields: dict[str, Any] = {
            "final_url": url,
            "aliases": [],
            "sha256": None,
            "raw_path": None,
            "size_bytes": None,
            "content_type": None,
            "document_type": None,
            "filename": url_filename(url),
        }
        fields.update(kw)
        return DownloadOutcome(url=url, status=status, issue=issue, **fields)

    async def one(self, candidate: Candidate) -> DownloadOutcome:
        url = candidate.url
        request = request_url(url)  # what the site gave, WHATWG-normalised
        if request is None:
            issue = CrawlIssue(SCRAPER, "invalid_url", "not a fetchable http(s) URL", url, False)
            return self.outcome(url, "failed", issue)
        prefetched = candidate.extra.get("prefetched")
        if isinstance(prefetched, dict) and Path(str(prefetched.get("path", ""))).is_file():
            return self.from_prefetched(url, prefetched)
        key = dedup_key(request)
        claimed = self.claims.get(key)
        if claimed is not None:
            return self.share(url, await claimed)
        future: asyncio.Future[DownloadOutcome] = asyncio.get_running_loop().create_future()
        self.claims[key] = future
        try:
            result = await self.fetch(
                url, request, bool(candidate.extra.get("robots_checked")), self.conditional.get(url)
            )
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # mark retrieved: waiters re-raise it themselves
            raise
        future.set_result(result)
        return result

    def share(self, url: str, other: DownloadOutcome, hops: list[str] | None = None) -> DownloadOutcome:
        """A second candidate whose URL (or redirect target) another download already fetched."""
        trail = [url, *(hops or []), *other.trail]
        return DownloadOutcome(**{**other.__dict__, "url": url, "aliases": [], "trail": trail})

    async def fetch(
        self, url: str, request: str, robots_checked: bool, headers: Mapping[str, str] | None = None
    ) -> DownloadOutcome:
        if self.deadline is not None and time.monotonic() >= self.deadline:
            issue = CrawlIssue(
                SCRAPER, "timeout", "the job timeout ran out before this download started", url, True
            )
            return self.outcome(url, "failed", issue)
        waiting_on: list[asyncio.Future[DownloadOutcome]] = []

        async def check_hop(target: str, hop: int) -> CrawlIssue | Literal["seen"] | None:
            if hop > 0:
                other = self.claims.get(dedup_key(target))
                # Share only a finished download: waiting on one in flight could deadlock
                # (two candidates redirecting to each other); a rare duplicate request is cheaper.
                if other is not None and other.done() and not other.exception():
                    waiting_on.append(other)
                    return "seen"
                self.claims.setdefault(dedup_key(target), self.claims[dedup_key(request)])
            if hop > 0 or not robots_checked:
                return await self.robots.check(target, SCRAPER)
            return None

        sink_box: list[FileSink] = []

        def choose(head: ResponseHead) -> Decision:
            if head.status == 304:
                return None  # not modified: there is no body to read
            if head.content_length is not None and head.content_length > self.limit:
                return too_large_issue(url, self.limit, head.content_length)
            sink = FileSink(self.tmp_dir, self.limit)
            sink_box.append(sink)
            return sink

        async with self.gate:
            if self.deadline is not None and time.monotonic() >= self.deadline:
                issue = CrawlIssue(
                    SCRAPER, "timeout", "the job timeout ran out before this download started", url, True
                )
                return self.outcome(url, "failed", issue)
            remaining = None if self.deadline is None else self.deadline - time.monotonic()
            try:
                result = await asyncio.wait_for(
                    self.fetcher.fetch(request, agent=SCRAPER, choose=choose, check_hop=check_hop,
                                       deadline=self.deadline, headers=headers),
                    timeout=remaining,
                )  # fmt: skip
            except TimeoutError:
                for partial in sink_box:
                    partial.discard()
                issue = CrawlIssue(
                    SCRAPER, "timeout", "the job timeout ran out during this download", url, True
                )
                return self.outcome(url, "failed", issue)
        trail = [request, *result.chain[1:], result.final_url] if result.chain else [request]
        if result.seen_target and waiting_on:
            return self.share(url, waiting_on[0].result(), result.chain)
        head = result.head
        common: dict[str, Any] = {"final_url": result.final_url, "trail": trail}
        if head is not None:
            common.update(
                content_type=head.mime,
                filename=head.filename or url_filename(result.final_url),
                etag=head.headers.get("ETag"),
                last_modified=head.headers.get("Last-Modified"),
            )
        file_sink = sink_box[-1] if sink_box else None
        if result.issue is not None:
            if file_sink is not None:
                file_sink.discard()
            issue = result.issue
            if issue.error_type == "file_too_large":
                return self.outcome(
                    url, "too_large", issue, size_bytes=head.content_length if head else None, **common
                )
            status = "blocked" if issue.error_type in _BLOCKING else "failed"
            return self.outcome(url, status, issue, **common)
        if head is not None and head.status == 304:
            logger.debug("304 Not Modified: %s", url)
            return self.outcome(url, "not_modified", None, **common)
        if result.overflowed:
            if file_sink is not None:
                file_sink.discard()
            return self.outcome(url, "too_large", too_large_issue(url, self.limit, None), **common)
        if file_sink is None or head is None:
            issue = CrawlIssue(SCRAPER, "no_body", "the server sent no document", url, True)
            return self.outcome(url, "failed", issue, **common)
        doc_type = sniff_document_type(
            file_sink.head, head.headers.get("Content-Type"), common.get("filename")
        )
        if doc_type not in self.allowed:
            file_sink.discard()
            shown = doc_type or head.mime or "unknown bytes"
            issue = CrawlIssue(SCRAPER, "not_a_document", f"expected a document, got {shown}", url, False)
            return self.outcome(url, "failed", issue, **common)
        path, sha = store_spooled(file_sink, self.raw_dir)
        return self.outcome(
            url,
            "downloaded",
            None,
            sha256=sha,
            raw_path=path,
            size_bytes=file_sink.size,
            document_type=doc_type,
            **common,
        )

    def from_prefetched(self, url: str, info: dict[str, Any]) -> DownloadOutcome:
        """Adopt a document the crawler already fetched (no second request)."""
        src = Path(str(info["path"]))
        size = src.stat().st_size
        final = str(info.get("final_url") or url)
        common: dict[str, Any] = {
            "final_url": final,
            "trail": [url, *info.get("chain", [])[1:], final],
            "content_type": (str(info.get("content_type") or "").split(";")[0].strip().lower() or None),
            "filename": info.get("filename") or url_filename(final),
            "etag": info.get("etag"),
            "last_modified": info.get("last_modified"),
        }
        if size > self.limit:
            return self.outcome(
                url, "too_large", too_large_issue(url, self.limit, size), size_bytes=size, **common
            )
        with open(src, "rb") as fh:
            head = fh.read(8192)
        doc_type = sniff_document_type(head, common["content_type"], common["filename"])
        if doc_type not in self.allowed:
            issue = CrawlIssue(SCRAPER, "not_a_document", f"expected a document, got {doc_type}", url, False)
            return self.outcome(url, "failed", issue, **common)
        sha = str(info.get("sha256") or "")
        target = spool_path(self.raw_dir, sha)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".tmp")
            shutil.copyfile(src, tmp)  # copy, not move: a retried task may adopt it again
            os.replace(tmp, target)
        return self.outcome(
            url,
            "downloaded",
            None,
            sha256=sha,
            raw_path=target,
            size_bytes=size,
            document_type=doc_type,
            **common,
        )


def _fill_aliases(outcomes: list[DownloadOutcome]) -> None:
    """aliases = every other URL that led to the same bytes (redirect hops and duplicates)."""
    by_sha: dict[str, list[DownloadOutcome]] = {}
    for outcome in outcomes:
        if outcome.sha256:
            by_sha.setdefault(outcome.sha256, []).append(outcome)
    for outcome in outcomes:
        group = by_sha.get(outcome.sha256 or "", [outcome])
        urls: list[str] = []
        for member in group:
            for candidate_url in (member.url, *member.trail, member.final_url):
                if candidate_url and candidate_url != outcome.final_url and candidate_url not in urls:
                    urls.append(candidate_url)
        outcome.aliases = urls


async def download_documents(
    candidates: list[Candidate],
    *,
    settings: CrawlSettings,
    allow_private_networks: bool,
    max_file_size_bytes: int,
    raw_dir: Path,
    deadline: float | None = None,
    dns_overrides: Mapping[str, str] | None = None,
    conditional: Mapping[str, Mapping[str, str]] | None = None,
) -> list[DownloadOutcome]:
    """Download every candidate; one outcome per candidate, same order. Never raises for a bad document.

    ``conditional`` maps a candidate URL to request headers (If-None-Match / If-Modified-Since)
    of the copy already held; a ``304`` answer is the outcome ``not_modified`` (nothing stored).
    """
    if max_file_size_bytes <= 0:
        raise ValueError(f"max_file_size_bytes must be > 0, got {max_file_size_bytes}")
    raw_dir.mkdir(parents=True, exist_ok=True)
    async with Fetcher(
        settings, allow_private_networks=allow_private_networks, dns_overrides=dns_overrides
    ) as f:
        downloader = _Downloader(f, settings, raw_dir, max_file_size_bytes, deadline, conditional)
        outcomes = list(await asyncio.gather(*(downloader.one(c) for c in candidates)))
    _fill_aliases(outcomes)
    logger.info(
        "downloaded %d/%d documents (%d not modified, %d too large, %d failed)",
        sum(o.status == "downloaded" for o in outcomes),
        len(outcomes),
        sum(o.status == "not_modified" for o in outcomes),
        sum(o.status == "too_large" for o in outcomes),
        sum(o.status in ("failed", "blocked") for o in outcomes),
    )
    return outcomes


def download_documents_sync(candidates: list[Candidate], **kwargs: Any) -> list[DownloadOutcome]:
    """:func:`download_documents` for synchronous callers (Airflow task bodies)."""
    return asyncio.run(download_documents(candidates, **kwargs))
