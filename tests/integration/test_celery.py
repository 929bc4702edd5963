"""A scrape job on CeleryExecutor with two workers equals the same job run in-process.

Airflow (api-server, scheduler, dag-processor and two ``airflow celery worker`` processes) runs
on 127.0.0.1 with a temp AIRFLOW_HOME, a fresh PostgreSQL database for its metadata and Redis as
Celery broker and result backend, on a queue of its own so nothing else on the Redis is touched.
Each worker reports its own hostname (``tests.support.worker_hostname``), so the task instances
show where each mapped download/extract batch ran. DocHarvest's metadata DB is a SQLite file in
the test's data dir, shared by every task process as on a single machine.
"""

from __future__ import annotations

import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from docharvest.config import Settings
from docharvest.models import new_job_id
from docharvest.pipeline.scrape import run_scrape_inline
from docharvest.store import repository
from docharvest.store.db import get_engine

from tests.integration.test_api_airflow import AIRFLOW_BIN, AirflowServer, _free_port
from tests.support.siteserver import Route, SiteServer, html

pytestmark = pytest.mark.slow

PG_HOST, PG_PORT, REDIS_PORT = "127.0.0.1", 5432, 6379
WORKERS = ("dh-celery-w1", "dh-celery-w2")
PROMPT = "board meeting minutes 2024"
DOCUMENTS = 6


