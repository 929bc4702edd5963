"""Webhooks: signed POSTs to a job's ``webhook_url`` on started/completed/failed/cancelled.

Job steps run in Airflow workers, so events are found by watching the job rows: a
dispatcher thread (one per API process) scans jobs that have a ``webhook_url`` and sends
each due event once. A delivery is *claimed* by inserting its ``webhook_deliveries`` row
(id = fingerprint of job and event), so several API processes never send the same event
twice. Failed attempts are retried with exponential back-off up to
``webhook_max_attempts``; every attempt's outcome is recorded on the row.

Signature (verify before trusting a delivery)::

    X-DocHarvest-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, f"{t}.{raw body}")>
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import logging
import socket
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from docharvest import __version__
from docharvest.config import Settings
from docharvest.models import JobStatus
from docharvest.pipeline.common import iso
from docharvest.store.repository import fingerprint, utcnow
from docharvest.store.tables import jobs, webhook_deliveries

log = logging.getLogger(__name__)

STARTED, COMPLETED, FAILED, CANCELLED = "started", "completed", "failed", "cancelled"
TERMINAL_EVENTS = {JobStatus.completed: COMPLETED, JobStatus.failed: FAILED, JobStatus.cancelled: CANCELLED}
SIGNATURE_HEADER = "X-DocHarvest-Signature"
# Jobs that ended longer ago than this are no longer scanned for due events.
SCAN_WINDOW = timedelta(days=1)


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The signature header value for ``body`` sent at ``timestamp``."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def verify(secret: str, header: str, body: bytes, tolerance_seconds: int = 300) -> bool:
    """Check a signature header (what a receiver does); rejects stale timestamps."""
    try:
        parts = dict(p.split("=", 1) for p in header.split(","))
        timestamp = int(parts["t"])
    except (ValueError, KeyError):
        return False
    if abs(time.time() - timestamp) > tolerance_seconds:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), header)


def due_events(job: dict[str, Any]) -> list[str]:
    """Events a job has reached, in order."""
    status = JobStatus(job["status"])
    events = [STARTED] if (job.get("started_at") or status != JobStatus.pending) else []
    if status in TERMINAL_EVENTS:
        events.append(TERMINAL_EVENTS[status])
    return events


def event_payload(job: dict[str, Any], event: str, delivery_id: str) -> dict[str, Any]:
    return {
        "id": delivery_id,
        "event": f"job.{event}",
        "created_at": iso(utcnow()),
        "job": {
            "job_id": job["job_id"],
            "kind": job["kind"],
            "status": job["status"],
            "message": job.get("message"),
            "error": job.get("error"),
            "created_at": iso(job.get("created_at")),
            "started_at": iso(job.get("started_at")),
            "completed_at": iso(job.get("completed_at")),
        },
    }


def blocked_target(url: str) -> str | None:
    """Why a webhook URL may not be called from here (private/loopback target), or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "only http(s) URLs with a host"
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except OSError as exc:
        return f"host does not resolve ({exc})"
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            return f"{parts.hostname} resolves to non-public address {address}"
    return None


@dataclass
class _Pending:
    delivery_id: str
    job_id: str
    event: str
    url: str
    attempts: int
    due_at: float


