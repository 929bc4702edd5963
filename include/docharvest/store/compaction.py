"""Compaction of the Parquet datasets: many small per-job files -> one file per partition.

Every job writes one file per dataset and partition (``part-<job_id>.parquet``), so a busy
day leaves hundreds of small files that make warehouse scans slow. Compaction rewrites the
small files of a partition into one ``compacted-<digest>.parquet`` whose footer metadata
lists the files it replaces, then deletes those files.

Crash safety without a table format: the compacted file is written atomically *before*
the inputs are deleted, and its ``docharvest.replaces`` list lets the next run finish an
interrupted compaction (delete inputs still present). Between such a crash and the next
run, the replaced rows are visible twice; never lost.

Re-publishing a job whose rows were compacted (a cleared task) is handled by
:func:`evict_job`, which ``write_partition`` calls: the job's rows leave the compacted file.
Only partitions older than ``min_age_days`` are compacted, so running jobs never race it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from docharvest.store.parquetfs import resolve_filesystem, write_table_atomic

log = logging.getLogger(__name__)

REPLACES_KEY = "docharvest.replaces"
COMPACTED_PREFIX = "compacted-"
PART_PREFIX = "part-"
DEFAULT_SMALL_FILE_BYTES = 32 * 1024 * 1024
# Temp files of a crashed writer older than this are garbage (a live write takes seconds).
STALE_TEMP_SECONDS = 6 * 3600


@dataclass
class CompactionReport:
    """What one maintenance run did, per dataset."""

    partitions_compacted: int = 0
    files_replaced: int = 0
    rows_written: int = 0
    files_recovered: int = 0
    temp_files_removed: int = 0
    datasets: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items()}


def compact_datasets(
    location: str,
    *,
    min_age_days: int = 2,
    min_files: int = 2,
    small_file_bytes: int = DEFAULT_SMALL_FILE_BYTES,
    today: date | None = None,
) -> CompactionReport:
    """Compact every dataset under ``location`` (a folder or filesystem URL); return what was done."""
    if min_files < 2:
        raise ValueError(f"min_files must be >= 2, got {min_files}")
    fs, root = resolve_filesystem(location)
    report = CompactionReport()
    cutoff = (today or datetime.now(UTC).date()) - timedelta(days=min_age_days)
    for dataset_dir in _children(fs, root):
        dataset = dataset_dir.rsplit("/", 1)[-1]
        for partition in _children(fs, dataset_dir):
            report.temp_files_removed += remove_stale_temp_files(fs, partition)
            report.files_recovered += finish_interrupted(fs, partition)
            if not _older_than(partition, cutoff):
                continue
            replaced, rows = compact_partition(
                fs, partition, min_files=min_files, small_file_bytes=small_file_bytes
            )
            if replaced:
                report.partitions_compacted += 1
                report.files_replaced += replaced
                report.rows_written += rows
                report.datasets[dataset] = report.datasets.get(dataset, 0) + replaced
    log.info("compaction of %s: %s", location, report.as_dict())
    return report


def compact_partition(
    fs: pafs.FileSystem,
    partition: str,
    *,
    min_files: int = 2,
    small_file_bytes: int = DEFAULT_SMALL_FILE_BYTES,
) -> tuple[int, int]:
    """Rewrite the partition's small files into one; return (files replaced, rows written)."""
    small = [f for f in _parquet_files(fs, partition) if f.size is not None and f.size < small_file_bytes]
    if len(small) < min_files:
        return 0, 0
    names = sorted(f.base_name for f in small)
    tables = [pq.read_table(f"{partition}/{name}", filesystem=fs) for name in names]
    # Schema evolution adds nullable columns: older files lack them and get nulls.
    merged = pa.concat_tables([t.replace_schema_metadata(None) for t in tables], promote_options="default")
    replaces = sorted({*names, *_replaced_by_inputs(fs, partition, names)})
    digest = hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]
    target = f"{partition}/{COMPACTED_PREFIX}{digest}.parquet"
    write_table_atomic(fs, merged, target, **{REPLACES_KEY: json.dumps(replaces)})
    for name in names:
        if f"{partition}/{name}" != target:
            _delete(fs, f"{partition}/{name}")
    log.info("compacted %d files (%d rows) into %s", len(names), merged.num_rows, target)
    return len(names), merged.num_rows


