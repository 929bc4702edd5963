"""robots.txt per origin (RFC 9309, parsed by :mod:`robots_rules`), fetched once per job and origin.

- 2xx: rules apply to our product token (the User-Agent up to the first "/").
- 4xx: no rules ("unavailable": everything allowed), as RFC 9309 and Scrapy do.
- 5xx or unreachable after retries: the origin is treated as fully disallowed (RFC 9309 2.3.1.4),
  and the reason is reported.
``Crawl-delay`` for our token is handed to the fetcher's politeness state.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from docharvest.crawl.fetcher import Fetcher
from docharvest.crawl.headers import ResponseHead
from docharvest.crawl.report import NAVIGATOR
from docharvest.crawl.robots_rules import RobotsTxt, parse_robots
from docharvest.crawl.sinks import MemorySink
from docharvest.crawl.urls import origin_of
from docharvest.errors import (
    BlockedAddressError,
    DnsError,
    FetchError,
    InvalidUrlError,
    RobotsDisallowedError,
    RobotsUnreachableError,
    TerminalHttpStatusError,
)

logger = logging.getLogger(__name__)

ROBOTS_MAX_BYTES = 512 * 1024  # Google reads the first 500 KiB


def product_token(user_agent: str) -> str:
    """``DocHarvest/0.1 (+url)`` -> ``docharvest``: the name robots.txt groups are matched on."""
    return user_agent.split("/", 1)[0].split()[0].strip().lower() if user_agent.strip() else "*"


@dataclass
class RobotsRules:
    origin: str
    parser: RobotsTxt | None = None
    unreachable: FetchError | None = None
    sitemaps: list[str] = field(default_factory=list)
    crawl_delay: float | None = None


class RobotsCache:
    """Loads and answers robots.txt questions for every origin a job touches."""

    def __init__(self, fetcher: Fetcher, user_agent: str, obey: bool = True) -> None:
        self._fetcher = fetcher
        self._token = product_token(user_agent)
        self._obey = obey
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def rules_for(self, url: str) -> RobotsRules:
        origin = origin_of(url)
        cached = self._rules.get(origin)
        if cached is not None:
            return cached
        lock = self._locks.setdefault(origin, asyncio.Lock())
        async with lock:
            cached = self._rules.get(origin)
            if cached is None:
                cached = await self._load(origin)
                self._rules[origin] = cached
            return cached

    async def check(self, url: str) -> FetchError | None:
        """None when ``url`` may be fetched, else the error that forbids it (for the caller to raise
        or record): ``RobotsDisallowedError``, or why robots.txt itself could not be read."""
        if not self._obey:
            return None
        rules = await self.rules_for(url)
        if rules.unreachable is not None:
            return rules.unreachable.at(url)
        if rules.parser is not None and not rules.parser.allowed(url, self._token):
            path = urlsplit(url).path or "/"
            return RobotsDisallowedError(f"robots.txt disallows {path} for user-agent {self._token!r}", url)
        return None

    async def _load(self, origin: str) -> RobotsRules:
        url = origin + "/robots.txt"
        rules = RobotsRules(origin)
        sink = MemorySink(ROBOTS_MAX_BYTES)

        def choose(head: ResponseHead) -> MemorySink:
            return sink

        result = await self._fetcher.fetch(url, agent=NAVIGATOR, choose=choose)
        if result.ok:
            # The bytes as served: the parser skips a byte-order mark and encodes non-ASCII rules.
            rules.parser = parse_robots(bytes(sink.buffer))
            rules.sitemaps = list(rules.parser.sitemaps)
            rules.crawl_delay = rules.parser.crawl_delay(self._token)
            if rules.crawl_delay:
                host = urlsplit(origin).hostname or ""
                self._fetcher.set_crawl_delay(host, float(rules.crawl_delay))
            return rules
        error = result.error
        if isinstance(error, TerminalHttpStatusError) and 400 <= error.status < 500:
            return rules  # "unavailable": crawl freely
        if isinstance(error, BlockedAddressError | DnsError | InvalidUrlError):
            rules.unreachable = error
        elif error is not None:
            rules.unreachable = RobotsUnreachableError(
                f"robots.txt could not be read ({error}); per RFC 9309 the site is treated as disallowed", url
            )
        return rules
