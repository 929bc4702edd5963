"""Helpers shared by the job-running subcommands: settings from flags, quiet runs, JSON output."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, ValidationError

from docharvest.config import Settings
from docharvest.errors import JobDidNotStartError, JobNotFoundError


def add_common_job_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-private-network",
        action="store_true",
        help="allow crawling loopback/private addresses (intranets, the demo site, tests)",
    )
    parser.add_argument("-o", "--output", type=Path, help="write the results JSON here instead of stdout")
    parser.add_argument("-v", "--verbose", action="store_true", help="show Airflow's and DocHarvest's logs")


def settings_from_args(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    if getattr(args, "allow_private_network", False):
        overrides["allow_private_networks"] = True
    return Settings(**overrides)


def validation_message(exc: ValidationError) -> str:
    """``field: problem`` for each error, e.g. ``timeout: Input should be greater than or equal to 60``."""
    parts = []
    for err in exc.errors():
        field = ".".join(str(p) for p in err["loc"]) or "input"
        parts.append(f"{field}: {err['msg']}")
    return "; ".join(parts)


@contextlib.contextmanager
def job_output_guard(verbose: bool) -> Iterator[None]:
    """Keep stdout for the JSON: Airflow's run chatter goes to stderr (or nowhere unless -v)."""
    level = logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    if not verbose:
        # A broken PDF is a recorded job error already; pypdf's own warnings would only repeat it.
        logging.getLogger("pypdf").setLevel(logging.ERROR)
    with contextlib.redirect_stdout(sys.stderr):
        yield


def run_dag_job(
    dag_id: str,
    conf: BaseModel,
    settings: Settings,
    body: Callable[[sa.Engine, str], dict[str, Any]],
    *,
    verbose: bool = False,
) -> dict[str, Any]:
    """Run one job as a DAG run in-process (dag.test) and return ``body(engine, job_id)``.

    Raises ``JobDidNotStartError`` when the run ended before its first step created the job.
    """
    from docharvest.liveness import reap_jobs, this_owner
    from docharvest.orchestration.runner import run_job
    from docharvest.pipeline.common import heartbeat
    from docharvest.store.db import init_db

    job_id = getattr(conf, "job_id", None)
    assert job_id, "the CLI always sets a job id"
    engine = init_db(settings)
    reap_jobs(engine, settings)  # at CLI start: jobs whose process died are failed, saying why
    # This process runs the whole job: it owns it (a kill -9 is seen at once) and beats for it.
    with job_output_guard(verbose), heartbeat(settings, job_id, every=2.0, owner=this_owner()):
        state = run_job(dag_id, conf.model_dump(mode="json", exclude_none=True), settings)
    try:
        return body(engine, job_id)
    except JobNotFoundError as exc:
        raise JobDidNotStartError(
            f"the job did not start (DAG run {state}); run again with -v for Airflow's log"
        ) from exc


def run_job_command(
    args: argparse.Namespace,
    build_conf: Callable[[argparse.Namespace], BaseModel],
    run: Callable[..., dict[str, Any]],
    failure: Callable[[dict[str, Any]], str | None],
) -> int:
    """What every job subcommand does: validate the flags, run the job, write its JSON, set the exit code.

    Bad flags exit 2 naming the field; a job that did not end well exits 1 with ``failure(body)``.
    """
    from docharvest.errors import ConfigError

    try:
        conf = build_conf(args)
    except ValidationError as exc:
        return fail(f"invalid arguments: {validation_message(exc)}", code=2)
    except ConfigError as exc:
        return fail(str(exc), code=2)
    try:
        body = run(conf, settings_from_args(args), verbose=args.verbose)
    except JobDidNotStartError as exc:
        return fail(str(exc))
    write_output(body, args.output)
    reason = failure(body)
    return fail(reason) if reason else 0


def write_output(payload: dict[str, Any], output: Path | None) -> None:
    text = json.dumps(payload, indent=2, default=str)
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text + "\n")
    else:
        sys.stdout.write(text + "\n")


def fail(message: str, code: int = 1) -> int:
    sys.stderr.write(f"docharvest: {message}\n")
    return code
