"""The ``webhook_deliveries`` table: the webhook queue (one row per job and event, leased per attempt)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from docharvest.store.rows import Row, insert_ignore
from docharvest.store.tables import jobs, webhook_deliveries

_d = webhook_deliveries.c


def jobs_with_webhooks(engine: sa.Engine, *, ended_since: datetime) -> list[Row]:
    """Jobs with a webhook URL that are running or ended at or after ``ended_since``."""
    query = sa.select(jobs).where(
        jobs.c.webhook_url.is_not(None),
        sa.or_(jobs.c.completed_at.is_(None), jobs.c.completed_at >= ended_since),
    )
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def queued_events(engine: sa.Engine, job_ids: Iterable[str]) -> set[tuple[str, str]]:
    """(job id, event) of every delivery already queued for these jobs."""
    query = sa.select(_d.job_id, _d.event).where(_d.job_id.in_(list(job_ids)))
    with engine.connect() as conn:
        return {(str(r.job_id), str(r.event)) for r in conn.execute(query)}


def queue_delivery(engine: sa.Engine, values: Mapping[str, Any]) -> None:
    """Queue one delivery unless its id is queued already."""
    insert_ignore(engine, webhook_deliveries, values, "id")


def due_deliveries(engine: sa.Engine, now: datetime, *, max_attempts: int, limit: int) -> list[Row]:
    """Undelivered deliveries with attempts left whose time has come and that nobody holds, oldest first."""
    query = (
        sa.select(_d.id, _d.job_id, _d.event, _d.url, _d.attempts)
        .where(
            _d.delivered_at.is_(None),
            _d.attempts < max_attempts,
            sa.or_(_d.next_attempt_at.is_(None), _d.next_attempt_at <= now),  # NULL: queued before 0004
            sa.or_(_d.lease_until.is_(None), _d.lease_until < now),
        )
        .order_by(_d.created_at, _d.id)  # oldest first keeps a job's events in order
        .limit(limit)
    )
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def lease_delivery(
    engine: sa.Engine, delivery_id: str, *, attempts: int, now: datetime, until: datetime
) -> bool:
    """Hold the delivery until ``until``, if it still has ``attempts`` and nobody holds it; True if taken.

    ``attempts`` unchanged since it was read: otherwise another dispatcher attempted it in between
    (delivered, or backing off) and released its lease, and it would be sent again.
    """
    with engine.begin() as conn:
        taken = conn.execute(
            sa.update(webhook_deliveries)
            .where(
                _d.id == delivery_id,
                _d.attempts == attempts,
                sa.or_(_d.lease_until.is_(None), _d.lease_until < now),
            )
            .values(lease_until=until)
        ).rowcount
    return taken == 1


def update_delivery(engine: sa.Engine, delivery_id: str, values: Mapping[str, Any]) -> None:
    with engine.begin() as conn:
        conn.execute(sa.update(webhook_deliveries).where(_d.id == delivery_id).values(**values))
