"""A scrape job (CLI -> Airflow dag.test) finds a scanned, image-only PDF by its OCR'd text.

The fixture site links three PDFs with the same uninformative link text ("Scan 0042" ...), so only
the documents' own words can tell them apart; the relevant one has no text layer at all.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from docharvest.cli import main
from docharvest.config import Settings
from docharvest.samples.demo_site import serve_folder
from docharvest.samples.pdfwriter import simple_pdf
from docharvest.store import repository
from docharvest.store.db import get_engine

from tests.support.scans import scanned_pdf

PROMPT = "Find the planning commission meeting minutes"
SCAN = [
    "Planning Commission",
    "Meeting Minutes",
    "The commission approved the zoning variance",
    "for the library parking lot.",
]


def _site(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "scan-0042.pdf").write_bytes(scanned_pdf([SCAN]))
    (folder / "scan-0043.pdf").write_bytes(
        simple_pdf([["Parks department", "Summer picnic schedule and shelter rentals"]])
    )
    (folder / "scan-0044.pdf").write_bytes(
        simple_pdf([["Public works", "Recycling collection calendar for residents"]])
    )
    links = "".join(f'<li><a href="scan-00{n}.pdf">Scan 00{n}</a></li>' for n in (42, 43, 44))
    (folder / "index.html").write_text(
        f"<html><head><title>Document archive</title></head><body><main><h1>Document archive</h1>"
        f"<p>Scanned documents from the records office.</p><ul>{links}</ul></main></body></html>"
    )
    return folder


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Iterator[dict[str, Any]]:
    data = tmp_path_factory.mktemp("scan-data")
    server = serve_folder(_site(tmp_path_factory.mktemp("scan-site")))
    values = {
        "DOCHARVEST_DATA_DIR": str(data),
        "DOCHARVEST_DATABASE_URL": database_url,
        "DOCHARVEST_CRAWL__MIN_DELAY_SECONDS": "0",
        "DOCHARVEST_CRAWL__RETRY_BACKOFF_SECONDS": "0.05",
        # Every link says "Scan 00NN": download them all and let the text decide.
        "DOCHARVEST_RELEVANCE__DOWNLOAD_THRESHOLD": "0",
    }
    saved = dict(os.environ)
    try:
        os.environ.update(values)
        out = data / "results.json"
        site = f"http://127.0.0.1:{server.server_address[1]}/"
        code = main(["scrape", site, "--prompt", PROMPT, "--allow-private-network", "-o", str(out)])
        yield {"code": code, "results": json.loads(out.read_text()), "settings": Settings()}
    finally:
        os.environ.clear()
        os.environ.update(saved)
        server.shutdown()
        server.server_close()


def _rows(run: dict[str, Any]) -> dict[str, dict[str, Any]]:
    rows = repository.list_documents(get_engine(run["settings"]), run["results"]["job_id"])
    return {Path(r["url"]).name: r for r in rows}


def test_scanned_pdf_is_read_by_ocr_and_marked(run: dict[str, Any]) -> None:
    assert run["code"] == 0 and run["results"]["status"] == "completed"
    rows = _rows(run)
    scan = rows["scan-0042.pdf"]
    assert scan["status"] == "extracted" and scan["ocr_pages"] == 1 and scan["text_length"] > 40
    assert "zoning variance" in Path(scan["text_path"]).read_text().lower()
    assert rows["scan-0043.pdf"]["ocr_pages"] == 0 and rows["scan-0044.pdf"]["ocr_pages"] == 0


def test_the_scan_is_the_relevant_document(run: dict[str, Any]) -> None:
    listed = [Path(d["url"]).name for d in run["results"]["documents"]]
    assert listed and listed[0] == "scan-0042.pdf"
    rows = _rows(run)
    assert rows["scan-0042.pdf"]["confidence_score"] > max(
        rows[n]["confidence_score"] or 0 for n in ("scan-0043.pdf", "scan-0044.pdf")
    )


def test_ocr_pages_reach_parquet_and_the_cost(run: dict[str, Any]) -> None:
    settings, job_id = run["settings"], run["results"]["job_id"]
    (part,) = settings.datasets_dir.glob(f"documents/job_date=*/part-{job_id}.parquet")
    table = pq.read_table(part).to_pylist()
    assert {Path(r["url"]).name: r["ocr_pages"] for r in table}["scan-0042.pdf"] == 1
    assert run["results"]["cost"] >= settings.cost.ocr_page_usd
