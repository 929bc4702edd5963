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
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from docharvest.config import CrawlSettings
from docharvest.crawl.fetcher import Decision, Fetcher
from docharvest.crawl.headers import ResponseHead
from docharvest.crawl.rawstore import LocalRawStore, RawStore
from docharvest.crawl.report import SCRAPER
from docharvest.crawl.robots import RobotsCache
from docharvest.crawl.sinks import HEAD_BYTES, FileSink
from docharvest.crawl.sniff import sniff_document_type
from docharvest.crawl.urls import dedup_key, request_url, url_filename
from docharvest.errors import (
    BlockedUrlError,
    DocHarvestError,
    DocumentTooLargeError,
    FetchTimeoutError,
    InvalidUrlError,
    JobIssue,
    NoBodyError,
    NotADocumentError,
)
from docharvest.models import Candidate

__all__ = [
    "DownloadLimits",
    "Downloader",
    "DownloadOutcome",
    "download_documents",
    "download_documents_sync",
    "sniff_document_type",
]

logger = logging.getLogger(__name__)

Status = Literal["downloaded", "not_modified", "too_large", "failed", "blocked"]


@dataclass(frozen=True)
class DownloadLimits:
    """What a batch of downloads may take: the job's size cap (bytes) and its deadline.

    Built once per job from its typed params (``pipeline.common.download_for_job``); the
    fetcher's own knobs (concurrency, timeouts, redirects, politeness) stay in ``CrawlSettings``.
    """

    max_file_size_bytes: int
    # A ``time.monotonic()`` instant after which no download starts and running ones stop.
    deadline: float | None = None

    def __post_init__(self) -> None:
        if self.max_file_size_bytes <= 0:
            raise ValueError(f"max_file_size_bytes must be > 0, got {self.max_file_size_bytes}")


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
    issue: JobIssue | None
    etag: str | None = None
    last_modified: str | None = None
    # Not part of the row: every URL that led here (request, redirect hops, final), for aliases.
    trail: list[str] = field(default_factory=list, repr=False)

    def as_record(self) -> dict[str, Any]:
        """A failed outcome as JSON (a candidate's ``extra['prefetch_failed']``); ``from_record`` reads it."""
        record = {k: v for k, v in vars(self).items() if k not in ("issue", "raw_path")}
        return record | {"issue": vars(self.issue) if self.issue is not None else None}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> DownloadOutcome:
        issue = record.get("issue")
        fields = {k: v for k, v in record.items() if k != "issue"}
        return cls(**fields, raw_path=None, issue=JobIssue(**issue) if issue else None)


def status_of(error: DocHarvestError) -> Status:
    """A failed download's status, from its error's class."""
    if isinstance(error, DocumentTooLargeError):
        return "too_large"
    if isinstance(error, BlockedUrlError):  # private network, robots.txt
        return "blocked"
    return "failed"


def too_large_error(url: str, max_file_size_bytes: int, size: int | None) -> DocumentTooLargeError:
    shown = f"{size / 1_048_576:.1f} MB " if size else ""
    return DocumentTooLargeError(
        f"file {shown}exceeds max_file_size_mb={max_file_size_bytes / 1_048_576:g}; not downloaded",
        url,
        size_bytes=size,
    )


