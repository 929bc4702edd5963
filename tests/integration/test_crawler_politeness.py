"""Politeness and traps: robots.txt, User-Agent, Crawl-delay, per-host limits, 429/5xx, timeouts, caps."""

from __future__ import annotations

import gzip
import time
from collections import Counter
from datetime import date, timedelta
from typing import Any

from docharvest import PROJECT_URL, __version__
from docharvest.config import Settings
from docharvest.crawl import CrawlReport, crawl_site_sync

from tests.support.siteserver import RequestInfo, Route, SiteServer, html


def crawl(site: SiteServer, settings: Settings, **overrides: Any) -> CrawlReport:
    deadline = overrides.pop("deadline", None)
    return crawl_site_sync(
        site.url("/"),
        settings=settings.crawl.model_copy(update=overrides),
        allow_private_networks=True,
        deadline=deadline,
    )


def gets(site: SiteServer) -> Counter[str]:
    return Counter(path for method, path in site.requests if method == "GET")


def page_times(site: SiteServer, prefix: str) -> list[float]:
    return sorted(r.at for r in site.log if r.path.startswith(prefix))


def test_robots_disallowed_urls_are_never_requested(site: SiteServer, settings: Settings) -> None:
    site.add(
        "/robots.txt",
        Route(
            body="User-agent: *\nDisallow: /\n\nUser-agent: DocHarvest\nDisallow: /private/\nDisallow: /secret.pdf\n"
        ),
    )
    site.add("/", html("<a href='/private/page'>p</a> <a href='/secret.pdf'>s</a> <a href='/open'>o</a>"))
    site.add("/open", html("<a href='/private/deeper.pdf'>d</a> <a href='/ok.pdf'>ok</a>"))
    report = crawl(site, settings)
    requested = [path for _, path in site.requests]
    assert not [p for p in requested if p.startswith("/private") or p == "/secret.pdf"]  # no GET, no HEAD
    assert "/open" in requested  # our own group applies, not "User-agent: *"
    assert {c.url for c in report.candidates} == {site.url("/ok.pdf")}
    disallowed = [i for i in report.issues if i.error_type == "robots_disallowed"]
    assert {i.url for i in disallowed} == {
        site.url(p) for p in ("/private/page", "/secret.pdf", "/private/deeper.pdf")
    }
    assert all("robots.txt disallows" in i.message and not i.recoverable for i in disallowed)


def test_robots_with_byte_order_mark_crlf_and_non_ascii_rules(site: SiteServer, settings: Settings) -> None:
    # As some Windows editors save it: BOM, CRLF, a non-ASCII rule (percent-encoded before matching).
    body = "\ufeffUser-agent: *\r\nDisallow: /private/\r\nDisallow: /bücher/\r\n".encode()
    site.add("/robots.txt", Route(body=body, headers={"Content-Type": "text/plain"}))
    site.add(
        "/", html("<a href='/private/a.pdf'>p</a> <a href='/bücher/b.pdf'>b</a> <a href='/ok.pdf'>ok</a>")
    )
    report = crawl(site, settings)
    requested = site.requested_paths()
    assert not [p for p in requested if p.startswith(("/private", "/b%C3%BCcher"))], requested
    assert {c.url for c in report.candidates} == {site.url("/ok.pdf")}
    assert {i.url for i in report.issues if i.error_type == "robots_disallowed"} == {
        site.url("/private/a.pdf"),
        site.url("/b%C3%BCcher/b.pdf"),
    }


def test_robots_disallowing_the_start_page_fails_the_job(site: SiteServer, settings: Settings) -> None:
    site.add("/robots.txt", Route(body="User-agent: *\nDisallow: /\n"))
    report = crawl(site, settings)
    assert report.start_url_error is not None and "robots.txt disallows /" in report.start_url_error
    assert site.requested_paths() == ["/robots.txt"]


def test_descriptive_user_agent(site: SiteServer, settings: Settings) -> None:
    site.add("/", html("hi"))
    crawl(site, settings)
    agent = site.log[-1].headers["User-Agent"]
    assert f"DocHarvest/{__version__}" in agent and PROJECT_URL in agent


