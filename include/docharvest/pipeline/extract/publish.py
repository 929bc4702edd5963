"""The extract job's ``publish`` step: the schema's typed Parquet dataset, the job's totals, done."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from docharvest.config import Settings
from docharvest.models import Agent
from docharvest.pipeline.common import complete_job
from docharvest.pipeline.extract.base import FAILED, job_schema
from docharvest.store import repository
from docharvest.store.datasets import write_partition
from docharvest.store.db import get_engine
from docharvest.timestamps import as_utc
from docharvest.views.datasets import dataset_name, job_tables, result_row_records, result_rows_arrow_schema

log = logging.getLogger(__name__)


def publish(settings: Settings, job_id: str) -> str:
    """Write the schema's Parquet dataset (typed columns), finish the job."""
    engine = get_engine(settings)
    repository.start_agent(engine, job_id, Agent.publisher, "Publishing results")
    _, schema = job_schema(settings, job_id)
    job = repository.get_job_record(engine, job_id)
    rows = repository.list_result_rows(engine, job_id)
    started = as_utc(job.started_at) or datetime.now(UTC)
    write_partition(
        settings.datasets_location,
        dataset_name(schema),
        result_row_records(job.row, schema, rows),
        job_id=job_id,
        job_date=started.date(),
        schema=result_rows_arrow_schema(schema),
    )
    readable = sum(r["status"] != FAILED for r in rows)
    complete_job(
        engine,
        job,
        f"Job completed successfully. Extracted {readable} of {len(rows)} document(s).",
        {
            "total_documents_downloaded": readable,
            "success_rate": round(readable / len(rows), 4) if rows else 0.0,
        },
    )
    repository.finish_agent(engine, job_id, Agent.publisher)
    # Every job kind has its row in ``jobs`` (and its errors), so the warehouse sees all jobs.
    for dataset, table in job_tables(engine, repository.get_job(engine, job_id)).items():
        write_partition(settings.datasets_location, dataset, table, job_id=job_id, job_date=started.date())
    log.info("job %s published %d rows to %s", job_id, len(rows), dataset_name(schema))
    return job_id
