"""The knowledge job against real HTTP servers on 127.0.0.1: steps in-process, then one Airflow DAG run via the CLI."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from docharvest.cli import main
from docharvest.config import Settings
from docharvest.errors import StartUrlError
from docharvest.models import new_job_id
from docharvest.pipeline import knowledge
from docharvest.store import repository
from docharvest.store.db import get_engine
from docharvest.store.knowledge_items import list_knowledge_items as list_items
from docharvest.views.knowledge import knowledge_job_body

from tests.support.business_sites import business_site
from tests.support.siteserver import Route, SiteServer, html

SEED_KEYS = ["id", "status", "progress", "result", "error", "startedAt", "finishedAt", "durationMs"]
RESULT_KEYS = [
    "business",
    "knowledgeItems",
    "pagesScraped",
    "urlsDiscovered",
    "durationMs",
    "startedAt",
    "finishedAt",
]


def _plan(settings: Settings, url: str, max_pages: int = 50) -> str:
    conf = {"url": url, "max_pages": max_pages, "job_id": new_job_id()}
    return knowledge.plan(settings, conf, dag_id=knowledge.DAG_ID, run_id="test")


def _run_all(settings: Settings, url: str, max_pages: int = 50) -> str:
    job_id = _plan(settings, url, max_pages)
    for step in (knowledge.crawl, knowledge.extract, knowledge.publish):
        step(settings, job_id)
    return job_id


def test_steps_produce_profile_items_tables_and_parquet(site: SiteServer, settings: Settings) -> None:
    business_site("flowboard").serve(site)
    job_id = _run_all(settings, site.url("/"))
    engine = get_engine(settings)
    body = knowledge_job_body(engine, job_id)

    assert list(body) == SEED_KEYS and list(body["result"]) == RESULT_KEYS
    assert body["status"] == "completed" and body["error"] is None
    assert body["progress"]["currentStep"] == "Complete"
    assert body["result"]["business"] == {
        "name": "Flowboard",
        "domain": "127.0.0.1",
        "category": "Project Management",
        "description": body["result"]["business"]["description"],
    }
    assert body["result"]["pagesScraped"] == len(business_site("flowboard").pages)
    assert body["result"]["urlsDiscovered"] >= body["result"]["pagesScraped"]
    items = body["result"]["knowledgeItems"]
    titles = [i["title"] for i in items]
    assert len(titles) == len(set(titles))
    assert "Starter" not in titles  # the legacy plan
    assert any("discontinued" in w for w in repository.list_warnings(engine, job_id))
    assert {i["category"] for i in items} >= {
        "FEATURE",
        "PRICING",
        "FAQ",
        "INTEGRATION",
        "SECURITY",
        "CONTACT",
    }

    table = pq.read_table(next((settings.datasets_dir / "knowledge_items").rglob("*.parquet")))
    assert table.num_rows == len(items)
    assert set(table.column("job_id").to_pylist()) == {job_id}
    assert table.column("business_name").to_pylist()[0] == "Flowboard"

    # Re-running the extract and publish steps (an Airflow retry) rewrites, never duplicates.
    knowledge.extract(settings, job_id)
    knowledge.publish(settings, job_id)
    assert len(list_items(engine, job_id)) == len(items)


def test_progress_rises_while_pages_are_scraped(site: SiteServer, settings: Settings) -> None:
    links = "".join(f"<a href='/p{i}'>Page {i}</a>" for i in range(6))
    site.add("/", html(f"<title>Slow</title><main><h1>Slow site</h1><p>{links}</p></main>"))
    for i in range(6):
        page = f"<title>P{i}</title><main><h1>Topic {i}</h1><p>Text {i}.</p></main>"
        site.add(f"/p{i}", Route(body=page, headers={"Content-Type": "text/html"}, delay=0.15))
    settings.crawl.per_host_concurrency = 1
    settings.crawl.concurrency = 1
    job_id = _plan(settings, site.url("/"))
    engine = get_engine(settings)
    seen: list[tuple[int, str]] = []
    done = threading.Event()

    def poll() -> None:
        while not done.is_set():
            job = repository.get_job(engine, job_id)
            seen.append((job["pages_scraped"], job["current_step"] or ""))
            time.sleep(0.05)

    poller = threading.Thread(target=poll)
    poller.start()
    try:
        knowledge.crawl(settings, job_id)
    finally:
        done.set()
        poller.join()
    counts = [c for c, _ in seen]
    assert counts == sorted(counts) and len(set(counts)) >= 4
    assert any(step.startswith(f"Scraping {site.url('/p')}") for _, step in seen)
    knowledge.extract(settings, job_id)
    assert repository.get_job(engine, job_id)["current_step"] == "Extracting knowledge"
    knowledge.publish(settings, job_id)
    assert knowledge_job_body(engine, job_id)["progress"] == {
        "pagesScraped": 7,
        "totalPages": 7,
        "currentStep": "Complete",
    }


def test_unreachable_start_url_fails_the_job(settings: Settings) -> None:
    settings.crawl.max_retries = 0
    job_id = _plan(settings, "http://127.0.0.1:9/")
    with pytest.raises(StartUrlError, match="^Failed to scrape URL: "):
        knowledge.crawl(settings, job_id)
    body = knowledge_job_body(get_engine(settings), job_id)
    assert body["status"] == "failed"
    assert body["error"].startswith("Failed to scrape URL: http://127.0.0.1:9/")
    assert body["result"] is None and body["finishedAt"] is not None


def test_a_site_with_one_reachable_page_still_completes(site: SiteServer, settings: Settings) -> None:
    site.add(
        "/",
        html(
            "<title>Solo Bakery</title><main><h1>Solo Bakery</h1><p>Sourdough bread baked every morning in Bristol.</p>"
            "<h2>Opening hours</h2><p>Tuesday to Sunday, 7 am to 2 pm.</p><a href='/menu'>Menu</a><a href='/about'>About</a></main>"
        ),
    )
    job_id = _run_all(settings, site.url("/"))
    body = knowledge_job_body(get_engine(settings), job_id)
    assert body["status"] == "completed"
    assert body["result"]["pagesScraped"] == 1
    assert body["result"]["business"]["name"] == "Solo Bakery"
    assert "Opening hours" in [i["title"] for i in body["result"]["knowledgeItems"]]


def test_max_pages_reads_business_pages_before_blog_archives(site: SiteServer, settings: Settings) -> None:
    links = "".join(
        f"<a href='{p}'>{t}</a>"
        for p, t in [
            ("/blog/page/2", "Older posts"),
            ("/blog/2021/03/a", "A post"),
            ("/pricing", "Pricing"),
            ("/faq", "FAQ"),
        ]
    )
    site.add("/", html(f"<title>A</title><main><h1>A</h1>{links}</main>"))
    for path in ("/blog/page/2", "/blog/2021/03/a", "/pricing", "/faq"):
        site.add(path, html(f"<title>{path}</title><main><h1>{path}</h1><p>x</p></main>"))
    job_id = _plan(settings, site.url("/"), max_pages=3)
    knowledge.crawl(settings, job_id)
    fetched = set(site.requested_paths())
    assert {"/", "/pricing", "/faq"} <= fetched
    assert not fetched & {"/blog/page/2", "/blog/2021/03/a"}


# -- one real Airflow DAG run through the CLI -----------------------------------


@pytest.fixture
def env(tmp_path: Path, database_url: str) -> Iterator[None]:
    values = {
        "DOCHARVEST_DATA_DIR": str(tmp_path / "data"),
        "DOCHARVEST_DATABASE_URL": database_url,
        "DOCHARVEST_CRAWL__MIN_DELAY_SECONDS": "0",
        "DOCHARVEST_CRAWL__MAX_RETRIES": "0",
    }
    saved = dict(os.environ)
    os.environ.update(values)
    yield
    os.environ.clear()
    os.environ.update(saved)


@pytest.mark.slow
def test_cli_runs_the_dag_and_prints_the_seed_body(env: None, site: SiteServer, tmp_path: Path) -> None:
    business_site("hargrove").serve(site)
    out = tmp_path / "job.json"
    code = main(["knowledge", site.url("/"), "--max-pages", "20", "--allow-private-network", "-o", str(out)])
    body: dict[str, Any] = json.loads(out.read_text())
    assert code == 0
    assert list(body) == SEED_KEYS and body["status"] == "completed"
    assert body["result"]["business"]["name"] == "Hargrove & Pike LLP"
    assert body["result"]["business"]["category"] == "Law Firm"
    titles = {i["title"] for i in body["result"]["knowledgeItems"]}
    assert {"Wrongful termination", "Litigation", "Do you work on contingency?"} <= titles
    assert not any("Immigration" in t for t in titles)
    assert set(body["result"]["knowledgeItems"][0]) == {
        "title",
        "description",
        "content",
        "category",
        "source",
    }
    assert body["durationMs"] == body["result"]["durationMs"] and body["durationMs"] > 0

    failed_out = tmp_path / "failed.json"
    code = main(["knowledge", "http://127.0.0.1:9/", "--allow-private-network", "-o", str(failed_out)])
    failed = json.loads(failed_out.read_text())
    assert code == 1
    assert failed["status"] == "failed" and failed["error"].startswith("Failed to scrape URL: ")