def _reachable(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def airflow_pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database for Airflow's metadata, dropped afterwards."""
    if not _reachable(PG_PORT):
        pytest.skip(f"PostgreSQL is not reachable on {PG_HOST}:{PG_PORT}")
    if not _reachable(REDIS_PORT):
        pytest.skip(f"Redis is not reachable on 127.0.0.1:{REDIS_PORT}")
    import psycopg

    name = f"dh_celery_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(f"host={PG_HOST} port={PG_PORT} user=postgres dbname=test", autocommit=True)
    except psycopg.Error as exc:
        pytest.skip(f"PostgreSQL on {PG_HOST}:{PG_PORT} refuses user postgres / db test: {exc}")
    with admin:
        admin.execute(f"CREATE DATABASE {name}")
        yield f"postgresql+psycopg2://postgres@{PG_HOST}:{PG_PORT}/{name}"
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


class CeleryAirflow(AirflowServer):
    """The e2e test's Airflow, on CeleryExecutor + PostgreSQL + Redis, plus two Celery workers."""

    def __init__(self, home: Path, data: Path, db_url: str) -> None:
        super().__init__(home, data)
        self.queue = f"dh_celery_{uuid.uuid4().hex[:8]}"
        self.env.update(
            {
                "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
                "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": db_url,
                "AIRFLOW__CELERY__BROKER_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
                "AIRFLOW__CELERY__RESULT_BACKEND": f"redis://127.0.0.1:{REDIS_PORT}/0",
                "AIRFLOW__OPERATORS__DEFAULT_QUEUE": self.queue,
                "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(_free_port()),
                # One document per batch: download/extract map over several task instances.
                "DOCHARVEST_BATCH_SIZE": "1",
            }
        )

    def start(self) -> None:
        super().start()
        for name in WORKERS:
            env = {
                **self.env,
                "AIRFLOW__CORE__HOSTNAME_CALLABLE": "tests.support.worker_hostname.from_env",
                "DH_TEST_WORKER_NAME": name,
            }
            log = open(self.home / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
            command = [AIRFLOW_BIN, "celery", "worker", "-q", self.queue, "-c", "1", "-H", f"{name}@%h"]
            command += ["--pid", str(self.home / f"{name}.pid"), "--skip-serve-logs"]
            command += ["--without-gossip", "--without-mingle"]
            self.procs.append(
                subprocess.Popen(
                    command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
                )
            )

    def wait_ready(self) -> str | None:
        problem = super().wait_ready()
        if problem:
            return problem
        from celery import Celery

        # Remote-control ping over the broker: every worker answers once it consumes.
        app = Celery(broker=self.env["AIRFLOW__CELERY__BROKER_URL"])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            answered = {name.split("@")[0] for reply in app.control.ping(timeout=1) for name in reply}
            if answered >= set(WORKERS):
                return None
            if any(p.poll() is not None for p in self.procs):
                return "an Airflow process exited"
        return "the Celery workers did not answer a ping in 60 s"

    def airflow_call(self, method: str, path: str, body: dict[str, Any]) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.token()}"}
        return httpx.request(method, f"{self.url}{path}", json=body, headers=headers, timeout=10)


@pytest.fixture(scope="module")
def celery_airflow(tmp_path_factory: pytest.TempPathFactory, airflow_pg_url: str) -> Iterator[CeleryAirflow]:
    server = CeleryAirflow(
        tmp_path_factory.mktemp("airflow-celery-home"),
        tmp_path_factory.mktemp("dh-celery-data"),
        airflow_pg_url,
    )
    try:
        server.start()
    except (subprocess.SubprocessError, OSError) as exc:
        server.stop()
        pytest.skip(f"Airflow on CeleryExecutor cannot start here: {exc}")
    problem = server.wait_ready()
    if problem:
        logs = server.logs()
        server.stop()
        pytest.skip(f"Airflow on CeleryExecutor cannot start here: {problem}\n{logs}")
    yield server
    server.stop()


def _site(site: SiteServer) -> None:
    paths = [f"/minutes-2024-{m:02d}.txt" for m in range(1, DOCUMENTS + 1)]
    links = "".join(f'<li><a href="{p}">Board meeting minutes {p[1:-4]}</a></li>' for p in paths)
    site.add("/", html(f"<h1>Board</h1><ul>{links}</ul>"))
    for month, path in enumerate(paths, start=1):
        body = f"Board meeting minutes 2024-{month:02d}. Motions approved.\n" * 20
        site.add(path, Route(body=body, headers={"Content-Type": "text/plain"}))


def _documents(settings: Settings, job_id: str) -> list[tuple[str, str, str | None]]:
    return sorted(
        (d["url"], d["status"], d["sha256"]) for d in repository.list_documents(get_engine(settings), job_id)
    )


def test_scrape_job_on_two_celery_workers_equals_a_local_run(
    celery_airflow: CeleryAirflow, settings: Settings, site: SiteServer
) -> None:
    _site(site)
    conf = {"website": site.url("/"), "prompt": PROMPT, "job_id": new_job_id()}
    dag = "/api/v2/dags/docharvest_scrape"
    assert celery_airflow.airflow_call("PATCH", dag, {"is_paused": False}).status_code == 200
    run_id = f"celery__{conf['job_id']}"
    triggered = celery_airflow.airflow_call(
        "POST", f"{dag}/dagRuns", {"dag_run_id": run_id, "logical_date": None, "conf": conf}
    )
    assert triggered.status_code == 200, triggered.text
    celery_airflow.wait_run(run_id, "success", timeout=150)

    instances = celery_airflow.airflow_get(f"{dag}/dagRuns/{run_id}/taskInstances?limit=100").json()
    mapped = [ti for ti in instances["task_instances"] if ti["map_index"] >= 0]
    assert {ti["task_id"].rsplit(".", 1)[-1] for ti in mapped} == {"download", "extract"}, mapped
    assert len(mapped) == 2 * DOCUMENTS and all(ti["state"] == "success" for ti in mapped)
    assert {ti["hostname"] for ti in mapped} == set(WORKERS)  # batches ran on both workers

    on_celery = _documents(celery_airflow.settings(), str(conf["job_id"]))
    local_job = run_scrape_inline(
        settings.model_copy(update={"batch_size": 1}), {"website": site.url("/"), "prompt": PROMPT}
    )
    assert len(on_celery) == DOCUMENTS and all(sha for *_, sha in on_celery)
    assert on_celery == _documents(settings, local_job)
