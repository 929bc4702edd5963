"""The DocHarvest exception tree, and ``JobIssue``: the recorded form of an error.

The class decides what happens, not the call site (httpx's ``_exceptions.py`` and dlt's
Terminal/Transient mixins are the models):

- a :class:`TransientError` is retried: the fetcher retries the request (with back-off,
  within ``max_retries``), Airflow retries the task;
- a :class:`TerminalError` is never retried; raised out of a step it fails the task at once
  (``AirflowFailException`` at the orchestration edge) and the job with its message;
- a per-URL or per-document error (``FetchError``, ``DocumentError``) is recorded as a
  :class:`JobIssue` (its ``error_type`` and ``recoverable`` come from the class) and the job
  goes on.

Foreign exceptions (aiohttp, OSError, timeouts) become these classes at one boundary,
``docharvest.crawl.fetch_errors.map_exception``; pypdf's at the readers'.

DocHarvestError                       .error_type, .recoverable (what a JobIssue records)
├── TransientError                    retry (request, then task)
│   └── AirflowUnavailableError       Airflow unreachable or refusing; nothing was started
├── TerminalError                     no retry
│   ├── StartUrlError                 the start URL cannot be crawled at all
│   ├── JobNotFoundError
│   ├── JobDidNotStartError
│   ├── JobCancelledError
│   └── ConfigError                   bad settings or parameters (names the field)
├── FetchError                        one URL could not be fetched; recorded, the crawl goes on
│   ├── FetchTransientError  +Transient  connection refused/reset
│   │   └── FetchTimeoutError            connect/read/job timeout
│   ├── HttpStatusError                  an HTTP error status (``http_<status>``)
│   │   ├── TransientHttpStatusError +Transient  408 425 429 5xx (not 501/505)
│   │   └── TerminalHttpStatusError  +Terminal   every other 4xx/5xx
│   └── FetchTerminalError   +Terminal   DNS, TLS, bad URL, redirects, encodings, oversize pages
│       ├── DnsError, TlsError, InvalidUrlError, RedirectError, DecodingError
│       ├── PageTooLargeError, SitemapTooLargeError
│       └── BlockedUrlError              refused by a safety rule
│           ├── BlockedAddressError (+OSError)  private/reserved network (netguard)
│           ├── RobotsDisallowedError
│           └── RobotsUnreachableError          robots.txt unreadable: treated as disallowed
└── DocumentError                     one document is bad; recorded, the job goes on
    ├── DocumentTooLargeError         over the job's max_file_size_mb
    ├── NotADocumentError             the URL served something else (HTML, an image)
    ├── NoBodyError                   the server sent no document
    └── UnreadableDocumentError
        └── DocumentLimitError        a per-document bound was hit (zip size/entries, time, memory)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Self


class DocHarvestError(Exception):
    """Base of every error DocHarvest raises on purpose.

    ``error_type`` and ``recoverable`` are what a :class:`JobIssue` (a job_errors row) records.
    """

    error_type = "error"
    recoverable = False


class TransientError(DocHarvestError):
    """A failure that may pass: retry with back-off."""

    recoverable = True


class TerminalError(DocHarvestError):
    """A failure retrying will not fix: never retried; a step raising it fails the job."""


class AirflowUnavailableError(TransientError):
    """Airflow could not be reached or refused the request; nothing was started (the API says 503)."""


class StartUrlError(TerminalError):
    """The job's start URL could not be fetched, so nothing can be crawled."""


class JobNotFoundError(TerminalError):
    """No job with this id exists (or it belongs to another organisation)."""


class JobDidNotStartError(TerminalError):
    """The DAG run ended before its first step created the job (a broken deployment)."""


class JobCancelledError(TerminalError):
    """The job was cancelled; stop work and keep what is done."""


class ConfigError(TerminalError):
    """A setting or parameter is invalid; the message names the field and the bound."""


# -- one URL ------------------------------------------------------------------------------


class FetchError(DocHarvestError):
    """One URL could not be fetched. ``error_type`` may be narrowed per instance (``http_404``)."""

    error_type = "fetch_error"

    def __init__(self, message: str, url: str | None = None, *, error_type: str | None = None) -> None:
        super().__init__(message)
        self.url = url
        if error_type is not None:
            self.error_type = error_type

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""

    def with_message(self, message: str) -> Self:
        """The same error with another message (the retry loop adds how it gave up)."""
        return self.at(self.url, message)

    def at(self, url: str | None, message: str | None = None) -> Self:
        """A fresh copy of this error for ``url`` (a cached verdict such as robots.txt's, raised again)."""
        text = message if message is not None else self.message
        new = type(self).__new__(type(self), text)
        new.args = (text,)  # OSError.__new__ leaves args empty when a subclass has its own __init__
        new.__dict__.update(self.__dict__)
        new.url = url
        return new


class FetchTransientError(FetchError, TransientError):
    """A network failure worth retrying (refused, reset); ``connection_error`` for a refused connect."""

    error_type = "connection_reset"


