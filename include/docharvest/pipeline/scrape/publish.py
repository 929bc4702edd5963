"""The scrape job's last steps: ``validate`` (row consistency) and ``publish`` (totals, cost, Parquet).

``publish`` merges documents whose bytes are the same, computes the seed's totals and the
cost estimate (formula in ``config.CostSettings``), ends the job and writes its datasets.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from docharvest.config import Settings
from docharvest.jobrecord import JobRecord
from docharvest.models import Agent
from docharvest.pipeline.common import complete_job, cpu_meter, read_json, total_cpu_seconds
from docharvest.pipeline.scrape.base import (
    DOWNLOAD_DONE,
    DOWNLOADED,
    DUPLICATE,
    EXTRACTED,
    REMOVED,
    SKIPPED,
    UNREADABLE,
    job_intent,
)
from docharvest.store import repository
from docharvest.store.datasets import write_partition
from docharvest.store.db import get_engine
from docharvest.timestamps import as_utc
from docharvest.views.datasets import scrape_dataset_rows
from docharvest.views.scrape import count_returned

log = logging.getLogger(__name__)


def validate(settings: Settings, job_id: str) -> str:
    """Check the job's document rows are consistent before publishing; problems become warnings."""
    engine = get_engine(settings)
    repository.start_agent(engine, job_id, Agent.validator, "Validating results")
    from docharvest.relevance import rank_editions  # "the X": older editions rank below the newest

    repository.update_documents(
        engine, job_id, rank_editions(job_intent(settings, job_id), repository.list_documents(engine, job_id))
    )
    problems = []
    for doc in repository.list_documents(engine, job_id):
        score = doc["confidence_score"]
        if score is not None and not 0.0 <= score <= 1.0:
            problems.append(f"{doc['url']}: confidence_score {score} outside 0..1")
        if doc["status"] == EXTRACTED and not (doc["sha256"] and doc["page_count"]):
            problems.append(f"{doc['url']}: extracted without sha256 or pages")
    for problem in problems:
        repository.record_warning(engine, job_id, f"Validation: {problem}")
    repository.finish_agent(engine, job_id, Agent.validator)
    # Downloads and extraction are done once validation runs (mapped tasks finished).
    repository.finish_agent(engine, job_id, Agent.scraper)
    repository.finish_agent(engine, job_id, Agent.extractor)
    return job_id


def publish(settings: Settings, job_id: str) -> str:
    """Merge duplicate bytes, compute the job's totals, write Parquet, mark the job completed."""
    engine = get_engine(settings)
    repository.start_agent(engine, job_id, Agent.publisher, "Publishing results")
    with cpu_meter(settings, job_id, "publish"):
        merge_duplicates(engine, job_id)
        job = repository.get_job_record(engine, job_id)
        totals = _totals(settings, engine, job, _model_cost_usd(settings, job_id))
        returned = totals.pop("returned")
        complete_job(engine, job, f"Job completed successfully. Found {returned} document(s).", totals)
        started = as_utc(job.started_at) or datetime.now(UTC)
        repository.finish_agent(engine, job_id, Agent.publisher)
        for dataset, rows in scrape_dataset_rows(engine, job_id).items():
            write_partition(settings.datasets_location, dataset, rows, job_id=job_id, job_date=started.date())
    log.info("job %s published: %s", job_id, {**totals, "returned": returned})
    return job_id


def _model_cost_usd(settings: Settings, job_id: str) -> float:
    folder = settings.work_dir(job_id) / "usage"
    return (
        sum(float(read_json(p).get("cost_usd", 0.0)) for p in folder.glob("*.json"))
        if folder.exists()
        else 0.0
    )


def merge_duplicates(engine: sa.Engine, job_id: str) -> None:
    """The same bytes at two URLs are one document: keep the first, record the others as aliases."""
    first_by_sha: dict[str, dict[str, Any]] = {}
    updates = []
    docs = sorted(repository.list_documents(engine, job_id), key=lambda d: (-(d["pre_score"] or 0), d["url"]))
    for doc in docs:
        sha = doc["sha256"]
        if not sha or doc["status"] not in (DOWNLOADED, EXTRACTED, UNREADABLE, DUPLICATE):
            continue
        keeper = first_by_sha.setdefault(sha, doc)
        if keeper is doc:
            continue
        keeper["aliases"] = sorted({*keeper["aliases"], doc["url"], *doc["aliases"]} - {keeper["url"]})
        updates.append({"job_id": job_id, "url": doc["url"], "status": DUPLICATE, "aliases": doc["aliases"]})
    updates += [
        {"job_id": job_id, "url": d["url"], "status": d["status"], "aliases": d["aliases"]}
        for d in first_by_sha.values()
        if d["aliases"]
    ]
    repository.update_documents(engine, job_id, updates)


def _totals(settings: Settings, engine: sa.Engine, job: JobRecord, model_cost_usd: float) -> dict[str, Any]:
    """The seed's totals and the cost estimate (formula in config.CostSettings)."""
    docs = [
        d for d in repository.list_documents(engine, job.job_id) if d["status"] not in (DUPLICATE, REMOVED)
    ]
    obtained = [d for d in docs if d["status"] in DOWNLOAD_DONE]
    # Unchanged documents of a scheduled source were reused, not downloaded again.
    downloaded = [d for d in obtained if d.get("change") != "unchanged"]
    attempted = [d for d in docs if d["status"] != SKIPPED]
    nbytes = sum(d["file_size_bytes"] or 0 for d in downloaded)
    ocr_pages = sum(d.get("ocr_pages") or 0 for d in obtained if d.get("change") != "unchanged")
    cpu = total_cpu_seconds(settings, job.job_id)
    prices = settings.cost
    cost = (
        cpu * prices.cpu_second_usd
        + nbytes / 1e9 * prices.gb_downloaded_usd
        + int(job.row["total_pages_crawled"] or 0) * prices.page_usd
        + ocr_pages * prices.ocr_page_usd
        + model_cost_usd
    )
    return {
        "total_documents_found": len(docs),
        "total_documents_downloaded": len(downloaded),
        "success_rate": round(len(obtained) / len(attempted), 4) if attempted else 0.0,
        "bytes_downloaded": nbytes,
        "cpu_seconds": round(cpu, 3),
        "cost": round(cost, 6),
        "returned": count_returned(engine, job.row),
    }
