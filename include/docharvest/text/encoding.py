"""Bytes of a text file or a saved page -> str: the declared charset, else UTF-8, else detected."""

from __future__ import annotations

import gzip
import re

from charset_normalizer import from_bytes


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode text with the declared charset, else UTF-8, else detection (windows-1252 pages)."""
    for encoding in filter(None, [declared, "utf-8"]):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(data).best()
    return str(best) if best is not None else data.decode("cp1252", errors="replace")


def decode_html(data: bytes) -> str:
    """Bytes of a page (gzip-compressed too) -> text; the charset is declared or detected."""
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    match = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.I)
    return decode_bytes(data, match.group(1).decode("ascii") if match else None)
