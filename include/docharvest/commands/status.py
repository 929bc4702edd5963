"""``docharvest status JOB_ID [--follow]``: a job's progress now, or live until it ends.

Reads the jobs row the API serves, so it follows jobs started anywhere (CLI, API, Airflow UI).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from docharvest.commands._common import fail
from docharvest.config import Settings


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("status", help="a job's progress (--follow: live until it ends)")
    parser.add_argument("job_id", metavar="JOB_ID")
    parser.add_argument("-f", "--follow", action="store_true", help="show live progress until the job ends")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from docharvest.commands.progress import follow, read_snapshot
    from docharvest.store.db import init_db

    engine = init_db(Settings())
    snap = read_snapshot(engine, args.job_id)
    if snap is None:
        return fail(f"job {args.job_id} not found")
    if args.follow and not snap.done:
        snap = follow(engine, args.job_id, sys.stderr)
        if snap is None:
            return fail(f"job {args.job_id} not found")
    else:
        sys.stdout.write(snap.line() + "\n")
    return 0 if snap.status not in ("failed", "cancelled") else 1
