"""The crawler's robots.txt parser/matcher: RFC 9309 behaviour, Google's extensions, the public cases."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path

import pytest
from docharvest.crawl.robots_rules import (
    MAX_LINE_BYTES,
    escape_pattern,
    parse_robots,
    path_params_query,
    pattern_matches,
)

CASES = Path(__file__).resolve().parents[2].parent / "shared" / "realworld" / "robots" / "robots_cases.json"
SITE = "http://example.com"


def allowed(body: bytes | str, path: str, agent: str = "docharvest") -> bool:
    return parse_robots(body).allowed(SITE + path, agent)


def test_byte_order_mark_does_not_hide_the_first_group() -> None:
    body = b"\xef\xbb\xbfUser-agent: *\nDisallow: /private/\n"
    assert not allowed(body, "/private/x")
    assert not allowed(body.decode("utf-8"), "/private/x")  # as text, U+FEFF first
    assert allowed(body, "/public/x")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_ends(newline: str) -> None:
    body = newline.join(["User-agent: *", "Disallow: /", "Allow: /public/", ""])
    assert allowed(body, "/public/page")  # a kept CR would make "/public/\r" never match
    assert not allowed(body, "/other")


def test_unknown_lines_do_not_end_a_user_agent_run() -> None:
    body = "User-agent: other\nSitemap: /s.xml\nCrawl-delay: 3\nX-Unknown: y\nUser-agent: docharvest\nDisallow: /\n"
    assert not allowed(body, "/x")
    assert not allowed(body, "/x", agent="other")


def test_specific_group_replaces_the_global_one_even_without_rules() -> None:
    body = "User-agent: *\nDisallow: /\n\nUser-agent: docharvest\nDisallow: /private/\n"
    assert allowed(body, "/open")
    assert not allowed(body, "/private/x")
    assert not allowed(body, "/open", agent="otherbot")
    assert allowed("User-agent: *\nDisallow: /\nUser-agent: docharvest\n", "/x")


def test_groups_for_one_agent_merge_and_a_bad_bot_group_affects_no_one_else() -> None:
    body = "User-agent: DocHarvest\nDisallow: /a/\n\nUser-agent: BadBot\nDisallow: /\n\nuser-agent: docharvest\nDisallow: /b/\n"
    assert not allowed(body, "/a/1") and not allowed(body, "/b/1")
    assert allowed(body, "/c/1")
    assert allowed(body, "/c/1", agent="goodbot")


def test_user_agent_value_is_its_product_token_case_insensitive() -> None:
    body = "User-agent: DOCHARVEST/1.0 (+https://x)\nDisallow: /x/\nUser-agent: Other Bot\nDisallow: /\n"
    assert not allowed(body, "/x/1")
    assert not allowed(body, "/y", agent="Other")
    assert allowed(body, "/y", agent="Other Bot")  # the caller passes a token, not a phrase


def test_longest_match_wins_and_allow_wins_a_tie() -> None:
    body = "User-agent: *\nDisallow: /x/page.html\nAllow: /x/\nAllow: /y\nDisallow: /y\n"
    assert not allowed(body, "/x/page.html")
    assert allowed(body, "/x/other.html")
    assert allowed(body, "/y/z")


def test_wildcards() -> None:
    body = "User-agent: *\nDisallow: /*.pdf$\nDisallow: /a/*/c\nAllow: /a/ok*\n"
    assert not allowed(body, "/docs/x.pdf")
    assert allowed(body, "/docs/x.pdf?download=1")  # "$" anchors at the end of path+query
    assert not allowed(body, "/a/b/c")
    assert allowed(body, "/a/c")
    assert pattern_matches("/a$b", "/a$bc")  # "$" inside a pattern is literal
    assert not pattern_matches("$", "/")


def test_hostile_patterns_match_in_linear_time() -> None:
    pattern = "/" + "*a" * 60 + "*b$"
    path = "/" + "a" * 5000
    started = time.perf_counter()
    assert not pattern_matches(pattern, path)
    assert time.perf_counter() - started < 1.0  # a backtracking regex takes hours here


def test_rules_are_percent_encoded_urls_matched_as_given() -> None:
    assert escape_pattern("/fü/%e3%83%84".encode()) == "/f%C3%BC/%E3%83%84"
    body = "User-agent: *\nDisallow: /\nAllow: /fü/\n"
    assert allowed(body, "/f%C3%BC/x")
    assert not allowed(body, "/fü/x")  # the caller sends URLs encoded, as the crawler does
    assert allowed("User-agent: *\nDisallow: /%62az\n", "/baz")  # no decoding either way (as Google)


def test_comments_empty_disallow_and_missing_colon() -> None:
    assert allowed("User-agent: *\nDisallow:\n", "/x")
    assert allowed("User-agent: *\n# Disallow: /\nDisallow: /q#r\n", "/x")
    assert not allowed("User-agent: *\nDisallow: /q#r\n", "/q")
    assert not allowed("user-agent *\ndisallow /\n", "/x")
    assert allowed("user-agent *\ndisallow / x\n", "/x")  # three tokens without a colon: not a rule
    assert allowed("Disallow: /\nUser-agent: *\nAllow: /\n", "/x")  # rules before any group ignored


def test_google_extensions_followed() -> None:
    body = "User-agent: *\nAllow: /dir/index.html\nDisallow: /\n"
    assert allowed(body, "/dir/")
    assert not allowed(body, "/dir/other")
    long_rule = "/x/" + "a" * (MAX_LINE_BYTES + 100)
    cut = parse_robots(f"User-agent: *\nDisallow: {long_rule}\n").groups[0].rules[0].pattern
    assert len("Disallow: " + cut) == MAX_LINE_BYTES
    assert path_params_query("") == "/"
    assert path_params_query("http://e.com/a;p?q#f") == "/a;p?q"
    assert path_params_query("http://e.com?q") == "/?q"


def test_crawl_delay_and_sitemaps() -> None:
    robots = parse_robots(
        "Sitemap: https://e.com/s1.xml\nUser-agent: *\nCrawl-delay: 9\nUser-agent: docharvest\n"
        "Crawl-delay: 2.5\nDisallow: /x\nSitemap: /s2.xml\n"
    )
    assert robots.sitemaps == ["https://e.com/s1.xml", "/s2.xml"]
    assert robots.crawl_delay("docharvest") == 2.5  # the group is shared with "*" here
    assert parse_robots("User-agent: *\nCrawl-delay: soon\n").crawl_delay("x") is None


def test_garbage_never_raises() -> None:
    for body in [b"\xff\xfe\x00garbage", b"\x00" * 100, b"User-agent: \xe9\nDisallow: \xff\n", b":\n:::\n"]:
        parse_robots(body).allowed(SITE + "/x", "docharvest")


@pytest.mark.skipif(not CASES.is_file(), reason=f"public robots.txt cases absent ({CASES})")
def test_public_cases_all_pass() -> None:
    """google/robotstxt's expectations (../shared/realworld/robots): RFC 9309, extra and Google-only."""
    failures: dict[str, list[str]] = defaultdict(list)
    for case in json.loads(CASES.read_text(encoding="utf-8")):
        got = parse_robots(case["robots"].encode("utf-8")).allowed(case["url"], case["user_agent"])
        if got != case["allowed"]:
            family = case["source_test"].split("_", 1)[0]
            failures[family].append(f"{case['source_test']}: {case['url'][:80]!r} for {case['user_agent']!r}")
    assert not failures.get("ID"), failures["ID"]
    assert not failures.get("extra"), failures["extra"]
    assert not failures.get("GoogleOnly"), failures["GoogleOnly"]  # followed on purpose (docs/robots.md)
