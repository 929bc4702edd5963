"""Run one single-page scrape job through the CLI (``docharvest scrape``) on a folder served on 127.0.0.1."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from docharvest.cli import main
from docharvest.config import Settings
from docharvest.samples.demo_site import serve_folder
from docharvest.store import repository
from docharvest.store.db import get_engine


def run_single_page_scrape(
    folder: Path, start_path: str, prompt: str, threshold: float, work: Path, database_url: str
) -> dict[str, Any]:
    """The CLI's exit code, its results JSON and every document row of the job (``docs``)."""
    server = serve_folder(folder)
    values = {
        "DOCHARVEST_DATA_DIR": str(work / "data"),
        "DOCHARVEST_DATABASE_URL": database_url,
        "DOCHARVEST_CRAWL__MIN_DELAY_SECONDS": "0",
        "DOCHARVEST_CRAWL__RETRY_BACKOFF_SECONDS": "0.05",
    }
    out = work / "results.json"
    saved = dict(os.environ)
    try:
        os.environ.update(values)
        code = main(
            [
                "scrape",
                f"http://127.0.0.1:{server.server_address[1]}{start_path}",
                "--prompt",
                prompt,
                "--single-page",
                "--confidence-threshold",
                str(threshold),
                "--allow-private-network",
                "-o",
                str(out),
            ]
        )
        results = json.loads(out.read_text())
        docs = repository.list_documents(get_engine(Settings()), results["job_id"])
        return {"code": code, "results": results, "docs": docs}
    finally:
        os.environ.clear()
        os.environ.update(saved)
        server.shutdown()
        server.server_close()
