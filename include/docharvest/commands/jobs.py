"""``docharvest jobs | status JOB_ID | cancel JOB_ID | resume JOB_ID``: look after local jobs.

Every one of them first marks dead jobs failed (``docharvest.liveness``): a job whose CLI was
killed shows ``failed`` with the reason, never ``in_progress`` forever. ``resume`` runs a
failed job's DAG again under the same job id: finished steps keep their rows (upserts), the
crawl continues from its checkpoint, downloads and reads skip what is done.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import sys
from datetime import UTC, datetime
from typing import Any

from docharvest.commands._common import add_common_job_flags, fail, settings_from_args, write_output
from docharvest.config import Settings
from docharvest.models import JobKind, JobStatus


def add_parser(subparsers: Any) -> None:
    jobs = subparsers.add_parser("jobs", help="list jobs with their status, progress and age")
    jobs.add_argument("--limit", type=int, default=20, help="most recent jobs shown (default 20)")
    jobs.add_argument("--json", action="store_true", help="JSON lines instead of a table")
    jobs.set_defaults(run=run_jobs)

    status = subparsers.add_parser(
        "status", help="one job's status, progress and error (JSON); --follow: live progress until it ends"
    )
    status.add_argument("job_id", metavar="JOB_ID")
    status.add_argument(
        "-f", "--follow", action="store_true", help="show live progress on stderr until the job ends"
    )
    status.set_defaults(run=run_status)

    cancel = subparsers.add_parser("cancel", help="cancel a pending or running job")
    cancel.add_argument("job_id", metavar="JOB_ID")
    cancel.set_defaults(run=run_cancel)

    resume = subparsers.add_parser(
        "resume", help="continue a failed job from its last completed step (same job id)"
    )
    resume.add_argument("job_id", metavar="JOB_ID")
    add_common_job_flags(resume)
    resume.set_defaults(run=run_resume)


def _engine(settings: Settings) -> Any:
    from docharvest.liveness import reap_jobs
    from docharvest.store.db import init_db

    engine = init_db(settings)
    reap_jobs(engine, settings)  # at CLI start: jobs of dead processes are failed, saying why
    return engine


def _age(value: datetime | None) -> str:
    if value is None:
        return "-"
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value
    seconds = int((datetime.now(UTC) - value).total_seconds())
    for unit, size in (("d", 86_400), ("h", 3_600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _progress(job: dict[str, Any]) -> str:
    done, total = int(job.get("pages_scraped") or 0), int(job.get("total_pages") or 0)
    return f"{done}/{total}" if total else str(done)


def job_summary(job: dict[str, Any]) -> dict[str, Any]:
    """What ``status`` prints: the job's state, progress and, if it failed, why."""
    from docharvest.timestamps import iso

    return {
        "job_id": job["job_id"],
        "kind": job["kind"],
        "status": job["status"],
        "current_step": job.get("current_step"),
        "current_agent": job.get("current_agent"),
        "agents_completed": job.get("agents_completed") or [],
        "progress": {
            "pages_done": job.get("pages_scraped") or 0,
            "pages_total": job.get("total_pages") or 0,
            "documents_found": job.get("total_documents_found") or 0,
            "documents_downloaded": job.get("total_documents_downloaded") or 0,
        },
        "website": job.get("website"),
        "prompt": job.get("prompt"),
        "created_at": iso(job.get("created_at")),
        "started_at": iso(job.get("started_at")),
        "completed_at": iso(job.get("completed_at")),
        "heartbeat_at": iso(job.get("heartbeat_at")),
        "owner": job.get("owner"),
        "message": job.get("message"),
        "error": job.get("error"),
    }


def run_jobs(args: argparse.Namespace) -> int:
    from docharvest.store import repository

    if not 1 <= args.limit <= 10_000:
        return fail(f"--limit: must be between 1 and 10000 (got {args.limit})", code=2)
    engine = _engine(settings_from_args(args))
    rows = repository.list_jobs(engine, limit=args.limit)
    if args.json:
        for job in rows:
            sys.stdout.write(json.dumps(job_summary(job)) + "\n")
        return 0
    header = f"{'JOB_ID':<22} {'KIND':<9} {'STATUS':<11} {'PROGRESS':>9} {'AGE':>5}  STEP"
    lines = [header]
    for job in rows:
        step = job.get("error") if job["status"] == JobStatus.failed else job.get("current_step")
        lines.append(
            f"{job['job_id']:<22} {job['kind']:<9} {job['status']:<11} {_progress(job):>9} "
            f"{_age(job.get('created_at')):>5}  {(step or '')[:70]}"
        )
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _find(engine: Any, job_id: str) -> dict[str, Any] | None:
    from docharvest.models import is_job_id
    from docharvest.store import repository

    return repository.find_job(engine, job_id) if is_job_id(job_id) else None


