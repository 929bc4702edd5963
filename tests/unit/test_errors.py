"""The error tree as mechanism: the class says retry or not and what is recorded; foreign
exceptions of a fetch are mapped at one boundary, and only the kinds it knows."""

from __future__ import annotations

import pickle

import aiohttp
import pytest
from aiohttp.client_reqrep import ConnectionKey
from docharvest.config import CrawlSettings
from docharvest.crawl.fetch_errors import map_exception
from docharvest.errors import (
    BlockedAddressError,
    BlockedUrlError,
    DocumentTooLargeError,
    FetchTimeoutError,
    FetchTransientError,
    HttpStatusError,
    InvalidUrlError,
    JobIssue,
    RobotsDisallowedError,
    RobotsUnreachableError,
    TerminalError,
    TransientError,
    UnreadableDocumentError,
)

URL = "http://example.test/a.pdf"
SETTINGS = CrawlSettings()


def _connector_error(os_error: OSError) -> aiohttp.ClientConnectorError:
    key = ConnectionKey("example.test", 80, False, True, None, None, None)
    return aiohttp.ClientConnectorError(key, os_error)


@pytest.mark.parametrize(
    ("exc", "cls", "error_type"),
    [
        (aiohttp.ServerDisconnectedError(), FetchTransientError, "connection_reset"),
        (ConnectionResetError(104, "Connection reset by peer"), FetchTransientError, "connection_reset"),
        (_connector_error(ConnectionRefusedError(111, "refused")), FetchTransientError, "connection_error"),
        (TimeoutError(), FetchTimeoutError, "timeout"),
        (aiohttp.SocketTimeoutError(), FetchTimeoutError, "timeout"),
        (aiohttp.InvalidURL("http://[bad"), InvalidUrlError, "invalid_url"),
    ],
)
def test_foreign_fetch_exceptions_map_to_one_class_each(
    exc: BaseException, cls: type, error_type: str
) -> None:
    error = map_exception(exc, URL, SETTINGS)
    assert type(error) is cls
    assert error is not None and error.error_type == error_type and error.url == URL


def test_transient_and_terminal_are_decided_by_the_mapped_class() -> None:
    reset = map_exception(aiohttp.ServerDisconnectedError(), URL, SETTINGS)
    assert isinstance(reset, TransientError) and not isinstance(reset, TerminalError)
    bad_url = map_exception(ValueError("no host"), URL, SETTINGS)
    assert isinstance(bad_url, TerminalError) and not isinstance(bad_url, TransientError)


def test_a_blocked_address_inside_aiohttps_wrapper_is_found_and_kept_terminal() -> None:
    blocked = BlockedAddressError.refusing("intranet.test", "10.0.0.5", "private 10.0.0.0/8")
    error = map_exception(_connector_error(blocked), URL, SETTINGS)
    assert isinstance(error, BlockedAddressError) and isinstance(error, BlockedUrlError)
    assert isinstance(error, OSError)  # what aiohttp's connector needs to wrap it
    assert error.url == URL and "private 10.0.0.0/8" in str(error)
    assert not isinstance(error, TransientError)


@pytest.mark.parametrize("exc", [RuntimeError("a bug"), KeyError("x"), AssertionError()])
def test_unknown_foreign_exceptions_are_not_mapped(exc: BaseException) -> None:
    # A bug is not a network condition: the fetcher re-raises what this returns None for.
    assert map_exception(exc, URL, SETTINGS) is None


@pytest.mark.parametrize(
    ("status", "transient"),
    [(404, False), (403, False), (410, False), (408, True), (429, True), (500, True), (503, True),
     (501, False), (505, False)],
)  # fmt: skip
def test_http_status_errors_pick_their_class_from_the_status(status: int, transient: bool) -> None:
    error = HttpStatusError.for_status(status, "Reason", URL)
    assert isinstance(error, TransientError) is transient
    assert isinstance(error, TerminalError) is not transient
    issue = JobIssue.of("scraper", error)
    assert issue == JobIssue("scraper", f"http_{status}", f"HTTP {status} Reason", URL, transient)


def test_a_recorded_issue_takes_type_and_recoverable_from_the_class() -> None:
    assert JobIssue.of("scraper", DocumentTooLargeError("too big", URL)).recoverable is False
    assert JobIssue.of("extractor", UnreadableDocumentError("corrupt PDF"), URL).recoverable is True
    assert JobIssue.of("navigator", RobotsUnreachableError("5xx", URL)).recoverable is True
    issue = JobIssue.of("navigator", RobotsDisallowedError("no", URL).at("http://example.test/b"))
    assert (issue.error_type, issue.url) == ("robots_disallowed", "http://example.test/b")
    assert issue.row() == {
        "agent_name": "navigator",
        "error_type": "robots_disallowed",
        "error_message": "no",
        "page_url": "http://example.test/b",
        "is_recoverable": False,
    }


def test_errors_survive_a_process_boundary() -> None:
    # Parse workers and Celery send errors between processes.
    for error in (
        BlockedAddressError.refusing("h", "127.0.0.1", "loopback"),
        HttpStatusError.for_status(503, "Busy", URL, retry_after=2.0),
        DocumentTooLargeError("too big", URL, size_bytes=5),
    ):
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error) and str(back) == str(error)
        assert back.__dict__ == error.__dict__
