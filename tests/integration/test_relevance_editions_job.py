""" "The X" with no period, through the whole scrape job: the newest edition ranks first.

A parks department's plans page lists the current master plan, the previous edition and a trails
plan. Each is scored alone (both editions say "Parks Master Plan"); once the job's documents are
scored, the older edition is lowered below the job's threshold and its reason says why.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docharvest.samples.pdfwriter import simple_pdf

from tests.support.scrape_cli import run_single_page_scrape

PROMPT = "the parks master plan"
THRESHOLD = 0.5


def _build_site(root: Path) -> Path:
    docs = {
        "parks-master-plan-2021.pdf": ["CITY OF ALDER BAY", "PARKS MASTER PLAN", "Adopted 2021"],
        "parks-master-plan-2009.pdf": ["CITY OF ALDER BAY", "PARKS MASTER PLAN", "Adopted 2009"],
        "trails-master-plan.pdf": ["CITY OF ALDER BAY", "TRAILS MASTER PLAN"],
    }
    folder = root / "site"
    (folder / "files").mkdir(parents=True)
    for name, lines in docs.items():
        (folder / "files" / name).write_bytes(simple_pdf([[*lines, "Chapter 1. Introduction"]]))
    page = """<!DOCTYPE html><html><head><title>Plans | Parks &amp; Recreation | Alder Bay</title></head>
<body><h1>Plans and Studies</h1><ul>
<li><a href="files/parks-master-plan-2021.pdf">Parks Master Plan (2021)</a></li>
<li><a href="files/parks-master-plan-2009.pdf">Parks Master Plan (2009)</a></li>
<li><a href="files/trails-master-plan.pdf">Trails Master Plan</a></li>
</ul></body></html>"""
    (folder / "index.html").write_text(page)
    return folder


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("editions-job")
    found = run_single_page_scrape(_build_site(root), "/index.html", PROMPT, THRESHOLD, root, database_url)
    return {**found, "docs": {Path(d["url"]).name: d for d in found["docs"]}}


def test_the_newest_edition_ranks_first_and_the_older_one_below_the_threshold(run: dict[str, Any]) -> None:
    assert run["code"] == 0 and run["results"]["status"] == "completed"
    docs = run["docs"]
    newest, older = docs["parks-master-plan-2021.pdf"], docs["parks-master-plan-2009.pdf"]
    assert newest["confidence_score"] >= THRESHOLD
    assert older["confidence_score"] < THRESHOLD < newest["confidence_score"]
    assert "older edition (2009) than another found (2021)" in older["relevance_reason"]
    assert docs["trails-master-plan.pdf"]["confidence_score"] < THRESHOLD
