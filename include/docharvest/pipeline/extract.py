"""The extract job's steps: ingest -> parse[batch] -> extract[batch] -> validate -> publish.

Agents (what the API reports): ingest=coordinator (+scraper for URL downloads),
parse/extract=extractor, validate=validator, publish=publisher. Every step flushes
``result_rows`` so ``GET /v1/jobs/:id/results`` shows rows while the job runs:
``pending`` after ingest, ``failed`` for unreadable documents after parse, values and a
provisional ``approved``/``review`` after extract, validation flags and the final status
after validate. XCom carries the job id and batch numbers only; texts live in the job's
work area, rows in the metadata DB.
"""

from __future__ import annotations

import logging
import mimetypes
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa

from docharvest.config import Settings
from docharvest.errors import ConfigError, TerminalError
from docharvest.extract.reading import failure_flag, read_document
from docharvest.extract.schema import ExtractionSchema, fetch_schema, load_schema, parse_schema, store_schema
from docharvest.jobrecord import params_as
from docharvest.models import Agent, Candidate, ExtractConf, JobKind, JobStatus, job_id_for_run
from docharvest.pipeline.common import (
    as_utc,
    cpu_meter,
    heartbeat_writer,
    job_is_cancelled,
    monotonic_deadline,
    read_json,
    write_json,
)
from docharvest.pipeline.isolation import ParseLimits, run_isolated, truncation_notice
from docharvest.store import repository
from docharvest.store.datasets import write_partition
from docharvest.store.db import get_engine, init_db
from docharvest.store.result_rows import list_result_rows as list_rows
from docharvest.store.tables import jobs, result_rows
from docharvest.text import DocumentText
from docharvest.views.datasets import dataset_name, job_tables, result_row_records, result_rows_arrow_schema

log = logging.getLogger(__name__)

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
# Row statuses: pending until extracted; approved/review after extraction; failed when unreadable.
PENDING, APPROVED, REVIEW, FAILED = "pending", "approved", "review", "failed"
# Document statuses of an extract job.
INGESTED, PARSED, UNREADABLE = "ingested", "parsed", "unreadable"


# -- ingest -------------------------------------------------------------------


def plan(settings: Settings, conf: dict[str, Any], *, dag_id: str, run_id: str) -> str:
    """Create (or resume) the job row and pin its schema. Returns the job id."""
    try:
        parsed = ExtractConf.model_validate(conf)
    except ValueError as exc:
        raise TerminalError(f"invalid extract conf: {exc}") from exc
    if "max_file_size_mb" not in parsed.model_fields_set:  # the deployment's cap, unless the job gives one
        parsed = parsed.model_copy(update={"max_file_size_mb": settings.extract.max_file_size_mb})
    job_id = parsed.job_id or job_id_for_run(dag_id, run_id)
    engine = init_db(settings)
    now = datetime.now(UTC)
    job = repository.ensure_job(
        engine,
        {
            "job_id": job_id,
            "kind": JobKind.extract,
            "org_id": parsed.org_id or settings.default_org,
            "status": JobStatus.pending,
            "prompt": None,
            "params": parsed.model_dump(exclude={"job_id", "org_id"}),
            "created_at": now,
        },
    )
    started = as_utc(job.get("started_at")) or now
    repository.update_job(
        engine,
        job_id,
        dag_id=dag_id,
        run_id=run_id,
        status=JobStatus.in_progress,
        started_at=started,
        estimated_completion=datetime.fromtimestamp(started.timestamp() + parsed.timeout, UTC),
        current_agent=Agent.coordinator,
        current_step="Planning",
    )
    schema = _resolve_schema(engine, parsed.schema_name, parsed.org_id)
    sid = store_schema(engine, schema, org_id=parsed.org_id)
    repository.update_job(engine, job_id, schema_id=sid)
    write_json(settings.work_dir(job_id) / "schema.json", {"id": sid, **schema.model_dump(mode="json")})
    repository.finish_agent(engine, job_id, Agent.coordinator)
    log.info("job %s planned: schema %s v%d (%s)", job_id, schema.name, schema.version, sid)
    return job_id


