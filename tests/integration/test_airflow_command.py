"""``docharvest airflow --port N`` started as a user starts it, on a port other than 8080.

The workers must be told where the execution API is: a scrape job triggered through
Airflow's REST API (as the UI's trigger form does) has to run to ``success``.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from docharvest.samples.demo_site import DEMO_PROMPT, build_demo_site, serve_folder

pytestmark = pytest.mark.slow

DOCHARVEST_BIN = str(Path(sys.executable).with_name("docharvest"))
STARTUP_SECONDS = 150


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    assert port != 8080
    return port


class Standalone:
    """``docharvest airflow --port N`` in its own session, from a fresh working directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.home = root / ".airflow"
        self.log_path = root / "airflow.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "DOCHARVEST_"))}
        # What a user would export for a local site; no AIRFLOW__* at all.
        env.update(
            {
                "DOCHARVEST_ALLOW_PRIVATE_NETWORKS": "true",
                "DOCHARVEST_CRAWL__MIN_DELAY_SECONDS": "0",
                "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
            }
        )
        log = open(self.log_path, "wb")  # noqa: SIM115 - closed with the process
        self.proc = subprocess.Popen(
            [DOCHARVEST_BIN, "airflow", "--port", str(self.port)],
            cwd=root,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)

    def log_tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-3000:]

    def token(self) -> str:
        passwords = json.loads((self.home / "simple_auth_manager_passwords.json.generated").read_text())
        response = httpx.post(
            f"{self.url}/auth/token", json={"username": "admin", "password": passwords["admin"]}, timeout=60
        )
        return str(response.json()["access_token"])

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.url, headers={"Authorization": f"Bearer {self.token()}"}, timeout=60
        )

    def wait_ready(self) -> str | None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return f"docharvest airflow exited with {self.proc.returncode}"
            try:
                with self.client() as client:
                    if client.get("/api/v2/dags/docharvest_scrape").status_code == 200:
                        return None
            except (OSError, KeyError, ValueError, httpx.HTTPError):
                pass
            time.sleep(2)
        return f"not ready after {STARTUP_SECONDS} s"


@pytest.fixture(scope="module")
def standalone(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Standalone]:
    server = Standalone(tmp_path_factory.mktemp("user-dir"))
    problem = server.wait_ready()
    if problem:
        tail = server.log_tail()
        server.stop()
        pytest.skip(f"docharvest airflow cannot start here: {problem}\n{tail}")
    yield server
    server.stop()


def test_scrape_job_succeeds_on_a_non_default_port(standalone: Standalone, tmp_path: Path) -> None:
    site = serve_folder(build_demo_site(tmp_path / "site"))
    try:
        website = f"http://127.0.0.1:{site.server_address[1]}/"
        with standalone.client() as client:
            assert client.patch("/api/v2/dags/docharvest_scrape", json={"is_paused": False}).is_success
            created = client.post(
                "/api/v2/dags/docharvest_scrape/dagRuns",
                json={
                    "logical_date": None,
                    "conf": {"website": website, "prompt": DEMO_PROMPT, "max_file_size_mb": 1},
                },
            )
            assert created.status_code == 200, created.text
            run_id = created.json()["dag_run_id"]
            deadline = time.monotonic() + 400
            state = "queued"
            while time.monotonic() < deadline and state not in ("success", "failed"):
                time.sleep(2)
                try:  # a busy machine can make one poll slow; the next one decides
                    state = client.get(f"/api/v2/dags/docharvest_scrape/dagRuns/{run_id}").json()["state"]
                except httpx.TimeoutException:
                    continue
            tasks = client.get(f"/api/v2/dags/docharvest_scrape/dagRuns/{run_id}/taskInstances").json()
    finally:
        site.shutdown()
        site.server_close()
    states = {t["task_id"]: t["state"] for t in tasks["task_instances"]}
    assert state == "success", f"run ended {state}: {states}\n{standalone.log_tail()}"
    assert "localhost:8080" not in standalone.log_tail()
    standalone.finished_run = run_id  # type: ignore[attr-defined]


def test_out_of_range_values_are_refused_naming_the_bound(standalone: Standalone) -> None:
    """What the trigger form submits: no clamping anywhere, a 400 that names the bound."""
    with standalone.client() as client:
        for field, value, bound in (
            ("timeout", 5, "minimum of 60"),
            ("confidence_threshold", 1.5, "maximum of 1"),
        ):
            conf = {"website": "https://example.org/", "prompt": "minutes", field: value}
            refused = client.post(
                "/api/v2/dags/docharvest_scrape/dagRuns", json={"logical_date": None, "conf": conf}
            )
            assert refused.status_code == 400, refused.text
            assert bound in refused.json()["detail"] and field in refused.json()["detail"]
        params = client.get("/api/v2/dags/docharvest_scrape/details").json()["params"]
    assert list(params)[:2] == ["website", "prompt"] and "job_id" not in params


def test_dag_run_view_needs_an_airflow_login(standalone: Standalone) -> None:
    run_id = getattr(standalone, "finished_run", None)
    if run_id is None:
        pytest.skip("needs the finished run of the previous test")
    path = f"/docharvest/ui/dag-runs/docharvest_scrape/{run_id}"
    anonymous = httpx.get(standalone.url + path, timeout=60)
    assert anonymous.status_code == 401 and "documents" not in anonymous.text
    forged = httpx.get(standalone.url + path, cookies={"_token": "not-a-jwt"}, timeout=60)
    assert forged.status_code == 401
    page = httpx.get(standalone.url + path, cookies={"_token": standalone.token()}, timeout=60)
    assert page.status_code == 200, page.text[:500]
    assert "id='documents'" in page.text and "completed" in page.text
    with standalone.client() as client:
        plugins = client.get("/api/v2/plugins").json()["plugins"]
    views = [v for p in plugins for v in p.get("external_views", [])]
    assert any(v["destination"] == "dag_run" and "{RUN_ID}" in v["href"] for v in views), views
