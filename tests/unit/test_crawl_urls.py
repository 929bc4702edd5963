"""URL canonical form, dedup keys, document detection by URL, scope and trap rules."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from docharvest.crawl.urls import (
    Scope,
    canonicalize,
    dedup_key,
    document_type_from_url,
    is_skippable,
    looks_like_trap,
    request_url,
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


# -- the URL to request vs the identity -------------------------------------------------------
URL_TESTS = Path(__file__).resolve().parents[2].parent / "shared" / "realworld" / "urls" / "urltestdata.json"


@pytest.mark.parametrize(
    ("raw", "requested"),
    [
        ("http://faß.example/", "http://xn--fa-hia.example/"),  # UTS 46 (IDNA 2003 gave fass.example)
        ("http://E.com/a/%2e%2e/b", "http://e.com/b"),  # an escaped dot segment is a dot segment
        ("http://e.com/s?q=a%2Bb&r=a+b", "http://e.com/s?q=a%2Bb&r=a+b"),  # %2B is not "+"
        ("http://e.com/caf%E9.pdf?n=%E9", "http://e.com/caf%E9.pdf?n=%E9"),  # Latin-1 escapes kept
        ("http://e.com/p?12345", "http://e.com/p?12345"),  # no "=" appended
        ("http://e.com/p?b=2&a=1&utm_source=x#f", "http://e.com/p?b=2&a=1&utm_source=x"),  # as given
        ("http://e.com/%7euser/a b", "http://e.com/%7euser/a%20b"),  # escapes kept, space encoded
    ],
)
def test_request_url_is_the_whatwg_serialisation(raw: str, requested: str) -> None:
    assert request_url(raw) == requested
    assert resolve_link("http://e.com/", raw) == requested


@pytest.mark.parametrize(
    "raw",
    [
        "http://e.com/a/%2e%2e/b",
        "http://e.com/a/.%2E/%2e/b%2e%2e/c",
        "http://e.com/x;jsessionid=1/../y",
        "http://e.com./p?%2B&+&12345&%e9",
        "http://foo.09../",
        "HTTP://[::1]:80/%7E/?b&a",
        "http://e.com/x://[y?a=1",  # a path holding "://[" once crashed the extension lookup
    ],
)
def test_canonical_form_is_idempotent(raw: str) -> None:
    once = canonicalize(raw)
    assert once is not None and canonicalize(once) == once


def test_canonical_form_keeps_distinct_queries_distinct() -> None:
    assert canonicalize("http://e.com/s?q=a%2Bb") != canonicalize("http://e.com/s?q=a+b")
    assert canonicalize("http://e.com/s?q=%E9") == "http://e.com/s?q=%E9"
    assert canonicalize("http://e.com/s?12345") == "http://e.com/s?12345"
    assert canonicalize("http://faß.example/") == "http://xn--fa-hia.example/"


def test_variants_share_one_identity() -> None:
    forms = [
        "http://e.com/r.pdf?download=1#page=2",
        "HTTP://E.COM:80/r.pdf",
        "http://e.com./r.pdf?utm_source=mail",
        "http://e.com/%72.pdf",
    ]
    assert len({dedup_key(u) for u in forms}) == 1
    assert len({request_url(u) for u in forms}) == len(forms)  # each is requested as written


@pytest.mark.skipif(not URL_TESTS.is_file(), reason=f"WHATWG URL tests absent ({URL_TESTS})")
def test_whatwg_url_tests() -> None:
    """web-platform-tests' urltestdata (../shared/realworld/urls) through link resolution."""
    mismatches: list[str] = []
    for test in json.loads(URL_TESTS.read_text(encoding="utf-8")):
        if not isinstance(test, dict):
            continue
        base, href = test.get("base"), test["input"]
        got = request_url(href) if base is None else resolve_link(base, href)  # must not raise
        fetchable = test.get("protocol") in ("http:", "https:") and not (test["username"] or test["password"])
        if test.get("failure") or not fetchable:
            if got is not None:
                mismatches.append(f"accepted {href!r} (base {base!r}): {got}")
            continue
        if base is not None and href.strip().startswith("#"):
            assert got is None  # a same-page link: nothing to fetch
            continue
        parts = urlsplit(got or "")
        want = test["href"].split("#", 1)[0]  # serialised parts escape "#": the first starts the fragment
        if got != want:
            mismatches.append(f"{href!r} (base {base!r}): {got} != {want}")
        canonical = canonicalize(got or "")
        if canonical is None or canonicalize(canonical) != canonical:
            mismatches.append(f"canonical form of {got} not idempotent: {canonical}")
        assert parts.scheme + ":" == test["protocol"]
    assert not mismatches, mismatches
