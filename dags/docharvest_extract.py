"""Extract job: pull a schema's fields out of documents, one result row per document (an Airflow DAG).

plan -> ingest -> parse[batch] -> extract[batch] -> validate -> publish.
Every task is a one-line call into ``docharvest.pipeline.extract``; XCom carries the
job id and batch numbers only. Rows are flushed after every phase, so results are
readable while the run goes on. Trigger it from the UI form, the CLI
(``docharvest extract --schema invoice FILES...``) or the jobs API.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import TriggerRule, dag, get_current_context, task
from docharvest.models import ExtractConf
from docharvest.orchestration import assets
from docharvest.orchestration.params import params_from_model
from docharvest.orchestration.tasks import DEFAULT_ARGS, core_call


def _settings():  # type: ignore[no-untyped-def]
    from docharvest.config import Settings

    return Settings()


@dag(
    dag_id="docharvest_extract",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=8,
    default_args={**DEFAULT_ARGS, "execution_timeout": timedelta(hours=2)},
    params=params_from_model(ExtractConf),
    tags=["docharvest", "extract"],
    doc_md=__doc__,
)
def docharvest_extract() -> None:
    @task
    def plan() -> str:
        from docharvest.pipeline import extract as steps

        ctx = get_current_context()
        run = ctx["dag_run"]
        return core_call(steps.plan, _settings(), dict(ctx["params"]), dag_id=run.dag_id, run_id=run.run_id)

    @task
    def ingest(job_id: str) -> list[int]:
        from docharvest.pipeline import extract as steps

        return core_call(steps.ingest, _settings(), job_id)

    @task(max_active_tis_per_dagrun=2)
    def parse(job_id: str, batch: int) -> int:
        from docharvest.pipeline import extract as steps

        return core_call(steps.parse, _settings(), job_id, batch)

    @task(max_active_tis_per_dagrun=2)
    def extract(job_id: str, batch: int) -> int:
        from docharvest.pipeline import extract as steps

        return core_call(steps.extract, _settings(), job_id, batch)

    # none_failed: zero documents map zero batches (skipped), and the job must still publish.
    @task(trigger_rule=TriggerRule.NONE_FAILED)
    def validate(job_id: str) -> str:
        from docharvest.pipeline import extract as steps

        return core_call(steps.validate, _settings(), job_id)

    @task(outlets=[assets.dataset_asset("result_rows")])
    def publish(job_id: str) -> str:
        from docharvest.pipeline import extract as steps

        return core_call(steps.publish, _settings(), job_id)

    job_id = plan()
    batches = ingest(job_id)
    parsed = parse.partial(job_id=job_id).expand(batch=batches)
    extracted = extract.partial(job_id=job_id).expand(batch=parsed)
    validated = validate(job_id)
    extracted >> validated
    publish(validated)


docharvest_extract()
