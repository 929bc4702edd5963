"""One DAG per scheduled source: ``sources.yaml`` entries -> job DAGs built by ``jobdags``.

Parse-time cost matters (the dag-processor re-parses the file every few minutes, and 200
sources must parse in under 2 s): the file is read once with libyaml, source DAGs carry
their conf instead of a validated trigger form, a worker builds only the DAG it runs, and
nothing touches the network or a DB.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from airflow.sdk import DAG

from docharvest.orchestration.jobdags import JOB_KINDS, build_job_dag
from docharvest.sources import ExtractSource, KnowledgeSource, ScrapeSource, load_sources, next_runs_hint

log = logging.getLogger(__name__)


def source_doc(source: ScrapeSource | ExtractSource | KnowledgeSource, path: Path | None) -> str:
    """``doc_md`` of a source's DAG: what it runs, for whom, when, and where it is declared."""
    if isinstance(source, ScrapeSource):
        what = f"Crawls {source.website} for: *{source.prompt}*"
    elif isinstance(source, ExtractSource):
        what = f"Extracts schema `{source.schema_}` fields from {len(source.inputs)} input(s)"
    else:
        what = f"Reads the business website {getattr(source, 'website', '')}"
    lines = [
        f"# Source `{source.name}` ({source.kind})",
        "",
        source.description or what,
        "",
        f"- **What**: {what}",
        f"- **Owner organisation**: `{source.owner}` (the jobs' org_id)",
        f"- **When**: {next_runs_hint(source)}",
        f"- **Declared in**: `{path}`" if path else "- **Declared in**: sources file",
        "",
        "Each run is a job like any other (results API, Parquet datasets). Scrape sources re-crawl "
        "incrementally: unchanged documents are not downloaded again (conditional requests), and "
        "new / changed / unchanged / removed counts land in the job's metadata.",
    ]
    return "\n".join(lines)


def source_dag(
    source: ScrapeSource | ExtractSource | KnowledgeSource, *, path: Path | None, fileloc: str
) -> DAG | None:
    """The DAG for one source, or None when its kind has no DAG builder yet (logged)."""
    if source.kind not in JOB_KINDS:
        log.warning("source %s: kind %r has no scheduled DAG yet; not scheduled", source.name, source.kind)
        return None
    start = datetime.combine(source.start_date, datetime.min.time())
    return build_job_dag(
        source.kind,
        source.dag_id,
        # The source's values are the run's conf. No trigger form: Airflow validates every
        # Param of a scheduled DAG at parse time (~6 ms per DAG), which 200 sources cannot afford;
        # a manual trigger may still override any key through its conf.
        conf=source.conf(),
        schedule=source.schedule,
        start_date=start,
        catchup=source.catchup,
        tags=sorted({"docharvest", "source", source.kind, f"org:{source.owner}", *source.tags}),
        doc_md=source_doc(source, path),
        # Runs of one source re-crawl the same site: one at a time keeps url_state consistent.
        max_active_runs=1,
        source=source.name,
        fileloc=fileloc,
    )


def build_source_dags(path: Path, *, fileloc: str, only_dag_id: str | None = None) -> dict[str, DAG]:
    """Every valid, enabled source of ``path`` as ``{dag_id: DAG}`` (bad entries are logged and skipped).

    ``only_dag_id``: a worker running one task re-parses this file; it needs one DAG, not 200.
    """
    sources = load_sources(path)
    dags: dict[str, DAG] = {}
    for source in sources.sources:
        if only_dag_id is not None and source.dag_id != only_dag_id:
            continue
        try:
            dag = source_dag(source, path=path, fileloc=fileloc)
        except Exception:  # one unbuildable source must not unschedule the others
            log.exception("source %s: could not build its DAG; not scheduled", source.name)
            continue
        if dag is not None:
            dags[dag.dag_id] = dag
    return dags