def ingest(settings: Settings, job_id: str) -> list[int]:
    """Resolve the job's documents (scrape job, files/folders, URLs), cut batches. Returns batch numbers."""
    engine = get_engine(settings)
    job = repository.get_job(engine, job_id)
    parsed = params_as(job, ExtractConf)
    repository.start_agent(engine, job_id, Agent.coordinator, "Collecting documents")
    now = datetime.now(UTC)
    docs, issues = _collect_documents(settings, engine, job_id, parsed, job)
    for i, doc in enumerate(docs):
        doc["batch"] = i // settings.extract.batch_size
        doc["discovered_at"] = now
    repository.upsert_documents(engine, docs)
    repository.record_errors(engine, job_id, issues)
    _flush_pending_rows(engine, job_id, docs)
    repository.update_job(engine, job_id, total_documents_found=len(docs), total_pages=len(docs))
    if not docs:
        repository.record_warning(
            engine, job_id, "No documents to extract: the inputs held no readable files"
        )
    batches = sorted({d["batch"] for d in docs})
    log.info("job %s: %d documents in %d batches", job_id, len(docs), len(batches))
    return batches


def _resolve_schema(engine: sa.Engine, name: str, org_id: str | None) -> ExtractionSchema:
    try:
        if name.startswith("sch_"):
            return fetch_schema(engine, name)
        return load_schema(name)
    except ConfigError as exc:
        raise TerminalError(str(exc)) from exc


def job_schema(settings: Settings, job_id: str) -> tuple[str, ExtractionSchema]:
    """The schema id and definition the job was started with (kept in its work area)."""
    definition = dict(read_json(settings.work_dir(job_id) / "schema.json"))
    sid = str(definition.pop("id"))
    return sid, parse_schema(definition)


def document_type_for(path: Path, head: bytes = b"") -> str | None:
    """pdf/docx/txt/html from the file's first bytes, else its extension."""
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") and path.suffix.lower() == ".docx":
        return "docx"
    kind = EXTENSIONS.get(path.suffix.lower())
    if kind:
        return kind
    guessed = mimetypes.guess_type(path.name)[0] or ""
    return "html" if guessed == "text/html" else "txt" if guessed.startswith("text/") else None


