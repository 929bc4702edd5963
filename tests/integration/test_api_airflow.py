"""The jobs API end to end inside a real Airflow: scheduler, dag-processor and api-server.

Airflow runs on 127.0.0.1 with LocalExecutor, SQLite and a temp AIRFLOW_HOME; the API is
the plugin's app mounted at ``/docharvest``. A scrape job is submitted through ``/scrape``
on the demo site, followed through ``/scrape/status`` and read through ``/scrape/results``;
another job is cancelled while it crawls a slow site.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from docharvest.api.keys import create_key
from docharvest.config import REPO_ROOT, Settings
from docharvest.samples.demo_site import DEMO_PROMPT, build_demo_site, serve_folder
from docharvest.store.db import init_db

from tests.support.contracts import SCRAPE_RESULTS, validate_component
from tests.support.siteserver import Route, SiteServer, html

pytestmark = pytest.mark.slow

STARTUP_SECONDS = 120
AIRFLOW_BIN = str(Path(sys.executable).with_name("airflow"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class AirflowServer:
    """scheduler + dag-processor + api-server as child processes in their own sessions."""

    def __init__(self, home: Path, data: Path) -> None:
        self.home = home
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data = data
        self.procs: list[subprocess.Popen[bytes]] = []
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "DOCHARVEST_"))},
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(REPO_ROOT / "dags"),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO_ROOT / "plugins"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
            "AIRFLOW__CORE__PARALLELISM": "4",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}",
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__PORT": str(self.port),
            "AIRFLOW__API__WORKERS": "1",
            "AIRFLOW__API_AUTH__JWT_SECRET": "docharvest-e2e-" + "s" * 64,
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{self.url}/execution/",
            "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
            "AIRFLOW__SCHEDULER__SCHEDULER_IDLE_SLEEP_TIME": "0.5",
            "DOCHARVEST_DATA_DIR": str(data),
            "DOCHARVEST_ALLOW_PRIVATE_NETWORKS": "true",
            "DOCHARVEST_CRAWL__MIN_DELAY_SECONDS": "0",
            "DOCHARVEST_CRAWL__RETRY_BACKOFF_SECONDS": "0.05",
            "DOCHARVEST_BATCH_SIZE": "5",
            # Parse workers stay at the default (2): the extract step's process pool runs under a real worker.
            # The code under test (a worktree's include/ too, not only the installed package).
            "PYTHONPATH": f"{REPO_ROOT / 'include'}{os.pathsep}{REPO_ROOT}",
        }

    def settings(self) -> Settings:
        return Settings(data_dir=self.data)

    def start(self) -> None:
        subprocess.run(
            [AIRFLOW_BIN, "db", "migrate"], env=self.env, check=True, capture_output=True, timeout=120
        )
        for component in (["api-server"], ["scheduler"], ["dag-processor"]):
            log = open(self.home / f"{component[0]}.log", "wb")  # noqa: SIM115 - closed with the process
            self.procs.append(
                subprocess.Popen(
                    [AIRFLOW_BIN, *component],
                    env=self.env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for proc in self.procs:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.name}\n" + p.read_text(errors="replace")[-1500:] for p in sorted(self.home.glob("*.log"))
        )

    def wait_ready(self) -> str | None:
        """None when the API server answers and the scrape DAG is parsed; else why not."""
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if any(p.poll() is not None for p in self.procs):
                return "an Airflow process exited"
            try:
                health = httpx.get(f"{self.url}/api/v2/monitor/health", timeout=2)
                if health.status_code == 200 and self._dag_loaded():
                    return None
            except httpx.HTTPError:
                pass
            time.sleep(1)
        return f"Airflow not ready after {STARTUP_SECONDS} s"

    def token(self) -> str:
        import json

        passwords = json.loads((self.home / "simple_auth_manager_passwords.json.generated").read_text())
        response = httpx.post(
            f"{self.url}/auth/token", json={"username": "admin", "password": passwords["admin"]}
        )
        return str(response.json()["access_token"])

    def airflow_get(self, path: str) -> httpx.Response:
        return httpx.get(f"{self.url}{path}", headers={"Authorization": f"Bearer {self.token()}"}, timeout=10)

    def wait_run(self, run_id: str, state: str, timeout: float = 30) -> dict[str, Any]:
        """The DAG run once it is in ``state`` (the job row ends a moment before the run does)."""
        deadline = time.monotonic() + timeout
        run: dict[str, Any] = {"state": "not read: every poll timed out"}
        while True:
            # The API server shares 2 cores with the workers running the job: a slow answer is
            # not the run's state, so poll again until the deadline.
            with contextlib.suppress(httpx.TimeoutException):
                run = dict(self.airflow_get(f"/api/v2/dags/docharvest_scrape/dagRuns/{run_id}").json())
            if run["state"] == state or time.monotonic() > deadline:
                assert run["state"] == state, run
                return run
            time.sleep(1)

    def _dag_loaded(self) -> bool:
        try:
            return self.airflow_get("/api/v2/dags/docharvest_scrape").status_code == 200
        except (OSError, KeyError, ValueError, httpx.HTTPError):
            return False


@pytest.fixture(scope="module")
def airflow(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AirflowServer]:
    server = AirflowServer(tmp_path_factory.mktemp("airflow-home"), tmp_path_factory.mktemp("dh-data"))
    try:
        server.start()
    except (subprocess.SubprocessError, OSError) as exc:
        pytest.skip(f"Airflow cannot start here: {exc}")
    problem = server.wait_ready()
    if problem:
        logs = server.logs()
        server.stop()
        pytest.skip(f"Airflow cannot start here: {problem}\n{logs}")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def api(airflow: AirflowServer) -> Iterator[httpx.Client]:
    key, _ = create_key(init_db(airflow.settings()), "e2e-org")
    with httpx.Client(
        base_url=f"{airflow.url}/docharvest", headers={"Authorization": f"Bearer {key}"}, timeout=30
    ) as client:
        yield client


def _wait_status(api: httpx.Client, job_id: str, until: Any, timeout: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        response = api.get(f"/scrape/status/{job_id}")
        assert response.status_code == 200, response.text
        body = response.json()
        seen.append((body["status"], body["current_agent"]))
        if until(body):
            return body
        time.sleep(0.5)
    raise AssertionError(f"job {job_id} did not reach the state in {timeout} s; seen {seen[-5:]}")


def test_scrape_job_through_the_api_in_airflow(
    api: httpx.Client, airflow: AirflowServer, tmp_path: Path
) -> None:
    server = serve_folder(build_demo_site(tmp_path / "site", oversize_mb=2))
    try:
        site = f"http://127.0.0.1:{server.server_address[1]}/"
        submitted = api.post(
            "/scrape", json={"website": site, "prompt": DEMO_PROMPT, "parameters": {"max_file_size_mb": 1}}
        )
        assert submitted.status_code == 200, submitted.text
        job_id = submitted.json()["job_id"]
        assert submitted.json()["status"] == "pending"
        final = _wait_status(api, job_id, lambda b: not b["is_active"], timeout=150)
    finally:
        server.shutdown()
        server.server_close()
    assert final["status"] == "completed", final
    assert final["progress"]["percentage"] == 100 and final["current_agent"] is None
    results = api.get(f"/scrape/results/{job_id}")
    assert results.status_code == 200
    body = results.json()
    validate_component(body, SCRAPE_RESULTS, "JobResultsResponse")
    assert body["status"] == "completed" and body["documents"], body["message"]
    assert any(d["url"].endswith(".pdf") for d in body["documents"])
    run = airflow.wait_run(f"api__{job_id}", "success")
    assert run["conf"]["org_id"] == "e2e-org" and run["conf"]["job_id"] == job_id
    listed = api.get("/scrape/jobs").json()
    assert job_id in [j["job_id"] for j in listed["jobs"]]


def test_cancel_a_running_job(api: httpx.Client, airflow: AirflowServer) -> None:
    with SiteServer("127.0.0.1") as site:
        links = "".join(f'<a href="/p{i}">page {i}</a>' for i in range(200))
        site.add("/", html(f"<h1>Minutes</h1>{links}"))
        for i in range(200):  # a slow site: the crawl is still running when we cancel
            site.add(f"/p{i}", html(f"<p>page {i}</p>"))
            site.routes[f"/p{i}"].delay = 1.0  # type: ignore[union-attr]
        submitted = api.post(
            "/scrape", json={"website": site.url("/"), "prompt": DEMO_PROMPT, "parameters": {"timeout": 600}}
        )
        job_id = submitted.json()["job_id"]
        running = _wait_status(api, job_id, lambda b: b["current_agent"] == "navigator", timeout=90)
        assert running["is_active"]
        cancelled = api.post(f"/scrape/cancel/{job_id}")
        assert cancelled.status_code == 200, cancelled.text
        assert cancelled.json()["status"] == "cancelled"
        run_path = f"/api/v2/dags/docharvest_scrape/dagRuns/api__{job_id}"
        assert airflow.airflow_get(run_path).json()["state"] == "failed"
        # Airflow stops the running task; its failure callback must not overwrite "cancelled".
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            instances = airflow.airflow_get(f"{run_path}/taskInstances").json()["task_instances"]
            if not any(ti["state"] in ("running", "queued", "scheduled") for ti in instances):
                break
            time.sleep(1)
        # The stopped task reported back: the run stays failed (apache/airflow#57061 turned it to
        # success once its waiting tasks were skipped).
        assert airflow.airflow_get(run_path).json()["state"] == "failed"
        status = api.get(f"/scrape/status/{job_id}").json()
        assert status["status"] == "cancelled" and status["is_active"] is False
        results = api.get(f"/scrape/results/{job_id}").json()
        assert results["status"] == "cancelled" and results["metadata"]["final_status"] == "cancelled"


def test_a_killed_worker_is_retried_and_the_job_completes(api: httpx.Client, airflow: AirflowServer) -> None:
    """kill -9 of the task process mid-crawl (LocalExecutor): Airflow retries discover, which
    continues from the crawl checkpoint, and the job completes with every document (issue 17)."""
    import psutil
    from docharvest.samples.pdfwriter import simple_pdf

    pages = 20
    with SiteServer("127.0.0.1") as site:
        # A wide site of slow pages (within the default max_depth): the crawl is mid-way when killed.
        site.add("/", html("".join(f"<a href='/m/{i}'>meeting {i}</a>" for i in range(pages))))
        for i in range(pages):
            site.add(f"/m/{i}", html(f"<a href='/d/minutes-{i}.pdf'>Board minutes {i}</a>"))
            site.routes[f"/m/{i}"].delay = 0.6  # type: ignore[union-attr]
            pdf = simple_pdf([["Board meeting minutes", f"Meeting {i}"]], title=f"Minutes {i}")
            site.add(f"/d/minutes-{i}.pdf", Route(body=pdf, headers={"Content-Type": "application/pdf"}))
        submitted = api.post("/scrape", json={"website": site.url("/"), "prompt": "board meeting minutes"})
        assert submitted.status_code == 200, submitted.text
        job_id = submitted.json()["job_id"]
        _wait_status(
            api,
            job_id,
            lambda b: b["current_agent"] == "navigator" and b["progress"]["pages_scraped"] >= 3,
            120,
        )
        run_path = f"/api/v2/dags/docharvest_scrape/dagRuns/api__{job_id}/taskInstances/discover"
        ti = airflow.airflow_get(run_path).json()
        runners = [
            p
            for p in psutil.process_iter(["cmdline"])
            if f"airflow worker -- {ti['id']}" in " ".join(p.info["cmdline"] or [])
        ]
        assert runners, f"no task process for {ti['id']}"
        for proc in runners:
            proc.kill()
        final = _wait_status(api, job_id, lambda b: not b["is_active"], timeout=240)
        assert final["status"] == "completed", final
        assert airflow.airflow_get(run_path).json()["try_number"] >= 2
        results = api.get(f"/scrape/results/{job_id}").json()
        assert sorted(Path(d["url"]).name for d in results["documents"]) == sorted(
            f"minutes-{i}.pdf" for i in range(pages)
        )
