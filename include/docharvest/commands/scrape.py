"""``docharvest scrape URL --prompt TEXT``: one scrape job as an Airflow DAG run, results JSON out."""

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
from docharvest.models import ScrapeConf, new_job_id

DAG_ID = "docharvest_scrape"


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("scrape", help="crawl a website for documents matching a prompt")
    parser.add_argument("website", help="start URL (http/https)")
    parser.add_argument(
        "--prompt", required=True, help='what to find, e.g. "board meeting minutes from 2024"'
    )
    parser.add_argument(
        "--single-page", action="store_true", help="only the start page and the documents it links"
    )
    for name in ("timeout", "confidence_threshold", "max_file_size_mb"):
        add_model_option(parser, ScrapeConf, name)
    parser.add_argument(
        "--offsite-documents",
        action="store_true",
        help="also collect documents the site links on other hosts (off by default)",
    )
    add_common_job_flags(parser)
    parser.set_defaults(run=run)


def build_conf(args: argparse.Namespace) -> ScrapeConf:
    return ScrapeConf.model_validate(
        {
            "website": args.website,
            "prompt": args.prompt,
            "single_page": args.single_page,
            "timeout": args.timeout,
            "confidence_threshold": args.confidence_threshold,
            "max_file_size_mb": args.max_file_size_mb,
            "offsite_documents": args.offsite_documents,
            "job_id": new_job_id(),
        }
    )


def run_scrape(
    conf: ScrapeConf, settings: Settings, *, verbose: bool = False, quiet: bool = True
) -> dict[str, Any]:
    """Run the job through Airflow (dag.test) and return its results in the seed's shape."""
    from docharvest.views.scrape import scrape_results

    return run_dag_job(DAG_ID, conf, settings, scrape_results, verbose=verbose, quiet=quiet)


def run(args: argparse.Namespace) -> int:
    from docharvest.commands.summary import scrape_summary

    return run_job_command(
        args,
        build_conf,
        run_scrape,
        lambda body: body["message"] if body["status"] != "completed" else None,
        scrape_summary,
    )
