"""``docharvest api``: serve the jobs API on its own with uvicorn (outside Airflow's API server)."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

from docharvest.config import Settings


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "api",
        help="serve the jobs API (it starts jobs through Airflow's REST API, see DOCHARVEST_API__*)",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from docharvest.api import create_app

    logging.basicConfig(level=args.log_level.upper(), stream=sys.stderr)
    app = create_app(Settings())
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0
