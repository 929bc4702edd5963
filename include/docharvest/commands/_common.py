"""Helpers shared by the job-running subcommands: settings from flags, quiet runs, JSON output."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

import sqlalchemy as sa
from pydantic import BaseModel, ValidationError

from docharvest.config import Settings
from docharvest.errors import JobDidNotStartError, JobNotFoundError


def add_model_option(parser: argparse.ArgumentParser, model: type[BaseModel], name: str) -> None:
    """``--name`` with the type, default and description of ``model``'s field (bounds: the model's)."""
    field = model.model_fields[name]
    kind: Callable[[str], Any] = (
        float if field.annotation is float else int if field.annotation is int else str
    )
    text = field.description or ""
    parser.add_argument(
        "--" + name.replace("_", "-"),
        type=kind,
        default=field.default,
        help=text[:1].lower() + text[1:],
    )


def add_common_job_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-private-network",
        action="store_true",
        help="allow crawling loopback/private addresses (intranets, the demo site, tests)",
    )
    parser.add_argument("-o", "--output", type=Path, help="also write the results JSON to this file")
    parser.add_argument(
        "--json", action="store_true", help="print the results JSON (the API's shape) instead of a summary"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress display on stderr")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="show Airflow's and DocHarvest's logs (and tracebacks)"
    )
    parser.add_argument(
        "--no-daemon",
        action="store_true",
        help="run in this process, not in the warm local runner (also: DOCHARVEST_DAEMON=0)",
    )


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
def job_output_guard(verbose: bool, log_path: Path | None = None) -> Iterator[TextIO]:
    """Keep the terminal for DocHarvest: yields the stream progress is shown on (the real stderr).

    Without ``verbose``, everything the run writes (Airflow's warnings and tracebacks, task
    logs, child processes) goes to ``log_path`` at the file-descriptor level; with it, to stderr.
    """
    to_file = not verbose and log_path is not None and _has_fd(sys.stderr) and _has_fd(sys.stdout)
    level = logging.INFO if verbose or to_file else logging.WARNING
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    if verbose or to_file:  # task logs (progress, failed documents) belong in the log; a user's setting wins
        os.environ.setdefault("AIRFLOW__LOGGING__LOGGING_LEVEL", "INFO")
    if not verbose:
        # A broken PDF is a recorded job error already; pypdf's own warnings would only repeat it.
        logging.getLogger("pypdf").setLevel(logging.ERROR)
    if not to_file or log_path is None:
        with contextlib.redirect_stdout(sys.stderr):
            yield sys.stderr
        return
    log_path.parent.mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    saved_out, saved_err = os.dup(1), os.dup(2)
    terminal = os.fdopen(os.dup(saved_err), "w", buffering=1)
    try:
        with open(log_path, "ab") as log:
            os.dup2(log.fileno(), 1)
            os.dup2(log.fileno(), 2)
            try:
                yield terminal
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os.dup2(saved_out, 1)
                os.dup2(saved_err, 2)
    finally:
        terminal.close()
        os.close(saved_out)
        os.close(saved_err)


def _has_fd(stream: TextIO) -> bool:
    try:
        return stream.fileno() >= 0
    except (AttributeError, OSError, ValueError):  # pytest's capture, StringIO
        return False


def run_dag_job(
    dag_id: str,
    conf: BaseModel,
    settings: Settings,
    body: Callable[[sa.Engine, str], dict[str, Any]],
    *,
    verbose: bool = False,
    quiet: bool = True,
) -> dict[str, Any]:
    """Run one job as a DAG run in-process (dag.test) and return ``body(engine, job_id)``.

    Unless ``quiet``, the job's progress is shown on stderr while it runs.
    Raises ``JobDidNotStartError`` when the run ended before its first step created the job.
    """
    from docharvest.commands.progress import FIRST_START, STARTING, ProgressDisplay
    from docharvest.liveness import reap_jobs, this_owner
    from docharvest.orchestration.runner import first_airflow_start, run_job
    from docharvest.pipeline.common import heartbeat
    from docharvest.store.db import init_db

    job_id = getattr(conf, "job_id", None)
    assert job_id, "the CLI always sets a job id"
    engine = init_db(settings)
    reap_jobs(engine, settings)  # at CLI start: jobs whose process died are failed, saying why
    log_path = run_log_path(settings, job_id)
    # This process runs the whole job: it owns it (a kill -9 is seen at once) and beats for it.
    with (
        job_output_guard(verbose, log_path) as terminal,
        heartbeat(settings, job_id, every=2.0, owner=this_owner()),
    ):
        starting = FIRST_START if first_airflow_start(settings) else STARTING
        progress = (
            contextlib.nullcontext()
            if quiet
            else ProgressDisplay(engine, job_id, terminal, starting=starting)
        )
        with progress:
            state = run_job(dag_id, conf.model_dump(mode="json", exclude_none=True), settings)
    try:
        return body(engine, job_id)
    except JobNotFoundError as exc:
        hint = "run again with -v for Airflow's log" if verbose else f"Airflow's log: {log_path}"
        raise JobDidNotStartError(f"the job did not start (DAG run {state}); {hint}") from exc


def run_log_path(settings: Settings, job_id: str) -> Path:
    """Where a CLI run's Airflow output goes when not shown (``-v`` shows it instead)."""
    return settings.data_dir / "logs" / f"{job_id}.log"


def run_job_command(
    args: argparse.Namespace,
    build_conf: Callable[[argparse.Namespace], BaseModel],
    run: Callable[..., dict[str, Any]],
    failure: Callable[[dict[str, Any]], str | None],
    summarize: Callable[[dict[str, Any], Settings], str] | None = None,
) -> int:
    """What every job subcommand does: validate the flags, run the job, report it, set the exit code.

    stdout gets a one-screen summary (``--json``: the results JSON; ``-o``: the JSON to a file too).
    Bad flags exit 2 naming the field; a job that did not end well exits 1 with one line saying why.
    """
    from docharvest.errors import ConfigError

    try:
        conf = build_conf(args)
    except ValidationError as exc:
        return fail(f"invalid arguments: {validation_message(exc)}", code=2)
    except ConfigError as exc:
        return fail(str(exc), code=2)
    settings = settings_from_args(args)
    quiet = bool(getattr(args, "quiet", False))
    try:
        body = run(conf, settings, verbose=args.verbose, quiet=quiet)
    except JobDidNotStartError as exc:
        return fail(str(exc))
    except Exception as exc:  # one line, as for a failed job; -v shows the traceback
        if args.verbose:
            raise
        return fail(f"{type(exc).__name__}: {exc} (run again with -v for the traceback)")
    if args.output:
        write_output(body, args.output)
    if getattr(args, "json", False) or summarize is None:
        if not args.output or getattr(args, "json", False):
            write_output(body, None)
    else:
        sys.stdout.write(summarize(body, settings))
        if args.output:
            sys.stdout.write(f"Results JSON: {args.output}\n")
    reason = failure(body)
    if reason and not args.verbose:
        job_id = getattr(conf, "job_id", "")
        reason += f" (details: {run_log_path(settings, job_id)})" if job_id else ""
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