def run_status(args: argparse.Namespace) -> int:
    engine = _engine(settings_from_args(args))
    job = _find(engine, args.job_id)
    if job is None:
        return fail(f"no job {args.job_id[:80]!r} (see `docharvest jobs`)")
    if getattr(args, "follow", False) and JobStatus(job["status"]).is_active:
        import sys

        from docharvest.commands.progress import follow

        # The same progress display as a job command's, read from the row the API serves.
        follow(engine, job["job_id"], sys.stderr)
        job = _find(engine, args.job_id) or job
    write_output(job_summary(job), None)
    return 0


def run_cancel(args: argparse.Namespace) -> int:
    """Mark the job cancelled; stop its process if it runs here, else its Airflow DAG run."""
    from docharvest.liveness import airflow_run_state
    from docharvest.store import repository

    settings = settings_from_args(args)
    engine = _engine(settings)
    job = _find(engine, args.job_id)
    if job is None:
        return fail(f"no job {args.job_id[:80]!r} (see `docharvest jobs`)")
    if not JobStatus(job["status"]).is_active:
        return fail(
            f"job {job['job_id']} is already {job['status']}; only pending or running jobs can be cancelled"
        )
    now = datetime.now(UTC)
    repository.update_job(
        engine,
        job["job_id"],
        status=JobStatus.cancelled,
        completed_at=now,
        current_step="Cancelled",
        message="Job cancelled by the user; results found before cancellation are kept.",
    )
    stopped = "the job is marked cancelled"
    host, _, pid = (job.get("owner") or "").rpartition(":")
    if host == socket.gethostname() and pid.isdigit() and int(pid) != os.getpid():
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(int(pid), signal.SIGTERM)  # the CLI running it; its parse workers die with it
            stopped += f"; its process {pid} was stopped"
    elif job.get("dag_id") and job.get("run_id") and airflow_run_state(settings) is not None:
        from docharvest.airflow_rest import AirflowClient, AirflowUnavailableError

        try:
            AirflowClient(settings.api).fail_dag_run(job["dag_id"], job["run_id"])
            stopped += f"; its DAG run {job['run_id']} was stopped"
        except AirflowUnavailableError as exc:
            stopped += f"; its DAG run could not be stopped ({exc})"
    sys.stdout.write(f"{job['job_id']}: {stopped}\n")
    return 0


def resume_conf(job: dict[str, Any]) -> tuple[str, Any, Any]:
    """(DAG id, conf, results function) that re-run ``job`` under its own id."""
    from docharvest.jobrecord import job_params, params_body

    params = params_body(job_params(job))
    if job["kind"] == JobKind.scrape:
        from docharvest.commands.scrape import DAG_ID, run_scrape
        from docharvest.models import ScrapeConf

        conf = ScrapeConf.model_validate(
            {**params, "website": job["website"], "prompt": job["prompt"], "job_id": job["job_id"]}
        )
        return DAG_ID, conf, run_scrape
    if job["kind"] == JobKind.extract:
        from docharvest.commands.extract import DAG_ID as EXTRACT_DAG
        from docharvest.commands.extract import run_extract
        from docharvest.models import ExtractConf

        return EXTRACT_DAG, ExtractConf.model_validate({**params, "job_id": job["job_id"]}), run_extract
    from docharvest.commands.knowledge import DAG_ID as KNOWLEDGE_DAG
    from docharvest.commands.knowledge import run_knowledge
    from docharvest.models import KnowledgeConf

    knowledge = KnowledgeConf.model_validate({**params, "url": job["website"], "job_id": job["job_id"]})
    return KNOWLEDGE_DAG, knowledge, run_knowledge


def run_resume(args: argparse.Namespace) -> int:
    from docharvest.liveness import this_owner
    from docharvest.store import repository

    settings = settings_from_args(args)
    engine = _engine(settings)
    job = _find(engine, args.job_id)
    if job is None:
        return fail(f"no job {args.job_id[:80]!r} (see `docharvest jobs`)")
    status = JobStatus(job["status"])
    if status.is_active:
        return fail(f"job {job['job_id']} is still running (owner {job.get('owner') or 'an Airflow worker'})")
    if status != JobStatus.failed:
        return fail(f"job {job['job_id']} is {status.value}; only failed jobs can be resumed")
    _, conf, run = resume_conf(job)
    # A fresh timeout budget from now; the previous attempt's failure is history (its errors stay).
    repository.update_job(
        engine,
        job["job_id"],
        status=JobStatus.pending,
        error=None,
        completed_at=None,
        started_at=None,
        total_runtime_seconds=None,
        owner=this_owner(),
        current_step="Resuming",
        message=f"Resumed from {job.get('current_step') or 'its last step'}",
    )
    body = run(conf, settings, verbose=args.verbose)
    write_output(body, args.output)
    final = repository.get_job(engine, job["job_id"])
    if final["status"] != JobStatus.completed:
        return fail(f"job {job['job_id']} ended {final['status']}: {final.get('error') or ''}".rstrip(": "))
    return 0
