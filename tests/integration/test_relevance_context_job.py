"""A scanned (image-only) relevant PDF is found from its context, through the whole scrape job.

The fixture site is a town's meetings page: a section per board, a heading per meeting, and bare
"Download" links under "Agenda:" / "Minutes:" labels. The minutes asked for are a scan: a PDF
page of drawing operators with no text layer and no title, so nothing in the file can say what it
is. Around it sit near misses that are readable: the same meeting's agenda, another meeting's
minutes of the same board, and the planning board's minutes of the same day.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docharvest.samples.pdfwriter import simple_pdf

from tests.support.decoy_sites import scanned_pdf
from tests.support.scrape_cli import run_single_page_scrape

PROMPT = "Find the town board minutes of the March 12, 2024 meeting"
THRESHOLD = 0.5


def _readable(lines: list[str]) -> bytes:
    return simple_pdf([lines])


def _build_site(root: Path) -> Path:
    docs = {
        "scan-0312.pdf": scanned_pdf(),  # the one asked for
        "doc-0312a.pdf": _readable(
            ["TOWN OF ELMWOOD", "Town Board", "AGENDA", "March 12, 2024", "1. Call to order"]
        ),
        "doc-0213m.pdf": _readable(
            ["TOWN OF ELMWOOD", "Town Board", "MINUTES", "February 13, 2024", "1. Roll call"]
        ),
        "doc-pb0312.pdf": _readable(
            ["TOWN OF ELMWOOD", "Planning Board", "MINUTES", "March 12, 2024", "1. Roll call"]
        ),
    }
    folder = root / "site"
    (folder / "files").mkdir(parents=True)
    for name, data in docs.items():
        (folder / "files" / name).write_bytes(data)
    page = """<!DOCTYPE html><html><head><title>Meetings | Town of Elmwood</title></head><body>
<nav class="breadcrumb">Home &gt; Government &gt; Meetings</nav>
<h1>Meetings</h1>
<h2>Town Board</h2>
<h3>Regular Meeting &ndash; March 12, 2024</h3>
<ul><li>Agenda: <a href="files/doc-0312a.pdf">Download</a></li>
    <li>Minutes: <a href="files/scan-0312.pdf">Download</a></li></ul>
<h3>Regular Meeting &ndash; February 13, 2024</h3>
<ul><li>Minutes: <a href="files/doc-0213m.pdf">Download</a></li></ul>
<h2>Planning Board</h2>
<h3>Meeting &ndash; March 12, 2024</h3>
<ul><li>Minutes: <a href="files/doc-pb0312.pdf">Download</a></li></ul>
</body></html>"""
    (folder / "index.html").write_text(page)
    return folder


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("context-job")
    found = run_single_page_scrape(_build_site(root), "/index.html", PROMPT, THRESHOLD, root, database_url)
    return {**found, "docs": {Path(d["url"]).name: d for d in found["docs"]}}


def test_the_job_completes_with_every_candidate_scored(run: dict[str, Any]) -> None:
    assert run["code"] == 0 and run["results"]["status"] == "completed"
    assert set(run["docs"]) == {"scan-0312.pdf", "doc-0312a.pdf", "doc-0213m.pdf", "doc-pb0312.pdf"}


def test_the_scanned_minutes_are_found_from_their_context(run: dict[str, Any]) -> None:
    scan = run["docs"]["scan-0312.pdf"]
    # Nothing could be read from the file (no text layer): it is judged on its link's context.
    assert scan["status"] == "unreadable"
    assert scan["confidence_score"] >= THRESHOLD
    reason = scan["relevance_reason"].lower()
    assert "minutes" in reason and "2024-03-12" in reason and "town board" in reason


def test_readable_near_misses_rank_below_and_under_the_threshold(run: dict[str, Any]) -> None:
    docs = run["docs"]
    scan = docs["scan-0312.pdf"]["confidence_score"]
    for name in ("doc-0312a.pdf", "doc-0213m.pdf", "doc-pb0312.pdf"):
        # Read and rejected, or not even downloaded (pre-download score under the download threshold).
        assert docs[name]["status"] in ("extracted", "skipped"), name
        assert docs[name]["confidence_score"] < THRESHOLD <= scan, name
    listed = {Path(d["url"]).name for d in run["results"]["documents"]}
    assert not listed & {"doc-0312a.pdf", "doc-0213m.pdf", "doc-pb0312.pdf"}