def _collect_documents(
    settings: Settings, engine: sa.Engine, job_id: str, conf: ExtractConf, job: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    docs: list[dict[str, Any]] = []
    issues: list[dict[str, Any]] = []
    if conf.source_job_id:
        docs += _source_job_documents(engine, job_id, conf.source_job_id)
    urls = [i for i in conf.inputs if urlsplit(i).scheme in ("http", "https")]
    for item in conf.inputs:
        if item in urls:
            continue
        found, problems = _local_documents(job_id, Path(item))
        docs += found
        issues += problems
    if urls:
        found, problems = _download(settings, job_id, urls, conf.max_file_size_bytes, job)
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


def _local_documents(job_id: str, path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    path = path.expanduser().resolve()
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS)
        return [_doc_row(job_id, p.as_uri(), p, document_type_for(p, _head(p)), p.name) for p in files], []
    if not path.is_file():
        return [], [
            _issue(
                path.as_uri(), "input_not_found", f"{path}: no such file or folder", agent=Agent.coordinator
            )
        ]
    kind = document_type_for(path, _head(path))
    if kind is None:
        message = f"{path.name}: unsupported document type (supported: {', '.join(SUPPORTED_TYPES)})"
        return [], [_issue(path.as_uri(), "unsupported_document_type", message, agent=Agent.coordinator)]
    return [_doc_row(job_id, path.as_uri(), path, kind, path.name)], []


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(8)
    except OSError:
        return b""


def _download(
    settings: Settings, job_id: str, urls: list[str], max_file_size_bytes: int, job: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    from docharvest.download import download_documents_sync

    repository.start_agent(
        get_engine(settings), job_id, Agent.scraper, f"Downloading {len(urls)} document(s)"
    )
    outcomes = download_documents_sync(
        [Candidate(url=u) for u in urls],
        settings=settings.crawl,
        allow_private_networks=settings.allow_private_networks,
        max_file_size_bytes=max_file_size_bytes,
        raw_dir=settings.raw_dir,
        deadline=monotonic_deadline(job),
    )
    docs, issues = [], []
    for outcome in outcomes:
        if outcome.status == "downloaded" and outcome.raw_path is not None:
            kind = outcome.document_type or document_type_for(
                Path(outcome.filename or outcome.url), _head(outcome.raw_path)
            )
            docs.append(
                _doc_row(job_id, outcome.url, outcome.raw_path, kind, outcome.filename, sha256=outcome.sha256)
            )
        else:
            message = outcome.issue.message if outcome.issue else f"download {outcome.status}"
            issues.append(
                _issue(outcome.url, outcome.issue.error_type if outcome.issue else outcome.status, message)
            )
    repository.finish_agent(get_engine(settings), job_id, Agent.scraper)
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


def _issue(url: str, error_type: str, message: str, agent: str = Agent.extractor) -> dict[str, Any]:
    return {
        "agent_name": agent,
        "error_type": error_type,
        "error_message": message,
        "page_url": url,
        "is_recoverable": True,
    }


def result_id(job_id: str, document_id: str) -> str:
    return repository.fingerprint(job_id, document_id, prefix="res_")


def _flush_pending_rows(engine: sa.Engine, job_id: str, docs: list[dict[str, Any]]) -> None:
    now = datetime.now(UTC)
    rows = []
    for position, doc in enumerate(docs):
        doc_id = repository.document_id(job_id, doc["url"])
        rows.append(
            {
                "id": result_id(job_id, doc_id),
                "job_id": job_id,
                "document_id": doc_id,
                "filename": doc["filename"],
                "status": PENDING,
                "values": {},
                "confidence": None,
                "validation_flags": [],
                "evidence": None,
                "field_evidence": None,
                "position": position,
                "created_at": now,
                "updated_at": now,
            }
        )
    # A retried ingest must not reset rows a later step already filled: insert only the missing ones.
    with engine.connect() as conn:
        existing = set(
            conn.execute(sa.select(result_rows.c.id).where(result_rows.c.job_id == job_id)).scalars()
        )
    repository.upsert(
        engine, result_rows, [r for r in rows if r["id"] not in existing], keys=["id"], touch_jobs=True
    )


def update_rows(engine: sa.Engine, job_id: str, rows: list[dict[str, Any]]) -> None:
    """Update ``job_id``'s result rows in place (keyed by id), grouped by column set for executemany.

    The job's ``updated_at`` moves in the same transaction (the API's cache key for its results).
    """
    if not rows:
        return
    now = datetime.now(UTC)
    by_shape: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        by_shape.setdefault(tuple(sorted(row)), []).append({**row, "updated_at": now})
    with engine.begin() as conn:
        conn.execute(sa.update(jobs).where(jobs.c.job_id == job_id).values(updated_at=now))
        for shape, group in by_shape.items():
            values: dict[str, Any] = {c: sa.bindparam(f"v_{c}") for c in [*shape, "updated_at"] if c != "id"}
            stmt = sa.update(result_rows).where(result_rows.c.id == sa.bindparam("v_id")).values(**values)
            conn.execute(stmt, [{f"v_{k}": v for k, v in r.items()} for r in group])


# -- parse --------------------------------------------------------------------


def parse(settings: Settings, job_id: str, batch: int) -> int:
    """Read the batch's documents in a process pool; keep texts in the work area, fail unreadable rows."""
    engine = get_engine(settings)
    if job_is_cancelled(settings, job_id):
        return batch  # cancelled: keep what is done, read nothing more
    repository.start_agent(engine, job_id, Agent.extractor, f"Reading documents of batch {batch}")
    docs = repository.list_documents(engine, job_id, batch=batch)
    docs.sort(key=lambda d: d["url"])
    # The cap the job downloaded under: a file it fetched is never refused afterwards for its size.
    limit = params_as(repository.get_job(engine, job_id), ExtractConf).max_file_size_bytes
    with cpu_meter(settings, job_id, f"parse-{batch}"):
        texts = _read_all(docs, settings, limit, job_id)
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
            issues.append(_issue(doc["url"], error_type, f"{doc['filename']}: {text}"))
            continue
        notice = truncation_notice(text)
        if notice:
            issues.append(_issue(doc["url"], "text_truncated", f"{doc['filename']}: {notice}"))
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
    write_json(_texts_path(settings, job_id, batch), store)
    repository.update_documents(engine, job_id, doc_updates)
    update_rows(engine, job_id, failed_rows)
    repository.record_errors(engine, job_id, issues)
    log.info("job %s batch %d: %d read, %d unreadable", job_id, batch, len(store), len(failed_rows))
    return batch


def _texts_path(settings: Settings, job_id: str, batch: int) -> Path:
    return settings.work_dir(job_id) / "text" / f"batch-{batch:05d}.json"


def _read_all(
    docs: list[dict[str, Any]], settings: Settings, max_bytes: int, job_id: str
) -> list[DocumentText | str]:
    results: list[DocumentText | str | None] = []
    work = []
    for doc in docs:
        size = Path(doc["raw_path"]).stat().st_size if Path(doc["raw_path"]).exists() else None
        if size is None:
            results.append(f"file not found: {doc['raw_path']}")
        elif size == 0:
            results.append("empty file")
        elif size > max_bytes:
            results.append(f"file too large: {size} bytes (limit {max_bytes})")
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


# -- extract ------------------------------------------------------------------


def row_status(confidence: float, flags: list[str], approve_at: float) -> str:
    """approved when confident and unflagged, review otherwise (failed rows are set at parse).

    Validation flags every value read with less than ``approve_at`` confidence
    (``low_confidence:<field>``), so an approved row has every value found with high confidence.
    """
    return APPROVED if confidence >= approve_at and not flags else REVIEW


def extracted_row(
    document: DocumentText, schema: ExtractionSchema, index: Any, approve_at: float
) -> dict[str, Any]:
    """One document's row before validation: values, confidence, evidence, provisional status.

    The extract step and the benchmarks (bench/extract.py, bench/realworld_figures) share it,
    so a measured figure is the job's own behaviour.
    """
    from docharvest.extract.fields import extract_fields, row_confidence

    extraction = extract_fields(document, schema, index)
    confidence = row_confidence(schema, extraction.confidences)
    return {
        "status": row_status(confidence, [], approve_at),
        "values": extraction.values,
        "confidence": confidence,
        "field_evidence": extraction.evidence,
        "evidence": {
            "fields": extraction.evidence,
            "confidences": extraction.confidences,
            "locale": extraction.to_dict()["locale"],
        },
    }


def validated_rows(
    schema: ExtractionSchema, rows: list[dict[str, Any]], approve_at: float
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Flags and final status of extracted rows (each with ``id``); also the suite's JSON result."""
    from docharvest.validate import validate_rows

    outcome = validate_rows(
        schema, rows, suite_name=f"{schema.name}_v{schema.version}", min_confidence=approve_at
    )
    updates = []
    for row in rows:
        flags = outcome.flags.get(str(row["id"]), [])
        status = row_status(float(row["confidence"] or 0.0), flags, approve_at)
        updates.append({"id": row["id"], "validation_flags": flags, "status": status})
    return updates, outcome.result


def extract(settings: Settings, job_id: str, batch: int) -> int:
    """Pull the schema's fields out of the batch's texts; flush values with a provisional status."""
    from docharvest.extract.fields import LabelIndex

    engine = get_engine(settings)
    if job_is_cancelled(settings, job_id) or not _texts_path(settings, job_id, batch).exists():
        return batch
    repository.start_agent(engine, job_id, Agent.extractor, f"Extracting fields of batch {batch}")
    _, schema = job_schema(settings, job_id)
    index = LabelIndex.for_schema(schema)
    store = read_json(_texts_path(settings, job_id, batch))
    rows, issues = [], []
    with cpu_meter(settings, job_id, f"extract-{batch}"):
        for doc_id, text in store.items():
            try:
                row = extracted_row(
                    DocumentText(pages=text["pages"], title=text.get("title")),
                    schema,
                    index,
                    settings.extract.approve_confidence,
                )
            except Exception as exc:  # an extractor bug on one document must not lose the batch
                log.exception("job %s: extraction failed for %s", job_id, doc_id)
                issues.append(_issue(doc_id, "extraction_error", f"{exc.__class__.__name__}: {exc}"))
                continue
            rows.append({"id": result_id(job_id, doc_id), **row})
    update_rows(engine, job_id, rows)
    repository.record_errors(engine, job_id, issues)
    with engine.connect() as conn:
        done = conn.execute(
            sa.select(sa.func.count()).where(result_rows.c.job_id == job_id, result_rows.c.status != PENDING)
        ).scalar_one()
    repository.update_job(engine, job_id, pages_scraped=int(done))
    log.info("job %s batch %d: %d rows extracted", job_id, batch, len(rows))
    return batch


# -- validate -----------------------------------------------------------------


def validate(settings: Settings, job_id: str) -> str:
    """Run the schema's Great Expectations suite over the job's rows; flags and final statuses."""
    engine = get_engine(settings)
    repository.start_agent(engine, job_id, Agent.validator, "Validating rows")
    repository.finish_agent(engine, job_id, Agent.extractor)
    _, schema = job_schema(settings, job_id)
    # Pending rows belong to batches that never ran (a cancelled job): they stay pending.
    rows = [r for r in list_rows(engine, job_id) if r["status"] not in (FAILED, PENDING)]
    with cpu_meter(settings, job_id, "validate"):
        updates, result = validated_rows(schema, rows, settings.extract.approve_confidence)
    write_json(settings.work_dir(job_id) / "validation.json", result)
    update_rows(engine, job_id, updates)
    if not rows:
        repository.record_warning(engine, job_id, "No readable documents: the job has no extracted rows")
    repository.finish_agent(engine, job_id, Agent.validator)
    log.info(
        "job %s validated: %d rows, %d flagged",
        job_id,
        len(rows),
        sum(bool(u["validation_flags"]) for u in updates),
    )
    return job_id


# -- publish ------------------------------------------------------------------


def publish(settings: Settings, job_id: str) -> str:
    """Write the schema's Parquet dataset (typed columns), finish the job."""
    engine = get_engine(settings)
    repository.start_agent(engine, job_id, Agent.publisher, "Publishing results")
    _, schema = job_schema(settings, job_id)
    job = repository.get_job(engine, job_id)
    rows = list_rows(engine, job_id)
    started = as_utc(job["started_at"]) or datetime.now(UTC)
    write_partition(
        settings.datasets_location,
        dataset_name(schema),
        result_row_records(job, schema, rows),
        job_id=job_id,
        job_date=started.date(),
        schema=result_rows_arrow_schema(schema),
    )
    now = datetime.now(UTC)
    readable = sum(r["status"] != FAILED for r in rows)
    status = JobStatus.cancelled if job["status"] == JobStatus.cancelled else JobStatus.completed
    repository.update_job(
        engine,
        job_id,
        status=status,
        completed_at=now,
        total_runtime_seconds=(now - started).total_seconds(),
        total_documents_downloaded=readable,
        success_rate=round(readable / len(rows), 4) if rows else 0.0,
        current_agent=None,
        current_step="Complete",
        message=f"Job completed successfully. Extracted {readable} of {len(rows)} document(s).",
    )
    repository.finish_agent(engine, job_id, Agent.publisher)
    # Every job kind has its row in ``jobs`` (and its errors), so the warehouse sees all jobs.
    for dataset, table in job_tables(engine, repository.get_job(engine, job_id)).items():
        write_partition(settings.datasets_location, dataset, table, job_id=job_id, job_date=started.date())
    log.info("job %s published %d rows to %s", job_id, len(rows), dataset_name(schema))
    return job_id
