"""The extract job's ``parse`` step: read a batch's documents in isolated workers, keep their texts.

Texts go to the job's work area (one JSON file per batch) for ``extract``; an unreadable
document fails its row at once (``failed``, with the reason as its flag).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docharvest.config import Settings
from docharvest.extract.reading import failure_flag, read_document
from docharvest.models import Agent, ExtractConf
from docharvest.pipeline.common import cpu_meter, heartbeat_writer, job_is_cancelled, write_json
from docharvest.pipeline.extract.base import FAILED, PARSED, UNREADABLE, issue, result_id, texts_path
from docharvest.pipeline.isolation import ParseLimits, run_isolated, truncation_notice
from docharvest.store import repository
from docharvest.store.db import get_engine
from docharvest.text.document import DocumentText

log = logging.getLogger(__name__)


def parse(settings: Settings, job_id: str, batch: int) -> int:
    """Read the batch's documents in a process pool; keep texts in the work area, fail unreadable rows."""
    engine = get_engine(settings)
    if job_is_cancelled(settings, job_id):
        return batch  # cancelled: keep what is done, read nothing more
    repository.start_agent(engine, job_id, Agent.extractor, f"Reading documents of batch {batch}")
    docs = repository.list_documents(engine, job_id, batch=batch)
    docs.sort(key=lambda d: d["url"])
    # The cap the job downloaded under: a file it fetched is never refused afterwards for its size.
    max_file_size_bytes = repository.get_job_record(engine, job_id).params_as(ExtractConf).max_file_size_bytes
    with cpu_meter(settings, job_id, f"parse-{batch}"):
        texts = _read_all(docs, settings, max_file_size_bytes, job_id)
    store: dict[str, Any] = {}
    doc_updates, failed_rows, issues = [], [], []
    now = datetime.now(UTC)
    for doc, text in zip(docs, texts, strict=True):
        if isinstance(text, str):
            doc_updates.append({"job_id": job_id, "url": doc["url"], "status": UNREADABLE, "error": text})
            failed_rows.append(
                {
                    "id": result_id(job_id, doc["id"]),
                    "status": FAILED,
                    "confidence": 0.0,
                    "validation_flags": [failure_flag(text)],
                }
            )
            error_type = getattr(text, "error_type", "unreadable_document")
            issues.append(issue(doc["url"], error_type, f"{doc['filename']}: {text}"))
            continue
        notice = truncation_notice(text)
        if notice:
            issues.append(issue(doc["url"], "text_truncated", f"{doc['filename']}: {notice}"))
        store[doc["id"]] = {"pages": text.pages, "title": text.title}
        doc_updates.append(
            {
                "job_id": job_id,
                "url": doc["url"],
                "status": PARSED,
                "page_count": text.page_count,
                "text_length": text.text_length,
                "ocr_pages": text.ocr_pages,
                "extracted_at": now,
            }
        )
    write_json(texts_path(settings, job_id, batch), store)
    repository.update_documents(engine, job_id, doc_updates)
    repository.update_result_rows(engine, job_id, failed_rows)
    repository.record_errors(engine, job_id, issues)
    log.info("job %s batch %d: %d read, %d unreadable", job_id, batch, len(store), len(failed_rows))
    return batch


def _read_all(
    docs: list[dict[str, Any]], settings: Settings, max_file_size_bytes: int, job_id: str
) -> list[DocumentText | str]:
    results: list[DocumentText | str | None] = []
    work = []
    for doc in docs:
        size = Path(doc["raw_path"]).stat().st_size if Path(doc["raw_path"]).exists() else None
        if size is None:
            results.append(f"file not found: {doc['raw_path']}")
        elif size == 0:
            results.append("empty file")
        elif size > max_file_size_bytes:
            results.append(f"file too large: {size} bytes (limit {max_file_size_bytes})")
        else:
            results.append(None)
            work.append((len(results) - 1, doc))
    ocr = settings.ocr.limits()
    args = [
        (d["raw_path"], d["document_type"], settings.extract.pdf_layout, settings.extract.max_pages, ocr)
        for _, d in work
    ]
    # Every document is read in an isolated worker under the per-document limits (issue 17).
    parsed = (
        run_isolated(
            read_document,
            args,
            workers=min(settings.parse_workers, len(args)),
            limits=ParseLimits.from_settings(settings),
            on_result=heartbeat_writer(settings, job_id),
        )
        if args
        else []
    )
    for (index, _), text in zip(work, parsed, strict=True):
        results[index] = text
    return [r if r is not None else "not read" for r in results]
