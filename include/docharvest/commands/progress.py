"""Live progress of a job at the terminal, read from the jobs row the API serves.

One source of truth: the tasks write progress to the job's row (``pages_scraped``,
``total_pages``, ``current_agent`` …) and ``/v1/jobs/{id}`` reads the same row, so this
works for a job run by this process (``docharvest scrape``) or anywhere else
(``docharvest status JOB_ID --follow``).

On a terminal the display is a ``rich`` live panel redrawn a few times a second; off a
terminal (CI logs, pipes) it is one plain line every ``PLAIN_EVERY`` seconds.
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TextIO

import sqlalchemy as sa

# A plain progress line at least this often off a terminal (CI, pipes, log files).
PLAIN_EVERY = 3.0
LIVE_EVERY = 0.25
FINAL_STATUSES = {"completed", "complete", "failed", "cancelled"}
# Document statuses that mean "the file was fetched" / "its text was read".
DOWNLOADED = {"downloaded", "extracted", "unreadable", "duplicate"}
READ = {"extracted"}


@dataclass(frozen=True)
class Snapshot:
    """What a person wants to see of a running job."""

    job_id: str
    status: str
    agent: str | None
    step: str | None
    pages: int
    planned: int
    found: int
    downloaded: int
    read: int
    errors: int
    started_at: datetime | None
    deadline: datetime | None

    @property
    def queued(self) -> int:
        return max(0, self.planned - self.pages)

    @property
    def done(self) -> bool:
        return self.status in FINAL_STATUSES

    def elapsed(self, now: datetime | None = None) -> float:
        if self.started_at is None:
            return 0.0
        return max(0.0, ((now or datetime.now(UTC)) - self.started_at).total_seconds())

    def line(self) -> str:
        """One plain progress line (off a terminal, and in tests)."""
        left = ""
        if self.deadline is not None and not self.done:
            left = f", deadline in {_clock(max(0.0, (self.deadline - datetime.now(UTC)).total_seconds()))}"
        return (
            f"[{_clock(self.elapsed())}] {self.job_id} {self.status}"
            f" {self.agent or '-'}: {self.step or ''} | pages {self.pages} crawled, {self.queued} queued"
            f" | documents {self.found} found, {self.downloaded} downloaded, {self.read} read"
            f" | errors {self.errors}{left}"
        )


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return (
        f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
        if seconds >= 3600
        else (f"{seconds // 60}:{seconds % 60:02d}")
    )


def read_snapshot(engine: sa.Engine, job_id: str) -> Snapshot | None:
    """The job's progress now, or None before its first task created the row."""
    from docharvest.store import repository

    job = repository.find_job(engine, job_id)
    if job is None:
        return None
    counts = repository.count_documents(engine, job_id)
    errors = repository.count_errors(engine, job_id)
    found = max(int(job.get("total_documents_found") or 0), sum(counts.values()) - counts.get("skipped", 0))
    return Snapshot(
        job_id=job_id,
        status=str(job["status"]),
        agent=job.get("current_agent"),
        step=job.get("current_step"),
        pages=int(job.get("pages_scraped") or 0),
        planned=int(job.get("total_pages") or 0),
        found=found,
        downloaded=sum(n for s, n in counts.items() if s in DOWNLOADED),
        read=sum(n for s, n in counts.items() if s in READ),
        errors=int(errors),
        started_at=_utc(job.get("started_at")),
        deadline=_utc(job.get("estimated_completion")),
    )


STARTING = "starting Airflow and the DAG run"
# Said when Airflow's own DB does not exist yet, so the first command's wait is not a mystery.
FIRST_START = "starting Airflow (first run on this machine: creating its database, ~20-30 s)"


class ProgressDisplay:
    """Polls a job's progress in a background thread and shows it on ``stream``."""

    def __init__(
        self,
        engine: sa.Engine,
        job_id: str,
        stream: TextIO,
        *,
        live: bool | None = None,
        starting: str = STARTING,
    ) -> None:
        self.engine = engine
        self.starting = starting
        self.job_id = job_id
        self.stream = stream
        self.live = stream.isatty() if live is None else live
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"progress-{job_id}", daemon=True)
        self.last: Snapshot | None = None

    def __enter__(self) -> ProgressDisplay:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _poll(self) -> Snapshot | None:
        # The DB may be migrated or locked for a moment: show the last snapshot meanwhile.
        with contextlib.suppress(sa.exc.SQLAlchemyError):
            self.last = read_snapshot(self.engine, self.job_id) or self.last
        return self.last

    def _run(self) -> None:
        if self.live:
            self._run_live()
        else:
            self._run_plain()

    def _run_plain(self) -> None:
        started = time.monotonic()
        while True:
            snap = self._poll()
            waited = _clock(time.monotonic() - started)
            text = snap.line() if snap else f"[{waited}] {self.job_id}: {self.starting}"
            self.stream.write(f"docharvest: {text}\n")
            self.stream.flush()
            if self._stop.wait(PLAIN_EVERY):
                break

    def _run_live(self) -> None:
        from rich.console import Console
        from rich.live import Live

        console = Console(file=self.stream, force_terminal=True)
        started = time.monotonic()
        with Live(console=console, refresh_per_second=4, transient=True) as live:
            while True:
                snap = self._poll()
                live.update(render_rich(snap, self.job_id, time.monotonic() - started, self.starting))
                if self._stop.wait(LIVE_EVERY):
                    break


def render_rich(snap: Snapshot | None, job_id: str, waited: float, starting: str = STARTING) -> Any:
    """The live panel: a spinner line plus a small table of counts."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.spinner import Spinner
    from rich.table import Table

    if snap is None:
        return Spinner("dots", text=f" {job_id}: {starting} ({waited:.0f} s)")
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    crawl = f"{snap.pages} crawled, {snap.queued} queued"
    if snap.planned:
        crawl += f" ({100 * snap.pages // max(1, snap.planned)}%)"
    table.add_row("pages", crawl)
    table.add_row("documents", f"{snap.found} found, {snap.downloaded} downloaded, {snap.read} read")
    table.add_row("errors", f"[red]{snap.errors}[/red]" if snap.errors else "0")
    timing = f"{_clock(snap.elapsed())} elapsed"
    if snap.deadline is not None:
        timing += f", deadline {snap.deadline.astimezone().strftime('%H:%M:%S')}"
    table.add_row("time", timing)
    head = Spinner("dots", text=f" {snap.agent or snap.status}: {snap.step or ''}")
    return Panel(Group(head, table), title=f"[b]{job_id}[/b] {snap.status}", expand=False)


def follow(engine: sa.Engine, job_id: str, stream: TextIO, *, live: bool | None = None) -> Snapshot | None:
    """Show a job's progress until it ends (``docharvest status JOB_ID --follow``); its last snapshot."""
    with ProgressDisplay(engine, job_id, stream, live=live):
        snap = read_snapshot(engine, job_id)
        while snap is not None and not snap.done:
            time.sleep(LIVE_EVERY)
            snap = read_snapshot(engine, job_id)
    if snap is not None:
        stream.write(f"docharvest: {snap.line()}\n")
    return snap
