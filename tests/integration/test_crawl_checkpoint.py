"""Crawl checkpoints: a crawl cut off mid-way continues from its checkpoint (issue 17)."""

from __future__ import annotations

import time
from pathlib import Path

from docharvest.config import Settings
from docharvest.crawl import crawl_site_sync
from docharvest.crawl.checkpoint import load

from tests.support.siteserver import SiteServer, html

PAGES = 30


def _site(site: SiteServer, delay: float) -> None:
    # A chain of pages (each links the next) with a document on each: a crawl that is cut off
    # has a frontier and candidates to carry over.
    for i in range(PAGES):
        nxt = f"<a href='/p{i + 1}'>next</a>" if i + 1 < PAGES else ""
        route = html(f"<title>Page {i}</title>{nxt}<a href='/docs/minutes-{i}.pdf'>Minutes {i}</a>")
        route.delay = delay
        site.add("/" if i == 0 else f"/p{i}", route)


def test_a_crawl_cut_off_continues_from_its_checkpoint(
    site: SiteServer, settings: Settings, tmp_path: Path
) -> None:
    _site(site, delay=0.1)
    crawl = settings.crawl.model_copy(update={"use_sitemaps": False, "concurrency": 1, "max_depth": 100})
    full = crawl_site_sync(site.url("/"), settings=crawl, allow_private_networks=True)
    assert full.pages_crawled == PAGES
    site.log.clear()

    path = tmp_path / "crawl.json"
    first = crawl_site_sync(
        site.url("/"),
        settings=crawl,
        allow_private_networks=True,
        checkpoint_path=path,
        deadline=time.monotonic() + 1.2,
    )
    assert 0 < first.pages_crawled < PAGES
    state = load(path)
    assert state is not None and not state["done"] and state["frontier"]
    fetched_first = {p for m, p in site.requests if m == "GET"}
    site.log.clear()

    second = crawl_site_sync(site.url("/"), settings=crawl, allow_private_networks=True, checkpoint_path=path)
    assert second.pages_crawled == PAGES
    assert [c.url for c in second.candidates] == [c.url for c in full.candidates]
    refetched = {p for m, p in site.requests if m == "GET" and p != "/robots.txt"} & fetched_first
    # At most the page that was being fetched when the first crawl was cut off is fetched again.
    assert len(refetched - {"/robots.txt"}) <= 1, refetched
    assert load(path)["done"] is True

    site.log.clear()
    third = crawl_site_sync(site.url("/"), settings=crawl, allow_private_networks=True, checkpoint_path=path)
    assert [c.url for c in third.candidates] == [c.url for c in full.candidates]
    assert [p for m, p in site.requests if m == "GET" and p != "/robots.txt"] == []
