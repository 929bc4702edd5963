"""Progress read from the jobs row (the API's source): plain lines, follow until the end, task-log rhythm."""

from __future__ import annotations

import io
import logging
import re
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from docharvest.commands import progress
from docharvest.config import Settings
from docharvest.errors import JobIssue
from docharvest.pipeline.progress_log import StepLog, Timeline
from docharvest.store import repository
from docharvest.store.db import init_db
from docharvest.views.timeline import read_timeline


def _job(settings: Settings, job_id: str) -> None:
    engine = init_db(settings)
    now = datetime.now(UTC)
    repository.ensure_job(
        engine, {"job_id": job_id, "kind": "scrape", "status": "pending", "created_at": now}
    )
    repository.update_job(
        engine,
        job_id,
        status="in_progress",
        started_at=now,
        estimated_completion=now + timedelta(minutes=30),
        current_agent="navigator",
        current_step="Crawling",
    )


def test_snapshot_reads_the_row_and_counts(settings: Settings) -> None:
    _job(settings, "job_snap")
    engine = init_db(settings)
    repository.update_job(engine, "job_snap", pages_scraped=7, total_pages=19)
    repository.record_errors(engine, "job_snap", [JobIssue("scraper", "http_404", "x", None, True)])
    snap = progress.read_snapshot(engine, "job_snap")
    assert snap is not None and (snap.pages, snap.queued, snap.errors) == (7, 12, 1)
    line = snap.line()
    assert (
        "navigator" in line and "7 crawled, 12 queued" in line and "errors 1" in line and "deadline" in line
    )
    assert progress.read_snapshot(engine, "job_missing") is None


def test_follow_shows_progress_until_the_job_ends(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress, "PLAIN_EVERY", 0.1)
    monkeypatch.setattr(progress, "LIVE_EVERY", 0.05)
    _job(settings, "job_follow")
    engine = init_db(settings)
    stream = io.StringIO()
    done = threading.Event()

    def advance() -> None:
        for pages in (3, 6, 9):
            time.sleep(0.3)
            repository.update_job(engine, "job_follow", pages_scraped=pages, total_pages=9)
        time.sleep(0.3)
        repository.update_job(engine, "job_follow", status="completed", current_step="Complete")
        done.set()

    worker = threading.Thread(target=advance)
    worker.start()
    final = progress.follow(engine, "job_follow", stream, live=False)
    worker.join()
    assert done.is_set() and final is not None and final.status == "completed"
    seen = {int(n) for n in re.findall(r"pages (\d+) crawled", stream.getvalue())}
    assert {3, 6, 9} <= seen | {final.pages}, stream.getvalue()
    assert len(seen) >= 2


def test_step_log_keeps_a_steady_rhythm(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("docharvest.test.steplog")
    step = StepLog(logger, "job_x", "discover", "pages", every=0.1)
    caplog.set_level(logging.INFO, logger="docharvest.test.steplog")
    written = []
    for i in range(30):
        written.append(step.tick(i, 40))
        time.sleep(0.02)
    lines = [r.getMessage() for r in caplog.records]
    assert 2 <= len(lines) <= 8 and sum(written) == len(lines)
    assert all(
        "job_x: discover" in m and "/40 pages" in m and "queued" in m and "pages/s" in m for m in lines
    )


def test_timeline_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    timeline = Timeline(tmp_path)
    timeline.sample(0, force=True)
    timeline.sample(5)  # within SAMPLE_EVERY of the first: dropped
    time.sleep(0.01)
    timeline.sample(12, force=True)
    samples = read_timeline(tmp_path)
    assert [p for _, p in samples] == [0, 12] and samples[0][0] == 0.0


def test_first_start_says_why_it_waits(settings: Settings, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Before Airflow's DB exists the wait is ~20-30 s: the plain line says it is the first run."""
    from docharvest.orchestration.runner import DB_MARKER_PREFIX, first_airflow_start

    fresh = settings.model_copy(update={"airflow_home": tmp_path / "fresh-airflow"})
    (tmp_path / "fresh-airflow").mkdir()
    assert first_airflow_start(fresh)
    (tmp_path / "fresh-airflow" / f"{DB_MARKER_PREFIX}3.0.0").touch()
    assert not first_airflow_start(fresh)

    monkeypatch.setattr(progress, "PLAIN_EVERY", 0.05)
    engine = init_db(settings)
    stream = io.StringIO()
    with progress.ProgressDisplay(engine, "job_not_yet", stream, live=False, starting=progress.FIRST_START):
        time.sleep(0.2)
    assert "first run on this machine" in stream.getvalue()
    stream = io.StringIO()
    with progress.ProgressDisplay(engine, "job_not_yet", stream, live=False):
        time.sleep(0.2)
    assert "starting Airflow and the DAG run" in stream.getvalue()
    assert "first run" not in stream.getvalue()
