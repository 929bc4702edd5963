"""The warm local runner (``docharvest.orchestration.daemon``), through the real command.

Whole scrape jobs run as a user runs them: the ``docharvest`` command in a child process, a site
on 127.0.0.1, the session's metadata DB (SQLite, or PostgreSQL when
DOCHARVEST_TEST_DATABASE_URL is set). The first command starts the daemon; later ones run in a
fork of it. Checked: the same results as an in-process run; concurrent commands; a job process
killed mid-run is reaped as failed (never left "running"); a client killed mid-run interrupts its
job; ``--no-daemon`` and ``DOCHARVEST_DAEMON=0`` start none; an idle daemon exits.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest
import sqlalchemy as sa
from docharvest.config import Settings
from docharvest.liveness import reap_jobs
from docharvest.orchestration import daemon, daemon_client
from docharvest.samples.pdfwriter import simple_pdf
from docharvest.store import repository
from docharvest.store.db import get_engine

from tests.support.siteserver import Route, SiteServer, html

DOCHARVEST = str(Path(sys.executable).with_name("docharvest"))
PROMPT = "board meeting minutes"
PDFS = 4


@pytest.fixture(scope="module")
def site() -> Iterator[SiteServer]:
    with SiteServer("127.0.0.1") as server:
        links = "".join(f"<a href='/docs/minutes-{i}.pdf'>Board minutes {i}</a>" for i in range(PDFS))
        server.add("/", html(f"<title>Board</title>{links}<a href='/slow'>more minutes</a>"))
        for i in range(PDFS):
            pdf = simple_pdf(
                [["Board meeting minutes", f"Meeting {i}", "Motion carried"]], title=f"Minutes {i}"
            )
            server.add(f"/docs/minutes-{i}.pdf", Route(body=pdf, headers={"Content-Type": "application/pdf"}))
        # A crawl of /slow/ takes a minute: long enough to kill whatever runs it.
        for i in range(60):
            page = html(f"<a href='/slow/{i + 1}'>next minutes</a>")
            page.delay = 1.0
            server.add("/slow" if i == 0 else f"/slow/{i}", page)
        yield server


@pytest.fixture
def env(tmp_path: Path, database_url: str) -> dict[str, str]:
    values = {k: v for k, v in os.environ.items() if not k.startswith(("DOCHARVEST_", "AIRFLOW"))}
    values.update(
        {
            "DOCHARVEST_DATA_DIR": str(tmp_path / "data"),
            "DOCHARVEST_AIRFLOW_HOME": str(tmp_path / "airflow"),
            "DOCHARVEST_DATABASE_URL": database_url,
            "DOCHARVEST_CRAWL__MIN_DELAY_SECONDS": "0",
            "DOCHARVEST_CRAWL__CONCURRENCY": "1",
            "DOCHARVEST_CRAWL__USE_SITEMAPS": "false",
            "DOCHARVEST_RELEVANCE__DOWNLOAD_THRESHOLD": "0",
            "DOCHARVEST_DAEMON_IDLE_SECONDS": "120",
        }
    )
    return values


@pytest.fixture(autouse=True)
def no_daemon_left(env: dict[str, str]) -> Iterator[None]:
    yield
    for proc in _daemons(env):
        proc.kill()
        proc.wait(10)


def _is_runner(proc: psutil.Process | None) -> bool:
    return proc is not None and "docharvest.orchestration.daemon" in " ".join(proc.cmdline())


def _daemons(env: dict[str, str]) -> list[psutil.Process]:
    """Daemon processes started for this test's Airflow home (not the jobs forked from them)."""
    found = []
    for proc in psutil.process_iter():
        try:
            if not _is_runner(proc) or _is_runner(proc.parent()):
                continue
            if proc.environ().get("DOCHARVEST_AIRFLOW_HOME") == env["DOCHARVEST_AIRFLOW_HOME"]:
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


