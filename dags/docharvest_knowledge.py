"""Knowledge job: read a company website, produce a business profile and knowledge items (an Airflow DAG).

plan -> crawl -> extract -> publish. Every task is a one-line call into
``docharvest.pipeline.knowledge``; XCom carries the job id only. Trigger it from the UI
form, the CLI (``docharvest knowledge URL``) or the jobs API (``POST /v1/extract/async``).
"""

from __future__ import annotations

from docharvest.models import KnowledgeConf
from docharvest.orchestration.jobdags import build_knowledge_dag
from docharvest.orchestration.params import params_from_model

dag = build_knowledge_dag(
    "docharvest_knowledge",
    params=params_from_model(KnowledgeConf, overrides={"url": {"pattern": r"^https?://\S+$"}}),
    tags=["docharvest", "knowledge"],
    doc_md=__doc__,
)
