"""Airflow Assets for DocHarvest's Parquet datasets, so downstream DAGs can run on new data."""

from __future__ import annotations

from airflow.sdk import Asset

# Logical URIs: the physical location is DOCHARVEST_DATA_DIR/datasets/<name>, known only at run time.
DOCUMENTS = Asset(name="docharvest_documents", uri="docharvest://datasets/documents", group="docharvest")
JOBS = Asset(name="docharvest_jobs", uri="docharvest://datasets/jobs", group="docharvest")
JOB_ERRORS = Asset(name="docharvest_job_errors", uri="docharvest://datasets/job_errors", group="docharvest")


def dataset_asset(name: str) -> Asset:
    """The Asset for any DocHarvest dataset (e.g. ``result_rows_invoice``, ``knowledge_items``)."""
    return Asset(name=f"docharvest_{name}", uri=f"docharvest://datasets/{name}", group="docharvest")
