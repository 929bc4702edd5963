"""Hostile documents on a crawled site: the scrape job (a real DAG run) completes with one error each.

The site links a non-XML DOCX, a DOCX zip bomb (1 GiB entry), a text file past the text cap,
a PDF whose page tree contains itself and a truncated PDF, beside one good PDF. Each hostile
document is parsed in an isolated worker under limits; the job publishes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docharvest.cli import main
from docharvest.config import Settings
from docharvest.samples.demo_site import serve_folder
from docharvest.samples.hostile import write_hostile_set
from docharvest.samples.pdfwriter import PdfBuilder
from docharvest.store import repository
from docharvest.store.db import get_engine

TEXT_CAP = 200_000


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    folder = tmp_path_factory.mktemp("hostile-site")
    names = write_hostile_set(folder / "docs", bomb_entry_mb=1024, text_mb=12)
    good = PdfBuilder(title="Board Meeting Minutes March 2024")
    good.page().lines(72, 720, ["Board meeting minutes", "Held on March 5, 2024", "Motion carried."])
    (folder / "docs" / "minutes-2024-03.pdf").write_bytes(good.to_bytes())
    links = "".join(f'<li><a href="docs/{n}">Board meeting minutes ({n})</a></li>' for n in names)
    links += '<li><a href="docs/minutes-2024-03.pdf">Board meeting minutes March 2024</a></li>'
    (folder / "index.html").write_text(f"<html><body><h1>Minutes</h1><ul>{links}</ul></body></html>")
    server = serve_folder(folder)
    yield f"http://127.0.0.1:{server.server_address[1]}/", names
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def run(
    hostile_site: tuple[str, dict[str, str]], tmp_path_factory: pytest.TempPathFactory, database_url: str
) -> Iterator[dict[str, Any]]:
    url, names = hostile_site
    env = {
        "DOCHARVEST_DATA_DIR": str(tmp_path_factory.mktemp("hostile-data")),
        "DOCHARVEST_DATABASE_URL": database_url,
        "DOCHARVEST_CRAWL__MIN_DELAY_SECONDS": "0",
        "DOCHARVEST_RELEVANCE__DOWNLOAD_THRESHOLD": "0",
        "DOCHARVEST_PARSE__MAX_TEXT_CHARS": str(TEXT_CAP),
        "DOCHARVEST_PARSE__TIMEOUT_SECONDS": "30",
    }
    out = tmp_path_factory.mktemp("hostile-out") / "results.json"
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        code = main(
            ["scrape", url, "--prompt", "board meeting minutes", "--allow-private-network", "-o", str(out)]
        )
        yield {"code": code, "results": json.loads(out.read_text()), "settings": Settings(), "names": names}
    finally:
        os.environ.clear()
        os.environ.update(saved)


def test_the_job_completes_and_publishes(run: dict[str, Any]) -> None:
    assert run["code"] == 0
    assert run["results"]["status"] == "completed"
    names = {Path(d["url"]).name for d in run["results"]["documents"]}
    assert "minutes-2024-03.pdf" in names


def test_each_hostile_document_has_exactly_one_recorded_error(run: dict[str, Any]) -> None:
    engine = get_engine(run["settings"])
    errors = repository.list_errors(engine, run["results"]["job_id"])
    by_file: dict[str, list[dict[str, Any]]] = {}
    for error in errors:
        by_file.setdefault(Path(error["page_url"] or "").name, []).append(error)
    for name in run["names"]:
        assert len(by_file.get(name, [])) == 1, (name, by_file.get(name))
        error = by_file[name][0]
        assert error["agent_name"] == "extractor" and error["is_recoverable"] is True
    assert by_file["minutes-bomb.docx"][0]["error_type"] == "document_limit"
    assert by_file["minutes-huge.txt"][0]["error_type"] == "text_truncated"
    assert "minutes-2024-03.pdf" not in by_file


def test_the_huge_text_is_kept_up_to_the_cap(run: dict[str, Any]) -> None:
    docs = repository.list_documents(get_engine(run["settings"]), run["results"]["job_id"])
    huge = next(d for d in docs if d["url"].endswith("minutes-huge.txt"))
    assert huge["status"] == "extracted" and huge["text_length"] == TEXT_CAP
