"""``docharvest demo``: serve the bundled sample site on 127.0.0.1 and run a real scrape job on it."""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from typing import Any

from docharvest.commands._common import fail
from docharvest.commands.summary import documents_query, scrape_summary
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
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress display on stderr")
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
    out.flush()
    started = time.monotonic()
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
        results = run_scrape(conf, settings, verbose=args.verbose, quiet=args.quiet)
    except JobDidNotStartError as exc:
        return fail(str(exc))
    finally:
        server.shutdown()
        server.server_close()
    wall = time.monotonic() - started
    out.write(scrape_summary(results, settings))
    out.write(
        f"Wall time {wall:.1f} s: the job's own runtime above plus Airflow's start-up and task overhead.\n\n"
    )
    threshold = float(conf.confidence_threshold)
    out.write("\n".join(_run_query(documents_query(settings, results["job_id"], threshold))) + "\n")
    report = write_report(settings, results["job_id"])
    out.write(f"\nReport (open in a browser): {report}\n")
    return 0 if results["status"] == "completed" else fail(results["message"])


def write_report(settings: Settings, job_id: str) -> str:
    from docharvest.commands.report import write_job_report

    return str(write_job_report(settings, job_id))


# Run as a user would, in its own process: DuckDB's bindings report their cached types as
# "leaked" when the interpreter exits without a final collection, which this command skips.
_QUERY_SCRIPT = """
import json, sys
import duckdb
with duckdb.connect() as connection:
    rows = connection.sql(sys.argv[1]).fetchall()
sys.stdout.write(json.dumps([[str(cell) if cell is not None else None for cell in row] for row in rows]))
"""


def _run_query(query: str) -> list[str]:
    import json
    import subprocess

    child = subprocess.run(
        [sys.executable, "-c", _QUERY_SCRIPT, query], capture_output=True, text=True, timeout=120
    )
    if child.returncode != 0:
        if "No module named 'duckdb'" in child.stderr:
            return []
        last_line = (child.stderr.strip().splitlines() or ["no output"])[-1]
        return [f"DuckDB query failed: {last_line}"]
    rows = json.loads(child.stdout)
    return [f"DuckDB says ({len(rows)} rows):"] + [
        f"  {score!s:>5}  {doc_type or '-':<5} {name}" for name, doc_type, score, _ in rows[:20]
    ]
