"""The ``url_state`` table: per scheduled source and document URL, what the last runs saw."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from docharvest.store.rows import CHUNK, Row, upsert
from docharvest.store.tables import url_state


def load_url_states(engine: sa.Engine, source: str, urls: Iterable[str]) -> dict[str, Row]:
    """The url_state rows of ``source`` for ``urls``, by url (unknown URLs are absent)."""
    wanted = list(dict.fromkeys(urls))
    states: dict[str, Row] = {}
    with engine.connect() as conn:
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            query = sa.select(url_state).where(url_state.c.source == source, url_state.c.url.in_(chunk))
            states.update((row["url"], dict(row)) for row in conn.execute(query).mappings())
    return states


def upsert_url_states(engine: sa.Engine, rows: Sequence[Mapping[str, Any]]) -> None:
    upsert(engine, url_state, rows, keys=["source", "url"])


def present_url_states(engine: sa.Engine, source: str, *, or_removed_by: str) -> list[Row]:
    """The source's URLs not marked removed, plus those that job ``or_removed_by`` marked removed."""
    query = sa.select(url_state).where(
        url_state.c.source == source,
        sa.or_(url_state.c.removed_at.is_(None), url_state.c.job_id == or_removed_by),
    )
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def mark_url_states_removed(
    engine: sa.Engine, source: str, urls: Sequence[str], *, job_id: str, at: datetime
) -> None:
    """Mark the source's ``urls`` removed at ``at`` by ``job_id``."""
    with engine.begin() as conn:
        for start in range(0, len(urls), CHUNK):
            conn.execute(
                sa.update(url_state)
                .where(url_state.c.source == source, url_state.c.url.in_(urls[start : start + CHUNK]))
                .values(removed_at=at, job_id=job_id)
            )
