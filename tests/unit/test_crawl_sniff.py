"""Document type from the bytes; sitemap parsing."""

from __future__ import annotations

import gzip
import io
import zipfile

import pytest
from docharvest.crawl.sitemaps import SitemapTooLargeError, gunzip_bounded, parse_sitemap
from docharvest.download import sniff_document_type


def _zip(first: str, extra: dict[str, bytes] | None = None, stored_first: bytes = b"") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo(first), stored_first or b"x")
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("head", "content_type", "filename", "expected"),
    [
        (b"%PDF-1.7\n...", None, None, "pdf"),
        (b"\r\n%PDF-1.4", "text/html", "page.html", "pdf"),  # bytes win over headers
        (_zip("[Content_Types].xml", {"word/document.xml": b"<w/>"}), None, None, "docx"),
        (_zip("[Content_Types].xml", {"xl/workbook.xml": b"<x/>"}), None, None, "xlsx"),
        (_zip("[Content_Types].xml", {"ppt/presentation.xml": b"<p/>"}), None, None, "pptx"),
        (_zip("mimetype", stored_first=b"application/vnd.oasis.opendocument.text"), None, None, "odt"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, None, "budget.xls", "xls"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, None, None, "doc"),
        (b"{\\rtf1\\ansi hello}", None, None, "rtf"),
        (b"name,amount\nA,1\n", "text/csv", None, "csv"),
        (b"Plain minutes text\n", None, None, "txt"),
        (b"<!DOCTYPE html><html><body>Not found</body></html>", None, "x.pdf", "html"),
        (b"\x89PNG\r\n\x1a\n....", "application/pdf", None, None),
        (b"", "application/pdf", None, "pdf"),
    ],
)
def test_sniff(head: bytes, content_type: str | None, filename: str | None, expected: str | None) -> None:
    assert sniff_document_type(head, content_type, filename) == expected


def test_urlset_index_text_and_gzip_sitemaps() -> None:
    urlset = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url><loc> http://e.com/a?x=1&amp;y=2 </loc></url><url><loc><![CDATA[http://e.com/b.pdf]]></loc></url></urlset>"""
    parsed = parse_sitemap(urlset)
    assert parsed.urls == ["http://e.com/a?x=1&y=2", "http://e.com/b.pdf"] and parsed.children == []
    index = b"<sitemapindex><sitemap><loc>http://e.com/s1.xml.gz</loc></sitemap></sitemapindex>"
    assert parse_sitemap(index).children == ["http://e.com/s1.xml.gz"]
    assert parse_sitemap(gzip.compress(urlset)).urls == parsed.urls
    assert parse_sitemap(b"http://e.com/one\nhttp://e.com/two\n").urls == [
        "http://e.com/one",
        "http://e.com/two",
    ]


def test_gzip_sitemap_bomb_is_bounded() -> None:
    with pytest.raises(SitemapTooLargeError):
        gunzip_bounded(gzip.compress(b"<" * 2_000_000), limit=1_000_000)
