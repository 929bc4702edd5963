"""Where Parquet files live and how one is written: the filesystem layer under the datasets.

``resolve_filesystem`` turns a local folder or a filesystem URL (``s3://…``, ``memory://…``)
into a pyarrow filesystem; ``write_table_atomic`` writes a file that readers see whole or
not at all. ``datasets`` (partition writes) and ``compaction`` (rewriting partitions) both
stand on this module, and neither on the other's internals.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq


def resolve_filesystem(location: Path | str) -> tuple[pafs.FileSystem, str]:
    """(filesystem, root path inside it) for a local folder or a filesystem URL.

    pyarrow's own filesystems first (local, s3://, gs://, hdfs://; options in the query string,
    e.g. ``s3://bucket/prefix?endpoint_override=127.0.0.1:9000&scheme=http``), then any fsspec
    protocol (abfs://, memory://, ...) through pyarrow's fsspec handler.
    """
    text = str(location)
    if "://" not in text:
        return pafs.LocalFileSystem(), str(Path(text).resolve())
    try:
        fs, root = pafs.FileSystem.from_uri(text)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        import fsspec

        protocol, _, rest = text.partition("://")
        fs = pafs.PyFileSystem(pafs.FSSpecHandler(fsspec.filesystem(protocol)))
        root = rest if protocol != "memory" else "/" + rest.lstrip("/")
    return fs, root.rstrip("/")


def write_table_atomic(fs: pafs.FileSystem, table: pa.Table, target: str, **metadata: str) -> None:
    """Write ``table`` so readers see the old file or the new one, never half of one.

    Local disks: a hidden temp file in the same folder, then a rename (atomic on POSIX; readers'
    ``*.parquet`` globs and pyarrow's dataset discovery skip the dot-file). Object stores: a
    direct write, because an object only becomes visible once its upload completes, while a
    "rename" there is a copy plus a delete.
    """
    folder, name = target.rsplit("/", 1)
    fs.create_dir(folder, recursive=True)
    if metadata:
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), **metadata})
    if not isinstance(fs, pafs.LocalFileSystem):
        pq.write_table(table, target, filesystem=fs, compression="zstd")
        return
    tmp = f"{folder}/.{name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        pq.write_table(table, tmp, filesystem=fs, compression="zstd")
        fs.move(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            fs.delete_file(tmp)
        raise


def url_of(location: Path | str, relative: str) -> str:
    """The URL of ``relative`` under ``location``, its query options (endpoint, scheme) kept at the end."""
    base, _, query = str(location).partition("?")
    return f"{base.rstrip('/')}/{relative}" + (f"?{query}" if query else "")
