"""Knowledge job: read a company website, produce a business profile and knowledge items (an Airflow DAG).

plan -> crawl -> extract -> publish. Every task is a one-line call into
``docharvest.pipeline.knowledge``; XCom carries the job id only. Trigger it from the UI
form, the CLI (``docharvest knowledge URL``) or the jobs API (``POST /v1/extract/async``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import dag, get_current_context, task
from docharvest.models import KnowledgeConf
from docharvest.orchestration import assets
from docharvest.orchestration.params import params_from_model
from docharvest.orchestration.tasks import DEFAULT_ARGS, core_call


def _settings():  # type: ignore[no-untyped-def]
    from docharvest.config import Settings

    return Settings()


@dag(
    dag_id="docharvest_knowledge",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=8,
    default_args={**DEFAULT_ARGS, "execution_timeout": timedelta(hours=2)},
    params=params_from_model(KnowledgeConf, overrides={"url": {"pattern": r"^https?://\S+$"}}),
    tags=["docharvest", "knowledge"],
    doc_md=__doc__,
)
def docharvest_knowledge() -> None:
    @task
    def plan() -> str:
        from docharvest.pipeline import knowledge

        ctx = get_current_context()
        run = ctx["dag_run"]
        return core_call(
            knowledge.plan, _settings(), dict(ctx["params"]), dag_id=run.dag_id, run_id=run.run_id
        )

    @task
    def crawl(job_id: str) -> str:
        from docharvest.pipeline import knowledge

        return core_call(knowledge.crawl, _settings(), job_id)

    @task
    def extract(job_id: str) -> str:
        from docharvest.pipeline import knowledge

        return core_call(knowledge.extract, _settings(), job_id)

    @task(outlets=[assets.dataset_asset("knowledge_items"), assets.JOBS, assets.JOB_ERRORS])
    def publish(job_id: str) -> str:
        from docharvest.pipeline import knowledge

        return core_call(knowledge.publish, _settings(), job_id)

    publish(extract(crawl(plan())))


docharvest_knowledge()
