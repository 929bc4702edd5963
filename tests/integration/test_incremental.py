"""Incremental re-crawls of a scheduled source against a real server that honours ETag/Last-Modified.

The jobs run in-process (``run_scrape_inline``: the same six steps the DAG runs) against a
site on 127.0.0.1 whose document routes answer conditional requests with 304.
"""

from __future__ import annotations

import email.utils
import hashlib
import logging
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pytest
import sqlalchemy as sa
from docharvest.config import Settings
from docharvest.pipeline.scrape import run_scrape_inline
from docharvest.samples.pdfwriter import simple_pdf
from docharvest.store import repository
from docharvest.store.db import get_engine
from docharvest.store.tables import url_state
from docharvest.views.scrape import scrape_results

from tests.support.siteserver import RequestInfo, Route, SiteServer, html

PROMPT = "board meeting minutes 2024"


@dataclass
class ConditionalSite:
    """Documents whose bytes a test can change; ETag or Last-Modified validators, 304 on match."""

    server: SiteServer
    docs: dict[str, bytes] = field(default_factory=dict)
    modified: dict[str, float] = field(default_factory=dict)
    etag_paths: set[str] = field(default_factory=set)

    def put(self, path: str, body: bytes, *, etag: bool = True, when: float = 1_700_000_000.0) -> None:
        self.docs[path] = body
        self.modified[path] = when
        if etag:
            self.etag_paths.add(path)
        else:
            self.etag_paths.discard(path)
        self.server.add(path, self._answer)
        self._index()

    def drop(self, path: str) -> None:
        del self.docs[path]
        self.server.routes.pop(path, None)
        self._index()

    def _index(self) -> None:
        links = "".join(
            f'<li><a href="{p}">Board meeting minutes {p[1:]}</a></li>' for p in sorted(self.docs)
        )
        self.server.add("/", html(f"<h1>Board</h1><ul>{links}</ul>"))

    def _answer(self, request: RequestInfo) -> Route:
        path = request.path.split("?")[0]
        body = self.docs[path]
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        last_modified = email.utils.formatdate(self.modified[path], usegmt=True)
        headers = {"Content-Type": "application/pdf" if path.endswith(".pdf") else "text/plain"}
        if path in self.etag_paths:
            headers["ETag"] = etag
            if request.headers.get("If-None-Match") == etag:
                return Route(status=304, headers={"ETag": etag})
        else:
            headers["Last-Modified"] = last_modified
            since = request.headers.get("If-Modified-Since")
            if since and email.utils.parsedate_to_datetime(since).timestamp() >= self.modified[path]:
                return Route(status=304, headers={"Last-Modified": last_modified})
        return Route(body=body, headers=headers)

    def statuses(self, start: int = 0) -> list[tuple[str, str | None]]:
        """(path, If-None-Match or If-Modified-Since sent) of document requests since ``start``."""
        return [
            (r.path, r.headers.get("If-None-Match") or r.headers.get("If-Modified-Since"))
            for r in self.server.log[start:]
            if r.path != "/" and not r.path.startswith(("/robots", "/sitemap"))
        ]


def _minutes(month: int, extra: str = "") -> bytes:
    return f"Board meeting minutes 2024-{month:02d}. Motions approved. {extra}\n".encode() * 20


@pytest.fixture
def csite(site: SiteServer) -> ConditionalSite:
    cs = ConditionalSite(site)
    for month in range(1, 6):
        cs.put(f"/minutes-2024-{month:02d}.txt", _minutes(month))
    cs.put("/minutes-2024-06.txt", _minutes(6), etag=False)  # Last-Modified only
    cs.put("/minutes-2024-07.pdf", simple_pdf([["Board meeting minutes July 2024", "Motions approved"]]))
    return cs


def _run(settings: Settings, cs: ConditionalSite) -> dict[str, Any]:
    # One source per site: the metadata DB is shared by the session's tests.
    source = f"town_board_{cs.server.port}"
    job_id = run_scrape_inline(settings, {"website": cs.server.url("/"), "prompt": PROMPT}, source=source)
    return scrape_results(get_engine(settings), job_id)


def _changes(results: dict[str, Any]) -> dict[str, int]:
    return {k: results[f"documents_{k}"] for k in ("new", "changed", "unchanged", "removed")}


