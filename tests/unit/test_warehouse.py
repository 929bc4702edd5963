"""Warehouse datasets: the DuckDB snippets of docs/warehouse.md on a real job's output, atomic
writes under a simulated crash, compaction, and filesystem URLs through the same code path."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.fs as pafs
import pyarrow.parquet as pq
import pytest
from docharvest.config import REPO_ROOT, Settings
from docharvest.store.compaction import (
    REPLACES_KEY,
    compact_datasets,
    compact_partition,
    finish_interrupted,
    remove_stale_temp_files,
)
from docharvest.store.datasets import SCHEMA_VERSION, resolve_filesystem, write_partition

from tests.support.siteserver import Route, SiteServer, html

OLD_DAY = date(2024, 3, 1)


def _doc_rows(job_id: str, n: int) -> list[dict]:
    return [
        {"document_id": f"{job_id}-{i}", "url": f"https://x.example/{i}.pdf", "status": "extracted",
         "job_id": job_id, "schema_version": SCHEMA_VERSION, "confidence_score": i / max(n, 1)}
        for i in range(n)
    ]  # fmt: skip


def _rows(root: Path, dataset: str = "documents") -> list[tuple]:
    return duckdb.sql(
        f"SELECT job_id, count(*) FROM read_parquet('{root}/{dataset}/*/*.parquet', union_by_name = true) "
        "GROUP BY job_id ORDER BY job_id"
    ).fetchall()


def test_duckdb_snippets_of_the_docs_run_on_a_real_job(settings: Settings, site: SiteServer) -> None:
    from docharvest.pipeline.scrape import run_scrape_inline
    from docharvest.samples.pdfwriter import simple_pdf

    site.add(
        "/", html('<a href="/m.pdf">Board minutes 2024</a> <a href="/n.txt">Notes</a> <a href="/x.pdf">x</a>')
    )
    site.add(
        "/m.pdf",
        Route(body=simple_pdf([["Board meeting minutes 2024"]]), headers={"Content-Type": "application/pdf"}),
    )
    site.add("/n.txt", Route(body="Board minutes notes 2024\n" * 10, headers={"Content-Type": "text/plain"}))
    job_id = run_scrape_inline(settings, {"website": site.url("/"), "prompt": "board minutes 2024"})

    text = (REPO_ROOT / "docs" / "warehouse.md").read_text()
    snippets = re.findall(r"```sql duckdb\n(.*?)```", text, flags=re.S)
    assert len(snippets) >= 5
    results = []
    for sql in snippets:
        assert "data/datasets/" in sql
        rows = duckdb.sql(sql.replace("data/datasets/", f"{settings.datasets_dir}/")).fetchall()
        results.append(rows)
    relevant, per_day, errors, jobs, _changes = results[:5]
    assert {r[0] for r in relevant} == {job_id} and any(r[2].endswith("/m.pdf") for r in relevant)
    assert sum(r[2] for r in per_day) == 3
    assert any(r[0] == "scraper" for r in errors)  # /x.pdf is a 404
    assert jobs[0][0] == job_id and jobs[0][2] == "completed"


def test_a_crashed_write_leaves_the_previous_file_whole(tmp_path: Path) -> None:
    root = tmp_path / "datasets"
    path = write_partition(root, "documents", _doc_rows("job_a", 50), job_id="job_a", job_date=OLD_DAY)
    before = pq.read_table(path)
    # A writer process killed (SIGKILL) halfway through re-writing the same partition file.
    script = textwrap.dedent(
        f"""
        import os, signal
        import pyarrow.parquet as pq
        from docharvest.store import datasets, parquetfs
        real = pq.write_table
        def dying(table, where, **kw):
            real(table, where, **kw)
            with open(where, "r+b") as fh:   # half the bytes are on disk, then the process dies
                fh.truncate(os.path.getsize(where) // 2)
            os.kill(os.getpid(), signal.SIGKILL)
        parquetfs.pq.write_table = dying
        rows = [dict(r, confidence_score=0.99) for r in {_doc_rows("job_a", 500)!r}]
        datasets.write_partition({str(root)!r}, "documents", rows, job_id="job_a", job_date=__import__("datetime").date(2024, 3, 1))
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == -9, proc.stderr
    leftovers = [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1 and leftovers[0].name.startswith(".")
    assert pq.read_table(path).equals(before)  # the old file, whole
    assert _rows(root) == [("job_a", 50)]  # readers skip the torn temp file
    assert pads.dataset(str(root / "documents"), partitioning="hive").to_table().num_rows == 50
    fs, part = resolve_filesystem(path.parent)
    assert remove_stale_temp_files(fs, part, older_than=3600) == 0  # may still be a live write
    assert remove_stale_temp_files(fs, part, older_than=0) == 1


def test_compaction_merges_small_files_and_keeps_every_row(tmp_path: Path) -> None:
    root = tmp_path / "datasets"
    for i, n in enumerate([3, 5, 0, 7]):
        write_partition(root, "documents", _doc_rows(f"job_{i}", n), job_id=f"job_{i}", job_date=OLD_DAY)
    # An older file written before a nullable column existed (schema evolution).
    old_schema = pa.schema(
        [f for f in pq.read_schema(next(root.glob("documents/*/*.parquet"))) if f.name != "valid_from"]
    )
    write_partition(
        root, "documents", _doc_rows("job_old", 2), job_id="job_old", job_date=OLD_DAY, schema=old_schema
    )
    write_partition(
        root, "documents", _doc_rows("job_today", 4), job_id="job_today", job_date=date(2024, 3, 10)
    )
    write_partition(root, "jobs", [{"kind": "scrape", "status": "completed", "job_id": "job_0", "schema_version": 1}],
                    job_id="job_0", job_date=OLD_DAY)  # fmt: skip
    before = _rows(root)

    report = compact_datasets(str(root), min_age_days=2, today=date(2024, 3, 11))
    assert report.partitions_compacted == 1 and report.files_replaced == 5 and report.rows_written == 17
    old_partition = root / "documents" / "job_date=2024-03-01"
    files = sorted(p.name for p in old_partition.iterdir())
    assert len(files) == 1 and files[0].startswith("compacted-")
    assert len(list((root / "documents" / "job_date=2024-03-10").iterdir())) == 1  # too recent: untouched
    assert len(list((root / "jobs" / "job_date=2024-03-01").iterdir())) == 1  # one file: nothing to merge
    assert _rows(root) == before
    replaced = json.loads(pq.read_metadata(old_partition / files[0]).metadata[REPLACES_KEY.encode()])
    assert replaced == sorted(f"part-job_{s}.parquet" for s in ("0", "1", "2", "3", "old"))
    assert (
        compact_datasets(str(root), min_age_days=2, today=date(2024, 3, 11)).files_replaced == 0
    )  # idempotent

    # Re-publishing a compacted job replaces its rows instead of adding them again.
    write_partition(root, "documents", _doc_rows("job_1", 6), job_id="job_1", job_date=OLD_DAY)
    assert dict(_rows(root))["job_1"] == 6
    assert sum(n for _, n in _rows(root)) == sum(n for _, n in before) + 1


def test_an_interrupted_compaction_is_finished_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "datasets"
    for i in range(3):
        write_partition(root, "documents", _doc_rows(f"job_{i}", 2), job_id=f"job_{i}", job_date=OLD_DAY)
    fs, partition = resolve_filesystem(root / "documents" / "job_date=2024-03-01")
    from docharvest.store import compaction

    def crash(*_args: object) -> None:
        raise OSError("killed before deleting the inputs")

    monkeypatch.setattr(compaction, "_delete", crash)
    with pytest.raises(OSError):
        compact_partition(fs, partition)
    assert len(os.listdir(partition)) == 4  # compacted file + its 3 inputs: rows visible twice
    monkeypatch.undo()
    assert finish_interrupted(fs, partition) == 3
    assert _rows(root) == [("job_0", 2), ("job_1", 2), ("job_2", 2)]


def test_filesystem_urls_use_the_same_code_path(tmp_path: Path) -> None:
    """memory:// (fsspec) behaves like an object store: direct writes, same layout, compaction works."""
    location = f"memory://dh-test-{os.getpid()}/datasets"
    for i in range(2):
        written = write_partition(
            location, "documents", _doc_rows(f"job_{i}", 3), job_id=f"job_{i}", job_date=OLD_DAY
        )
        assert written == f"{location}/documents/job_date=2024-03-01/part-job_{i}.parquet"
    fs, root = resolve_filesystem(location)
    assert not isinstance(fs, pafs.LocalFileSystem)
    table = pq.read_table(f"{root}/documents", filesystem=fs)
    assert table.num_rows == 6
    report = compact_datasets(location, today=date(2024, 3, 11))
    assert report.files_replaced == 2
    assert pq.read_table(f"{root}/documents", filesystem=fs).num_rows == 6
    local = write_partition(f"file://{tmp_path}/ds", "documents", [], job_id="job_x", job_date=OLD_DAY)
    assert Path(str(local)).exists()
