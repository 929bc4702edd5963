"""resolve_link shares one join per site for links that name the root: same answers as a join per page."""

from __future__ import annotations

import ada_url
import pytest
from docharvest.crawl.urls import _fetchable, resolve_link

BASES = [
    "https://example.org/",
    "https://example.org/minutes/2024/index.html?page=2",
    "https://example.org:8443/a/b/c",
    "http://example.org/deep/path/",
]
HREFS = [
    "/p/1.html",
    "/p/1.html#top",
    "//other.example/x.pdf",
    "/\\other.example/y.pdf",  # a backslash is a slash in http(s): scheme-relative
    "/\t/other.example/z.pdf",  # tabs are dropped: scheme-relative too
    "/a/../b/./c.pdf",
    "/%7Efiles/Minutes%202024.pdf",
    "/?q=1",
    "https://third.example/doc.pdf",
    "http://user:pw@fourth.example/doc.pdf",  # credentials: never requested
    "relative.pdf",
    "../up.pdf",
    "?page=3",
    "#section",
]


def _joined_per_page(base: str, href: str) -> str | None:
    """What a join on the page itself gives (resolve_link before it was keyed by the site root)."""
    if href.strip().startswith("#"):
        return None
    try:
        return _fetchable(ada_url.join_url(base, href))
    except ValueError:
        return None


@pytest.mark.parametrize("base", BASES)
def test_links_resolve_as_a_join_on_their_own_page(base: str) -> None:
    for href in HREFS:
        assert resolve_link(base, href) == _joined_per_page(base, href), (base, href)


def test_a_root_path_link_resolves_against_the_pages_own_site() -> None:
    assert resolve_link("https://a.example/x/y", "/doc.pdf") == "https://a.example/doc.pdf"
    assert resolve_link("https://b.example/x/y", "/doc.pdf") == "https://b.example/doc.pdf"
    assert resolve_link("http://a.example:8080/x", "/doc.pdf") == "http://a.example:8080/doc.pdf"
