"""Where a response body goes: sinks with a byte cap, and bounded gzip/deflate decoding.

The cap of a sink counts decoded bytes: the fetcher decodes gzip/deflate itself through
:class:`Decoder`, which never produces more than the room left, so a gzip bomb never
inflates in memory. A sink ends a body early by raising :class:`Overflow` (over its cap)
or :class:`StopReading` (it has seen enough).
"""

from __future__ import annotations

import hashlib
import uuid
import zlib
from pathlib import Path
from typing import BinaryIO, Protocol

HEAD_BYTES = 8192  # the first bytes kept for type sniffing


class Overflow(Exception):
    """The body grew past its sink's cap (counted after decompression)."""


class StopReading(Exception):
    """The sink has seen enough of the body; close the response, keep what was read."""


class Sink(Protocol):
    """Where a response body goes. ``max_bytes`` caps the decoded bytes accepted."""

    max_bytes: int

    def write(self, chunk: bytes) -> None: ...

    def reset(self) -> None: ...

    def discard(self) -> None: ...


class MemorySink:
    """Collects a body in memory (pages, robots.txt, sitemaps)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.buffer = bytearray()

    def write(self, chunk: bytes) -> None:
        self.buffer += chunk

    def reset(self) -> None:
        self.buffer.clear()

    def discard(self) -> None:
        self.buffer = bytearray()


class FileSink:
    """Streams a body to a temp file in ``directory`` while hashing it; keeps its first bytes.

    A finished sink is handed to a :class:`~docharvest.crawl.rawstore.RawStore` (``put``).
    """

    def __init__(self, directory: Path, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.directory = directory
        self.path = directory / f".part-{uuid.uuid4().hex}"
        self.size = 0
        self.head = b""
        self._hash = hashlib.sha256()
        self._fh: BinaryIO | None = None

    def write(self, chunk: bytes) -> None:
        if self._fh is None:
            self._fh = self._open()
        self._fh.write(chunk)
        self._hash.update(chunk)
        if len(self.head) < HEAD_BYTES:
            self.head += chunk[: HEAD_BYTES - len(self.head)]
        self.size += len(chunk)

    def _open(self) -> BinaryIO:
        # The directory is there after the first document: no mkdir call per body. Closed in
        # finish/discard.
        try:
            return open(self.path, "wb")
        except FileNotFoundError:
            self.directory.mkdir(parents=True, exist_ok=True)
            return open(self.path, "wb")

    def reset(self) -> None:
        self.discard()
        self.size = 0
        self.head = b""
        self._hash = hashlib.sha256()

    def discard(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        self.path.unlink(missing_ok=True)

    def finish(self) -> str:
        """Close the file and return the body's sha256 (an empty body still gets a file)."""
        if self._fh is None:
            self.write(b"")
        assert self._fh is not None
        self._fh.close()
        self._fh = None
        return self._hash.hexdigest()


class Decoder:
    """Bounded gzip/deflate decoding: never produces more than the room it is given."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._d: zlib._Decompress | None = None

    def feed(self, data: bytes, room: int) -> bytes:
        if self._d is None:
            if self.encoding == "gzip":
                wbits = 16 + zlib.MAX_WBITS
            else:  # "deflate" is meant to be zlib-wrapped; some servers send it raw
                wbits = zlib.MAX_WBITS if data[:1] and (data[0] & 0x0F) == 8 else -zlib.MAX_WBITS
            self._d = zlib.decompressobj(wbits)
        out = bytearray()
        buf = data
        while buf:
            out += self._d.decompress(buf, room - len(out) + 1)
            if len(out) > room:
                raise Overflow
            buf = self._d.unconsumed_tail
        return bytes(out)
