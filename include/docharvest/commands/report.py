"""``docharvest report JOB_ID``: the job's page (the Airflow UI's DocHarvest view) as one HTML file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from docharvest.commands._common import fail
from docharvest.config import Settings


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report", help="write a job's report: one self-contained HTML file with its documents and charts"
    )
    parser.add_argument("job_id", metavar="JOB_ID", help="the job (as printed by scrape/extract/knowledge)")
    parser.add_argument(
        "-o", "--output", type=Path, help="where to write it (default data/reports/JOB_ID.html)"
    )
    parser.set_defaults(run=run)


def write_job_report(settings: Settings, job_id: str, output: Path | None = None) -> Path:
    """Render the job page to ``output``; its stored files are linked as file:// URLs."""
    from docharvest.jobview import load_job_view, render_job_page
    from docharvest.store.db import init_db

    view = load_job_view(init_db(settings), settings, job_id)
    html = render_job_page(view, file_href=lambda doc: Path(doc["raw_path"]).resolve().as_uri())
    target = (output or settings.data_dir / "reports" / f"{job_id}.html").resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    return target


def run(args: argparse.Namespace) -> int:
    from docharvest.errors import JobNotFoundError

    try:
        path = write_job_report(Settings(), args.job_id, args.output)
    except JobNotFoundError as exc:
        return fail(str(exc))
    sys.stdout.write(f"{path}\n")
    return 0
