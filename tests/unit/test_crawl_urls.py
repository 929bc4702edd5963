"""URL canonical form, dedup keys, document detection by URL, scope and trap rules."""

from __future__ import annotations

import pytest
from docharvest.crawl.urls import (
    Scope,
    canonicalize,
    dedup_key,
    document_type_from_url,
    is_skippable,
    looks_like_trap,
    resolve_link,
)

TYPES = ["pdf", "doc", "docx", "txt", "csv", "xlsx"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTP://Example.COM:80/a/../b/./c.html#frag", "http://example.com/b/c.html"),
        ("https://example.com:443", "https://example.com/"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("http://example.com/?b=2&a=1", "http://example.com/?a=1&b=2"),
        ("http://example.com/?", "http://example.com/"),
        ("http://example.com/my report.pdf", "http://example.com/my%20report.pdf"),
        ("http://example.com/%7euser/%2fx", "http://example.com/~user/%2Fx"),
        ("http://example.com/a?utm_source=x&id=3", "http://example.com/a?id=3"),
        ("http://example.com/a;jsessionid=ABC123?PHPSESSID=9&x=1", "http://example.com/a?x=1"),
        ("http://example.com/r.PDF?download=1", "http://example.com/r.PDF"),
        ("http://example.com/page?download=1", "http://example.com/page?download=1"),
        ("http://bücher.example/", "http://xn--bcher-kva.example/"),
    ],
)
def test_canonicalize(raw: str, expected: str) -> None:
    assert canonicalize(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["ftp://example.com/a", "mailto:x@example.com", "http://user:pw@example.com/", "http://:80/", "x" * 3000],
)
def test_unfetchable_urls_are_refused(raw: str) -> None:
    assert canonicalize(raw) is None


def test_trailing_slash_is_one_page() -> None:
    assert dedup_key("http://e.com/about/") == dedup_key("http://e.com/about")
    assert dedup_key("http://e.com/") == "http://e.com/"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("../up.pdf", "http://e.com/a/up.pdf"),
        ("./here.pdf", "http://e.com/a/b/here.pdf"),
        ("?page=2", "http://e.com/a/b/index.html?page=2"),
        ("//cdn.e.com/x.pdf", "http://cdn.e.com/x.pdf"),
        ("  /spaced name.pdf ", "http://e.com/spaced%20name.pdf"),
        ("#top", None),
        ("javascript:void(0)", None),
        ("mailto:a@e.com", None),
    ],
)
def test_resolve_link(href: str, expected: str | None) -> None:
    assert resolve_link("http://e.com/a/b/index.html", href) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://e.com/Minutes.PDF", "pdf"),
        ("http://e.com/a.docx?download=1", "docx"),
        ("http://e.com/get.php?file=budget.xlsx", "xlsx"),
        ("http://e.com/slides.pptx", None),  # not in the configured types
        ("http://e.com/page", None),
        ("http://e.com/image.png", None),
    ],
)
def test_document_type_from_url(url: str, expected: str | None) -> None:
    assert document_type_from_url(url, TYPES) == expected


def test_skippable_assets() -> None:
    assert is_skippable("http://e.com/logo.PNG")
    assert is_skippable("http://e.com/app.js?v=3")
    assert not is_skippable("http://e.com/page.html")


def test_scope_host_www_twin_and_subdomains() -> None:
    scope = Scope.for_start("https://www.city.gov/", False, [], [])
    assert scope.page_in_scope("https://city.gov/x")
    assert scope.page_in_scope("https://www.city.gov/x")
    assert not scope.page_in_scope("https://parks.city.gov/x")
    assert Scope.for_start("https://city.gov/", True, [], []).page_in_scope("https://parks.city.gov/x")


def test_scope_patterns() -> None:
    scope = Scope.for_start("https://e.com/", False, [r"^/(docs|$)"], [r"/docs/private"])
    assert scope.page_in_scope("https://e.com/")
    assert scope.page_in_scope("https://e.com/docs/a")
    assert not scope.page_in_scope("https://e.com/blog/a")
    assert not scope.page_in_scope("https://e.com/docs/private/a")


def test_traps() -> None:
    assert looks_like_trap("http://e.com/a/b/a/b/a/b/a/b/")
    assert looks_like_trap("http://e.com/" + "/".join(f"s{i}" for i in range(40)))
    assert not looks_like_trap("http://e.com/2024/01/02/news")
