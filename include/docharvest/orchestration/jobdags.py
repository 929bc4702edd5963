"""DAG builders for the job kinds, shared by the job DAGs and the generated per-source DAGs.

``build_scrape_dag`` is the scrape job's task graph (plan -> discover -> download[batch] ->
extract[batch] -> validate -> publish); ``dags/docharvest_scrape.py`` calls it once, and
``dags/docharvest_sources.py`` once per scheduled source, so both run the same tasks.
``build_knowledge_dag`` (plan -> crawl -> extract -> publish) and ``build_extract_dag``
(plan -> ingest -> parse[batch] -> extract[batch] -> validate -> publish) do the same for
the other kinds.

Publish steps are ``lineage.publish_task`` (``@task`` that also names the Parquet datasets
it wrote to OpenLineage, when the provider is configured).

Building a DAG reads nothing (no settings, no files, no network): task bodies construct
``Settings()`` and import the pipeline when they run.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from airflow.sdk import DAG, Param, TriggerRule, get_current_context, task

from docharvest.orchestration import assets, lineage
from docharvest.orchestration.tasks import DEFAULT_ARGS, core_call, step_call

JOB_EXECUTION_TIMEOUT = timedelta(hours=2)


def _settings() -> Any:
    from docharvest.config import Settings

    return Settings()


def _plan(pipeline: Any, conf: Mapping[str, Any], source: str | None) -> str:
    """The plan task of any job kind: create the job from conf + params, tag its source."""
    ctx = get_current_context()
    run = ctx["dag_run"]
    settings = _settings()
    values = {**conf, **ctx["params"]}
    job_id: str = core_call(pipeline.plan, settings, values, dag_id=run.dag_id, run_id=run.run_id)
    if source:  # scheduled runs remember their source: incremental state is kept per source
        from docharvest.incremental import set_job_source

        core_call(set_job_source, settings, job_id, source)
    return job_id


def build_job_dag(
    kind: str,
    dag_id: str,
    *,
    params: Mapping[str, Param] | None = None,
    conf: Mapping[str, Any] | None = None,
    schedule: str | None = None,
    start_date: datetime = datetime(2024, 1, 1),
    catchup: bool = False,
    tags: list[str] | None = None,
    doc_md: str | None = None,
    max_active_runs: int = 8,
    source: str | None = None,
    fileloc: str | None = None,
) -> DAG:
    """The DAG of a ``kind`` job; with ``source`` set, its runs are runs of that scheduled source.

    A run's conf is ``conf`` (fixed values, e.g. a source's) overlaid with the run's params
    (the trigger form, or the conf keys of a manual trigger).
    """
    dag = DAG(
        dag_id=dag_id,
        schedule=schedule,
        start_date=start_date,
        catchup=catchup,
        max_active_runs=max_active_runs,
        default_args={**DEFAULT_ARGS, "execution_timeout": JOB_EXECUTION_TIMEOUT},
        params=dict(params or {}),
        tags=tags or ["docharvest", kind],
        doc_md=doc_md,
    )
    # DAG() records the file that called it; workers re-parse that file to find the DAG,
    # so it must be the DAG file, not this module.
    dag.fileloc = fileloc or _caller_file()
    with dag:
        _TASKS[kind](dict(conf or {}), source)
    return dag


def build_scrape_dag(dag_id: str, **options: Any) -> DAG:
    """The scrape job's DAG (options as in :func:`build_job_dag`)."""
    return build_job_dag("scrape", dag_id, **{"fileloc": _caller_file(), **options})


def build_knowledge_dag(dag_id: str, **options: Any) -> DAG:
    """The knowledge job's DAG (options as in :func:`build_job_dag`)."""
    return build_job_dag("knowledge", dag_id, **{"fileloc": _caller_file(), **options})


def build_extract_dag(dag_id: str, **options: Any) -> DAG:
    """The extract job's DAG (options as in :func:`build_job_dag`)."""
    return build_job_dag("extract", dag_id, **{"fileloc": _caller_file(), **options})


def _caller_file() -> str:
    """The file of whoever called our caller (the DAG file)."""
    return sys._getframe(2).f_code.co_filename


