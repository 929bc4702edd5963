"""``docharvest demo`` end to end, then its job's report and the HTML job view.

The demo runs a real scrape job (Airflow ``dag.test``) on the bundled site. Its printed
counts must agree with each other (DuckDB rows = "Found N"), the report it prints must
exist, and the report's charts must carry the job's own numbers, read back from the DB.
The same page is served at ``/ui/jobs/{id}`` and ``/ui/dag-runs/{dag}/{run}``: refused
anonymously, answered for an API key of the job's organisation or an accepted host session.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from docharvest.api import create_app
from docharvest.api.keys import create_key
from docharvest.cli import main
from docharvest.config import Settings
from docharvest.store import repository
from docharvest.store.db import init_db
from fastapi.testclient import TestClient


class _Marks(HTMLParser):
    """Every element with data-* attributes, grouped by the chart it is in."""

    def __init__(self) -> None:
        super().__init__()
        self.chart: str | None = None
        self.marks: dict[str, list[dict[str, str]]] = {}
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "svg" and "data-chart" in values:
            self.chart = values["data-chart"]
            self.marks[self.chart] = []
        elif self.chart and any(k.startswith("data-") for k in values):
            self.marks[self.chart].append(values)

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.chart = None


def _parse(html: str) -> _Marks:
    parser = _Marks()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Iterator[dict[str, Any]]:
    data = tmp_path_factory.mktemp("demo-data")
    saved = dict(os.environ)
    os.environ.update(
        {
            "DOCHARVEST_DATA_DIR": str(data),
            "DOCHARVEST_DATABASE_URL": database_url,
            "DOCHARVEST_CRAWL__MIN_DELAY_SECONDS": "0",
        }
    )
    try:
        yield {"data": data}
    finally:
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture(scope="module")
def demo_run(demo: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("demo-out") / "stdout.txt"
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main(["demo", "--quiet"])
    text = buffer.getvalue()
    out.write_text(text)
    job_id = re.search(r"Job (job_\w+): ", text)
    assert job_id, text
    return {"code": code, "text": text, "job_id": job_id.group(1), "settings": Settings()}


def test_demo_prints_consistent_counts_and_a_report(demo_run: dict[str, Any]) -> None:
    text = demo_run["text"]
    assert demo_run["code"] == 0, text
    found = int(re.search(r"Found (\d+) document", text).group(1))  # type: ignore[union-attr]
    rows = int(re.search(r"DuckDB says \((\d+) rows\)", text).group(1))  # type: ignore[union-attr]
    assert rows == found
    runtime = float(re.search(r"job runtime ([\d.]+) s", text).group(1))  # type: ignore[union-attr]
    wall = float(re.search(r"Wall time ([\d.]+) s", text).group(1))  # type: ignore[union-attr]
    assert 0 < runtime <= wall
    report = Path(re.search(r"Report \(open in a browser\): (\S+)", text).group(1))  # type: ignore[union-attr]
    assert report.is_file() and report.read_text().startswith("<!doctype html>")


def test_report_charts_match_the_job(demo_run: dict[str, Any], tmp_path: Path) -> None:
    settings: Settings = demo_run["settings"]
    job_id = demo_run["job_id"]
    target = tmp_path / "report.html"
    assert main(["report", job_id, "-o", str(target)]) == 0
    html = target.read_text()
    assert not re.search(r"<script|<link|src=|@import|url\(", html), (
        "self-contained: nothing loaded from elsewhere"
    )
    page = _parse(html)
    engine = init_db(settings)
    docs = repository.list_documents(engine, job_id)
    errors = repository.list_errors(engine, job_id)
    job = repository.get_job(engine, job_id)

    read = [d["confidence_score"] for d in docs if d["status"] == "extracted"]
    histogram = {m["data-bin"]: int(m["data-count"]) for m in page.marks["confidence"] if "data-bin" in m}
    assert sum(histogram.values()) == len(read) > 0
    expected_bins = Counter(min(9, int(c * 10)) for c in read)
    assert [histogram[f"{i / 10:.1f}-{(i + 1) / 10:.1f}"] for i in range(10)] == [
        expected_bins.get(i, 0) for i in range(10)
    ]
    threshold = [m for m in page.marks["confidence"] if "data-threshold" in m]
    assert float(threshold[0]["data-threshold"]) == job["params"]["confidence_threshold"]

    def bars(chart: str) -> dict[str, int]:
        return {m["data-label"]: int(m["data-count"]) for m in page.marks[chart] if "data-label" in m}

    assert bars("types") == dict(Counter(d["document_type"] or "unknown" for d in docs))
    assert bars("statuses") == dict(Counter(d["status"] for d in docs))
    assert bars("errors") == dict(Counter(e["agent_name"] for e in errors)) and errors
    rates = [float(m["data-value"]) for m in page.marks["timeline"] if "data-value" in m]
    assert rates and all(r >= 0 for r in rates)
    listed = [d for d in docs if d["status"] == "extracted" and d["confidence_score"] >= 0.1]
    assert html.count("<tr data-status='extracted'>") >= len(listed)
    assert {"documents", "errors", "warnings", "duckdb"} <= page.ids


@pytest.fixture(scope="module")
def client(demo_run: dict[str, Any]) -> Iterator[TestClient]:
    granted: list[str | None] = []

    async def host_session(request: Any, dag_id: str | None) -> bool:
        granted.append(dag_id)
        return request.cookies.get("_token") == "airflow-session"

    app = create_app(demo_run["settings"], ui_auth=host_session)
    with TestClient(app) as test_client:
        test_client.granted = granted  # type: ignore[attr-defined]
        yield test_client


def test_job_view_is_refused_without_a_login(client: TestClient, demo_run: dict[str, Any]) -> None:
    job_id = demo_run["job_id"]
    job = repository.get_job(init_db(demo_run["settings"]), job_id)
    for path in (f"/ui/jobs/{job_id}", f"/ui/dag-runs/{job['dag_id']}/{job['run_id']}", "/ui/jobs/job_nope"):
        response = client.get(path)
        assert response.status_code == 401, path
        assert job_id not in response.text
    assert client.get(f"/ui/jobs/{job_id}", cookies={"_token": "forged"}).status_code == 401
    assert client.get(f"/ui/jobs/{job_id}", headers={"x-api-key": "sk-wrong"}).status_code == 401


def test_job_view_for_a_host_session_and_for_an_api_key(client: TestClient, demo_run: dict[str, Any]) -> None:
    settings: Settings = demo_run["settings"]
    job_id = demo_run["job_id"]
    engine = init_db(settings)
    job = repository.get_job(engine, job_id)
    run_page = client.get(
        f"/ui/dag-runs/{job['dag_id']}/{job['run_id']}", cookies={"_token": "airflow-session"}
    )
    assert run_page.status_code == 200
    assert "id='documents'" in run_page.text and job_id in run_page.text
    assert client.granted[-1] == job["dag_id"]  # type: ignore[attr-defined]
    own_key, _ = create_key(engine, job["org_id"])
    other_key, _ = create_key(engine, "another-org")
    by_key = client.get(f"/ui/jobs/{job_id}", headers={"Authorization": f"Bearer {own_key}"})
    assert by_key.status_code == 200 and "id='documents'" in by_key.text
    assert client.get(f"/ui/jobs/{job_id}", headers={"x-api-key": other_key}).status_code == 404
    file_link = re.search(r"href=\"(/ui/jobs/[^\"]+/files/[^\"]+)\"", by_key.text)
    assert file_link, "documents link their stored files"
    stored = client.get(file_link.group(1), headers={"x-api-key": own_key})
    assert stored.status_code == 200 and stored.content
    assert client.get(file_link.group(1)).status_code == 401


def test_api_docs_load_their_assets_locally(client: TestClient) -> None:
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        assets = re.findall(r"(?:src|href)=\"([^\"]+\.(?:js|css))\"", html)
        assert assets, html
        for asset in assets:
            assert asset.startswith("/docs-assets/"), asset
            assert client.get(asset).status_code == 200
        assert "cdn" not in html.lower()
