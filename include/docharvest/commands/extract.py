"""``docharvest extract --schema NAME_OR_PATH INPUT...``: one extract job as a DAG run, seed-002 JSON out."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from docharvest.commands._common import (
    add_common_job_flags,
    add_model_option,
    run_dag_job,
    run_job_command,
)
from docharvest.config import Settings
from docharvest.models import ExtractConf, new_job_id

DAG_ID = "docharvest_extract"


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("extract", help="pull a schema's fields out of documents (one row each)")
    parser.add_argument(
        "--schema", required=True, help="built-in schema (invoice, meeting_minutes) or a schema JSON file"
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help="document files, folders or http(s) URLs")
    parser.add_argument(
        "--source-job", metavar="JOB_ID", help="extract from the documents of this scrape job"
    )
    add_model_option(parser, ExtractConf, "timeout")
    add_common_job_flags(parser)
    parser.set_defaults(run=run)


def _absolute(item: str) -> str:
    """Local paths travel to the task as absolute paths (the task's working directory may differ)."""
    return item if urlsplit(item).scheme in ("http", "https") else str(Path(item).expanduser().resolve())


def build_conf(args: argparse.Namespace) -> ExtractConf:
    schema = args.schema
    if Path(schema).suffix == ".json" or Path(schema).is_file():
        schema = str(Path(schema).expanduser().resolve())
    return ExtractConf.model_validate(
        {
            "schema_name": schema,
            "inputs": [_absolute(i) for i in args.inputs],
            "source_job_id": args.source_job,
            "timeout": args.timeout,
            "job_id": new_job_id(),
        }
    )


def run_extract(
    conf: ExtractConf, settings: Settings, *, verbose: bool = False, quiet: bool = True
) -> dict[str, Any]:
    """Run the job through Airflow (dag.test) and return ``GET /v1/jobs/:id/results``'s body."""
    from docharvest.views.extract import extract_results

    return run_dag_job(DAG_ID, conf, settings, extract_results, verbose=verbose, quiet=quiet)


def build_checked_conf(args: argparse.Namespace) -> ExtractConf:
    """The conf, with a named schema loaded once so a bad schema is refused before Airflow starts."""
    from docharvest.errors import ConfigError
    from docharvest.extract.schema import load_schema

    missing = [
        i
        for i in args.inputs
        if urlsplit(i).scheme not in ("http", "https") and not Path(i).expanduser().exists()
    ]
    if missing:
        raise ConfigError(f"INPUT: no such file or folder: {', '.join(missing)}")
    conf = build_conf(args)
    if not conf.schema_name.startswith("sch_"):
        load_schema(conf.schema_name)
    return conf


def run(args: argparse.Namespace) -> int:
    def failure(body: dict[str, Any]) -> str | None:
        return None if body["job_status"] == "complete" else f"job ended {body['job_status']}"

    from docharvest.commands.summary import extract_summary

    return run_job_command(args, build_checked_conf, run_extract, failure, extract_summary)
