"""Scrape job: crawl a website for documents matching a plain-language prompt (an Airflow DAG).

plan -> discover -> download[batch] -> extract[batch] -> validate -> publish.
Every task is a one-line call into ``docharvest.pipeline.scrape``; XCom carries the
job id and batch numbers only. Trigger it from the UI form, the CLI
(``docharvest scrape URL --prompt ...``) or the jobs API.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import TriggerRule, dag, get_current_context, task
from docharvest.models import ScrapeConf
from docharvest.orchestration import assets
from docharvest.orchestration.params import params_from_model
from docharvest.orchestration.tasks import DEFAULT_ARGS, core_call


def _settings():  # type: ignore[no-untyped-def]
    from docharvest.config import Settings

    return Settings()


@dag(
    dag_id="docharvest_scrape",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=8,
    default_args={**DEFAULT_ARGS, "execution_timeout": timedelta(hours=2)},
    params=params_from_model(ScrapeConf, overrides={"website": {"pattern": r"^https?://\S+$"}}),
    tags=["docharvest", "scrape"],
    doc_md=__doc__,
)
def docharvest_scrape() -> None:
    @task
    def plan() -> str:
        from docharvest.pipeline import scrape

        ctx = get_current_context()
        run = ctx["dag_run"]
        return core_call(scrape.plan, _settings(), dict(ctx["params"]), dag_id=run.dag_id, run_id=run.run_id)

    @task
    def discover(job_id: str) -> list[int]:
        from docharvest.pipeline import scrape

        return core_call(scrape.discover, _settings(), job_id)

    @task(max_active_tis_per_dagrun=4)
    def download(job_id: str, batch: int) -> int:
        from docharvest.pipeline import scrape

        return core_call(scrape.download, _settings(), job_id, batch)

    @task(max_active_tis_per_dagrun=2)
    def extract(job_id: str, batch: int) -> int:
        from docharvest.pipeline import scrape

        return core_call(scrape.extract, _settings(), job_id, batch)

    # none_failed: a site with no documents maps zero batches (skipped), and must still publish.
    @task(trigger_rule=TriggerRule.NONE_FAILED)
    def validate(job_id: str) -> str:
        from docharvest.pipeline import scrape

        return core_call(scrape.validate, _settings(), job_id)

    @task(outlets=[assets.DOCUMENTS, assets.JOBS, assets.JOB_ERRORS])
    def publish(job_id: str) -> str:
        from docharvest.pipeline import scrape

        return core_call(scrape.publish, _settings(), job_id)

    job_id = plan()
    batches = discover(job_id)
    downloaded = download.partial(job_id=job_id).expand(batch=batches)
    extracted = extract.partial(job_id=job_id).expand(batch=downloaded)
    validated = validate(job_id)
    extracted >> validated
    publish(validated)


docharvest_scrape()