def test_crawl_delay_is_honoured(site: SiteServer, settings: Settings) -> None:
    site.add("/robots.txt", Route(body="User-agent: *\nCrawl-delay: 0.4\n"))
    site.add("/", html("".join(f"<a href='/p{i}'>{i}</a>" for i in range(4))))
    for i in range(4):
        site.add(f"/p{i}", html("leaf"))
    crawl(site, settings, use_sitemaps=False)
    times = page_times(site, "/p")
    assert len(times) == 4
    # The rate, not each gap: on a loaded machine one request may leave the event loop late.
    assert times[-1] - times[0] >= 3 * 0.4 * 0.9, times


def test_per_host_concurrency_and_min_delay(site: SiteServer, settings: Settings) -> None:
    site.add("/", html("".join(f"<a href='/p{i}'>{i}</a>" for i in range(8))))
    for i in range(8):
        site.add(f"/p{i}", Route(body="<p>slow</p>", headers={"Content-Type": "text/html"}, delay=0.2))
    crawl(site, settings, per_host_concurrency=2, use_sitemaps=False)
    assert site.peak_inflight == 2

    site.log.clear()
    site.peak_inflight = 0
    crawl(site, settings, per_host_concurrency=2, min_delay_seconds=0.15, use_sitemaps=False)
    times = page_times(site, "/p")
    assert times[-1] - times[0] >= 7 * 0.15 * 0.9, times

    site.log.clear()
    site.peak_inflight = 0
    crawl(site, settings, unsafe_unthrottled=True, use_sitemaps=False)
    assert site.peak_inflight > 2  # the benchmark switch lifts the per-host limit


def test_429_with_retry_after_is_waited_out(site: SiteServer, settings: Settings) -> None:
    calls: list[float] = []

    def busy(info: RequestInfo) -> Route:
        calls.append(info.at)
        if len(calls) == 1:
            return Route(status=429, headers={"Retry-After": "1"})
        return html("<a href='/late.pdf'>x</a>")

    site.add("/", html("<a href='/busy'>b</a>"))
    site.add("/busy", busy)
    report = crawl(site, settings)
    assert len(calls) == 2 and calls[1] - calls[0] >= 0.95
    assert site.url("/late.pdf") in {c.url for c in report.candidates}
    assert not report.issues


def test_retry_after_beyond_the_cap_is_an_error_not_a_wait(site: SiteServer, settings: Settings) -> None:
    site.add("/", html("<a href='/busy'>b</a>"))
    site.add("/busy", Route(status=503, headers={"Retry-After": "3600"}))
    started = time.monotonic()
    report = crawl(site, settings)
    assert time.monotonic() - started < 5
    [issue] = [i for i in report.issues if i.url == site.url("/busy")]
    assert issue.error_type == "http_503" and "max_retry_after_seconds=60" in issue.message
    assert gets(site)["/busy"] == 1


def test_500_is_retried_then_recorded_and_404_is_not_retried(site: SiteServer, settings: Settings) -> None:
    site.add("/", html("<a href='/broken'>b</a> <a href='/gone'>g</a>"))
    site.add("/broken", Route(status=500, body="oops"))
    report = crawl(site, settings, max_retries=2)
    assert gets(site)["/broken"] == 3
    assert gets(site)["/gone"] == 1
    issues = {i.error_type: i for i in report.issues}
    assert issues["http_500"].recoverable and issues["http_500"].agent == "navigator"
    assert "gave up after 3 attempts" in issues["http_500"].message
    assert issues["http_404"].url == site.url("/gone") and not issues["http_404"].recoverable


def test_slow_pages_within_and_beyond_the_read_timeout(site: SiteServer, settings: Settings) -> None:
    site.add("/", html("<a href='/slow'>s</a> <a href='/too-slow'>t</a>"))
    site.add("/slow", Route(body="<a href='/s.pdf'>s</a>", headers={"Content-Type": "text/html"}, delay=0.2))
    site.add("/too-slow", Route(body="late", headers={"Content-Type": "text/html"}, delay=1.0))
    report = crawl(site, settings, read_timeout_seconds=0.5, max_retries=1)
    assert site.url("/s.pdf") in {c.url for c in report.candidates}
    [timeout] = [i for i in report.issues if i.error_type == "timeout"]
    assert timeout.url == site.url("/too-slow") and timeout.recoverable
    assert "read_timeout_seconds=0.5" in timeout.message
    assert gets(site)["/too-slow"] == 2