class WebhookDispatcher:
    """Finds due events, claims and delivers them, retries failures with back-off."""

    def __init__(self, settings: Settings, engine: sa.Engine, http: httpx.Client | None = None) -> None:
        self.settings = settings
        self.api = settings.api
        self.engine = engine
        self.http = http or httpx.Client(timeout=10, follow_redirects=False)
        self._pending: list[_Pending] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    # -- lifecycle --------------------------------------------------------------

    def ensure_started(self) -> None:
        """Start the background thread once (idempotent, cheap to call per request)."""
        if self._thread is not None or self.api.webhook_secret is None:
            return
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="docharvest-webhooks", daemon=True)
                self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
            except Exception:  # the loop must survive a DB hiccup
                log.exception("webhook dispatch round failed")
            self._stop.wait(self.api.webhook_poll_seconds)

    # -- one round ---------------------------------------------------------------

    def run_once(self, now: float | None = None) -> int:
        """Claim newly due events, then attempt every delivery that is due; return attempts made."""
        self._claim_new()
        now = time.monotonic() if now is None else now
        due = [p for p in self._pending if p.due_at <= now]
        for pending in due:
            self._attempt(pending)
        return len(due)

    def _claim_new(self) -> None:
        since = utcnow() - SCAN_WINDOW
        query = sa.select(jobs).where(
            jobs.c.webhook_url.is_not(None),
            sa.or_(jobs.c.completed_at.is_(None), jobs.c.completed_at >= since),
        )
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(query).mappings()]
            if not rows:
                return
            sent = {
                (r.job_id, r.event)
                for r in conn.execute(
                    sa.select(webhook_deliveries.c.job_id, webhook_deliveries.c.event).where(
                        webhook_deliveries.c.job_id.in_([r["job_id"] for r in rows])
                    )
                )
            }
        for job in rows:
            for event in due_events(job):
                if (job["job_id"], event) not in sent:
                    self._claim(job, event)

    def _claim(self, job: dict[str, Any], event: str) -> None:
        delivery_id = fingerprint(job["job_id"], event, prefix="whd_")
        values = {
            "id": delivery_id,
            "job_id": job["job_id"],
            "event": event,
            "url": job["webhook_url"],
            "attempts": 0,
            "created_at": utcnow(),
        }
        insert = postgresql.insert if self.engine.dialect.name == "postgresql" else sqlite.insert
        with self.engine.begin() as conn:
            claimed = conn.execute(
                insert(webhook_deliveries).values(**values).on_conflict_do_nothing(index_elements=["id"])
            ).rowcount
        if claimed:
            self._pending.append(_Pending(delivery_id, job["job_id"], event, job["webhook_url"], 0, 0.0))

    def _attempt(self, pending: _Pending) -> None:
        job = self._job(pending.job_id)
        pending.attempts += 1
        status_code, error = self._post(pending, job) if job else (None, "job no longer exists")
        delivered = status_code is not None and 200 <= status_code < 300
        values: dict[str, Any] = {"attempts": pending.attempts, "status_code": status_code, "error": error}
        if delivered:
            values["delivered_at"] = utcnow()
        with self.engine.begin() as conn:
            conn.execute(
                sa.update(webhook_deliveries)
                .where(webhook_deliveries.c.id == pending.delivery_id)
                .values(**values)
            )
        if delivered or job is None or pending.attempts >= self.api.webhook_max_attempts:
            self._pending.remove(pending)
            if not delivered:
                log.warning(
                    "webhook %s for job %s gave up after %d attempts: %s",
                    pending.event,
                    pending.job_id,
                    pending.attempts,
                    error,
                )
            return
        pending.due_at = time.monotonic() + self.api.webhook_backoff_seconds * 2 ** (pending.attempts - 1)

    def _job(self, job_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(jobs).where(jobs.c.job_id == job_id)).mappings().first()
        return dict(row) if row else None

    def _post(self, pending: _Pending, job: dict[str, Any]) -> tuple[int | None, str | None]:
        if not self.settings.allow_private_networks:
            reason = blocked_target(pending.url)
            if reason:
                return None, f"refused: {reason}"
        assert self.api.webhook_secret is not None
        body = json.dumps(event_payload(job, pending.event, pending.delivery_id)).encode()
        headers = {
            "Content-Type": "application/json",
            "User-Agent": f"DocHarvest-Webhooks/{__version__}",
            "X-DocHarvest-Event": f"job.{pending.event}",
            "X-DocHarvest-Delivery": pending.delivery_id,
            SIGNATURE_HEADER: sign(self.api.webhook_secret.get_secret_value(), int(time.time()), body),
        }
        try:
            response = self.http.post(pending.url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            return None, f"{type(exc).__name__}: {exc}"[:500]
        if 200 <= response.status_code < 300:
            return response.status_code, None
        return response.status_code, f"HTTP {response.status_code}"
