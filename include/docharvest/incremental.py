"""Incremental re-crawls: what a scheduled source already has, and what changed since.

The ``url_state`` table remembers, per source and document URL, the validators the server
sent (ETag, Last-Modified), the sha256 of the bytes, the version number of those bytes,
the job that stored them and when the URL was first/last seen (or found gone).

A run of a source (a job whose ``jobs.source`` is set) then:

1. sends ``If-None-Match`` / ``If-Modified-Since`` for every known URL (:func:`conditional_headers`);
2. on ``304 Not Modified`` (or 200 with the same sha256), copies the earlier job's document row
   instead of downloading and extracting again: change ``unchanged`` (:func:`carry_over`);
3. otherwise stores the new bytes as change ``new`` or ``changed``, version + 1 (:func:`record_versions`);
4. marks URLs of the source that the (complete) crawl no longer found as ``removed`` (:func:`mark_removed`).

Each job's document rows carry ``change``, ``version`` and ``valid_from``, so the documents
dataset keeps the history: a version's ``valid_to`` is the next version's ``valid_from``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from docharvest.config import Settings
from docharvest.store import repository
from docharvest.store.db import get_engine

log = logging.getLogger(__name__)

NEW, CHANGED, UNCHANGED, REMOVED = "new", "changed", "unchanged", "removed"
CHANGES = (NEW, CHANGED, UNCHANGED, REMOVED)
# Document statuses whose extraction can be reused when the bytes did not change.
REUSABLE_STATUSES = ("extracted", "unreadable")
# Document columns an unchanged document takes over from the job that stored its bytes.
CARRIED_COLUMNS = (
    "name",
    "final_url",
    "aliases",
    "filename",
    "document_type",
    "content_type",
    "status",
    "confidence_score",
    "relevance_reason",
    "file_size_bytes",
    "sha256",
    "raw_path",
    "page_count",
    "text_length",
    "ocr_pages",
    "text_path",
    "etag",
    "last_modified",
    "error",
    "extracted_at",
)
# Crawl warnings meaning the crawl saw only part of the site: absence then proves nothing.
_PARTIAL_CRAWL_MARKERS = ("Crawl stopped at the job timeout", "Crawl reached max_pages", "frontier was full")


def set_job_source(settings: Settings, job_id: str, source: str) -> None:
    """Record that ``job_id`` is a run of ``source`` (called by the source DAGs' plan task)."""
    repository.update_job(get_engine(settings), job_id, source=source)
    log.info("job %s runs source %s", job_id, source)


def conditional_headers(state: Mapping[str, Any] | None) -> dict[str, str]:
    """If-None-Match / If-Modified-Since for a known, present URL; nothing for a new or removed one."""
    if not state or state.get("removed_at") is not None or not state.get("sha256"):
        return {}
    headers = {}
    if state.get("etag"):
        headers["If-None-Match"] = str(state["etag"])
    if state.get("last_modified"):
        headers["If-Modified-Since"] = str(state["last_modified"])
    return headers


def classify(state: Mapping[str, Any] | None, *, not_modified: bool, sha256: str | None) -> str:
    """new / changed / unchanged for a URL fetched in this run."""
    if not state or state.get("removed_at") is not None:
        return NEW
    if not_modified or (sha256 is not None and sha256 == state.get("sha256")):
        return UNCHANGED
    return CHANGED


def previous_document(engine: sa.Engine, state: Mapping[str, Any]) -> dict[str, Any] | None:
    """The document row of the job that stored the URL's current version, if still reusable."""
    if not state.get("job_id"):
        return None
    row = repository.get_document(engine, str(state["job_id"]), str(state["url"]))
    if row is None or row["status"] not in REUSABLE_STATUSES or row["sha256"] != state.get("sha256"):
        return None
    return row


def carry_over(
    job_id: str, url: str, previous: Mapping[str, Any], state: Mapping[str, Any]
) -> dict[str, Any]:
    """This job's row for an unchanged document: the earlier extraction, no download, no parsing."""
    row = {column: previous.get(column) for column in CARRIED_COLUMNS}
    row.update(
        job_id=job_id,
        url=url,
        change=UNCHANGED,
        version=int(state.get("version") or 1),
        valid_from=state.get("changed_at") or state.get("first_seen"),
    )
    return row


def record_versions(
    engine: sa.Engine,
    source: str,
    job_id: str,
    fetched: Sequence[Mapping[str, Any]],
    states: Mapping[str, Mapping[str, Any]],
) -> None:
    """Upsert url_state for the URLs fetched in this job.

    ``fetched`` rows have ``url``, ``change``, ``sha256``, ``etag``, ``last_modified``. A new or
    changed URL gets version + 1 and this job as its keeper; an unchanged one only ``last_seen``.
    Idempotent: a retried download batch finds its own job as keeper and keeps the version.
    """
    now = datetime.now(UTC)
    rows = []
    for item in fetched:
        state = states.get(item["url"])
        if item["change"] == UNCHANGED and state is not None:
            rows.append(
                {
                    **_state_key(source, item["url"]),
                    "first_seen": state["first_seen"],
                    "last_seen": now,
                    "removed_at": None,
                    # A 304 may carry fresher validators; keep the old ones when it does not.
                    "etag": item.get("etag") or state.get("etag"),
                    "last_modified": item.get("last_modified") or state.get("last_modified"),
                    "sha256": state.get("sha256"),
                    "version": int(state.get("version") or 1),
                    "job_id": state.get("job_id"),
                    "changed_at": state.get("changed_at") or state["first_seen"],
                }
            )
            continue
        retried = state is not None and state.get("job_id") == job_id
        version = int(state.get("version") or 0) if state else 0
        rows.append(
            {
                **_state_key(source, item["url"]),
                "first_seen": state["first_seen"] if state else now,
                "last_seen": now,
                "removed_at": None,
                "etag": item.get("etag"),
                "last_modified": item.get("last_modified"),
                "sha256": item.get("sha256"),
                "version": version if retried else version + 1,
                "job_id": job_id,
                "changed_at": state["changed_at"] if retried and state else now,
            }
        )
    repository.upsert_url_states(engine, rows)


def version_fields(
    state: Mapping[str, Any] | None, change: str, job_id: str, now: datetime
) -> dict[str, Any]:
    """change/version/valid_from of a document row that this job fetched (new or changed)."""
    if state is not None and state.get("job_id") == job_id:  # a retry: same version as before
        return {
            "change": change,
            "version": int(state.get("version") or 1),
            "valid_from": state.get("changed_at"),
        }
    version = int(state.get("version") or 0) + 1 if state else 1
    return {"change": change, "version": version, "valid_from": now}


def crawl_was_complete(warnings: Iterable[str], navigator_transient_errors: int) -> bool:
    """Whether the crawl saw the whole site, so a document it did not find is really gone."""
    if navigator_transient_errors:
        return False
    return not any(marker in w for w in warnings for marker in _PARTIAL_CRAWL_MARKERS)


def mark_removed(engine: sa.Engine, source: str, job_id: str, seen_urls: Iterable[str]) -> list[str]:
    """Mark the source's present URLs that this job did not find as removed; return them.

    Each gets a document row in this job (status and change ``removed``) so the documents
    dataset says when it disappeared. Idempotent: a retried discover finds the same URLs.
    """
    seen = set(seen_urls)
    gone = [
        r for r in repository.present_url_states(engine, source, or_removed_by=job_id) if r["url"] not in seen
    ]
    # A retry sees rows it already removed (job_id == this job is only set on removal below).
    gone = [g for g in gone if g["removed_at"] is None or g["job_id"] == job_id]
    if not gone:
        return []
    now = datetime.now(UTC)
    fresh = [g["url"] for g in gone if g["removed_at"] is None]
    repository.mark_url_states_removed(engine, source, fresh, job_id=job_id, at=now)
    repository.upsert_documents(
        engine,
        [
            {
                "job_id": job_id,
                "url": g["url"],
                "status": REMOVED,
                "change": REMOVED,
                "sha256": g["sha256"],
                "version": int(g.get("version") or 1),
                "valid_from": g["removed_at"] or now,
            }
            for g in gone
        ],
    )
    log.info("source %s: %d document(s) gone since the last run (job %s)", source, len(gone), job_id)
    return [g["url"] for g in gone]


def change_counts(engine: sa.Engine, job_id: str) -> dict[str, int]:
    """new / changed / unchanged / removed documents of one job (zeros for a one-off job)."""
    counts = repository.count_changes(engine, job_id)
    return {change: counts.get(change, 0) for change in CHANGES}


def _state_key(source: str, url: str) -> dict[str, str]:
    return {"source": source, "url": url}


class IncrementalBatch:
    """One download batch of a scheduled source: conditional requests, reuse, versions.

    ``conditional`` goes to the downloader; :meth:`row` turns each outcome's document row into
    an incremental one (an unchanged document takes the earlier extraction over); :meth:`save`
    records the URLs' new state once the rows are written.
    """

    def __init__(self, engine: sa.Engine, job_id: str, source: str, urls: Sequence[str]) -> None:
        self.engine = engine
        self.job_id = job_id
        self.source = source
        self.states = repository.load_url_states(engine, self.source, urls)
        self.conditional = {u: h for u, s in self.states.items() if (h := conditional_headers(s))}
        self.previous: dict[str, dict[str, Any]] = {}
        self.fetched: list[dict[str, Any]] = []
        self.now = datetime.now(UTC)

    def needs_full_download(self, outcomes: Sequence[Any]) -> list[int]:
        """Indexes of 304 answers whose earlier row is gone: those must be fetched in full."""
        again = []
        for i, outcome in enumerate(outcomes):
            if outcome.status != "not_modified":
                continue
            previous = previous_document(self.engine, self.states[outcome.url])
            if previous is None:
                again.append(i)
            else:
                self.previous[outcome.url] = previous
        return again

    def row(self, outcome: Any, row: dict[str, Any]) -> dict[str, Any]:
        if outcome.status not in ("downloaded", "not_modified"):
            return row
        state = self.states.get(outcome.url)
        change = classify(state, not_modified=outcome.status == "not_modified", sha256=outcome.sha256)
        self.fetched.append(
            {
                "url": outcome.url,
                "change": change,
                "sha256": outcome.sha256,
                "etag": outcome.etag,
                "last_modified": outcome.last_modified,
            }
        )
        if change == UNCHANGED and state is not None:
            previous = self.previous.get(outcome.url) or previous_document(self.engine, state)
            if previous is not None:  # reuse the earlier extraction: no download, no parsing
                return carry_over(self.job_id, outcome.url, previous, state)
        return {**row, **version_fields(state, change, self.job_id, self.now)}

    def save(self) -> None:
        record_versions(self.engine, self.source, self.job_id, self.fetched, self.states)
