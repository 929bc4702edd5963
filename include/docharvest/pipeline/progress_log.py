"""Progress of a long step as the task log shows it, plus the crawl timeline samples the report draws.

A ``discover`` of 300 pages or an ``extract`` of 400 PDFs runs for minutes; its Airflow
log must show it is alive. ``StepLog.tick`` is cheap to call per page or per document and
logs one line every ``every`` seconds (pages or documents, queue, rate). The crawl's
samples also go to ``<work_dir>/timeline.jsonl`` (time, pages), from which the job
report draws pages per second (``views.timeline.read_timeline``).
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from docharvest.views.timeline import TIMELINE_FILE

LOG_EVERY = 5.0
SAMPLE_EVERY = 0.5


class StepLog:
    """Logs ``job X: <step> <done>/<total> <unit>, <rate>/s`` at a steady rhythm."""

    def __init__(
        self, logger: logging.Logger, job_id: str, step: str, unit: str, every: float = LOG_EVERY
    ) -> None:
        self.logger = logger
        self.job_id = job_id
        self.step = step
        self.unit = unit
        self.every = every
        self.started = time.monotonic()
        self.last = self.started

    def tick(self, done: int, total: int | None = None, extra: str = "") -> bool:
        """Log if ``every`` seconds passed since the last line; True when a line was written."""
        now = time.monotonic()
        if now - self.last < self.every:
            return False
        self.last = now
        elapsed = now - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        of = f"/{total}" if total is not None else ""
        queue = f", {max(0, total - done)} queued" if total is not None else ""
        self.logger.info(
            "job %s: %s %d%s %s%s, %.1f %s/s, %.0f s%s",
            self.job_id,
            self.step,
            done,
            of,
            self.unit,
            queue,
            rate,
            self.unit,
            elapsed,
            f", {extra}" if extra else "",
        )
        return True


class Timeline:
    """Appends ``{"t": unix time, "pages": n}`` samples at most every ``SAMPLE_EVERY`` seconds."""

    def __init__(self, work_dir: Path) -> None:
        self.path = work_dir / TIMELINE_FILE
        self.last = 0.0

    def sample(self, pages: int, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < SAMPLE_EVERY:
            return
        self.last = now
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a") as handle:
                handle.write(json.dumps({"t": round(time.time(), 3), "pages": pages}) + "\n")
        except OSError:  # the timeline is a nicety; the crawl must not fail over it
            pass
