"""Sitemap parsing: urlsets, sitemap indexes, plain-text sitemaps, gzip files (bounded).

A regex over ``<loc>`` is used instead of an XML parser on purpose: real sitemaps are often
malformed (bad entities, stray BOMs, HTML error pages), and a regex never expands entities.
"""

from __future__ import annotations

import html
import re
import zlib
from dataclasses import dataclass, field

from docharvest.errors import SitemapTooLargeError

SITEMAP_MAX_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit, after decompression

_LOC_RE = re.compile(
    rb"<(?:\w+:)?loc>\s*(?:<!\[CDATA\[)?\s*(.*?)\s*(?:\]\]>)?\s*</(?:\w+:)?loc>", re.DOTALL | re.I
)
_INDEX_RE = re.compile(rb"<(?:\w+:)?sitemapindex[\s>]", re.I)


@dataclass
class Sitemap:
    """What one sitemap file lists: page/document URLs, or child sitemaps (an index)."""

    urls: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)


def gunzip_bounded(data: bytes, limit: int = SITEMAP_MAX_BYTES) -> bytes:
    """Decompress a gzip file without ever holding more than ``limit`` bytes."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = d.decompress(data, limit + 1)
    if len(out) > limit:
        raise SitemapTooLargeError(f"sitemap exceeds {limit} bytes after decompression")
    return out


def parse_sitemap(body: bytes) -> Sitemap:
    """Parse a sitemap body (gzip, XML urlset/index, or one URL per line)."""
    if body[:2] == b"\x1f\x8b":
        body = gunzip_bounded(body)
    body = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    sitemap = Sitemap()
    if body.startswith(b"<"):
        locs = [html.unescape(m.decode("utf-8", errors="replace")).strip() for m in _LOC_RE.findall(body)]
        target = sitemap.children if _INDEX_RE.search(body[:4096]) else sitemap.urls
        target.extend(loc for loc in locs if loc)
        return sitemap
    for line in body.decode("utf-8", errors="replace").splitlines():
        line = line.strip()
        if line.startswith(("http://", "https://")):
            sitemap.urls.append(line)
    return sitemap
