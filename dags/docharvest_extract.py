"""Extract job: schema fields out of documents, one result row per document (an Airflow DAG).

plan -> ingest -> parse[batch] -> extract[batch] -> validate -> publish. Every task is a
one-line call into ``docharvest.pipeline.extract``; XCom carries the job id and batch numbers
only. Rows are flushed after each phase, so results are readable while the job runs.
Trigger it from the UI form, the CLI (``docharvest extract --schema invoice FILES...``) or
the jobs API (``POST /v1/jobs``).
"""

from __future__ import annotations

from docharvest.models import ExtractConf
from docharvest.orchestration.jobdags import build_extract_dag
from docharvest.orchestration.params import params_from_model

dag = build_extract_dag(
    "docharvest_extract",
    params=params_from_model(ExtractConf),
    tags=["docharvest", "extract"],
    doc_md=__doc__,
)