class FetchTimeoutError(FetchTransientError):
    error_type = "timeout"


class HttpStatusError(FetchError):
    """The server answered with an error status. :meth:`for_status` picks transient or terminal."""

    # Statuses worth another try: a timeout, "too early", rate limiting, and 5xx except those
    # that say the server will never do it (501 Not Implemented, 505 HTTP Version Not Supported).
    TRANSIENT_4XX = frozenset({408, 425, 429})
    FINAL_5XX = frozenset({501, 505})

    def __init__(self, message: str, url: str | None = None, *, status: int = 0,
                 retry_after: float | None = None) -> None:  # fmt: skip
        super().__init__(message, url, error_type=f"http_{status}")
        self.status = status
        self.retry_after = retry_after

    @staticmethod
    def for_status(status: int, reason: str, url: str, retry_after: float | None = None) -> HttpStatusError:
        transient = status in HttpStatusError.TRANSIENT_4XX or (
            status >= 500 and status not in HttpStatusError.FINAL_5XX
        )
        cls = TransientHttpStatusError if transient else TerminalHttpStatusError
        return cls(f"HTTP {status} {reason}".strip(), url, status=status, retry_after=retry_after)


class TransientHttpStatusError(HttpStatusError, TransientError):
    pass


class TerminalHttpStatusError(HttpStatusError, TerminalError):
    pass


class FetchTerminalError(FetchError, TerminalError):
    """A fetch failure another try will not fix."""


class DnsError(FetchTerminalError):
    error_type = "dns_error"


class TlsError(FetchTerminalError):
    error_type = "ssl_error"


class InvalidUrlError(FetchTerminalError):
    error_type = "invalid_url"


class RedirectError(FetchTerminalError):
    """``bad_redirect`` (unusable Location), ``redirect_loop`` or ``too_many_redirects``."""

    error_type = "bad_redirect"


class DecodingError(FetchTerminalError):
    """``bad_encoding`` (a corrupt gzip/deflate body) or ``unsupported_encoding``."""

    error_type = "bad_encoding"


class PageTooLargeError(FetchTerminalError):
    error_type = "page_too_large"


class SitemapTooLargeError(FetchTerminalError):
    error_type = "sitemap_too_large"


class BlockedUrlError(FetchTerminalError):
    """A URL is refused by a safety rule; the message names the rule."""

    error_type = "blocked"


class BlockedAddressError(BlockedUrlError, OSError):
    """A target address broke a network rule. An OSError so aiohttp wraps, not swallows, it."""

    error_type = "blocked_private_network"

    def __init__(self, message: str, url: str | None = None, *, rule: str = "") -> None:
        super().__init__(message, url)
        self.rule = rule

    @classmethod
    def refusing(cls, host: str, address: str, rule: str) -> BlockedAddressError:
        return cls(
            f"{host} resolves to {address}: {rule} addresses are refused (allow_private_networks=false)",
            rule=rule,
        )


class RobotsDisallowedError(BlockedUrlError):
    error_type = "robots_disallowed"


class RobotsUnreachableError(BlockedUrlError):
    """robots.txt could not be read (5xx, unreachable): RFC 9309 says treat the site as disallowed.

    Recorded as recoverable: a later run may read it.
    """

    error_type = "robots_unreachable"
    recoverable = True


# -- one document ----------------------------------------------------------------------------


class DocumentError(DocHarvestError):
    """One document could not be processed; the job records it and goes on."""

    error_type = "document_error"

    def __init__(self, message: str, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


class DocumentTooLargeError(DocumentError):
    error_type = "file_too_large"

    def __init__(self, message: str, url: str | None = None, *, size_bytes: int | None = None) -> None:
        super().__init__(message, url)
        self.size_bytes = size_bytes


class NotADocumentError(DocumentError):
    error_type = "not_a_document"


class NoBodyError(DocumentError):
    error_type = "no_body"
    recoverable = True


class UnreadableDocumentError(DocumentError):
    error_type = "unreadable_document"
    recoverable = True


class DocumentLimitError(UnreadableDocumentError):
    error_type = "document_limit"


# -- what a job records ----------------------------------------------------------------------


@dataclass(frozen=True)
class JobIssue:
    """One problem a stage records (a ``job_errors`` row, a seed ``JobError``): which agent, what
    kind, the message (the rule or bound), which URL, and whether the job can get past it."""

    agent: str
    error_type: str
    message: str
    url: str | None
    recoverable: bool

    @classmethod
    def of(cls, agent: str, error: DocHarvestError, url: str | None = None) -> JobIssue:
        """The issue an error records; ``url`` defaults to the error's own."""
        where = url if url is not None else getattr(error, "url", None)
        return cls(agent, error.error_type, str(error), where, error.recoverable)

    def row(self) -> dict[str, Any]:
        """The job_errors columns (``repository.record_errors``)."""
        return {
            "agent_name": str(self.agent),
            "error_type": self.error_type,
            "error_message": self.message,
            "page_url": self.url,
            "is_recoverable": self.recoverable,
        }
