"""The webhook delivery queue (``webhook_deliveries``) and the jobs it is filled from.

A delivery is claimed once per (job, event) (its id is a fingerprint of both), attempted
under a short lease so two dispatchers never send it twice, and updated with each
attempt's outcome. ``api.webhooks`` decides what is due and sends it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from docharvest.store.tables import jobs, webhook_deliveries


def jobs_with_webhooks(
    engine: sa.Engine, since: datetime
) -> tuple[list[dict[str, Any]], set[tuple[str, str]]]:
    """Jobs with a webhook URL, running or ended since ``since``; and their (job, event) already queued."""
    query = sa.select(jobs).where(
        jobs.c.webhook_url.is_not(None),
        sa.or_(jobs.c.completed_at.is_(None), jobs.c.completed_at >= since),
    )
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
        if not rows:
            return [], set()
        queued = {
            (r.job_id, r.event)
            for r in conn.execute(
                sa.select(webhook_deliveries.c.job_id, webhook_deliveries.c.event).where(
                    webhook_deliveries.c.job_id.in_([r["job_id"] for r in rows])
                )
            )
        }
    return rows, queued


def queue_delivery(engine: sa.Engine, values: Mapping[str, Any]) -> None:
    """Insert the delivery unless its id is queued already."""
    insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
    with engine.begin() as conn:
        conn.execute(
            insert(webhook_deliveries).values(**values).on_conflict_do_nothing(index_elements=["id"])
        )


def due_deliveries(engine: sa.Engine, now: datetime, *, max_attempts: int, limit: int) -> list[sa.Row[Any]]:
    """Undelivered deliveries with attempts left whose time has come and that nobody holds, oldest first.

    Rows of (id, job_id, event, url, attempts).
    """
    d = webhook_deliveries.c
    query = (
        sa.select(d.id, d.job_id, d.event, d.url, d.attempts)
        .where(
            d.delivered_at.is_(None),
            d.attempts < max_attempts,
            sa.or_(d.next_attempt_at.is_(None), d.next_attempt_at <= now),  # NULL: queued before 0004
            sa.or_(d.lease_until.is_(None), d.lease_until < now),
        )
        .order_by(d.created_at, d.id)  # oldest first keeps a job's events in order
        .limit(limit)
    )
    with engine.connect() as conn:
        return list(conn.execute(query))


def lease_delivery(
    engine: sa.Engine, delivery_id: str, *, attempts: int, now: datetime, until: datetime
) -> bool:
    """Take the delivery until ``until``; False if another dispatcher holds or already tried it."""
    d = webhook_deliveries.c
    with engine.begin() as conn:
        taken = conn.execute(
            sa.update(webhook_deliveries)
            .where(
                d.id == delivery_id,
                # Unchanged since it was read as due: otherwise another dispatcher attempted it
                # in between (delivered, or backing off) and released its lease, and we
                # would send it again.
                d.attempts == attempts,
                sa.or_(d.lease_until.is_(None), d.lease_until < now),
            )
            .values(lease_until=until)
        ).rowcount
    return bool(taken == 1)


def record_attempt(engine: sa.Engine, delivery_id: str, values: Mapping[str, Any]) -> None:
    """Write an attempt's outcome (attempts, status, error, next time or delivered_at, lease released)."""
    with engine.begin() as conn:
        conn.execute(
            sa.update(webhook_deliveries).where(webhook_deliveries.c.id == delivery_id).values(**values)
        )
