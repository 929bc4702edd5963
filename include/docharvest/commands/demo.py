"""``docharvest demo``: serve the bundled sample site on 127.0.0.1 and run a real scrape job on it."""

from __future__ import annotations

import argparse
import shutil
import sys
from typing import Any

from docharvest.commands._common import fail
from docharvest.config import Settings
from docharvest.errors import JobDidNotStartError
from docharvest.models import ScrapeConf, new_job_id
from docharvest.samples.demo_site import DEMO_PROMPT, build_demo_site, serve_folder


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo", help="run a scrape job on a bundled sample site (no internet needed)"
    )
    parser.add_argument("--prompt", default=DEMO_PROMPT, help=f'what to find (default "{DEMO_PROMPT}")')
    parser.add_argument("-v", "--verbose", action="store_true", help="show Airflow's logs")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from docharvest.commands.scrape import run_scrape

    settings = Settings(allow_private_networks=True)
    site_dir = settings.data_dir / "demo-site"
    shutil.rmtree(site_dir, ignore_errors=True)
    build_demo_site(site_dir)
    server = serve_folder(site_dir)
    website = f"http://127.0.0.1:{server.server_address[1]}/"
    out = sys.stdout
    out.write(f"Serving the sample site (Town of Millbrook) at {website}\n")
    out.write(f'Running a scrape job as an Airflow DAG run: "{args.prompt}" (max file size 1 MB)\n\n')
    try:
        conf = ScrapeConf.model_validate(
            {
                "website": website,
                "prompt": args.prompt,
                "max_file_size_mb": 1,
                "timeout": 600,
                "job_id": new_job_id(),
            }
        )
        results = run_scrape(conf, settings, verbose=args.verbose)
    except JobDidNotStartError as exc:
        return fail(str(exc))
    finally:
        server.shutdown()
        server.server_close()
    out.write(summary(results, settings))
    return 0 if results["status"] == "completed" else fail(results["message"])


def summary(results: dict[str, Any], settings: Settings) -> str:
    """A readable report of one job: documents, totals, issues, and where the data is."""
    lines = [f"Job {results['job_id']}: {results['status']} - {results['message']}", ""]
    lines.append(f"{'confidence':>10}  {'type':<5} {'MB':>6}  name")
    for doc in results["documents"]:
        lines.append(
            f"{doc['confidence_score']:>10.2f}  {doc['document_type']:<5} {doc['file_size_mb']:>6.2f}  {doc['name']}"
        )
        if doc.get("relevance_reason"):
            lines.append(f"{'':>25}{doc['relevance_reason']}")
    lines += [
        "",
        f"pages crawled {results['total_pages_crawled']}, documents found {results['total_documents_found']}, "
        f"downloaded {results['total_documents_downloaded']}, success rate {results['success_rate']:.2f}, "
        f"cost ${results['cost']:.5f}, runtime {results['total_runtime_seconds']:.1f} s",
    ]
    for warning in results["warnings"]:
        lines.append(f"warning: {warning}")
    for error in results["errors"]:
        lines.append(
            f"error [{error['agent_name']}/{error['error_type']}]: {error['error_message']} ({error['page_url']})"
        )
    datasets = settings.datasets_dir.resolve()
    query = (
        f"SELECT name, document_type, round(confidence_score, 2) AS score, relevance_reason\n"
        f"  FROM read_parquet('{datasets}/documents/*/*.parquet', hive_partitioning = true)\n"
        f"  WHERE job_id = '{results['job_id']}' AND status = 'extracted' ORDER BY score DESC;"
    )
    lines += [
        "",
        f"Parquet datasets: {datasets}/{{documents,jobs,job_errors}}/job_date=*/",
        "",
        "Query them with DuckDB (pip install duckdb, or .venv/bin/python -c 'import duckdb; ...'):",
        query,
        "",
    ]
    lines += _run_query(query)
    return "\n".join(lines) + "\n"


def _run_query(query: str) -> list[str]:
    try:
        import duckdb
    except ImportError:
        return []
    relation = duckdb.sql(query)
    rows = relation.fetchall() if relation is not None else []
    return ["DuckDB says:"] + [
        f"  {score!s:>5}  {doc_type or '-':<5} {name}" for name, doc_type, score, _ in rows[:20]
    ]
