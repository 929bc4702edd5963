"""The extract job's documents: a scrape job's downloads, local files and folders, URLs downloaded now.

Each becomes a document row (status ``ingested``) with its raw path and type; a missing or
unsupported input is a recorded problem, not a failure of the job.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa

from docharvest.config import Settings
from docharvest.crawl.sniff import sniff_document_type
from docharvest.errors import JobIssue, TerminalError
from docharvest.jobrecord import JobRecord
from docharvest.models import Agent, Candidate, ExtractConf
from docharvest.pipeline.common import download_for_job
from docharvest.pipeline.extract.base import INGESTED, issue
from docharvest.store import repository
from docharvest.store.db import get_engine

SUPPORTED_TYPES = ("pdf", "docx", "txt", "html")
EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".html": "html",
    ".htm": "html",
}
# Bytes read to sniff a file's type (a PDF header may sit after some junk; a DOCX names its parts early).
HEAD_BYTES = 2048


def document_type_for(path: Path, head: bytes = b"") -> str | None:
    """pdf/docx/txt/html: a PDF or DOCX by its bytes, else by its extension, else what the bytes are.

    The bytes are read by ``crawl.sniff`` (the crawler's and the downloader's reader). A
    listed extension wins over text-looking bytes, so a broken ``.pdf`` is an unreadable PDF.
    """
    sniffed = sniff_document_type(head, None, path.name)
    if sniffed in ("pdf", "docx"):
        return sniffed
    named = EXTENSIONS.get(path.suffix.lower())
    if named:
        return named
    return sniffed if sniffed in SUPPORTED_TYPES else None


def collect_documents(
    settings: Settings, engine: sa.Engine, job: JobRecord, conf: ExtractConf
) -> tuple[list[dict[str, Any]], list[JobIssue]]:
    """The job's document rows (one per url, first wins) and the problems met finding them."""
    docs: list[dict[str, Any]] = []
    issues: list[JobIssue] = []
    if conf.source_job_id:
        docs += _source_job_documents(engine, job.job_id, conf.source_job_id)
    urls = [i for i in conf.inputs if urlsplit(i).scheme in ("http", "https")]
    for item in conf.inputs:
        if item in urls:
            continue
        found, problems = _local_documents(job.job_id, Path(item))
        docs += found
        issues += problems
    if urls:
        found, problems = _download(settings, job, urls)
        docs += found
        issues += problems
    unique: dict[str, dict[str, Any]] = {}
    for doc in docs:
        unique.setdefault(doc["url"], doc)
    return list(unique.values()), issues


def _source_job_documents(engine: sa.Engine, job_id: str, source_job_id: str) -> list[dict[str, Any]]:
    source = repository.find_job(engine, source_job_id)
    if source is None:
        raise TerminalError(f"source_job_id {source_job_id}: no such job")
    rows = repository.list_documents(
        engine, source_job_id, statuses=["downloaded", "extracted", "unreadable"]
    )
    return [
        _doc_row(job_id, d["url"], Path(d["raw_path"]), d["document_type"], d.get("filename"))
        for d in sorted(rows, key=lambda d: d["url"])
        if d.get("raw_path")
    ]


def _local_documents(job_id: str, path: Path) -> tuple[list[dict[str, Any]], list[JobIssue]]:
    path = path.expanduser().resolve()
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS)
        return [_doc_row(job_id, p.as_uri(), p, document_type_for(p, _head(p)), p.name) for p in files], []
    if not path.is_file():
        return [], [
            issue(
                path.as_uri(), "input_not_found", f"{path}: no such file or folder", agent=Agent.coordinator
            )
        ]
    kind = document_type_for(path, _head(path))
    if kind is None:
        message = f"{path.name}: unsupported document type (supported: {', '.join(SUPPORTED_TYPES)})"
        return [], [issue(path.as_uri(), "unsupported_document_type", message, agent=Agent.coordinator)]
    return [_doc_row(job_id, path.as_uri(), path, kind, path.name)], []


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(HEAD_BYTES)
    except OSError:
        return b""


def _download(
    settings: Settings, job: JobRecord, urls: list[str]
) -> tuple[list[dict[str, Any]], list[JobIssue]]:
    engine = get_engine(settings)
    repository.start_agent(engine, job.job_id, Agent.scraper, f"Downloading {len(urls)} document(s)")
    outcomes = download_for_job(settings, job, [Candidate(url=u) for u in urls])
    docs, issues = [], []
    for outcome in outcomes:
        if outcome.status == "downloaded" and outcome.raw_path is not None:
            kind = outcome.document_type or document_type_for(
                Path(outcome.filename or outcome.url), _head(outcome.raw_path)
            )
            docs.append(
                _doc_row(
                    job.job_id, outcome.url, outcome.raw_path, kind, outcome.filename, sha256=outcome.sha256
                )
            )
        else:
            # The downloader's own issue: the scraper's, recoverable as its error's class says.
            fallback = JobIssue(
                Agent.scraper, outcome.status, f"download {outcome.status}", outcome.url, True
            )
            issues.append(outcome.issue or fallback)
    repository.finish_agent(engine, job.job_id, Agent.scraper)
    return docs, issues


def _doc_row(
    job_id: str, url: str, raw_path: Path, kind: str | None, filename: str | None, sha256: str | None = None
) -> dict[str, Any]:
    return {
        "job_id": job_id,
        "url": url,
        "raw_path": str(raw_path),
        "document_type": kind,
        "filename": filename or raw_path.name,
        "name": filename or raw_path.name,
        "status": INGESTED,
        "sha256": sha256,
    }
