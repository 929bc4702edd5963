"""The knowledge job's ``publish`` step (publisher): cost, the job's end, its Parquet datasets."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from docharvest.config import Settings
from docharvest.models import Agent
from docharvest.pipeline.common import complete_job, cpu_meter, total_cpu_seconds
from docharvest.store import repository
from docharvest.store.datasets import write_partition
from docharvest.store.db import get_engine
from docharvest.timestamps import as_utc
from docharvest.views.datasets import job_tables, knowledge_item_rows

log = logging.getLogger(__name__)


def publish(settings: Settings, job_id: str) -> str:
    """Write the Parquet datasets and mark the job completed ("Complete")."""
    engine = get_engine(settings)
    repository.start_agent(engine, job_id, Agent.publisher, "Publishing results")
    with cpu_meter(settings, job_id, "publish"):
        record = repository.get_job_record(engine, job_id)
        started = as_utc(record.started_at) or datetime.now(UTC)
        items = repository.list_knowledge_items(engine, job_id)
        cpu = total_cpu_seconds(settings, job_id)
        pages = int(record.row["total_pages_crawled"] or 0)
        cost = cpu * settings.cost.cpu_second_usd + pages * settings.cost.page_usd
        complete_job(
            engine,
            record,
            f"Job completed successfully. Extracted {len(items)} knowledge item(s).",
            {"cpu_seconds": round(cpu, 3), "cost": round(cost, 6)},
        )
        repository.finish_agent(engine, job_id, Agent.publisher)
        job = repository.get_job(engine, job_id)
        write_partition(
            settings.datasets_location,
            "knowledge_items",
            knowledge_item_rows(job, items),
            job_id=job_id,
            job_date=started.date(),
        )
        for dataset, rows in job_tables(engine, job).items():
            write_partition(settings.datasets_location, dataset, rows, job_id=job_id, job_date=started.date())
    log.info("knowledge job %s published: %d items", job_id, len(items))
    return job_id
