"""HTTP fetching shared by the crawler and the downloader.

One aiohttp session per job (aiohttp measured ~4x cheaper per response than httpx here,
see bench/crawl.py), with:

- the :class:`~docharvest.crawl.netguard.GuardedResolver` (private-network rule, DNS pinning);
- redirects followed by hand, so every hop is checked (scheme, IP literal, robots, loops);
- per-host politeness (:mod:`~docharvest.crawl.politeness`);
- retries with exponential back-off for what the error's class says is transient
  (``TransientError``: timeouts, resets, 408/425/429/5xx), never for the rest;
- bodies streamed into a :class:`~docharvest.crawl.sinks.Sink` with a byte cap applied *after*
  decompression (:mod:`~docharvest.crawl.sinks`).

Inside a request every failure is raised as a DocHarvest error (foreign ones mapped once, by
:func:`~docharvest.crawl.fetch_errors.map_exception`); :meth:`Fetcher.fetch` catches them,
retries the transient ones and hands the last one back on the result.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import zlib
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

import aiohttp
from yarl import URL

from docharvest.config import CrawlSettings
from docharvest.crawl.fetch_errors import map_exception
from docharvest.crawl.headers import ResponseHead, parse_retry_after
from docharvest.crawl.netguard import GuardedResolver, check_literal_host
from docharvest.crawl.politeness import Politeness
from docharvest.crawl.sinks import Decoder, Overflow, Sink, StopReading
from docharvest.crawl.urls import resolve_link
from docharvest.errors import (
    DecodingError,
    DocHarvestError,
    FetchError,
    HttpStatusError,
    JobIssue,
    RedirectError,
    TransientError,
)

logger = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_BACKOFF_STATUSES = frozenset({429, 503})

# What to do with a 2xx body: read it into a sink or skip it (None). To refuse the body, a
# chooser raises a DocHarvest error (e.g. DocumentTooLargeError); the fetch ends with it.
Decision = Sink | None
Chooser = Callable[[ResponseHead], Decision]
# Checked before each hop (the first request and every redirect target). None = go on;
# "seen" = the target was already fetched in this job, stop quietly; to refuse the hop it
# raises (e.g. RobotsDisallowedError).
HopCheck = Callable[[str, int], Awaitable[Literal["seen"] | None]]


@dataclass
class FetchResult:
    url: str
    final_url: str
    agent: str = ""
    chain: list[str] = field(default_factory=list)
    status: int = 0
    head: ResponseHead | None = None
    sink: Sink | None = None
    error: DocHarvestError | None = None  # why the fetch failed (the last attempt's)
    overflowed: bool = False
    stopped_early: bool = False
    seen_target: bool = False
    attempts: int = 0

    @property
    def issue(self) -> JobIssue | None:
        """What the job records for a failed fetch."""
        return None if self.error is None else JobIssue.of(self.agent, self.error)

    @property
    def ok(self) -> bool:
        return self.error is None and self.head is not None and not self.seen_target


class Fetcher:
    """A job's HTTP client. Use as ``async with Fetcher(...) as fetcher``."""

    def __init__(
        self,
        settings: CrawlSettings,
        *,
        allow_private_networks: bool,
        dns_overrides: Mapping[str, str] | None = None,
    ) -> None:
        self.settings = settings
        self.allow_private = allow_private_networks
        self._dns_overrides = dns_overrides
        self._exempt = frozenset(h.strip("[]").lower() for h in settings.allowed_private_hosts)
        self.politeness = Politeness(settings)
        # Requests in flight, taken in turn: aiohttp's pool hands a freed connection to whoever
        # asks next, so a crawl's page workers could starve the documents it fetches meanwhile.
        self._slots = asyncio.Semaphore(settings.concurrency)
        self._session: aiohttp.ClientSession | None = None
        self.requests_sent = 0
        self.bytes_received = 0

    async def __aenter__(self) -> Fetcher:
        s = self.settings
        resolver = GuardedResolver(self.allow_private, overrides=self._dns_overrides, exempt=self._exempt)
        # use_dns_cache=False: every connect asks our resolver, which pins answers itself.
        connector = aiohttp.TCPConnector(
            resolver=resolver,
            limit=s.concurrency,
            limit_per_host=0,
            use_dns_cache=False,
            enable_cleanup_closed=True,
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            auto_decompress=False,
            trust_env=False,
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            headers={
                "User-Agent": s.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8",
                "Accept-Encoding": "gzip, deflate",
            },
            timeout=aiohttp.ClientTimeout(
                total=None, sock_connect=s.connect_timeout_seconds, sock_read=s.read_timeout_seconds
            ),
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def set_crawl_delay(self, host: str, seconds: float) -> None:
        """Honour a robots.txt ``Crawl-delay`` (never below the configured minimum)."""
        self.politeness.set_crawl_delay(host, seconds)

    # -- fetching -------------------------------------------------------------
    async def fetch(
        self,
        url: str,
        *,
        agent: str,
        choose: Chooser,
        check_hop: HopCheck | None = None,
        total_timeout: float | None = None,
        deadline: float | None = None,
        method: str = "GET",
        headers: Mapping[str, str] | None = None,
    ) -> FetchResult:
        """Fetch ``url`` following redirects, retrying transient failures; never raises for HTTP trouble.

        ``headers`` are sent with every hop (e.g. If-None-Match for a conditional download);
        a ``304 Not Modified`` then reaches ``choose`` like any final response.
        """
        s = self.settings
        attempt = 0
        while True:
            result = FetchResult(url=url, final_url=url, agent=agent, attempts=attempt + 1)
            try:
                await self._attempt(result, choose, check_hop, total_timeout, method, headers)
                return result
            except DocHarvestError as exc:
                error = exc.at(result.final_url) if isinstance(exc, FetchError) and exc.url is None else exc
            result.error = error
            if not isinstance(error, TransientError):
                return result  # terminal by its class: another try will not help
            if attempt >= s.max_retries:
                if attempt and isinstance(error, FetchError):
                    result.error = error.with_message(
                        f"{error.message} (gave up after {attempt + 1} attempts, max_retries={s.max_retries})"
                    )
                return result
            wait = s.retry_backoff_seconds * (2**attempt)
            retry_after: float | None = getattr(error, "retry_after", None)
            if retry_after is not None:
                if retry_after > s.max_retry_after_seconds and isinstance(error, FetchError):
                    result.error = error.with_message(
                        f"{error.message}; Retry-After {retry_after:g} s exceeds "
                        f"max_retry_after_seconds={s.max_retry_after_seconds:g}"
                    )
                    return result
                wait = max(wait, retry_after)
            if deadline is not None and time.monotonic() + wait >= deadline:
                return result
            attempt += 1
            logger.debug("retrying %s in %.2fs (attempt %d)", url, wait, attempt + 1)
            await asyncio.sleep(wait)

    async def _attempt(
        self,
        result: FetchResult,
        choose: Chooser,
        check_hop: HopCheck | None,
        total_timeout: float | None,
        method: str,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """One try at ``result.url`` and its redirects; fills ``result`` or raises a DocHarvest error."""
        assert self._session is not None, "use Fetcher as an async context manager"
        url = result.url
        current = url
        visited = {url}
        timeout = aiohttp.ClientTimeout(
            total=total_timeout,
            sock_connect=self.settings.connect_timeout_seconds,
            sock_read=self.settings.read_timeout_seconds,
        )
        for hop in range(self.settings.max_redirects + 1):
            result.final_url = current
            if check_hop is not None and await check_hop(current, hop) == "seen":
                result.seen_target = True
                return
            host = urlsplit(current).hostname or ""
            check_literal_host(host, self.allow_private, self._exempt)
            state = self.politeness.host(host)
            next_url: str | None = None
            slot = False
            if state.sem is not None:
                await state.sem.acquire()
            try:
                await self.politeness.wait_turn(state)
                await self._slots.acquire()
                slot = True
                self.requests_sent += 1
                # encoded=True: send the WHATWG-normalised URL as is (yarl would re-quote it,
                # e.g. "%7e" -> "~", "%zz" -> "%25zz": not the URL the site gave).
                wire_url = URL(current, encoded=True)
                async with self._session.request(
                    method, wire_url, allow_redirects=False, timeout=timeout, headers=headers
                ) as resp:
                    result.status = resp.status
                    if resp.status in REDIRECT_STATUSES and resp.headers.get("Location"):
                        next_url = self._redirect_target(result, current, resp.headers["Location"], visited)
                        await _drain_small(resp)
                    else:
                        await self._finish(resp, result, current, choose, host)
                        return
            except (asyncio.CancelledError, DocHarvestError):
                raise
            except Exception as exc:  # foreign: mapped once, at the boundary
                error = map_exception(exc, current, self.settings)
                if error is None:
                    raise
                if result.sink is not None:
                    result.sink.reset()
                raise error from exc
            finally:
                if slot:
                    self._slots.release()
                if state.sem is not None:
                    state.sem.release()
            current = next_url
        result.final_url = current
        raise RedirectError(
            f"more than max_redirects={self.settings.max_redirects} redirects: {' -> '.join(result.chain[:4])} ...",
            url,
            error_type="too_many_redirects",
        )

    @staticmethod
    def _redirect_target(result: FetchResult, current: str, location: str, visited: set[str]) -> str:
        target = resolve_link(current, location)
        if target is None:
            raise RedirectError(f"redirect to an unusable URL: {location!r}", current)
        result.chain.append(current)
        if target in visited:
            raise RedirectError(
                f"redirect loop: {' -> '.join([*result.chain, target])}",
                result.url,
                error_type="redirect_loop",
            )
        visited.add(target)
        return target

    async def _finish(
        self, resp: aiohttp.ClientResponse, result: FetchResult, current: str, choose: Chooser, host: str
    ) -> None:
        status = resp.status
        if status >= 400 or status < 200:
            retry_after = None
            if status in _BACKOFF_STATUSES:
                retry_after = parse_retry_after(resp.headers.get("Retry-After"))
                self.politeness.penalise(host, retry_after)
            await _drain_small(resp)
            raise HttpStatusError.for_status(status, resp.reason or "", current, retry_after)
        self.politeness.relieve(host)
        head = ResponseHead.parse(result.url, current, result.chain, status, resp.headers)
        result.head = head
        sink = choose(head)
        if sink is None:
            return
        result.sink = sink
        encoding = resp.headers.get("Content-Encoding", "").strip().lower()
        if encoding in ("", "identity"):
            decoder = None
        elif encoding in ("gzip", "x-gzip", "deflate"):
            decoder = Decoder("deflate" if encoding == "deflate" else "gzip")
        else:
            raise DecodingError(f"Content-Encoding {encoding!r}", current, error_type="unsupported_encoding")
        written = 0
        try:
            async for chunk in resp.content.iter_any():
                self.bytes_received += len(chunk)
                room = sink.max_bytes - written
                data = decoder.feed(chunk, room) if decoder is not None else chunk
                if len(data) > room:
                    raise Overflow
                written += len(data)
                if data:
                    sink.write(data)
        except Overflow:
            result.overflowed = True
        except StopReading:
            result.stopped_early = True
        except zlib.error as exc:
            sink.discard()
            raise DecodingError(f"corrupt {encoding} body: {exc}", current) from exc
        except BaseException:
            sink.reset()
            raise


async def _drain_small(resp: aiohttp.ClientResponse, limit: int = 65536) -> None:
    """Read a short error/redirect body so the connection can be reused; leave long ones."""
    length = resp.headers.get("Content-Length")
    if length is not None and length.isdigit() and int(length) <= limit:
        with contextlib.suppress(aiohttp.ClientError, asyncio.TimeoutError):
            await resp.read()
