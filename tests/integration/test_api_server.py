"""``docharvest api`` as users run it: a real uvicorn server (several workers) on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import psutil
import pytest
from docharvest.api.keys import create_key
from docharvest.cli import main
from docharvest.config import Settings
from docharvest.models import JobStatus
from docharvest.store.db import init_db

from tests.support.api_helpers import add_documents, add_job

DOCHARVEST = Path(sys.executable).with_name("docharvest")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(settings: Settings, tmp_path: Path) -> Iterator[tuple[str, psutil.Process]]:
    """``docharvest api --workers 2`` on the test's DB; yields its base URL and process."""
    init_db(settings)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCHARVEST_")}
    env |= {"DOCHARVEST_DATA_DIR": str(settings.data_dir), "DOCHARVEST_DATABASE_URL": settings.database_url}
    log = (tmp_path / "api.log").open("wb")
    command = [str(DOCHARVEST), "api", "--port", str(port), "--workers", "2", "--log-level", "warning"]
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base_url}/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            pytest.fail(f"docharvest api did not answer: {(tmp_path / 'api.log').read_text()}")
        yield base_url, psutil.Process(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_api_command_serves_with_several_workers(
    settings: Settings, server: tuple[str, psutil.Process]
) -> None:
    base_url, process = server
    assert len(process.children()) >= 2  # uvicorn's supervisor and its two workers
    engine = init_db(settings)
    key = create_key(engine, "acme")[0]
    job = add_job(engine, "acme", status=JobStatus.completed, completed_at=datetime.now(UTC))
    add_documents(engine, job["job_id"], 3)
    with httpx.Client(base_url=base_url, headers={"x-api-key": key}) as client:
        first = client.get(f"/scrape/results/{job['job_id']}")
        assert first.status_code == 200 and len(first.json()["documents"]) == 3
        etag = first.headers["ETag"]
        # The ETag comes from the DB's version of the job, so every worker agrees on it.
        for _ in range(6):
            again = client.get(f"/scrape/results/{job['job_id']}", headers={"If-None-Match": etag})
            assert again.status_code == 304
        add_documents(engine, job["job_id"], 4)
        changed = client.get(f"/scrape/results/{job['job_id']}", headers={"If-None-Match": etag})
        assert changed.status_code == 200 and len(changed.json()["documents"]) == 4


def test_api_command_refuses_a_bad_worker_count(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["api", "--workers", "0"])
    assert exit_info.value.code == 2
    assert "--workers: must be a whole number from 1 to 64, got '0'" in capsys.readouterr().err


def test_unauthenticated_and_oversized_bodies_cost_the_server_no_memory(
    settings: Settings, server: tuple[str, psutil.Process]
) -> None:
    """A 200 MB body without a key is answered 401 from its headers; with a key, 413 (issue 17)."""
    base_url, process = server
    key = create_key(init_db(settings), "acme")[0]

    def rss() -> int:
        return sum(p.memory_info().rss for p in [process, *process.children(recursive=True)])

    def body() -> Iterator[bytes]:
        for _ in range(200):
            yield b"{" * (1024 * 1024)

    before = rss()
    answered = 0
    for path in ("/scrape", "/v1/schemas", "/v1/extract", "/v1/jobs"):
        for headers, status in (({}, 401), ({"x-api-key": key}, 413)):
            try:
                answer = httpx.post(
                    base_url + path,
                    content=body(),
                    headers={**headers, "Content-Type": "application/json", "Content-Length": str(200 << 20)},
                    timeout=30,
                )
            except httpx.HTTPError:
                continue  # the server answered and closed while we were still sending: fine
            assert answer.status_code == status, (path, answer.text)
            answered += 1
    assert answered >= 4
    grown = (rss() - before) / (1 << 20)
    assert grown < 50, f"server grew {grown:.0f} MB"
