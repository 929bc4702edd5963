"""The extract job's steps: plan -> ingest -> parse[batch] -> extract[batch] -> validate -> publish.

Agents (what the API reports): ingest=coordinator (+scraper for URL downloads),
parse/extract=extractor, validate=validator, publish=publisher. Every step flushes
``result_rows`` so ``GET /v1/jobs/:id/results`` shows rows while the job runs:
``pending`` after ingest, ``failed`` for unreadable documents after parse, values and a
provisional ``approved``/``review`` after extract, validation flags and the final status
after validate. XCom carries the job id and batch numbers only; texts live in the job's
work area, rows in the metadata DB.

- ``ingest``   plan and ingest: the job row, its pinned schema, pending rows
- ``inputs``   where documents come from (scrape job, files, URLs) and their type
- ``parse``    reading documents in isolated workers
- ``fields``   field extraction and validation of the rows
- ``publish``  the typed Parquet dataset and the job's end
"""

from docharvest.pipeline.extract.base import APPROVED, FAILED, PENDING, REVIEW, job_schema
from docharvest.pipeline.extract.fields import extract, extracted_row, row_status, validate, validated_rows
from docharvest.pipeline.extract.ingest import ingest, plan
from docharvest.pipeline.extract.parse import parse
from docharvest.pipeline.extract.publish import publish

__all__ = [
    "APPROVED",
    "FAILED",
    "PENDING",
    "REVIEW",
    "extract",
    "extracted_row",
    "ingest",
    "job_schema",
    "parse",
    "plan",
    "publish",
    "row_status",
    "validate",
    "validated_rows",
]