def _scrape(env: dict[str, str], url: str, out: Path, *flags: str) -> subprocess.Popen[bytes]:
    command = [DOCHARVEST, "scrape", url, "--prompt", PROMPT, "--allow-private-network", "--single-page"]
    return subprocess.Popen(
        [*command, "-q", "-o", str(out), *flags],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _finish(proc: subprocess.Popen[bytes], timeout: float = 300) -> tuple[int, str]:
    _, err = proc.communicate(timeout=timeout)
    return proc.returncode, err.decode()


def _documents(out: Path) -> tuple[str, list[str]]:
    body: dict[str, Any] = json.loads(out.read_text())
    urls = sorted(d["url"] for d in body.get("documents") or body.get("results") or [])
    return body["status"], urls


def _settings(env: dict[str, str]) -> Settings:
    return Settings(
        data_dir=Path(env["DOCHARVEST_DATA_DIR"]),
        database_url=env["DOCHARVEST_DATABASE_URL"],
        airflow_home=Path(env["DOCHARVEST_AIRFLOW_HOME"]),
    )


def _wait(condition: Any, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_jobs_through_the_daemon_match_an_in_process_run(
    site: SiteServer, env: dict[str, str], tmp_path: Path
) -> None:
    code, err = _finish(_scrape(env, site.url("/"), tmp_path / "inproc.json", "--no-daemon"))
    assert code == 0, err
    assert not _daemons(env), "--no-daemon started a daemon"
    expected = _documents(tmp_path / "inproc.json")
    assert expected[0] == "completed" and len(expected[1]) == PDFS

    first = _scrape(env, site.url("/"), tmp_path / "first.json")
    code, err = _finish(first)
    assert code == 0, err
    (runner,) = _daemons(env)
    parsed_at = _last_parsed(env, "docharvest_extract")
    second = _scrape(env, site.url("/"), tmp_path / "second.json")
    code, err = _finish(second)
    assert code == 0, err
    assert _daemons(env) == [runner], "the second command did not use the running daemon"
    # The daemon wrote the DAG folder to Airflow's DB when it started; its jobs did not again
    # (each sync stamps every DAG's last_parsed_time, the ones no job ran included).
    assert parsed_at is not None and _last_parsed(env, "docharvest_extract") == parsed_at
    assert _documents(tmp_path / "first.json") == expected
    assert _documents(tmp_path / "second.json") == expected
    # Each job was owned by a fork of the daemon, not by the command that asked for it.
    engine = get_engine(_settings(env))
    ids = [json.loads((tmp_path / f"{n}.json").read_text())["job_id"] for n in ("inproc", "first", "second")]
    owners = {_pid(repository.get_job(engine, job_id)) for job_id in ids}
    assert len(owners) == 3 and first.pid not in owners and second.pid not in owners

    # Concurrent commands: each its own job, side by side in forks of the same daemon.
    procs = [_scrape(env, site.url("/"), tmp_path / f"r{i}.json") for i in range(3)]
    results = [_finish(p) for p in procs]
    assert [code for code, _ in results] == [0, 0, 0], [err[-2000:] for _, err in results]
    assert _daemons(env) == [runner]
    ids = {json.loads((tmp_path / f"r{i}.json").read_text())["job_id"] for i in range(3)}
    assert len(ids) == 3
    assert all(_documents(tmp_path / f"r{i}.json") == expected for i in range(3))

    # Bad flags are the command's own error, through the daemon too.
    code, err = _finish(_scrape(env, site.url("/"), tmp_path / "x.json", "--timeout", "1"))
    assert code == 2 and "timeout" in err


def _last_parsed(env: dict[str, str], dag_id: str) -> str | None:
    db = Path(env["DOCHARVEST_AIRFLOW_HOME"]) / "airflow.db"
    with contextlib.closing(sqlite3.connect(db)) as conn:
        row = conn.execute("SELECT last_parsed_time FROM dag WHERE dag_id = ?", (dag_id,)).fetchone()
    return str(row[0]) if row else None


def _job_ids(env: dict[str, str]) -> set[str]:
    try:
        return {j["job_id"] for j in repository.list_jobs(get_engine(_settings(env)), limit=1000)}
    except (sa.exc.OperationalError, sa.exc.ProgrammingError):
        return set()


def _running_jobs(
    env: dict[str, str], count: int, clients: list[subprocess.Popen[bytes]], older: set[str]
) -> list[dict[str, Any]]:
    """The ``count`` jobs this test started, once each is running (other tests share the DB)."""

    def find() -> list[dict[str, Any]] | None:
        for client in clients:
            if client.poll() is not None:
                _, err = client.communicate()
                raise AssertionError(f"a command ended early ({client.returncode}): {err.decode()[-3000:]}")
        try:
            jobs = repository.list_jobs(get_engine(_settings(env)), limit=10)
        except (sa.exc.OperationalError, sa.exc.ProgrammingError):  # no tables yet (first command)
            return None
        running = [
            j for j in jobs if j["job_id"] not in older and j["status"] == "in_progress" and j.get("owner")
        ]
        return running if len(running) == count else None

    found: list[dict[str, Any]] = _wait(find, 180, f"{count} jobs to run")
    return found


def _slow_scrape(env: dict[str, str], site: SiteServer, out: Path) -> subprocess.Popen[bytes]:
    command = [DOCHARVEST, "scrape", site.url("/slow"), "--prompt", PROMPT, "--allow-private-network"]
    return subprocess.Popen(
        [*command, "-q", "-o", str(out)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _pid(job: dict[str, Any]) -> int:
    return int(str(job["owner"]).rpartition(":")[2])


def test_killed_job_process_or_client_leaves_no_job_running(
    site: SiteServer, env: dict[str, str], tmp_path: Path
) -> None:
    # The first command starts the daemon (and creates the metadata DB); the second joins it.
    older = _job_ids(env)
    clients = [_slow_scrape(env, site, tmp_path / "slow0.json")]
    _running_jobs(env, 1, clients, older)
    clients.append(_slow_scrape(env, site, tmp_path / "slow1.json"))
    jobs = _running_jobs(env, 2, clients, older)
    assert len(_daemons(env)) == 1
    assert not {_pid(j) for j in jobs} & {c.pid for c in clients}
    settings = _settings(env)
    engine = get_engine(settings)
    by_owner = {_pid(j): j for j in jobs}
    # kill -9 of one job's process: its command says so, and the job is reaped as failed.
    victim = jobs[0]
    os.kill(_pid(victim), signal.SIGKILL)
    ended = _wait(lambda: [c for c in clients if c.poll() is not None], 60, "a command to end")
    code, err = _finish(ended[0], timeout=30)
    assert code == 1 and "ended without reporting" in err
    assert _daemons(env), "the daemon died with a job"
    reaped = dict(reap_jobs(engine, settings))  # what the next command does first
    assert victim["job_id"] in reaped
    assert repository.get_job(engine, victim["job_id"])["status"] == "failed"
    # kill -9 of the other command: its job process is interrupted and ends by itself.
    (other,) = [c for c in clients if c is not ended[0]]
    (survivor,) = [pid for pid in by_owner if pid != _pid(victim)]
    other.kill()
    other.wait(10)

    def gone() -> bool:
        return not psutil.pid_exists(survivor) or psutil.Process(survivor).status() == psutil.STATUS_ZOMBIE

    _wait(gone, daemon.ORPHAN_GRACE_SECONDS + 30, "the orphaned job process to end")
    reap_jobs(engine, settings)
    status = repository.get_job(engine, by_owner[survivor]["job_id"])["status"]
    assert status in ("failed", "cancelled")


def test_daemon_switched_off_by_env_and_an_idle_daemon_exits(
    site: SiteServer, env: dict[str, str], tmp_path: Path
) -> None:
    code, err = _finish(_scrape({**env, "DOCHARVEST_DAEMON": "0"}, site.url("/"), tmp_path / "a.json"))
    assert code == 0, err
    assert not _daemons(env)
    idle = {**env, "DOCHARVEST_DAEMON_IDLE_SECONDS": "2"}
    code, err = _finish(_scrape(idle, site.url("/"), tmp_path / "b.json"))
    assert code == 0, err
    _wait(lambda: not _daemons(env), 30, "the idle daemon to exit")


def test_only_job_commands_use_the_daemon() -> None:
    assert daemon_client.wanted(["scrape", "http://x", "--prompt", "p"], {})
    assert not daemon_client.wanted(["scrape", "http://x", "--no-daemon"], {})
    assert not daemon_client.wanted(["scrape", "--help"], {})
    assert not daemon_client.wanted(["scrape", "http://x"], {"DOCHARVEST_DAEMON": "0"})
    assert not daemon_client.wanted(["jobs"], {})
    assert not daemon_client.wanted([], {})
