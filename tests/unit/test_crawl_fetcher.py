"""Fetcher helpers: header parsing and bounded decompression (no network)."""

from __future__ import annotations

import email.utils
import gzip
import time
import zlib

import pytest
from docharvest.crawl.headers import parse_content_type, parse_disposition_filename, parse_retry_after
from docharvest.crawl.robots import product_token
from docharvest.crawl.sinks import Decoder, Overflow


def test_content_type() -> None:
    assert parse_content_type('text/HTML; Charset="ISO-8859-1"') == ("text/html", "iso-8859-1")
    assert parse_content_type("application/pdf") == ("application/pdf", None)
    assert parse_content_type(None) == (None, None)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ('attachment; filename="minutes 2024.pdf"', "minutes 2024.pdf"),
        (
            "attachment; filename*=UTF-8''Proc%C3%A8s-verbal.pdf; filename=\"fallback.pdf\"",
            "Procès-verbal.pdf",
        ),
        ('attachment; filename="../../etc/passwd"', "passwd"),
        ('inline; filename="C:\\\\Users\\\\x\\\\report.docx"', "report.docx"),
        ("inline", None),
        (None, None),
    ],
)
def test_disposition_filename(header: str | None, expected: str | None) -> None:
    assert parse_disposition_filename(header) == expected


def test_retry_after_seconds_and_dates() -> None:
    assert parse_retry_after("120") == 120.0
    later = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 <= (parse_retry_after(later) or 0) <= 31
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_decoder_gzip_and_both_deflate_flavours() -> None:
    data = b"hello world " * 1000
    assert Decoder("gzip").feed(gzip.compress(data), len(data)) == data
    assert Decoder("deflate").feed(zlib.compress(data), len(data)) == data
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    assert Decoder("deflate").feed(raw.compress(data) + raw.flush(), len(data)) == data


def test_decoder_never_inflates_past_its_room() -> None:
    bomb = gzip.compress(b"\0" * 20_000_000)
    decoder = Decoder("gzip")
    with pytest.raises(Overflow):
        decoder.feed(bomb, 1_000_000)


def test_robots_product_token() -> None:
    assert product_token("DocHarvest/0.1.0 (+https://github.com/docharvest/docharvest)") == "docharvest"
    assert product_token("MyBot") == "mybot"
