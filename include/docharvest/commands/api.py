"""``docharvest api``: serve the jobs API on its own with uvicorn (outside Airflow's API server)."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from typing import TYPE_CHECKING, Any

from docharvest.config import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "api",
        help="serve the jobs API (it starts jobs through Airflow's REST API, see DOCHARVEST_API__*)",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument(
        "--workers",
        type=_worker_count,
        default=1,
        help="server processes (default 1); each has its own rate-limit buckets and results cache",
    )
    parser.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    parser.set_defaults(run=run)


def _worker_count(text: str) -> int:
    count = int(text) if text.isdigit() else 0
    if not 1 <= count <= 64:
        raise argparse.ArgumentTypeError(f"--workers: must be a whole number from 1 to 64, got {text!r}")
    return count


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=args.log_level.upper(), stream=sys.stderr)
    Settings()  # fail here, naming the bad setting, rather than in every worker
    serve(args.host, args.port, workers=args.workers, log_level=args.log_level)
    return 0


def serve(
    host: str, port: int, *, workers: int = 1, log_level: str = "info", access_log: bool = True
) -> None:
    """Serve the API with uvicorn; each of ``workers`` processes builds its app from the environment."""
    import uvicorn

    uvicorn.run(
        f"{__name__}:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        access_log=access_log,
    )


def app_from_env() -> FastAPI:
    """The uvicorn factory: the jobs API for the settings in the environment (``DOCHARVEST_*``)."""
    from docharvest.api import create_app

    app = create_app(Settings())
    # The app's long-lived objects (routes, models, SQLAlchemy caches) never become garbage:
    # keep them out of the collector's scans, which otherwise show as latency spikes.
    gc.collect()
    gc.freeze()
    return app
