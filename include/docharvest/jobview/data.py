"""Everything the job page shows, read once from the metadata DB and the job's work area."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from docharvest.config import Settings
from docharvest.jobrecord import LISTED_STATUS, ReturnRule
from docharvest.store import repository
from docharvest.store.knowledge_items import list_knowledge_items
from docharvest.store.result_rows import list_result_rows
from docharvest.views.scrape import returned_documents
from docharvest.views.timeline import read_timeline

ACTIVE = {"pending", "in_progress"}


@dataclass
class JobView:
    job: dict[str, Any]
    documents: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[tuple[float, int]] = field(default_factory=list)
    datasets_dir: str = ""
    # Ids of the documents the job returns, best first (``views.scrape.returned_documents``).
    returned_ids: list[str] = field(default_factory=list)

    @property
    def job_id(self) -> str:
        return str(self.job["job_id"])

    @property
    def kind(self) -> str:
        return str(self.job.get("kind") or "scrape")

    @property
    def active(self) -> bool:
        return str(self.job["status"]) in ACTIVE

    @property
    def rule(self) -> ReturnRule:
        return ReturnRule.of(self.job)

    @property
    def threshold(self) -> float:
        return self.rule.min_confidence

    @property
    def listed(self) -> list[dict[str, Any]]:
        """The documents the job reports: read, at or above its confidence threshold, best first."""
        by_id = {d["id"]: d for d in self.documents}
        return [by_id[i] for i in self.returned_ids if i in by_id]

    def scored_confidences(self) -> list[float]:
        """Final confidence of every document that was read (the histogram's data)."""
        return [float(d["confidence_score"]) for d in self.documents if d["status"] == LISTED_STATUS]

    def by_type(self) -> dict[str, int]:
        return dict(Counter((d.get("document_type") or "unknown") for d in self.documents).most_common())

    def by_status(self) -> dict[str, int]:
        return dict(Counter(d["status"] for d in self.documents).most_common())

    def errors_by_agent(self) -> dict[str, int]:
        return dict(Counter(e["agent_name"] for e in self.errors).most_common())

    def pages_per_second(self) -> list[tuple[float, float]]:
        """(seconds into the crawl, pages/s over the interval ending there) from the timeline."""
        rates = []
        for (t0, p0), (t1, p1) in zip(self.timeline, self.timeline[1:], strict=False):
            if t1 > t0:
                rates.append((t1, (p1 - p0) / (t1 - t0)))
        return rates

    def elapsed_seconds(self) -> float | None:
        if self.job.get("total_runtime_seconds") is not None:
            return float(self.job["total_runtime_seconds"])
        started = self.job.get("started_at")
        if started is None:
            return None
        started = started.replace(tzinfo=UTC) if started.tzinfo is None else started
        return (datetime.now(UTC) - started).total_seconds()


def load_job_view(engine: sa.Engine, settings: Settings, job_id: str) -> JobView:
    """The job's page data (``JobNotFoundError`` if there is no such job)."""
    job = repository.get_job(engine, job_id)
    view = JobView(
        job=job,
        documents=repository.list_documents(engine, job_id),
        errors=repository.list_errors(engine, job_id),
        warnings=repository.list_warnings(engine, job_id),
        timeline=read_timeline(settings.work_dir(job_id)),
        datasets_dir=settings.datasets_url or str(settings.datasets_dir.resolve()),
        returned_ids=[d["id"] for d in returned_documents(engine, job, columns=("id",))],
    )
    if view.kind == "extract":
        view.rows = list_result_rows(engine, job_id)
    elif view.kind == "knowledge":
        view.items = list_knowledge_items(engine, job_id)
    return view
