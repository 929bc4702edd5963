"""What the crawler reads of a URL fetched as a page: HTML into memory, a document into a spool.

The headers decide (Content-Type, then the Content-Disposition filename); when they do not
say, the first bytes do (``mode="sniff"``). A document found at a page URL is spooled under
the job's ``max_file_size_bytes`` (its ``max_file_size_mb``), the same cap the downloader
applies, so an oversize document is never read in full; a Content-Length over the cap is
not read at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from docharvest.config import CrawlSettings
from docharvest.crawl.fetcher import Decision
from docharvest.crawl.headers import ResponseHead
from docharvest.crawl.sinks import HEAD_BYTES, FileSink, Overflow, StopReading
from docharvest.crawl.sniff import sniff_document_type
from docharvest.crawl.urls import DOCUMENT_EXTENSIONS, DOCUMENT_MIME_TYPES, HTML_MIME_TYPES, url_extension
from docharvest.errors import PageTooLargeError

SNIFF_BYTES = 1024
_SNIFF_MIMES = frozenset(
    {"application/octet-stream", "binary/octet-stream", "application/download", "application/x-download",
     "application/force-download", "application/unknown"}
)  # fmt: skip


class PageSink:
    """Body of a URL fetched as a page: HTML into memory, a document into a spool file."""

    def __init__(self, mode: Literal["html", "document", "sniff"], html_max_bytes: int, spool: Path | None,
                 max_file_size_bytes: int, document_types: set[str]) -> None:  # fmt: skip
        self.mode = mode
        self.html_max_bytes = html_max_bytes
        self.spool = spool
        self.max_file_size_bytes = max_file_size_bytes
        self.document_types = document_types
        self.max_bytes = html_max_bytes if mode == "html" else max(html_max_bytes, max_file_size_bytes)
        self.buffer = bytearray()
        self.file: FileSink | None = None
        self.doc_type: str | None = None
        if mode == "document":
            self._open_spool()

    def _open_spool(self) -> None:
        if self.spool is None:
            raise StopReading  # we know enough: the downloader will fetch it
        self.file = FileSink(self.spool, self.max_file_size_bytes)

    def write(self, chunk: bytes) -> None:
        if self.file is not None:
            if self.file.size + len(chunk) > self.max_file_size_bytes:
                raise Overflow
            self.file.write(chunk)
            return
        self.buffer += chunk
        if self.mode == "sniff" and len(self.buffer) >= SNIFF_BYTES:
            self.decide()
        if self.mode == "html" and len(self.buffer) > self.html_max_bytes:
            raise Overflow

    def decide(self) -> None:
        """Settle a sniffed body's kind from its first bytes."""
        kind = sniff_document_type(bytes(self.buffer[:HEAD_BYTES]), None, None)
        if kind == "html":
            self.mode = "html"
            self.max_bytes = self.html_max_bytes
        elif kind in self.document_types:
            self.mode = "document"
            self.doc_type = kind
            self._open_spool()
            assert self.file is not None
            self.file.write(bytes(self.buffer))
            self.buffer = bytearray()
        else:
            self.mode = "sniff"
            raise StopReading

    def reset(self) -> None:
        self.buffer = bytearray()
        if self.file is not None:
            self.file.reset()

    def discard(self) -> None:
        self.reset()
        if self.file is not None:
            self.file.discard()


class PageChooser:
    """Decides, from a page URL's response head, whether and where its body is read."""

    def __init__(self, settings: CrawlSettings, spool_dir: Path | None, max_file_size_bytes: int) -> None:
        self.settings = settings
        self.spool_dir = spool_dir
        self.max_file_size_bytes = max_file_size_bytes
        self.html_max_bytes = int(settings.max_html_mb * 1_048_576)
        self.document_types = set(settings.document_types)
        self.doc_mimes = {m: t for m, t in DOCUMENT_MIME_TYPES.items() if t in self.document_types}

    def document_type(self, head: ResponseHead) -> str | None:
        """Document type announced by the headers (Content-Type, then Content-Disposition filename)."""
        doc_type = self.doc_mimes.get(head.mime or "")
        if doc_type is None and head.filename:
            named = DOCUMENT_EXTENSIONS.get(url_extension(head.filename))
            doc_type = named if named in self.document_types else None
        return doc_type

    def sink(self, mode: Literal["html", "document", "sniff"], spool: Path | None) -> PageSink:
        return PageSink(mode, self.html_max_bytes, spool, self.max_file_size_bytes, self.document_types)

    def page(self, head: ResponseHead) -> Decision:
        mime = head.mime
        doc_type = self.document_type(head)
        if mime in HTML_MIME_TYPES and doc_type is None:
            if head.content_length is not None and head.content_length > self.html_max_bytes:
                raise self.page_too_large(head.final_url, head.content_length)
            return self.sink("html", None)
        if doc_type is not None:
            too_big = head.content_length is not None and head.content_length > self.max_file_size_bytes
            if self.spool_dir is None or too_big:
                return None  # the downloader fetches it (and reports it against the job's cap)
            sink = self.sink("document", self.spool_dir)
            sink.doc_type = doc_type
            return sink
        if mime is None or mime in _SNIFF_MIMES:
            return self.sink("sniff", self.spool_dir)
        return None  # images, feeds, archives: nothing for us

    def probe(self, head: ResponseHead) -> Decision:
        """As :meth:`page`, but an HTML answer is not read at all (single_page mode's probes)."""
        decision = self.page(head)
        if isinstance(decision, PageSink) and decision.mode == "html":
            return None
        return decision

    def page_too_large(self, url: str, size: int | None = None) -> PageTooLargeError:
        shown = f"{size / 1_048_576:.1f} MB " if size else ""
        return PageTooLargeError(
            f"page {shown}exceeds max_html_mb={self.settings.max_html_mb:g} (after decompression); not parsed",
            url,
        )
