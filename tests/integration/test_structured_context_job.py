"""Scanned minutes found only through their listing's structure, through the whole scrape job.

The fixture site is a town's meetings page with two real-world listing structures:

- a nested list (year > meeting > documents) whose meeting label ("Regular Meeting - March 12,
  2024") sits in the parent ``<li>``; the documents' own items say only "Minutes  Download";
- a table whose date and body cells span each meeting's agenda and minutes rows (``rowspan``):
  the minutes row holds only "Minutes | View".

The minutes asked for are scans (no text layer, opaque file names): only the parent item's label
or the spanning cells can say which meeting they are. Their neighbours are scans too, told apart
by the same structure only: the town board's February minutes one item below, the zoning
board's minutes of the same day one row group below.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docharvest.samples.pdfwriter import PdfBuilder, simple_pdf

from tests.support.scrape_cli import run_single_page_scrape

THRESHOLD = 0.5
TOWN_PROMPT = "Find the town board minutes of the March 12, 2024 meeting"
PLANNING_PROMPT = "Find the planning board minutes of the March 12, 2024 meeting"

PAGE = """<!DOCTYPE html><html><head><title>Meetings | Town of Elmwood</title></head><body>
<nav class="breadcrumb">Home &gt; Government &gt; Meetings</nav>
<main><h1>Meetings</h1>
<h2>Town Board</h2>
<ul class="tree"><li>2024<ul>
  <li><strong>Regular Meeting &ndash; March 12, 2024</strong><ul>
    <li>Agenda <a href="files/d1.pdf">Download</a></li>
    <li>Minutes <a href="files/d2.pdf">Download</a></li></ul></li>
  <li><strong>Regular Meeting &ndash; February 13, 2024</strong><ul>
    <li>Minutes <a href="files/d3.pdf">Download</a></li></ul></li>
</ul></li></ul>
<h2>Boards and Commissions</h2>
<table><thead><tr><th>Date</th><th>Body</th><th>Document</th><th>File</th></tr></thead><tbody>
<tr><td rowspan="2">03/12/2024</td><td rowspan="2">Planning Board</td><td>Agenda</td>
    <td><a href="files/d4.pdf">View</a></td></tr>
<tr><td>Minutes</td><td><a href="files/d5.pdf">View</a></td></tr>
<tr><td rowspan="2">03/12/2024</td><td rowspan="2">Zoning Board of Appeals</td><td>Agenda</td>
    <td><a href="files/d6.pdf">View</a></td></tr>
<tr><td>Minutes</td><td><a href="files/d7.pdf">View</a></td></tr>
</tbody></table></main></body></html>"""


def _readable(body: str, kind: str) -> bytes:
    return simple_pdf([["TOWN OF ELMWOOD", body, kind, "March 12, 2024", "1. Call to order"]])


def _scan(lines: int) -> bytes:
    """A page of ruled lines only (a scan without OCR): no text layer, no title; distinct bytes per count."""
    pdf = PdfBuilder()
    page = pdf.page()
    for y in range(700, 700 - 24 * lines, -24):
        page.rule(72, y, 540, y)
    return pdf.to_bytes()


def _build_site(root: Path) -> Path:
    docs = {
        "d1.pdf": _readable("Town Board", "AGENDA"),
        "d2.pdf": _scan(20),  # town board minutes, March 12: the parent <li> says which meeting
        "d3.pdf": _scan(18),  # town board minutes, February 13
        "d4.pdf": _readable("Planning Board", "AGENDA"),
        "d5.pdf": _scan(16),  # planning board minutes, March 12: the spanning cells say so
        "d6.pdf": _readable("Zoning Board of Appeals", "AGENDA"),
        "d7.pdf": _scan(14),  # zoning board minutes, March 12
    }
    folder = root / "site"
    (folder / "files").mkdir(parents=True)
    for name, data in docs.items():
        (folder / "files" / name).write_bytes(data)
    (folder / "index.html").write_text(PAGE)
    return folder


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> dict[str, dict[str, Any]]:
    root = tmp_path_factory.mktemp("structured-context-job")
    site = _build_site(root)
    found = {}
    for name, prompt in (("town", TOWN_PROMPT), ("planning", PLANNING_PROMPT)):
        work = root / name
        work.mkdir()
        run = run_single_page_scrape(site, "/index.html", prompt, THRESHOLD, work, database_url)
        found[name] = {**run, "docs": {Path(d["url"]).name: d for d in run["docs"]}}
    return found


def _listed(run: dict[str, Any]) -> set[str]:
    return {Path(d["url"]).name for d in run["results"]["documents"]}


def test_both_jobs_complete_with_every_candidate_scored(runs: dict[str, dict[str, Any]]) -> None:
    for run in runs.values():
        assert run["code"] == 0 and run["results"]["status"] == "completed"
        assert set(run["docs"]) == {f"d{i}.pdf" for i in range(1, 8)}


def test_minutes_named_only_by_their_parent_list_item_are_found(runs: dict[str, dict[str, Any]]) -> None:
    docs = runs["town"]["docs"]
    minutes = docs["d2.pdf"]
    assert minutes["status"] == "unreadable"  # nothing in the file says what it is
    assert minutes["confidence_score"] >= THRESHOLD
    reason = minutes["relevance_reason"].lower()
    assert "minutes" in reason and "2024-03-12" in reason
    # The February minutes one item below: the same words but for their parent item's date.
    assert docs["d3.pdf"]["confidence_score"] < THRESHOLD <= minutes["confidence_score"]
    for neighbour in ("d1.pdf", "d3.pdf", "d5.pdf", "d7.pdf"):
        assert docs[neighbour]["confidence_score"] < minutes["confidence_score"], neighbour


def test_minutes_named_only_by_cells_spanning_their_row_are_found(runs: dict[str, dict[str, Any]]) -> None:
    docs = runs["planning"]["docs"]
    minutes = docs["d5.pdf"]
    assert minutes["status"] == "unreadable"
    assert minutes["confidence_score"] >= THRESHOLD
    reason = minutes["relevance_reason"].lower()
    assert "minutes" in reason and "2024-03-12" in reason and "planning board" in reason
    # The zoning board's minutes of the same day, one row group below: only their spanning cells differ.
    assert docs["d7.pdf"]["confidence_score"] < THRESHOLD <= minutes["confidence_score"]
    for neighbour in ("d2.pdf", "d4.pdf", "d6.pdf", "d7.pdf"):
        assert docs[neighbour]["confidence_score"] < minutes["confidence_score"], neighbour


def test_the_results_list_the_scanned_minutes_as_found_from_context(runs: dict[str, dict[str, Any]]) -> None:
    # The results listing keeps readable documents only: the scans are in the job's documents (above)
    # and no neighbour is listed instead of them.
    for name, wrong in (
        ("town", {"d1.pdf", "d3.pdf", "d5.pdf", "d7.pdf"}),
        ("planning", {"d2.pdf", "d4.pdf", "d6.pdf", "d7.pdf"}),
    ):
        assert not _listed(runs[name]) & wrong, name
