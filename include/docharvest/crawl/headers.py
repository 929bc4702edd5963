"""Response headers: the head of a response before its body, and the header parsers."""

from __future__ import annotations

import email.utils
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote


@dataclass
class ResponseHead:
    """Status line and headers of the final response, before its body is read."""

    url: str
    final_url: str
    chain: list[str]
    status: int
    headers: Mapping[str, str]
    mime: str | None
    charset: str | None
    content_length: int | None
    filename: str | None

    @classmethod
    def parse(cls, url: str, final_url: str, chain: list[str], status: int,
              headers: Mapping[str, str]) -> ResponseHead:  # fmt: skip
        mime, charset = parse_content_type(headers.get("Content-Type"))
        length = headers.get("Content-Length")
        return cls(
            url=url,
            final_url=final_url,
            chain=list(chain),
            status=status,
            headers=headers,
            mime=mime,
            charset=charset,
            content_length=int(length) if length and length.isdigit() else None,
            filename=parse_disposition_filename(headers.get("Content-Disposition")),
        )


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """(mime, charset) from a Content-Type header, lowercased."""
    if not value:
        return None, None
    parts = [p.strip() for p in value.split(";")]
    mime = parts[0].lower() or None
    charset = None
    for part in parts[1:]:
        if part.lower().startswith("charset="):
            charset = part[8:].strip("\"' ").lower() or None
    return mime, charset


def parse_disposition_filename(value: str | None) -> str | None:
    """The filename of a Content-Disposition header (RFC 6266 ``filename*`` preferred)."""
    if not value:
        return None
    star = plain = None
    for part in value.split(";"):
        key, _, val = part.strip().partition("=")
        key = key.strip().lower()
        val = val.strip().strip('"')
        if key == "filename*" and "''" in val:
            charset, _, encoded = val.partition("''")
            try:
                star = unquote(encoded, encoding=charset or "utf-8")
            except LookupError:
                star = unquote(encoded)
        elif key == "filename" and val:
            plain = val
    name = star or plain
    if not name:
        return None
    return name.replace("\\", "/").rsplit("/", 1)[-1] or None


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
