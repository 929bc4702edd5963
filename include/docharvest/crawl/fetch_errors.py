"""The one boundary where foreign exceptions of a fetch become DocHarvest errors.

aiohttp, asyncio and the OS raise their own classes; the fetcher hands every exception of a
request to :func:`map_exception`, and from there on only the DocHarvest tree is seen: its
class decides whether the request is retried (``TransientError``) and what the job records.
An exception that is none of the known foreign kinds is a bug, not a network condition: it
is not mapped (``None``) and the fetcher re-raises it.
"""

from __future__ import annotations

import asyncio

import aiohttp

from docharvest.config import CrawlSettings
from docharvest.crawl.netguard import find_blocked
from docharvest.errors import (
    DnsError,
    FetchError,
    FetchTimeoutError,
    FetchTransientError,
    InvalidUrlError,
    TlsError,
)


def map_exception(exc: BaseException, url: str, settings: CrawlSettings) -> FetchError | None:
    """The DocHarvest error for ``exc`` raised while fetching ``url``; None when it is not ours to map."""
    blocked = find_blocked(exc)
    if blocked is not None:
        return blocked.at(url)
    s = settings
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return FetchTimeoutError(
            f"connect timed out (connect_timeout_seconds={s.connect_timeout_seconds:g})", url
        )
    if isinstance(exc, aiohttp.SocketTimeoutError):
        return FetchTimeoutError(f"read timed out (read_timeout_seconds={s.read_timeout_seconds:g})", url)
    if isinstance(exc, asyncio.TimeoutError | TimeoutError):
        return FetchTimeoutError("request timed out (page total = connect + read timeout)", url)
    if isinstance(exc, aiohttp.ClientSSLError):
        return TlsError(f"TLS handshake failed: {exc}", url)
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return DnsError(f"cannot resolve host: {exc}", url)
    if isinstance(exc, aiohttp.ClientConnectorError):
        return FetchTransientError(f"cannot connect: {exc}", url, error_type="connection_error")
    if isinstance(exc, aiohttp.InvalidURL | ValueError):
        return InvalidUrlError(f"invalid URL: {exc}", url)
    if isinstance(exc, aiohttp.ClientError | OSError):
        return FetchTransientError(f"connection failed: {type(exc).__name__}: {exc}", url)
    return None
