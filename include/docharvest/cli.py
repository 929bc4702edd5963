"""The ``docharvest`` command: run jobs, the demo, the API, Airflow, key management.

Each subcommand lives in ``docharvest/commands/<name>.py``; this module only dispatches.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import importlib
import sys
from collections.abc import Sequence

from docharvest import __version__

# Subcommand modules under docharvest.commands; a missing optional one is skipped.
COMMANDS = [
    "scrape",
    "extract",
    "knowledge",
    "read",
    "jobs",
    "demo",
    "report",
    "airflow_local",
    "api",
    "keys",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="docharvest", description="Find and extract documents from the web."
    )
    parser.add_argument("--version", action="version", version=f"docharvest {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"docharvest.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"docharvest.commands.{name}":
                continue
            raise
        module.add_parser(subparsers)
    return parser


def _skip_final_collection() -> None:
    """Registered before the job imports anything that adds exit handlers, so it runs after them:
    a job leaves millions of live objects (Airflow, models), and the interpreter's last full
    collection of them took ~5 s of the exit. Frozen objects are skipped; the OS frees them."""
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:  # the command itself, whose process ends with it (not a test calling main)
        from docharvest.orchestration import daemon_client as daemon

        if daemon.wanted(sys.argv[1:]):  # a job: run it in a fork of the warm local runner
            code = daemon.run_via_daemon(sys.argv[1:])
            if code is not None:
                return code
        atexit.register(_skip_final_collection)
    args = build_parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
