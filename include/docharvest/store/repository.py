"""The metadata DB's reads and writes, one import for callers: ``repository.get_job(engine, ...)``.

Every SQL statement of DocHarvest lives in ``docharvest.store``; this module gathers the
table modules' functions under one name:

- ``rows``             ids (``fingerprint``), the clock, the dialect-aware upsert
- ``jobs``             the job row: create/resume, status, progress, agents, heartbeat
- ``documents``        a job's candidate documents keyed by (job_id, url)
- ``issues``           a job's errors and warnings
- ``result_rows``      an extract job's rows; ``schemas`` its extraction schemas
- ``knowledge_items``  a knowledge job's items
- ``url_state``        what a scheduled source's earlier runs saw per URL
- ``api_keys``         API keys by hash; ``webhook_deliveries`` the webhook queue
"""

from __future__ import annotations

from docharvest.store.api_keys import insert_api_key, list_api_keys, revoke_api_keys, valid_api_key
from docharvest.store.documents import (
    count_changes,
    count_documents,
    count_matching_documents,
    document_id,
    document_page,
    get_document,
    list_documents,
    update_documents,
    upsert_documents,
)
from docharvest.store.issues import (
    count_errors,
    list_errors,
    list_warnings,
    record_error,
    record_errors,
    record_warning,
)
from docharvest.store.jobs import (
    beat,
    count_jobs,
    delete_pending_job,
    ensure_job,
    find_job,
    find_job_for_run,
    finish_agent,
    get_job,
    get_job_record,
    job_source,
    job_status,
    list_jobs,
    list_jobs_with_status,
    start_agent,
    update_job,
    update_job_if_status,
)
from docharvest.store.knowledge_items import list_knowledge_items, replace_knowledge_items
from docharvest.store.result_rows import (
    count_result_rows,
    insert_missing_result_rows,
    list_result_rows,
    result_row_page,
    update_result_rows,
)
from docharvest.store.rows import Row, fingerprint, upsert, utcnow
from docharvest.store.schemas import get_schema, list_org_schemas, upsert_schema
from docharvest.store.url_state import (
    load_url_states,
    mark_url_states_removed,
    present_url_states,
    upsert_url_states,
)
from docharvest.store.webhook_deliveries import (
    due_deliveries,
    jobs_with_webhooks,
    lease_delivery,
    queue_delivery,
    queued_events,
    update_delivery,
)

__all__ = [
    "Row",
    "beat",
    "count_changes",
    "count_documents",
    "count_errors",
    "count_jobs",
    "count_matching_documents",
    "count_result_rows",
    "delete_pending_job",
    "document_id",
    "document_page",
    "due_deliveries",
    "ensure_job",
    "find_job",
    "find_job_for_run",
    "fingerprint",
    "finish_agent",
    "get_document",
    "get_job",
    "get_job_record",
    "get_schema",
    "insert_api_key",
    "insert_missing_result_rows",
    "job_source",
    "job_status",
    "jobs_with_webhooks",
    "lease_delivery",
    "list_api_keys",
    "list_documents",
    "list_errors",
    "list_jobs",
    "list_jobs_with_status",
    "list_knowledge_items",
    "list_org_schemas",
    "list_result_rows",
    "list_warnings",
    "load_url_states",
    "mark_url_states_removed",
    "present_url_states",
    "queue_delivery",
    "queued_events",
    "record_error",
    "record_errors",
    "record_warning",
    "replace_knowledge_items",
    "result_row_page",
    "revoke_api_keys",
    "start_agent",
    "update_delivery",
    "update_documents",
    "update_job",
    "update_job_if_status",
    "update_result_rows",
    "upsert",
    "upsert_documents",
    "upsert_schema",
    "upsert_url_states",
    "utcnow",
    "valid_api_key",
]
