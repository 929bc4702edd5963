"""The raw-file store: document bodies content-addressed by sha256, written in one place.

Both the crawler (a page URL that turned out to be a document, kept in the job's work area)
and the downloader (the job's raw files) store bodies through a :class:`RawStore`; the same
bytes at two URLs are stored once. Scrapy's ``FilesStoreProtocol`` is the model: the protocol
is what an object-storage store would implement later; :class:`LocalRawStore` is the one we
have (a folder, ``root / sha[:2] / sha``).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from docharvest.crawl.sinks import FileSink


@dataclass(frozen=True)
class StoredFile:
    """A body in the store: its sha256, where readers open it, its size."""

    sha256: str
    path: Path
    size_bytes: int


class RawStore(Protocol):
    def put(self, sink: FileSink) -> StoredFile:
        """Take a finished spooled body (moved, not copied); identical bytes are kept once."""
        ...

    def adopt(self, path: Path, sha256: str) -> StoredFile:
        """Add a file already hashed elsewhere (the crawler's prefetch); ``path`` stays where it is."""
        ...

    def path_for(self, sha256: str) -> Path:
        """Where the body with this sha256 is (or would be) kept."""
        ...


class LocalRawStore:
    """A :class:`RawStore` in a local folder: ``root / sha[:2] / sha``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put(self, sink: FileSink) -> StoredFile:
        sha = sink.finish()
        target = self.path_for(sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            sink.path.unlink(missing_ok=True)
        else:
            os.replace(sink.path, target)
        return StoredFile(sha, target, sink.size)

    def adopt(self, path: Path, sha256: str) -> StoredFile:
        target = self.path_for(sha256)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".tmp")
            shutil.copyfile(path, tmp)  # copy, not move: a retried task may adopt it again
            os.replace(tmp, target)
        return StoredFile(sha256, target, target.stat().st_size)