class Downloader:
    """Downloads candidates into a raw store through a job's fetcher (a batch's, or the crawl's
    prefetch, :mod:`docharvest.prefetch`)."""

    def __init__(
        self,
        fetcher: Fetcher,
        settings: CrawlSettings,
        store: RawStore,
        spool_dir: Path,
        limits: DownloadLimits,
        conditional: Mapping[str, Mapping[str, str]] | None = None,
        *,
        robots: RobotsCache | None = None,
        share_redirects: bool = True,
    ) -> None:
        self.fetcher = fetcher
        # Per candidate URL: validators of the copy we already have (incremental re-crawls).
        self.conditional = conditional or {}
        self.settings = settings
        self.store = store
        self.spool_dir = spool_dir
        self.max_file_size_bytes = limits.max_file_size_bytes
        self.deadline = limits.deadline
        self.robots = robots or RobotsCache(fetcher, settings.user_agent, settings.obey_robots)
        # A candidate redirecting to a target another download fetched shares its bytes (one
        # batch); the crawl's prefetch fetches each on its own, as separate batches would.
        self.share_redirects = share_redirects
        self.allowed = set(settings.document_types)
        # In-batch claims: a URL requested by one download is not requested again by another.
        self.claims: dict[str, asyncio.Future[DownloadOutcome]] = {}
        self.gate = asyncio.Semaphore(settings.concurrency)

    def outcome(self, url: str, status: str, issue: JobIssue | None, **kw: Any) -> DownloadOutcome:
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

    def failed(self, url: str, error: DocHarvestError, **kw: Any) -> DownloadOutcome:
        """The outcome of a download that ``error`` ended: status and issue follow its class."""
        if isinstance(error, DocumentTooLargeError) and error.size_bytes is not None:
            kw.setdefault("size_bytes", error.size_bytes)
        where = getattr(error, "url", None) or url  # a redirect hop's URL when the hop failed
        return self.outcome(url, status_of(error), JobIssue.of(SCRAPER, error, where), **kw)

    async def one(self, candidate: Candidate) -> DownloadOutcome:
        url = candidate.url
        request = request_url(url)  # what the site gave, WHATWG-normalised
        if request is None:
            return self.failed(url, InvalidUrlError("not a fetchable http(s) URL", url))
        too_large = candidate.extra.get("too_large")
        if isinstance(too_large, dict) and self.max_file_size_bytes <= int(too_large.get("over_bytes") or 0):
            return self.known_too_large(url, too_large)
        prefetched = candidate.extra.get("prefetched")
        if isinstance(prefetched, dict) and Path(str(prefetched.get("path", ""))).is_file():
            return self.from_prefetched(url, prefetched)
        failed = candidate.extra.get("prefetch_failed")
        if isinstance(failed, dict) and isinstance(failed.get("issue"), dict):
            return DownloadOutcome.from_record(failed)
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
        known: dict[str, Any] = {}  # what the response told before the download failed
        sinks: list[FileSink] = []
        try:
            return await self._fetch(url, request, robots_checked, headers, known, sinks)
        except DocHarvestError as error:
            for sink in sinks:
                sink.discard()
            return self.failed(url, error, **known)

    def _too_late(self, url: str, when: str) -> None:
        if self.deadline is not None and time.monotonic() >= self.deadline:
            raise FetchTimeoutError(f"the job timeout ran out {when} this download", url)

    async def _fetch(self, url: str, request: str, robots_checked: bool, headers: Mapping[str, str] | None,
                     known: dict[str, Any], sinks: list[FileSink]) -> DownloadOutcome:  # fmt: skip
        """Download ``url``; raises a DocHarvest error for whatever ends it (``known`` says how far it got)."""
        self._too_late(url, "before")
        waiting_on: list[asyncio.Future[DownloadOutcome]] = []

        async def check_hop(target: str, hop: int) -> Literal["seen"] | None:
            if hop > 0 and self.share_redirects:
                other = self.claims.get(dedup_key(target))
                # Share only a finished download: waiting on one in flight could deadlock
                # (two candidates redirecting to each other); a rare duplicate request is cheaper.
                if other is not None and other.done() and not other.exception():
                    waiting_on.append(other)
                    return "seen"
                self.claims.setdefault(dedup_key(target), self.claims[dedup_key(request)])
            if hop > 0 or not robots_checked:
                refused = await self.robots.check(target)
                if refused is not None:
                    raise refused
            return None

        def choose(head: ResponseHead) -> Decision:
            if head.status == 304:
                return None  # not modified: there is no body to read
            if head.content_length is not None and head.content_length > self.max_file_size_bytes:
                raise too_large_error(url, self.max_file_size_bytes, head.content_length)
            sink = FileSink(self.spool_dir, self.max_file_size_bytes)
            sinks.append(sink)
            return sink

        async with self.gate:
            self._too_late(url, "before")
            remaining = None if self.deadline is None else self.deadline - time.monotonic()
            try:
                result = await asyncio.wait_for(
                    self.fetcher.fetch(request, agent=SCRAPER, choose=choose, check_hop=check_hop,
                                       deadline=self.deadline, headers=headers),
                    timeout=remaining,
                )  # fmt: skip
            except TimeoutError:
                raise FetchTimeoutError("the job timeout ran out during this download", url) from None
        trail = [request, *result.chain[1:], result.final_url] if result.chain else [request]
        if result.seen_target and waiting_on:
            return self.share(url, waiting_on[0].result(), result.chain)
        head = result.head
        known.update(final_url=result.final_url, trail=trail)
        if head is not None:
            known.update(
                content_type=head.mime,
                filename=head.filename or url_filename(result.final_url),
                etag=head.headers.get("ETag"),
                last_modified=head.headers.get("Last-Modified"),
            )
        if result.error is not None:
            if isinstance(result.error, DocumentTooLargeError) and head is not None:
                known["size_bytes"] = head.content_length
            raise result.error
        if head is not None and head.status == 304:
            logger.debug("304 Not Modified: %s", url)
            return self.outcome(url, "not_modified", None, **known)
        if result.overflowed:
            raise too_large_error(url, self.max_file_size_bytes, None)
        file_sink = sinks[-1] if sinks else None
        if file_sink is None or head is None:
            raise NoBodyError("the server sent no document", url)
        doc_type = sniff_document_type(
            file_sink.head, head.headers.get("Content-Type"), known.get("filename")
        )
        if doc_type not in self.allowed:
            raise NotADocumentError(
                f"expected a document, got {doc_type or head.mime or 'unknown bytes'}", url
            )
        stored = self.store.put(file_sink)
        return self.outcome(
            url,
            "downloaded",
            None,
            sha256=stored.sha256,
            raw_path=stored.path,
            size_bytes=stored.size_bytes,
            document_type=doc_type,
            **known,
        )

    @staticmethod
    def crawled(url: str, info: Mapping[str, Any]) -> dict[str, Any]:
        """What the crawler's fetch of ``url`` told (final URL, hops, headers), as outcome fields."""
        final = str(info.get("final_url") or url)
        return {
            "final_url": final,
            "trail": list(info.get("trail") or [url, *info.get("chain", [])[1:], final]),
            "content_type": (str(info.get("content_type") or "").split(";")[0].strip().lower() or None),
            "filename": info.get("filename") or url_filename(final),
            "etag": info.get("etag"),
            "last_modified": info.get("last_modified"),
        }

    def known_too_large(self, url: str, info: Mapping[str, Any]) -> DownloadOutcome:
        """A document the crawler already found over this cap: refused without a second request."""
        size = info.get("size_bytes")
        known = self.crawled(url, info) | {"size_bytes": size}
        return self.failed(url, too_large_error(url, self.max_file_size_bytes, size), **known)

    def from_prefetched(self, url: str, info: dict[str, Any]) -> DownloadOutcome:
        """Adopt a document the crawler already fetched (no second request)."""
        src = Path(str(info["path"]))
        size = src.stat().st_size
        known = self.crawled(url, info)
        try:
            if size > self.max_file_size_bytes:
                raise too_large_error(url, self.max_file_size_bytes, size)
            with open(src, "rb") as fh:
                head = fh.read(HEAD_BYTES)
            doc_type = sniff_document_type(head, known["content_type"], known["filename"])
            if doc_type not in self.allowed:
                raise NotADocumentError(f"expected a document, got {doc_type}", url)
        except DocHarvestError as error:
            return self.failed(url, error, **known)
        stored = self.store.adopt(src, str(info.get("sha256") or ""))
        return self.outcome(
            url,
            "downloaded",
            None,
            sha256=stored.sha256,
            raw_path=stored.path,
            size_bytes=size,
            document_type=doc_type,
            **known,
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
    limits: DownloadLimits,
    raw_dir: Path,
    dns_overrides: Mapping[str, str] | None = None,
    conditional: Mapping[str, Mapping[str, str]] | None = None,
) -> list[DownloadOutcome]:
    """Download every candidate; one outcome per candidate, same order. Never raises for a bad document.

    ``conditional`` maps a candidate URL to request headers (If-None-Match / If-Modified-Since)
    of the copy already held; a ``304`` answer is the outcome ``not_modified`` (nothing stored).
    """
    raw_dir.mkdir(parents=True, exist_ok=True)
    async with Fetcher(
        settings, allow_private_networks=allow_private_networks, dns_overrides=dns_overrides
    ) as f:
        store = LocalRawStore(raw_dir)
        downloader = Downloader(f, settings, store, raw_dir / ".tmp", limits, conditional)
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


def download_documents_sync(
    candidates: list[Candidate],
    *,
    settings: CrawlSettings,
    allow_private_networks: bool,
    limits: DownloadLimits,
    raw_dir: Path,
    dns_overrides: Mapping[str, str] | None = None,
    conditional: Mapping[str, Mapping[str, str]] | None = None,
) -> list[DownloadOutcome]:
    """:func:`download_documents` for synchronous callers (Airflow task bodies)."""
    return asyncio.run(
        download_documents(
            candidates,
            settings=settings,
            allow_private_networks=allow_private_networks,
            limits=limits,
            raw_dir=raw_dir,
            dns_overrides=dns_overrides,
            conditional=conditional,
        )
    )
