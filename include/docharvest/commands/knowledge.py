"""``docharvest knowledge URL``: one knowledge job as an Airflow DAG run, the seed-003 job JSON out."""

from __future__ import annotations

import argparse
from typing import Any

from docharvest.commands._common import (
    add_common_job_flags,
    add_model_option,
    run_dag_job,
    run_job_command,
)
from docharvest.config import Settings
from docharvest.models import KnowledgeConf, new_job_id

DAG_ID = "docharvest_knowledge"


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "knowledge", help="read a company website: business profile and knowledge items"
    )
    parser.add_argument("url", help="company website (http/https)")
    for name in ("max_pages", "timeout"):
        add_model_option(parser, KnowledgeConf, name)
    add_common_job_flags(parser)
    parser.set_defaults(run=run)


def build_conf(args: argparse.Namespace) -> KnowledgeConf:
    return KnowledgeConf.model_validate(
        {"url": args.url, "max_pages": args.max_pages, "timeout": args.timeout, "job_id": new_job_id()}
    )


def run_knowledge(
    conf: KnowledgeConf, settings: Settings, *, verbose: bool = False, quiet: bool = True
) -> dict[str, Any]:
    """Run the job through Airflow (dag.test) and return ``GET /v1/jobs/{jobId}``'s body."""
    from docharvest.views.knowledge import knowledge_job_body

    return run_dag_job(DAG_ID, conf, settings, knowledge_job_body, verbose=verbose, quiet=quiet)


def run(args: argparse.Namespace) -> int:
    def failure(body: dict[str, Any]) -> str | None:
        return None if body["status"] == "completed" else body["error"] or f"job ended {body['status']}"

    from docharvest.commands.summary import knowledge_summary

    return run_job_command(args, build_conf, run_knowledge, failure, knowledge_summary)
