"""Fault tests (issue 17): ``kill -9`` of the CLI mid-crawl, then ``docharvest resume``.

Real processes: the CLI runs as a child process against a site on 127.0.0.1 whose pages
answer slowly, so the crawl is mid-way when it is killed. The killed job is reported failed
(its owner is gone), no process of it survives, and ``resume`` finishes the same job id with
the same documents as an uninterrupted run, no duplicate rows, and without re-fetching the
pages the first attempt had crawled.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest
import sqlalchemy as sa
from docharvest.cli import main
from docharvest.config import Settings
from docharvest.samples.pdfwriter import simple_pdf
from docharvest.store import repository
from docharvest.store.db import get_engine
from docharvest.store.tables import documents, job_errors

from tests.support.siteserver import Route, SiteServer, html

PAGES = 24
PROMPT = "board meeting minutes"


def _site(site: SiteServer) -> None:
    for i in range(PAGES):
        nxt = f"<a href='/meetings/{i + 1}'>Next meeting</a>" if i + 1 < PAGES else ""
        page = html(f"<title>Meeting {i}</title>{nxt}<a href='/docs/minutes-{i}.pdf'>Board minutes {i}</a>")
        page.delay = 0.25
        site.add("/" if i == 0 else f"/meetings/{i}", page)
        pdf = simple_pdf([["Board meeting minutes", f"Meeting {i}", "Motion carried"]], title=f"Minutes {i}")
        site.add(f"/docs/minutes-{i}.pdf", Route(body=pdf, headers={"Content-Type": "application/pdf"}))


@pytest.fixture
def env(tmp_path: Path, database_url: str) -> Iterator[dict[str, str]]:
    values = {
        "DOCHARVEST_DATA_DIR": str(tmp_path / "data"),
        "DOCHARVEST_DATABASE_URL": database_url,
        "DOCHARVEST_CRAWL__MIN_DELAY_SECONDS": "0",
        "DOCHARVEST_CRAWL__CONCURRENCY": "1",
        "DOCHARVEST_CRAWL__USE_SITEMAPS": "false",
        "DOCHARVEST_CRAWL__MAX_DEPTH": "100",
        "DOCHARVEST_RELEVANCE__DOWNLOAD_THRESHOLD": "0",
    }
    saved = dict(os.environ)
    os.environ.update(values)
    yield values
    os.environ.clear()
    os.environ.update(saved)


def _docs(settings: Settings, job_id: str) -> list[tuple[str, str, str | None]]:
    rows = repository.list_documents(get_engine(settings), job_id)
    return sorted((d["url"], d["status"], d["sha256"]) for d in rows)


def _count(settings: Settings, table: sa.Table, job_id: str) -> int:
    with get_engine(settings).connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).where(table.c.job_id == job_id)).scalar_one())


def _wait_for_crawl(settings: Settings, process: subprocess.Popen[bytes], pages: int) -> str:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, "the CLI ended before it could be killed"
        for job in repository.list_jobs(get_engine(settings), limit=5):
            if job["status"] == "in_progress" and (job["pages_scraped"] or 0) >= pages and job.get("owner"):
                checkpoint = settings.work_dir(job["job_id"]) / "crawl-checkpoint.json"
                if checkpoint.exists():
                    return str(job["job_id"])
        time.sleep(0.1)
    raise AssertionError("the crawl did not get going")


def test_kill_9_mid_crawl_then_resume_completes_the_same_job(
    env: dict[str, str], site: SiteServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _site(site)
    settings = Settings()
    from docharvest.store.db import init_db

    init_db(settings)
    # An uninterrupted run: the reference.
    out = tmp_path / "reference.json"
    assert main(["scrape", site.url("/"), "--prompt", PROMPT, "--allow-private-network", "-o", str(out)]) == 0
    reference = json.loads(out.read_text())
    expected = {(Path(u).name, s) for u, s, _ in _docs(settings, reference["job_id"])}
    assert len(expected) == PAGES

    # The same job in a CLI process, killed with SIGKILL mid-crawl.
    site.log.clear()
    command = [sys.executable, "-m", "docharvest.cli", "scrape", site.url("/"), "--prompt", PROMPT]
    child = subprocess.Popen(
        [*command, "--allow-private-network"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    job_id = _wait_for_crawl(settings, child, pages=10)
    family = [child.pid] + [p.pid for p in psutil.Process(child.pid).children(recursive=True)]
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    time.sleep(1.5)
    survivors = [
        p for p in family if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE
    ]
    assert survivors == [], f"orphaned processes: {survivors}"
    crawled_before = {p for m, p in site.requests if m == "GET" and p.startswith("/meetings/")}
    assert 0 < len(crawled_before) < PAGES - 1

    # Any CLI start sees the job is dead; `status` says why.
    capsys.readouterr()
    assert main(["status", job_id]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["status"] == "failed" and "is gone" in status["error"]
    assert main(["jobs"]) == 0
    listing = capsys.readouterr().out
    assert job_id in listing and "failed" in listing

    # Resume: same job id, the crawl continues from its checkpoint, same documents, no duplicates.
    site.log.clear()
    resumed = tmp_path / "resumed.json"
    assert main(["resume", job_id, "--allow-private-network", "-o", str(resumed)]) == 0
    body = json.loads(resumed.read_text())
    assert body["job_id"] == job_id and body["status"] == "completed"
    assert {(Path(u).name, s) for u, s, _ in _docs(settings, job_id)} == expected
    assert _count(settings, documents, job_id) == PAGES
    refetched = {p for m, p in site.requests if m == "GET" and p.startswith("/meetings/")} & crawled_before
    # At most the pages crawled since the last checkpoint (written every second) are fetched again.
    assert len(refetched) <= 5 < len(crawled_before), (refetched, crawled_before)
    errors = repository.list_errors(get_engine(settings), job_id)
    assert _count(settings, job_errors, job_id) == len(errors)
    assert [e["error_type"] for e in errors] == ["job_dead"]
    assert len({(d["name"], d["url"]) for d in body["documents"]}) == len(body["documents"])


def test_resume_refuses_running_completed_and_unknown_jobs(env: dict[str, str], capsys: Any) -> None:
    from docharvest.store.db import init_db

    settings = Settings()
    engine = init_db(settings)
    from tests.support.api_helpers import add_job

    done = add_job(engine, "default", status="completed")
    assert main(["resume", done["job_id"]]) == 1
    assert "only failed jobs" in capsys.readouterr().err
    assert main(["resume", "job_doesnotexist"]) == 1
    assert main(["status", "x" * 500]) == 1
    assert len(capsys.readouterr().err) < 300
    running = add_job(engine, "default", status="in_progress", owner=f"{os.uname().nodename}:{os.getpid()}")
    assert main(["cancel", running["job_id"]]) == 0
    assert repository.get_job(engine, running["job_id"])["status"] == "cancelled"
    assert main(["cancel", running["job_id"]]) == 1


@pytest.mark.slow
def test_kill_9_mid_parse_leaves_no_worker_and_resume_reads_every_document(
    env: dict[str, str], site: SiteServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from docharvest.samples.pdfwriter import PdfBuilder
    from docharvest.store.db import init_db

    # Long PDFs keep the parse workers busy for seconds: the kill lands while they read.
    links = []
    for n in range(4):
        pdf = PdfBuilder(title=f"Board minutes volume {n}")
        for page in range(400):
            pdf.page().lines(
                72, 720, [f"Board meeting minutes volume {n} page {page} line {i}" for i in range(45)]
            )
        site.add(
            f"/docs/volume-{n}.pdf", Route(body=pdf.to_bytes(), headers={"Content-Type": "application/pdf"})
        )
        links.append(f"<a href='/docs/volume-{n}.pdf'>Board minutes volume {n}</a>")
    site.add("/", html("<title>Minutes</title>" + "".join(links)))
    os.environ["DOCHARVEST_PARSE_WORKERS"] = "2"
    settings = Settings()
    init_db(settings)
    command = [sys.executable, "-m", "docharvest.cli", "scrape", site.url("/"), "--prompt", PROMPT]
    child = subprocess.Popen(
        [*command, "--allow-private-network"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    workers: list[int] = []
    reading: dict[str, Any] | None = None
    deadline = time.monotonic() + 180
    # Kill while documents are being read: the job (owned by this CLI process) is in its extract
    # step and parse workers exist. (A worker is spawned before the run starts, so a worker alone
    # does not say the job has got that far.)
    while time.monotonic() < deadline and not (workers and reading):
        assert child.poll() is None, "the CLI ended before it could be killed"
        reading = next(
            (
                j
                for j in repository.list_jobs(get_engine(settings), limit=20)
                if (j.get("owner") or "").endswith(f":{child.pid}") and j.get("current_agent") == "extractor"
            ),
            None,
        )
        workers = [
            p.pid
            for p in psutil.Process(child.pid).children(recursive=True)
            if "spawn_main" in " ".join(p.cmdline())
        ]
        time.sleep(0.05)
    assert workers and reading, "the job never reached its extract step with parse workers"
    time.sleep(0.5)
    family = [p.pid for p in psutil.Process(child.pid).children(recursive=True)]
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    time.sleep(2)
    survivors = [
        p for p in family if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE
    ]
    assert survivors == [], f"orphaned processes: {survivors}"
    job_id = reading["job_id"]
    assert repository.get_job(get_engine(settings), job_id)["agents_completed"].count("publisher") == 0

    out = tmp_path / "resumed.json"
    assert main(["resume", job_id, "--allow-private-network", "-o", str(out)]) == 0
    docs = _docs(settings, job_id)
    assert [(Path(u).name, s) for u, s, _ in docs] == [(f"volume-{n}.pdf", "extracted") for n in range(4)]
    assert json.loads(out.read_text())["status"] == "completed"
