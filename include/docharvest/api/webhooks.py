"""Webhooks: signed POSTs to a job's ``webhook_url`` on started/completed/failed/cancelled.

Job steps run in Airflow workers, so events are found by watching the job rows: a
dispatcher thread (one per API process) scans jobs that have a ``webhook_url`` and queues
each due event once. The ``webhook_deliveries`` table is the queue, so a delivery
outlives the process that queued it:

- An event is *claimed* by inserting its row (id = fingerprint of job and event; insert
  or nothing), so of several API processes exactly one queues it.
- Every round, any dispatcher picks undelivered rows that are due (``next_attempt_at``)
  and not leased. Before a POST it takes the row's lease (``lease_until``) with a
  conditional UPDATE, so one process at a time attempts a delivery (the lease outlasts
  an attempt); after the POST it records the outcome and releases the lease.
- A failure is retried with exponential back-off up to ``webhook_max_attempts``. The
  row records the latest attempt (count, status code, error); a delivery that gave up
  keeps its row with the last error and is not picked again.

Delivery is *at least once*: if a process dies after the receiver got a POST but before
the outcome was recorded, the delivery is attempted again once the lease expires.
Receivers dedupe on the ``X-DocHarvest-Delivery`` header (the payload's ``id``), which is
the same for every attempt of one job's event.

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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
import sqlalchemy as sa

from docharvest import __version__
from docharvest.config import Settings
from docharvest.models import JobStatus
from docharvest.store import webhook_deliveries as queue
from docharvest.store.repository import find_job, fingerprint, utcnow
from docharvest.timestamps import iso

log = logging.getLogger(__name__)

STARTED, COMPLETED, FAILED, CANCELLED = "started", "completed", "failed", "cancelled"
TERMINAL_EVENTS = {JobStatus.completed: COMPLETED, JobStatus.failed: FAILED, JobStatus.cancelled: CANCELLED}
SIGNATURE_HEADER = "X-DocHarvest-Signature"
# Jobs that ended longer ago than this are no longer scanned for due events.
SCAN_WINDOW = timedelta(days=1)
HTTP_TIMEOUT_SECONDS = 10
# How long a dispatcher holds a delivery it is attempting. It must outlast one attempt
# (the default client's timeout applies per connect/read/write), or a second process
# would send the same delivery while the first is still waiting for the receiver.
LEASE = timedelta(seconds=60)
# Deliveries attempted per round at most; the rest wait for the next round.
ROUND_LIMIT = 100


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


Clock = Callable[[], datetime]


@dataclass(frozen=True)
class _Delivery:
    """A queued delivery as read from its row; ``attempts`` = attempts made before this one."""

    delivery_id: str
    job_id: str
    event: str
    url: str
    attempts: int


class WebhookDispatcher:
    """Claims due events into the delivery queue, delivers what is due, retries with back-off."""

    def __init__(self, settings: Settings, engine: sa.Engine, http: httpx.Client | None = None) -> None:
        self.settings = settings
        self.api = settings.api
        self.engine = engine
        self.http = http or httpx.Client(timeout=HTTP_TIMEOUT_SECONDS, follow_redirects=False)
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

    def run_once(self, now: datetime | None = None) -> int:
        """Claim newly due events, then attempt every queued delivery that is due; return attempts made.

        ``now`` (timezone-aware) is what the wall clock reads as the round starts; tests pass
        a later time to jump past a back-off or a lease.
        """
        clock = _round_clock(now)
        self._claim_new(clock)
        attempted = 0
        for delivery in self._due(clock()):
            if self._lease(delivery, clock()):
                self._attempt(delivery, clock)
                attempted += 1
        return attempted

    def _claim_new(self, clock: Clock) -> None:
        rows = queue.jobs_with_webhooks(self.engine, ended_since=clock() - SCAN_WINDOW)
        if not rows:
            return
        sent = queue.queued_events(self.engine, [r["job_id"] for r in rows])
        for job in rows:
            for event in due_events(job):
                if (job["job_id"], event) not in sent:
                    self._claim(job, event, clock())

    def _claim(self, job: dict[str, Any], event: str, now: datetime) -> None:
        # ``now`` is read per claim: created_at orders a job's events (started before completed).
        values = {
            "id": fingerprint(job["job_id"], event, prefix="whd_"),
            "job_id": job["job_id"],
            "event": event,
            "url": job["webhook_url"],
            "attempts": 0,
            "created_at": now,
            "next_attempt_at": now,
        }
        queue.queue_delivery(self.engine, values)

    def _due(self, now: datetime) -> list[_Delivery]:
        """Undelivered deliveries with attempts left whose time has come and that nobody holds."""
        rows = queue.due_deliveries(
            self.engine, now, max_attempts=self.api.webhook_max_attempts, limit=ROUND_LIMIT
        )
        return [_Delivery(r["id"], r["job_id"], r["event"], r["url"], r["attempts"]) for r in rows]

    def _lease(self, delivery: _Delivery, now: datetime) -> bool:
        """Take the delivery for one attempt; False if another dispatcher holds or already tried it."""
        return queue.lease_delivery(
            self.engine, delivery.delivery_id, attempts=delivery.attempts, now=now, until=now + LEASE
        )

    def _attempt(self, delivery: _Delivery, clock: Clock) -> None:
        """POST a leased delivery, record the outcome and release the lease."""
        job = self._job(delivery.job_id)
        # A vanished job is a failed attempt like any other (retried, then given up).
        status_code, error = self._post(delivery, job) if job else (None, "job no longer exists")
        attempts = delivery.attempts + 1
        values: dict[str, Any] = {
            "attempts": attempts,
            "status_code": status_code,
            "error": error,
            "lease_until": None,
        }
        now = clock()  # after the POST: the back-off counts from the end of this attempt
        delivered = status_code is not None and 200 <= status_code < 300
        gave_up = not delivered and attempts >= self.api.webhook_max_attempts
        if delivered:
            values["delivered_at"] = now
        elif not gave_up:
            backoff = self.api.webhook_backoff_seconds * 2 ** (attempts - 1)
            values["next_attempt_at"] = now + timedelta(seconds=backoff)
        queue.update_delivery(self.engine, delivery.delivery_id, values)
        if gave_up:
            log.warning(
                "webhook %s for job %s gave up after %d attempts: %s",
                delivery.event,
                delivery.job_id,
                attempts,
                error,
            )

    def _job(self, job_id: str) -> dict[str, Any] | None:
        return find_job(self.engine, job_id)

    def _post(self, delivery: _Delivery, job: dict[str, Any]) -> tuple[int | None, str | None]:
        if not self.settings.allow_private_networks:
            reason = blocked_target(delivery.url)
            if reason:
                return None, f"refused: {reason}"
        assert self.api.webhook_secret is not None
        body = json.dumps(event_payload(job, delivery.event, delivery.delivery_id)).encode()
        headers = {
            "Content-Type": "application/json",
            "User-Agent": f"DocHarvest-Webhooks/{__version__}",
            "X-DocHarvest-Event": f"job.{delivery.event}",
            "X-DocHarvest-Delivery": delivery.delivery_id,
            SIGNATURE_HEADER: sign(self.api.webhook_secret.get_secret_value(), int(time.time()), body),
        }
        try:
            response = self.http.post(delivery.url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            return None, f"{type(exc).__name__}: {exc}"[:500]
        if 200 <= response.status_code < 300:
            return response.status_code, None
        return response.status_code, f"HTTP {response.status_code}"


def _round_clock(now: datetime | None) -> Clock:
    """The wall clock for one round, shifted so that it reads ``now`` as the round starts.

    Leases and back-offs are taken from this clock at the moment they start, not from the
    round's start: a round of many slow attempts must not hand out leases already expired.
    """
    if now is None:
        return utcnow
    skew = now - utcnow()  # TypeError for a naive ``now``: its zone would be a guess
    return lambda: utcnow() + skew
