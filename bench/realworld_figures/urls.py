"""urls/: the WHATWG URL tests (web-platform-tests) through the crawler's link resolution.

Each test goes through what the crawler does with a link: ``resolve_link(base, input)`` (or
``request_url(input)`` without a base), then ``canonicalize`` of the result. Counted:

- crashes (an exception) and hangs (over 2 s) on all tests;
- valid tests whose result is a fetchable URL (http/https, no credentials): accepted, and
  hostname/port/pathname/search of the request URL equal to WHATWG's;
- the canonical form (dedup identity): host/port/path equal to WHATWG's up to the documented
  choices (docs/urls.md: trailing host dot, RFC 3986 escape normalisation), query parameters
  equal as a set, and idempotence (canonicalising it again gives it back);
- must-fail tests rejected; valid tests outside the crawler's scope (other schemes,
  credentials) rejected; same-page ``#...`` links are ignored on purpose and counted apart.

Reference: urllib.parse (urljoin + urlsplit), the standard library's RFC 3986 parser.
"""

from __future__ import annotations

import json
import re
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from docharvest.crawl.urls import canonicalize, request_url, resolve_link

from bench.realworld_figures import Figure

CORPUS = "urls"
HANG_SECONDS = 2.0

Resolver = Callable[[str | None, str], str | None]
_PCT = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


class _Hang(Exception):
    pass


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    if not hasattr(signal, "setitimer"):
        yield
        return

    def alarm(signum: int, frame: object) -> None:
        raise _Hang

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _docharvest(base: str | None, href: str) -> str | None:
    return request_url(href) if base is None else resolve_link(base, href)


def _urllib(base: str | None, href: str) -> str | None:
    url = href if base is None else urljoin(base, href)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password:
        return None
    return url


def _parts(url: str) -> tuple[str, str, str, str]:
    """hostname, port, pathname, search as WHATWG names them, read with urllib from a result."""
    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    if host.startswith("["):
        hostname, _, port = host[1:].partition("]")
        hostname, port = f"[{hostname}]", port[1:]
    else:
        hostname, _, port = host.partition(":")
    default = {"http": "80", "https": "443"}.get(parts.scheme)
    port = "" if port == default else port
    return hostname.lower(), port, parts.path or "/", f"?{parts.query}" if parts.query else ""


def _pct(text: str) -> str:
    def fix(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else "%" + match.group(1).upper()

    return _PCT.sub(fix, text)


def _fetchable(test: dict[str, Any]) -> bool:
    return test["protocol"] in ("http:", "https:") and not test["username"] and not test["password"]


def _score(tests: list[dict[str, Any]], resolve: Resolver, canonical: bool) -> dict[str, int]:
    n: dict[str, int] = dict.fromkeys(
        ("run", "crash", "hang", "valid", "accepted", "agree", "same_page", "canon_agree", "canon_query",
         "idempotent", "must_fail", "rejected", "out_of_scope", "out_rejected"), 0
    )  # fmt: skip
    for test in tests:
        n["run"] += 1
        base, href = test.get("base"), test["input"]
        try:
            with _time_limit(HANG_SECONDS):
                started = time.perf_counter()
                got = resolve(base, href)
                canon = canonicalize(got) if canonical and got is not None else None
                again = canonicalize(canon) if canon is not None else None
                if time.perf_counter() - started > HANG_SECONDS:
                    raise _Hang
        except _Hang:
            n["hang"] += 1
            continue
        except Exception:
            n["crash"] += 1
            continue
        if test.get("failure"):
            n["must_fail"] += 1
            n["rejected"] += got is None
        elif not _fetchable(test):
            n["out_of_scope"] += 1
            n["out_rejected"] += got is None
        elif base is not None and href.strip().startswith("#"):
            n["same_page"] += 1
        else:
            n["valid"] += 1
            if got is None:
                continue
            n["accepted"] += 1
            want = (test["hostname"], test["port"], test["pathname"], test["search"])
            n["agree"] += _parts(got) == want
            if canon is not None:
                host, port, path, query = _parts(canon)
                hosts = (want[0], want[0].rstrip("."))  # the dot is kept where dropping it breaks the host
                n["canon_agree"] += host in hosts and (port, _pct(path)) == (want[1], _pct(want[2]))
                wanted_query = sorted(p for p in _pct(want[3][1:]).split("&") if p)
                n["canon_query"] += sorted(p for p in query[1:].split("&") if p) == wanted_query
                n["idempotent"] += again == canon
    return n


def measure(corpus: Path, quick: bool) -> list[Figure]:
    data = json.loads((corpus / "urltestdata.json").read_text(encoding="utf-8"))
    tests = [t for t in data if isinstance(t, dict)]
    ours = _score(tests, _docharvest, canonical=True)
    ref = _score(tests, _urllib, canonical=False)

    def frac(n: dict[str, int], num: str, den: str) -> str:
        return f"{n[num]}/{n[den]}"

    return [
        Figure(CORPUS, "tests run: crashes / hangs", f"{ours['run']}: {ours['crash']} / {ours['hang']}",
               f"{ref['run']}: {ref['crash']} / {ref['hang']}", "urllib.parse as reference"),
        Figure(CORPUS, "valid http(s) URLs accepted", frac(ours, "accepted", "valid"), frac(ref, "accepted", "valid")),
        Figure(CORPUS, "request URL: host/port/path/query = WHATWG", frac(ours, "agree", "accepted"),
               frac(ref, "agree", "accepted")),
        Figure(CORPUS, "canonical form: host/port/path = WHATWG", frac(ours, "canon_agree", "accepted"), "",
               "up to documented choices (docs/urls.md)"),
        Figure(CORPUS, "canonical form: query = WHATWG's, as a set", frac(ours, "canon_query", "accepted")),
        Figure(CORPUS, "canonical form idempotent", frac(ours, "idempotent", "accepted")),
        Figure(CORPUS, "must-fail inputs rejected", frac(ours, "rejected", "must_fail"), frac(ref, "rejected", "must_fail"),
               "reference: tests where urllib raised are left out"),
        Figure(CORPUS, "out of scope rejected (other schemes, credentials)", frac(ours, "out_rejected", "out_of_scope"),
               frac(ref, "out_rejected", "out_of_scope"), "deliberate"),
        Figure(CORPUS, "same-page #fragment links ignored", str(ours["same_page"]), "", "deliberate"),
    ]  # fmt: skip