def _scrape_tasks(conf: dict[str, Any], source: str | None) -> None:
    """plan -> discover -> download[batch] -> extract[batch] -> validate -> publish."""

    @task
    def plan() -> str:
        from docharvest.pipeline import scrape

        return _plan(scrape, conf, source)

    @task
    def discover(job_id: str) -> list[int]:
        from docharvest.pipeline import scrape

        return step_call(scrape.discover, _settings(), job_id)

    @task(max_active_tis_per_dagrun=4)
    def download(job_id: str, batch: int) -> int:
        from docharvest.pipeline import scrape

        return step_call(scrape.download, _settings(), job_id, batch)

    @task(max_active_tis_per_dagrun=2)
    def extract(job_id: str, batch: int) -> int:
        from docharvest.pipeline import scrape

        return step_call(scrape.extract, _settings(), job_id, batch)

    # none_failed: a site with no documents maps zero batches (skipped), and must still publish.
    @task(trigger_rule=TriggerRule.NONE_FAILED)
    def validate(job_id: str) -> str:
        from docharvest.pipeline import scrape

        return step_call(scrape.validate, _settings(), job_id)

    @lineage.publish_task(
        published=lineage.scrape_datasets, outlets=[assets.DOCUMENTS, assets.JOBS, assets.JOB_ERRORS]
    )
    def publish(job_id: str) -> str:
        from docharvest.pipeline import scrape

        return step_call(scrape.publish, _settings(), job_id)

    # Task calls return XComArgs (references), which the functions' str hints cannot express.
    job_id: Any = plan()
    batches = discover(job_id)
    downloaded = download.partial(job_id=job_id).expand(batch=batches)
    extracted = extract.partial(job_id=job_id).expand(batch=downloaded)
    validated: Any = validate(job_id)
    extracted >> validated
    publish(validated)


def _knowledge_tasks(conf: dict[str, Any], source: str | None) -> None:
    """plan -> crawl -> extract -> publish."""

    @task
    def plan() -> str:
        from docharvest.pipeline import knowledge

        return _plan(knowledge, conf, source)

    @task
    def crawl(job_id: str) -> str:
        from docharvest.pipeline import knowledge

        return step_call(knowledge.crawl, _settings(), job_id)

    @task
    def extract(job_id: str) -> str:
        from docharvest.pipeline import knowledge

        return step_call(knowledge.extract, _settings(), job_id)

    @lineage.publish_task(
        published=lineage.knowledge_datasets,
        outlets=[assets.dataset_asset("knowledge_items"), assets.JOBS, assets.JOB_ERRORS],
    )
    def publish(job_id: str) -> str:
        from docharvest.pipeline import knowledge

        return step_call(knowledge.publish, _settings(), job_id)

    job: Any = plan()
    crawled: Any = crawl(job)
    extracted: Any = extract(crawled)
    publish(extracted)


def _extract_tasks(conf: dict[str, Any], source: str | None) -> None:
    """plan -> ingest -> parse[batch] -> extract[batch] -> validate -> publish."""

    @task
    def plan() -> str:
        from docharvest.pipeline import extract as steps

        return _plan(steps, conf, source)

    @task
    def ingest(job_id: str) -> list[int]:
        from docharvest.pipeline import extract as steps

        return step_call(steps.ingest, _settings(), job_id)

    @task(max_active_tis_per_dagrun=2)
    def parse(job_id: str, batch: int) -> int:
        from docharvest.pipeline import extract as steps

        return step_call(steps.parse, _settings(), job_id, batch)

    @task(max_active_tis_per_dagrun=2)
    def extract(job_id: str, batch: int) -> int:
        from docharvest.pipeline import extract as steps

        return step_call(steps.extract, _settings(), job_id, batch)

    # none_failed: zero documents map zero batches (skipped), and the job must still publish.
    @task(trigger_rule=TriggerRule.NONE_FAILED)
    def validate(job_id: str) -> str:
        from docharvest.pipeline import extract as steps

        return step_call(steps.validate, _settings(), job_id)

    @lineage.publish_task(
        published=lineage.extract_datasets,
        outlets=[assets.dataset_asset("result_rows"), assets.JOBS, assets.JOB_ERRORS],
    )
    def publish(job_id: str) -> str:
        from docharvest.pipeline import extract as steps

        return step_call(steps.publish, _settings(), job_id)

    job_id: Any = plan()
    batches = ingest(job_id)
    parsed = parse.partial(job_id=job_id).expand(batch=batches)
    extracted = extract.partial(job_id=job_id).expand(batch=parsed)
    validated: Any = validate(job_id)
    extracted >> validated
    publish(validated)


_TASKS = {"scrape": _scrape_tasks, "knowledge": _knowledge_tasks, "extract": _extract_tasks}
JOB_KINDS = frozenset(_TASKS)