def test_second_run_downloads_nothing_unchanged_and_logs_304s(
    settings: Settings, csite: ConditionalSite, caplog: pytest.LogCaptureFixture
) -> None:
    first = _run(settings, csite)
    assert first["status"] == "completed"
    assert _changes(first) == {"new": 7, "changed": 0, "unchanged": 0, "removed": 0}
    assert first["total_documents_downloaded"] == 7
    assert all(sent is None for _, sent in csite.statuses())  # nothing known yet: plain GETs

    mark = len(csite.server.log)
    caplog.set_level(logging.INFO, logger="docharvest")
    second = _run(settings, csite)
    assert second["status"] == "completed"
    assert _changes(second) == {"new": 0, "changed": 0, "unchanged": 7, "removed": 0}
    assert second["total_documents_downloaded"] == 0 and second["success_rate"] == 1.0
    requests = csite.statuses(mark)
    assert len(requests) == 7 and all(sent for _, sent in requests)  # every one conditional
    assert any("7 not modified (304)" in r.getMessage() for r in caplog.records)
    # The job's results are the same documents with the same scores as a full crawl.
    assert [(d["url"], d["confidence_score"]) for d in second["documents"]] == [
        (d["url"], d["confidence_score"]) for d in first["documents"]
    ]
    assert second["metadata"]["source"] == f"town_board_{csite.server.port}"
    # No re-extraction: unchanged rows keep the first run's text file and extraction time.
    engine = get_engine(settings)
    one = {d["url"]: d for d in repository.list_documents(engine, first["job_id"])}
    two = {d["url"]: d for d in repository.list_documents(engine, second["job_id"])}
    for url, doc in two.items():
        assert doc["text_path"] == one[url]["text_path"] and doc["extracted_at"] == one[url]["extracted_at"]


def test_changes_removals_and_history(settings: Settings, csite: ConditionalSite) -> None:
    first = _run(settings, csite)
    csite.put("/minutes-2024-02.txt", _minutes(2, "Amended: motion 4 withdrawn."))
    csite.put("/minutes-2024-06.txt", _minutes(6, "Corrected."), etag=False, when=1_800_000_000.0)
    csite.drop("/minutes-2024-03.txt")
    csite.put("/minutes-2024-08.txt", _minutes(8))
    second = _run(settings, csite)
    assert _changes(second) == {"new": 1, "changed": 2, "unchanged": 4, "removed": 1}
    assert second["total_documents_downloaded"] == 3
    assert second["total_documents_found"] == 7  # removed documents are not "found"

    engine = get_engine(settings)
    with engine.connect() as conn:
        states = {r.url.rsplit("/", 1)[1]: r for r in conn.execute(sa.select(url_state)).all()}
    assert states["minutes-2024-02.txt"].version == 2 and states["minutes-2024-01.txt"].version == 1
    assert states["minutes-2024-03.txt"].removed_at is not None

    # History in the warehouse: both versions of the changed document, and the removal.
    datasets = settings.datasets_dir
    history = duckdb.sql(
        f"""
        SELECT regexp_extract(url, '[^/]+$') AS doc, version, change, sha256
        FROM read_parquet('{datasets}/documents/*/*.parquet', hive_partitioning = true)
        WHERE source_name = 'town_board_{csite.server.port}' AND change IN ('new', 'changed', 'removed')
        ORDER BY doc, version, change
        """
    ).fetchall()
    feb = [h for h in history if h[0] == "minutes-2024-02.txt"]
    assert [(v, c) for _, v, c, _ in feb] == [(1, "new"), (2, "changed")] and feb[0][3] != feb[1][3]
    assert ("minutes-2024-03.txt", 1, "removed") in [h[:3] for h in history]
    assert ("minutes-2024-08.txt", 1, "new") in [h[:3] for h in history]
    jobs = duckdb.sql(
        f"SELECT documents_new, documents_changed, documents_unchanged, documents_removed, source_name "
        f"FROM read_parquet('{datasets}/jobs/*/*.parquet') WHERE job_id = '{second['job_id']}'"
    ).fetchall()
    assert jobs == [(1, 2, 4, 1, f"town_board_{csite.server.port}")]
    assert first["job_id"] != second["job_id"]


def test_a_one_off_job_is_not_incremental(settings: Settings, csite: ConditionalSite) -> None:
    url = csite.server.url("/")
    for _ in range(2):
        job_id = run_scrape_inline(settings, {"website": url, "prompt": PROMPT})
    results = scrape_results(get_engine(settings), job_id)
    assert results["total_documents_downloaded"] == 7
    assert _changes(results) == {"new": 0, "changed": 0, "unchanged": 0, "removed": 0}
    assert all(sent is None for _, sent in csite.statuses())


def test_rerunning_a_download_batch_keeps_versions(settings: Settings, csite: ConditionalSite) -> None:
    """A retried task must not bump versions or lose the unchanged/new classification."""
    from docharvest.pipeline import scrape

    first = _run(settings, csite)
    engine = get_engine(settings)
    before = sorted(
        (d["url"], d["change"], d["version"]) for d in repository.list_documents(engine, first["job_id"])
    )
    batches = sorted({d["batch"] for d in repository.list_documents(engine, first["job_id"])})
    repository.upsert_documents(
        engine,
        [{"job_id": first["job_id"], "url": u, "status": "discovered"} for u, _, _ in before],
    )
    for batch in batches:
        scrape.download(settings, first["job_id"], batch)
    after = sorted(
        (d["url"], d["change"], d["version"]) for d in repository.list_documents(engine, first["job_id"])
    )
    assert [(u, v) for u, _, v in after] == [(u, v) for u, _, v in before]