def finish_interrupted(fs: pafs.FileSystem, partition: str) -> int:
    """Delete files a compacted file already replaces (left by a compaction that crashed)."""
    present = {f.base_name for f in _parquet_files(fs, partition)}
    removed = 0
    for name in sorted(present):
        if not name.startswith(COMPACTED_PREFIX):
            continue
        for replaced in _replaces(fs, f"{partition}/{name}"):
            if replaced in present and replaced != name:
                _delete(fs, f"{partition}/{replaced}")
                present.discard(replaced)
                removed += 1
    if removed:
        log.warning("finished an interrupted compaction in %s: %d replaced files deleted", partition, removed)
    return removed


def evict_job(fs: pafs.FileSystem, partition: str, job_id: str, *, replaced_name: str) -> int:
    """Take ``job_id``'s rows out of the partition's compacted files (its own file was just rewritten).

    Returns the rows removed. Cheap when nothing was compacted: one directory listing.
    """
    removed = 0
    for info in _parquet_files(fs, partition):
        if not info.base_name.startswith(COMPACTED_PREFIX):
            continue
        path = f"{partition}/{info.base_name}"
        replaces = _replaces(fs, path)
        if replaced_name not in replaces:
            continue
        table = pq.read_table(path, filesystem=fs)
        keep = table.filter(pc.not_equal(table["job_id"], job_id))
        removed += table.num_rows - keep.num_rows
        left = [n for n in replaces if n != replaced_name]
        write_table_atomic(fs, keep.replace_schema_metadata(None), path, **{REPLACES_KEY: json.dumps(left)})
    if removed:
        log.info(
            "job %s re-published: %d rows taken out of compacted files in %s", job_id, removed, partition
        )
    return removed


def remove_stale_temp_files(
    fs: pafs.FileSystem, partition: str, *, older_than: float = STALE_TEMP_SECONDS
) -> int:
    """Delete temp files a crashed writer left behind (readers never see them; they only use space)."""
    now = time.time()
    removed = 0
    for info in fs.get_file_info(pafs.FileSelector(partition, allow_not_found=True)):
        if info.type != pafs.FileType.File or not (
            info.base_name.startswith(".") and info.base_name.endswith(".tmp")
        ):
            continue
        mtime = info.mtime.timestamp() if info.mtime is not None else 0.0
        if now - mtime >= older_than:
            _delete(fs, info.path)
            removed += 1
    return removed


def _replaces(fs: pafs.FileSystem, path: str) -> list[str]:
    metadata = pq.read_metadata(path, filesystem=fs).metadata or {}
    raw = metadata.get(REPLACES_KEY.encode())
    return list(json.loads(raw)) if raw else []


def _replaced_by_inputs(fs: pafs.FileSystem, partition: str, names: list[str]) -> list[str]:
    """A compacted input passes on what it replaced, so recovery and eviction keep working."""
    return [r for n in names if n.startswith(COMPACTED_PREFIX) for r in _replaces(fs, f"{partition}/{n}")]


def _parquet_files(fs: pafs.FileSystem, folder: str) -> list[pafs.FileInfo]:
    return [
        info
        for info in fs.get_file_info(pafs.FileSelector(folder, allow_not_found=True))
        if info.type == pafs.FileType.File
        and info.base_name.endswith(".parquet")
        and not info.base_name.startswith((".", "_"))
    ]


def _children(fs: pafs.FileSystem, folder: str) -> list[str]:
    infos = fs.get_file_info(pafs.FileSelector(folder, allow_not_found=True))
    return sorted(
        i.path for i in infos if i.type == pafs.FileType.Directory and not i.base_name.startswith((".", "_"))
    )


def _older_than(partition: str, cutoff: date) -> bool:
    """Hive partitions ``job_date=YYYY-MM-DD`` older than ``cutoff``; other layouts are left alone."""
    key, _, value = partition.rsplit("/", 1)[-1].partition("=")
    if key != "job_date":
        return False
    try:
        return date.fromisoformat(value) < cutoff
    except ValueError:
        return False


def _delete(fs: pafs.FileSystem, path: str) -> None:
    with contextlib.suppress(FileNotFoundError):  # another run got there first
        fs.delete_file(path)
