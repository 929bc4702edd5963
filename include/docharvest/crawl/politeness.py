"""Per-host politeness: a connection cap, a minimum gap between requests, ``Crawl-delay``,
and an adaptive back-off on 429/503 that honours ``Retry-After``."""

from __future__ import annotations

import asyncio
import time

from docharvest.config import CrawlSettings

MAX_PENALTY_SECONDS = 30.0


class HostState:
    """Politeness state of one host: connection cap, next allowed start, back-off penalty."""

    def __init__(self, concurrency: int | None, delay: float) -> None:
        self.sem = asyncio.Semaphore(concurrency) if concurrency else None
        self.delay = delay
        self.penalty = 0.0
        self.next_at = 0.0


class Politeness:
    """The politeness state of every host a job's fetcher talks to."""

    def __init__(self, settings: CrawlSettings) -> None:
        self.settings = settings
        self._hosts: dict[str, HostState] = {}

    def host(self, host: str) -> HostState:
        state = self._hosts.get(host)
        if state is None:
            s = self.settings
            if s.unsafe_unthrottled:
                state = HostState(None, 0.0)
            else:
                state = HostState(s.per_host_concurrency, s.min_delay_seconds)
            self._hosts[host] = state
        return state

    def set_crawl_delay(self, host: str, seconds: float) -> None:
        """Honour a robots.txt ``Crawl-delay`` (never below the configured minimum)."""
        state = self.host(host)
        state.delay = max(state.delay, min(seconds, self.settings.max_retry_after_seconds))

    def penalise(self, host: str, retry_after: float | None) -> None:
        """The host said 429/503: back off (its Retry-After, else a doubling penalty)."""
        state = self.host(host)
        state.penalty = min(max(state.penalty * 2, 0.5), MAX_PENALTY_SECONDS)
        wait = retry_after if retry_after is not None else state.penalty
        state.next_at = max(state.next_at, time.monotonic() + wait)

    def relieve(self, host: str) -> None:
        """A success: halve the host's penalty (to zero once small)."""
        state = self._hosts.get(host)
        if state is not None and state.penalty:
            state.penalty = state.penalty / 2 if state.penalty > 0.1 else 0.0

    @staticmethod
    async def wait_turn(state: HostState) -> None:
        # Reserve the start time before sleeping, so requests queued together are spaced out
        # instead of all waking at the same instant.
        now = time.monotonic()
        start = max(now, state.next_at)
        gap = state.delay + state.penalty
        if gap:
            state.next_at = start + gap
        if start > now:
            await asyncio.sleep(start - now)