def test_infinite_calendar_is_bounded(site: SiteServer, settings: Settings) -> None:
    def month(info: RequestInfo) -> Route:
        n = int(info.path.split("=", 1)[1]) if "=" in info.path else 0
        return html(f"<a href='/calendar?month={n + 1}'>next</a> <a href='/calendar?month={n - 1}'>prev</a>")

    site.add("/", html("<a href='/calendar?month=0'>calendar</a>"))
    site.add("/calendar", month)
    report = crawl(site, settings, max_depth=100)  # default caps: max_calendar_pages=10
    assert sum(n for p, n in gets(site).items() if p.startswith("/calendar")) == 10
    assert any("max_calendar_pages=10" in w for w in report.warnings)


def test_path_calendars_are_bounded_but_year_archives_are_not(site: SiteServer, settings: Settings) -> None:
    def day(info: RequestInfo) -> Route:
        if not info.path.startswith("/events/"):
            return Route(status=404)
        y, m, d = (int(x) for x in info.path.strip("/").split("/")[1:4])
        nxt = date(y, m, d) + timedelta(days=1)
        return html(f"<a href='/events/{nxt:%Y/%m/%d}/'>next day</a>")

    site.add("/", html("<a href='/events/2024/01/01/'>events</a> <a href='/minutes/2001/'>archive</a>"))
    site.default = day
    for year in range(2001, 2016):
        site.add(
            f"/minutes/{year}/", html(f"<a href='/minutes/{year + 1}/'>next</a> <a href='/m{year}.pdf'>m</a>")
        )
    report = crawl(site, settings, max_depth=100)
    assert sum(1 for p in gets(site) if p.startswith("/events/")) == 10
    found = {c.url.removeprefix(site.base_url) for c in report.candidates}
    assert {f"/m{y}.pdf" for y in range(2001, 2016)} <= found  # fifteen years of an archive: all read


def test_job_deadline_stops_the_crawl_with_a_warning(site: SiteServer, settings: Settings) -> None:
    def endless(info: RequestInfo) -> Route:
        n = int(info.path.rsplit("/", 1)[-1] or 0)
        body = f"<a href='/e/{n + 1}'>next</a> <a href='/doc{n}.pdf'>d</a>"
        return Route(body=body, headers={"Content-Type": "text/html"}, delay=0.1)

    site.add("/", html("<a href='/e/1'>start</a>"))
    for n in range(1, 200):
        site.add(f"/e/{n}", endless)
    started = time.monotonic()
    report = crawl(site, settings, max_depth=1000, deadline=time.monotonic() + 1.0)
    assert time.monotonic() - started < 2.0
    assert report.start_url_error is None
    assert 2 <= report.pages_crawled < 20
    assert report.candidates  # what was found is kept
    assert any("Crawl stopped at the job timeout" in w for w in report.warnings)


def test_gzip_bomb_page_is_refused(site: SiteServer, settings: Settings) -> None:
    bomb = gzip.compress(b"<html>" + b" " * (30 * 1024 * 1024))
    site.add("/", html("<a href='/bomb'>b</a> <a href='/fine'>f</a>"))
    site.add("/bomb", Route(body=bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}))
    site.add("/fine", html("<a href='/f.pdf'>f</a>"))
    report = crawl(site, settings, max_html_mb=1)
    [issue] = [i for i in report.issues if i.error_type == "page_too_large"]
    assert issue.url == site.url("/bomb") and "max_html_mb=1" in issue.message
    assert site.url("/f.pdf") in {c.url for c in report.candidates}


def test_503_without_retry_after_backs_off_adaptively(site: SiteServer, settings: Settings) -> None:
    calls: list[float] = []

    def flaky(info: RequestInfo) -> Route:
        calls.append(info.at)
        return Route(status=503) if len(calls) <= 2 else html("<p>back</p>")

    site.add("/", html("<a href='/flaky'>f</a>"))
    site.add("/flaky", flaky)
    report = crawl(site, settings, use_sitemaps=False)
    assert len(calls) == 3 and not report.issues
    # The host's penalty starts at 0.5 s and doubles: later requests wait longer each time.
    assert calls[1] - calls[0] >= 0.45
    assert calls[2] - calls[1] >= 0.95
