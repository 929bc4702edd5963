"""UTC timestamps as the store hands them back and as the seeds write them.

Every stored datetime is UTC; SQLite returns them naive. ``as_utc`` makes them aware,
``iso`` writes them the seeds' way (ISO 8601, ``Z``). Both the steps that write jobs and
the views that read them use these, so they live below both.
"""

from __future__ import annotations

from datetime import UTC, datetime


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every stored datetime is UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def iso(value: datetime | None) -> str | None:
    """ISO 8601 with a ``Z`` suffix, as the seeds write timestamps."""
    if value is None:
        return None
    if value.tzinfo is not None:  # naive values (SQLite) are UTC already
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="milliseconds" if value.microsecond else "seconds") + "Z"
