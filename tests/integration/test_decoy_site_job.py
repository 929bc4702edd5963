"""A scrape job run by the CLI on a decoy site: the request's documents, none of their near misses.

The site is one of the development decoy sites (tests/support/decoy_sites_dev2.py): a city's
meeting archive table (Granicus style) where every row is a meeting of one of four bodies, the
city's name holds a body word ("Port Townsend"), agenda and minutes links say only "Agenda" /
"Minutes", and about a third of the PDFs are scans with no text layer. The prompt asks for one
body's minutes of one year; the labels say which documents are those and which near miss
(another body, another year, the agenda) every other one is. The job runs end to end through
``docharvest scrape`` (Airflow's dag.test), on SQLite, or PostgreSQL with DOCHARVEST_TEST_DATABASE_URL.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.decoy_sites import RELEVANT
from tests.support.decoy_sites_dev2 import build_sites_dev2
from tests.support.scrape_cli import run_single_page_scrape

SITE = "dev2-granicus-archive-0"
THRESHOLD = 0.5


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("decoy-job")
    site = next(s for s in build_sites_dev2() if s.name == SITE)
    site.write(root / "site")
    job = site.jobs[0]  # "city council minutes 2022" (one of its wordings)
    found = run_single_page_scrape(root / "site", site.start_path, job.prompt, THRESHOLD, root, database_url)
    return {**found, "job": job, "site": site}


def _path(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).path


def test_the_job_completes_and_scores_every_document_of_the_page(run: dict[str, Any]) -> None:
    assert run["code"] == 0 and run["results"]["status"] == "completed"
    assert {_path(d["url"]) for d in run["docs"]} == set(run["site"].docs)


def test_it_reports_the_requested_minutes_and_no_near_miss(run: dict[str, Any]) -> None:
    labels = run["job"].labels
    relevant = {p for p, c in labels.items() if c == RELEVANT}
    assert len(relevant) >= 3
    scored = {_path(d["url"]): d for d in run["docs"]}
    at_threshold = {p for p, d in scored.items() if (d["confidence_score"] or 0) >= THRESHOLD}
    assert at_threshold == relevant, {p: labels[p] for p in at_threshold ^ relevant}
    listed = {_path(d["url"]) for d in run["results"]["documents"]}
    assert listed <= relevant and listed  # the listing holds only relevant documents
    # Every near miss scored under every relevant document (each class present on the page).
    lowest = min(scored[p]["confidence_score"] for p in relevant)
    near = {labels[p] for p in labels if labels[p] != RELEVANT}
    assert {"other_body", "other_year", "neighbour_kind"} <= near
    assert all(scored[p]["confidence_score"] < lowest for p in labels if labels[p] != RELEVANT)


def test_scanned_relevant_minutes_are_found_from_the_row(run: dict[str, Any]) -> None:
    relevant = {p for p, c in run["job"].labels.items() if c == RELEVANT}
    scans = [d for d in run["docs"] if _path(d["url"]) in relevant and d["status"] == "unreadable"]
    assert scans, "the fixture holds a scanned relevant document"
    for doc in scans:
        assert doc["confidence_score"] >= THRESHOLD
        assert "city council" in doc["relevance_reason"].lower()


def test_reasons_name_the_contradicted_constraint_of_each_near_miss(run: dict[str, Any]) -> None:
    labels = run["job"].labels
    constraint = {"other_body": "body", "other_year": "date", "neighbour_kind": "kind"}
    checked = 0
    for doc in run["docs"]:
        label = labels[_path(doc["url"])]
        reason = (doc["relevance_reason"] or "").lower()
        if label in constraint:
            contradicted = reason.split(", matches")[0]
            assert contradicted.startswith("contradicted by"), (label, reason)
            assert f" {constraint[label]} " in f" {contradicted.replace(';', ' ')} ", (label, reason)
            checked += 1
        elif label == RELEVANT:
            assert reason.startswith("matches kind minutes") and "body city council" in reason, reason
    assert checked >= 20
