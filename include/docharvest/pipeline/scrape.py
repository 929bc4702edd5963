"""The scrape job's steps: plan -> discover -> download[batch] -> extract[batch] -> validate -> publish.

Agents (what the API reports): plan=coordinator, discover=navigator, download=scraper,
extract=extractor, validate=validator, publish=publisher.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from docharvest.config import Settings
from docharvest.errors import StartUrlError, TerminalError
from docharvest.incremental import IncrementalBatch
from docharvest.jobrecord import ReturnRule, params_as
from docharvest.models import (
    Agent,
    Candidate,
    JobKind,
    JobStatus,
    ScrapeConf,
    ScrapeParameters,
    job_id_for_run,
)
from docharvest.pipeline.common import (
    as_utc,
    cpu_meter,
    fail_job,
    heartbeat_writer,
    monotonic_deadline,
    read_json,
    start_job,
    total_cpu_seconds,
    write_json,
)
from docharvest.pipeline.isolation import (
    ParseFailure,
    ParseLimits,
    parse_ahead,
    read_text,
    run_isolated,
    truncation_notice,
)
from docharvest.pipeline.progress_log import StepLog, Timeline
from docharvest.store import repository
from docharvest.store.datasets import write_partition
from docharvest.store.db import get_engine
from docharvest.text import DocumentText

log = logging.getLogger(__name__)

# Share of the remaining time budget the crawl may use; the rest is for downloads.
CRAWL_BUDGET_SHARE = 0.6
# Document statuses after each stage.
DISCOVERED, DOWNLOADED, EXTRACTED = "discovered", "downloaded", "extracted"
UNREADABLE, DUPLICATE, SKIPPED = "unreadable", "duplicate", "skipped"
DOWNLOAD_DONE = (DOWNLOADED, EXTRACTED, UNREADABLE, DUPLICATE)
# Incremental runs: a document of the source that the crawl no longer finds.
REMOVED = "removed"


# -- plan ---------------------------------------------------------------------


def plan(settings: Settings, conf: dict[str, Any], *, dag_id: str, run_id: str) -> str:
    """Create (or resume) the job row, parse the prompt, and start the clock. Returns the job id."""
    from docharvest.relevance import parse_prompt

    try:
        parsed = ScrapeConf.model_validate(conf)
    except ValueError as exc:  # bad conf (a blank prompt from the UI form): no retry will fix it
        raise TerminalError(f"invalid scrape conf: {exc}") from exc
    job_id = parsed.job_id or job_id_for_run(dag_id, run_id)
    request = parsed.request()
    start_job(
        settings,
        job_id=job_id,
        kind=JobKind.scrape,
        org_id=parsed.org_id,
        website=str(request.website),
        prompt=request.prompt,
        params=request.parameters.model_dump(),
        timeout_seconds=request.parameters.timeout,
        dag_id=dag_id,
        run_id=run_id,
    )
    intent = parse_prompt(request.prompt)
    write_json(settings.work_dir(job_id) / "intent.json", intent.to_dict())
    repository.finish_agent(get_engine(settings), job_id, Agent.coordinator)
    log.info("job %s planned: %s / %r", job_id, request.website, request.prompt)
    return job_id


def _intent(settings: Settings, job_id: str) -> Any:
    from docharvest.relevance import Intent

    return Intent.from_dict(read_json(settings.work_dir(job_id) / "intent.json"))


# -- discover -----------------------------------------------------------------


def discover(settings: Settings, job_id: str) -> list[int]:
    """Crawl the site, score every candidate document before download, and cut batches.

    Returns the batch numbers (XCom references for the mapped download/extract tasks).
    """
    from docharvest.crawl import crawl_site_sync
    from docharvest.relevance import build_scorer

    engine = get_engine(settings)
    job = repository.get_job(engine, job_id)
    params = params_as(job, ScrapeParameters)
    if Agent.navigator in (job.get("agents_completed") or []):
        # A resumed job whose crawl had finished: its documents (and their progress) stand.
        docs = repository.list_documents(engine, job_id)
        return sorted({d["batch"] for d in docs if d["batch"] is not None})
    repository.start_agent(engine, job_id, Agent.navigator, f"Crawling {job['website']}")
    scorer = build_scorer(settings)
    intent = _intent(settings, job_id)
    progress = _ProgressWriter(settings, job_id)

    with cpu_meter(settings, job_id, "discover"):
        crawl_settings = settings.crawl
        if params.offsite_documents:
            crawl_settings = crawl_settings.model_copy(update={"offsite_documents": True})
        report = crawl_site_sync(
            job["website"],
            settings=crawl_settings,
            allow_private_networks=settings.allow_private_networks,
            single_page=params.single_page,
            # A page URL that turns out to be a document is kept only under the job's own cap.
            max_file_size_bytes=params.max_file_size_bytes,
            deadline=monotonic_deadline(job, CRAWL_BUDGET_SHARE),
            priority=lambda c: scorer.score_candidate(intent, c).confidence,
            on_progress=progress,
            work_dir=settings.work_dir(job_id) / "prefetched",
            # A retried or resumed discover continues the crawl from here instead of starting over.
            checkpoint_path=settings.work_dir(job_id) / "crawl-checkpoint.json",
        )
        _record_issues(engine, job_id, report.issues)
        for warning in report.warnings:
            repository.record_warning(engine, job_id, warning)
        if report.start_url_error:
            message = f"Failed to scrape URL: {report.start_url_error}"
            fail_job(settings, job_id, message)
            raise StartUrlError(message)
        rows = _candidate_rows(
            job_id,
            report.candidates,
            scorer,
            intent,
            settings.batch_size,
            settings.relevance.download_threshold,
        )

    progress.timeline.sample(report.pages_crawled, force=True)
    repository.upsert_documents(engine, rows)
    if job.get("source"):
        _mark_removed(engine, job, report, [r["url"] for r in rows])
    repository.update_job(
        engine,
        job_id,
        pages_scraped=report.pages_crawled,
        total_pages=report.pages_crawled,
        total_pages_crawled=report.pages_crawled,
        urls_discovered=report.urls_discovered,
        total_documents_found=len(rows),
    )
    repository.finish_agent(engine, job_id, Agent.navigator)
    batches = sorted({r["batch"] for r in rows if r["batch"] is not None})
    log.info(
        "job %s: %d pages, %d candidates, %d batches", job_id, report.pages_crawled, len(rows), len(batches)
    )
    return batches


def _mark_removed(engine: Any, job: dict[str, Any], report: Any, urls: list[str]) -> None:
    """Scheduled runs: the source's documents this crawl no longer found are marked removed."""
    from docharvest import incremental

    transient = sum(1 for i in report.issues if i.agent == Agent.navigator and i.recoverable)
    if incremental.crawl_was_complete(report.warnings, transient):
        incremental.mark_removed(engine, job["source"], job["job_id"], urls)
    else:
        log.warning("job %s: partial crawl, no document is marked removed", job["job_id"])


def _candidate_rows(
    job_id: str,
    candidates: list[Candidate],
    scorer: Any,
    intent: Any,
    batch_size: int,
    download_threshold: float,
) -> list[dict[str, Any]]:
    """Document rows for the candidates, best pre-score first, cut into batches.

    Candidates scored below ``download_threshold`` before download are kept (status
    ``skipped``, with their score and reason) but not fetched; they get no batch.
    """
    scored = [(scorer.score_candidate(intent, c), c) for c in candidates]
    scored.sort(key=lambda pair: (-pair[0].confidence, pair[1].url))
    now = datetime.now(UTC)
    return [
        {
            "job_id": job_id,
            "url": c.url,
            "source_page": c.source_page,
            "name": _name_from_candidate(c),
            "status": DISCOVERED if score.confidence >= download_threshold else SKIPPED,
            "batch": i // batch_size if score.confidence >= download_threshold else None,
            "pre_score": score.confidence,
            "confidence_score": score.confidence,
            "relevance_reason": score.reason,
            "evidence": c.model_dump(mode="json"),
            "document_type": c.hinted_type,
            "discovered_at": now,
        }
        for i, (score, c) in enumerate(scored)
    ]


def _name_from_candidate(candidate: Candidate) -> str:
    text = " ".join((candidate.link_text or candidate.title_attr or "").split())
    if text and text.lower() not in {"download", "pdf", "here", "click here", "view", "link"}:
        return text
    return _filename_stem(candidate.extra.get("filename") or candidate.url)


def _filename_stem(url_or_name: str) -> str:
    from urllib.parse import unquote, urlsplit

    base = unquote(urlsplit(url_or_name).path.rsplit("/", 1)[-1]) or url_or_name
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return " ".join(stem.replace("_", " ").replace("-", " ").split()) or base


class _ProgressWriter:
    """Crawl progress: the job row at most every half second, a task-log line every few seconds,
    and the timeline the report draws (cheap to call often)."""

    def __init__(self, settings: Settings, job_id: str) -> None:
        self.engine = get_engine(settings)
        self.job_id = job_id
        self.last = 0.0
        self.log = StepLog(log, job_id, "discover", "pages")
        self.timeline = Timeline(settings.work_dir(job_id))
        self.timeline.path.unlink(missing_ok=True)  # a retried crawl starts its timeline again
        self.timeline.sample(0, force=True)

    def __call__(self, pages_crawled: int, pages_planned: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.5:
            return
        self.last = now
        repository.update_job(
            self.engine, self.job_id, pages_scraped=pages_crawled, total_pages=pages_planned
        )
        self.timeline.sample(pages_crawled)
        self.log.tick(pages_crawled, pages_planned)


def _record_issues(engine: Any, job_id: str, issues: list[Any]) -> None:
    repository.record_errors(
        engine,
        job_id,
        [
            {
                "agent_name": issue.agent,
                "error_type": issue.error_type,
                "error_message": issue.message,
                "page_url": issue.url,
                "is_recoverable": issue.recoverable,
            }
            for issue in issues
        ],
    )


# -- download -----------------------------------------------------------------


def download(settings: Settings, job_id: str, batch: int) -> int:
    """Download the batch's documents (streaming, size cap, sha256 raw store)."""
    from docharvest.download import download_documents_sync

    engine = get_engine(settings)
    job = repository.get_job(engine, job_id)
    repository.start_agent(engine, job_id, Agent.scraper, f"Downloading batch {batch}")
    todo = repository.list_documents(engine, job_id, batch=batch, statuses=[DISCOVERED])
    max_bytes = params_as(job, ScrapeParameters).max_file_size_bytes
    # Scheduled sources re-crawl incrementally (conditional requests, unchanged documents reused).
    tracker = IncrementalBatch(engine, job, [d["url"] for d in todo]) if job.get("source") else None

    def fetch(docs: list[dict[str, Any]], conditional: dict[str, dict[str, str]] | None) -> list[Any]:
        return download_documents_sync(
            [Candidate.model_validate(d["evidence"]) for d in docs],
            settings=settings.crawl,
            allow_private_networks=settings.allow_private_networks,
            max_file_size_bytes=max_bytes,
            raw_dir=settings.raw_dir,
            deadline=monotonic_deadline(job),
            conditional=conditional,
        )

    with cpu_meter(settings, job_id, f"download-{batch}"):
        outcomes = fetch(todo, tracker.conditional if tracker else None)
        again = tracker.needs_full_download(outcomes) if tracker else []
        for i, outcome in zip(again, fetch([todo[i] for i in again], None) if again else [], strict=True):
            outcomes[i] = outcome
    rows, issues = [], []
    for outcome in outcomes:
        row = _download_row(job_id, outcome)
        rows.append(tracker.row(outcome, row) if tracker else row)
        if outcome.issue is not None:  # which documents failed belongs in the task log too
            log.info("job %s: %s %s: %s", job_id, outcome.status, outcome.url, outcome.issue.message)
        if outcome.status == "too_large":
            reason = outcome.issue.message if outcome.issue else "file too large"
            repository.record_warning(
                engine, job_id, f"Document too large to download: {outcome.url} ({reason})"
            )
        elif outcome.issue is not None:
            issues.append(outcome.issue)
    repository.update_documents(engine, job_id, rows)
    _record_issues(engine, job_id, issues)
    if tracker:
        tracker.save()
    # When the whole job runs in this process (the CLI), its parse workers read this batch while
    # the next one downloads; the extract step then takes what they have read.
    fetched = [r for r in rows if r["status"] == DOWNLOADED and r["raw_path"]]
    parse_ahead(
        parse_document,
        _parse_jobs(fetched, settings),
        workers=settings.parse_workers,
        limits=ParseLimits.from_settings(settings),
    )
    log.info(
        "job %s batch %d: %d/%d downloaded, %d not modified (304)",
        job_id,
        batch,
        sum(r["status"] == DOWNLOADED for r in rows),
        len(rows),
        sum(o.status == "not_modified" for o in outcomes),
    )
    return batch


def _download_row(job_id: str, outcome: Any) -> dict[str, Any]:
    return {
        "job_id": job_id,
        "url": outcome.url,
        "status": outcome.status,
        "final_url": outcome.final_url,
        "aliases": list(outcome.aliases),
        "sha256": outcome.sha256,
        "raw_path": str(outcome.raw_path) if outcome.raw_path else None,
        "file_size_bytes": outcome.size_bytes,
        "content_type": outcome.content_type,
        "document_type": outcome.document_type,
        "filename": outcome.filename,
        "etag": outcome.etag,
        "last_modified": outcome.last_modified,
        "error": outcome.issue.message if outcome.issue else None,
    }


# -- extract ------------------------------------------------------------------


def extract(settings: Settings, job_id: str, batch: int) -> int:
    """Read the batch's downloaded documents and give each its final relevance score."""
    from docharvest.relevance import build_scorer

    engine = get_engine(settings)
    repository.start_agent(engine, job_id, Agent.extractor, f"Reading documents of batch {batch}")
    docs = repository.list_documents(engine, job_id, batch=batch, statuses=[DOWNLOADED])
    scorer = build_scorer(settings)
    intent = _intent(settings, job_id)
    text_dir = settings.work_dir(job_id) / "text"
    rows: list[dict[str, Any]] = []
    issues: list[dict[str, Any]] = []
    step_log = StepLog(log, job_id, f"extract batch {batch}", "documents")
    with cpu_meter(settings, job_id, f"extract-{batch}"):
        for doc, parsed in zip(docs, _parse_all(docs, settings, job_id, step_log), strict=True):
            candidate = Candidate.model_validate(doc["evidence"])
            if isinstance(parsed, str):
                log.info("job %s: unreadable %s: %s", job_id, doc["url"], parsed)
                issues.append(_unreadable_issue(doc, parsed))
                score = scorer.score_document(intent, candidate, None, doc["filename"])
                rows.append(
                    {
                        "job_id": job_id,
                        "url": doc["url"],
                        "status": UNREADABLE,
                        "error": parsed,
                        "confidence_score": score.confidence,
                        "relevance_reason": score.reason,
                    }
                )
                continue
            notice = truncation_notice(parsed)
            if notice:
                issues.append(
                    {
                        "agent_name": Agent.extractor,
                        "error_type": "text_truncated",
                        "error_message": f"{doc['url']}: {notice}",
                        "page_url": doc["url"],
                        "is_recoverable": True,
                    }
                )
            text_path = text_dir / f"{doc['id']}.txt"
            text_path.parent.mkdir(parents=True, exist_ok=True)
            text_path.write_text(parsed.text)
            score = scorer.score_document(intent, candidate, parsed, doc["filename"])
            rows.append(
                {
                    "job_id": job_id,
                    "url": doc["url"],
                    "status": EXTRACTED,
                    "name": _document_name(parsed, doc),
                    "page_count": parsed.page_count,
                    "text_length": parsed.text_length,
                    "ocr_pages": parsed.ocr_pages,
                    "text_path": str(text_path),
                    "confidence_score": score.confidence,
                    "relevance_reason": score.reason,
                    "extracted_at": datetime.now(UTC),
                }
            )
    repository.update_documents(engine, job_id, rows)
    repository.record_errors(engine, job_id, issues)
    log.info("job %s batch %d: %d read, %d unreadable", job_id, batch, len(rows) - len(issues), len(issues))
    # Model usage (0 for the offline scorer) is billed per batch; a retry overwrites its own file.
    write_json(settings.work_dir(job_id) / "usage" / f"extract-{batch}.json", asdict(scorer.usage()))
    return batch


def _unreadable_issue(doc: dict[str, Any], reason: str) -> dict[str, Any]:
    return {
        "agent_name": Agent.extractor,
        "error_type": getattr(reason, "error_type", "unreadable_document"),
        "error_message": f"Could not read {doc['document_type'] or 'document'}: {reason}",
        "page_url": doc["url"],
        "is_recoverable": True,
    }


def _document_name(parsed: DocumentText, doc: dict[str, Any]) -> str:
    """The most descriptive of the link's words and the file's own title.

    Link text such as "Minutes" in a table row says less than the document's title
    "Board Meeting Minutes - January 9, 2024"; a title like "untitled" says less than the link.
    """
    link = str(doc.get("name") or "")
    title = " ".join((parsed.title or "").split())
    if title and len(title.split()) > len(link.split()) and title.lower() not in {"untitled", "document"}:
        return title
    return link or title or _filename_stem(doc["url"])


# Read in the parse workers; it lives in the light isolation module so a worker starts fast.
parse_document = read_text


def _parse_jobs(docs: list[dict[str, Any]], settings: Settings) -> list[tuple[Any, ...]]:
    return [(d["raw_path"], d["document_type"], settings.ocr.limits()) for d in docs]


def _parse_all(
    docs: list[dict[str, Any]], settings: Settings, job_id: str, step_log: StepLog | None = None
) -> list[DocumentText | ParseFailure]:
    """Parse each document in an isolated worker process, under the per-document limits.

    Scanned pages are OCR'd there too, within ``settings.ocr``. After each document the job's
    heartbeat moves and the task log gets a progress line at its steady rhythm.
    """
    jobs = _parse_jobs(docs, settings)
    if not jobs:
        return []
    beat = heartbeat_writer(settings, job_id)
    done = [0]

    def on_result() -> None:
        beat()
        done[0] += 1
        if step_log is not None:
            step_log.tick(done[0], len(jobs))

    return run_isolated(
        parse_document,
        jobs,
        workers=min(settings.parse_workers, len(jobs)),
        limits=ParseLimits.from_settings(settings),
        on_result=on_result,
    )


# -- validate -----------------------------------------------------------------


def validate(settings: Settings, job_id: str) -> str:
    """Check the job's document rows are consistent before publishing; problems become warnings."""
    engine = get_engine(settings)
    repository.start_agent(engine, job_id, Agent.validator, "Validating results")
    problems = []
    for doc in repository.list_documents(engine, job_id):
        score = doc["confidence_score"]
        if score is not None and not 0.0 <= score <= 1.0:
            problems.append(f"{doc['url']}: confidence_score {score} outside 0..1")
        if doc["status"] == EXTRACTED and not (doc["sha256"] and doc["page_count"]):
            problems.append(f"{doc['url']}: extracted without sha256 or pages")
    for problem in problems:
        repository.record_warning(engine, job_id, f"Validation: {problem}")
    repository.finish_agent(engine, job_id, Agent.validator)
    # Downloads and extraction are done once validation runs (mapped tasks finished).
    repository.finish_agent(engine, job_id, Agent.scraper)
    repository.finish_agent(engine, job_id, Agent.extractor)
    return job_id


# -- publish ------------------------------------------------------------------


def publish(settings: Settings, job_id: str) -> str:
    """Merge duplicate bytes, compute the job's totals, write Parquet, mark the job completed."""
    from docharvest.results import dataset_rows

    engine = get_engine(settings)
    repository.start_agent(engine, job_id, Agent.publisher, "Publishing results")
    with cpu_meter(settings, job_id, "publish"):
        _merge_duplicates(engine, job_id)
        totals = _totals(settings, engine, job_id, _model_cost_usd(settings, job_id))
        now = datetime.now(UTC)
        job = repository.get_job(engine, job_id)
        started = as_utc(job["started_at"]) or now
        runtime = (now - started).total_seconds()
        status = JobStatus.cancelled if job["status"] == JobStatus.cancelled else JobStatus.completed
        repository.update_job(
            engine,
            job_id,
            **{k: v for k, v in totals.items() if k != "returned"},
            status=status,
            completed_at=now,
            total_runtime_seconds=runtime,
            current_agent=None,
            current_step="Complete",
            message=f"Job completed successfully. Found {totals['returned']} document(s).",
        )
        repository.finish_agent(engine, job_id, Agent.publisher)
        for dataset, rows in dataset_rows(engine, job_id).items():
            write_partition(settings.datasets_location, dataset, rows, job_id=job_id, job_date=started.date())
    log.info("job %s published: %s", job_id, totals)
    return job_id


def _model_cost_usd(settings: Settings, job_id: str) -> float:
    folder = settings.work_dir(job_id) / "usage"
    return (
        sum(float(read_json(p).get("cost_usd", 0.0)) for p in folder.glob("*.json"))
        if folder.exists()
        else 0.0
    )


def _merge_duplicates(engine: Any, job_id: str) -> None:
    """The same bytes at two URLs are one document: keep the first, record the others as aliases."""
    first_by_sha: dict[str, dict[str, Any]] = {}
    updates = []
    docs = sorted(repository.list_documents(engine, job_id), key=lambda d: (-(d["pre_score"] or 0), d["url"]))
    for doc in docs:
        sha = doc["sha256"]
        if not sha or doc["status"] not in (DOWNLOADED, EXTRACTED, UNREADABLE, DUPLICATE):
            continue
        keeper = first_by_sha.setdefault(sha, doc)
        if keeper is doc:
            continue
        keeper["aliases"] = sorted({*keeper["aliases"], doc["url"], *doc["aliases"]} - {keeper["url"]})
        updates.append({"job_id": job_id, "url": doc["url"], "status": DUPLICATE, "aliases": doc["aliases"]})
    updates += [
        {"job_id": job_id, "url": d["url"], "status": d["status"], "aliases": d["aliases"]}
        for d in first_by_sha.values()
        if d["aliases"]
    ]
    repository.update_documents(engine, job_id, updates)


def _totals(settings: Settings, engine: Any, job_id: str, model_cost_usd: float) -> dict[str, Any]:
    """The seed's totals and the cost estimate (formula in config.CostSettings)."""
    job = repository.get_job(engine, job_id)
    docs = [d for d in repository.list_documents(engine, job_id) if d["status"] not in (DUPLICATE, REMOVED)]
    rule = ReturnRule.of(job)
    obtained = [d for d in docs if d["status"] in DOWNLOAD_DONE]
    # Unchanged documents of a scheduled source were reused, not downloaded again.
    downloaded = [d for d in obtained if d.get("change") != "unchanged"]
    attempted = [d for d in docs if d["status"] != SKIPPED]
    returned = [d for d in docs if rule.admits(d["status"], d["confidence_score"])]
    nbytes = sum(d["file_size_bytes"] or 0 for d in downloaded)
    ocr_pages = sum(d.get("ocr_pages") or 0 for d in obtained if d.get("change") != "unchanged")
    cpu = total_cpu_seconds(settings, job_id)
    prices = settings.cost
    cost = (
        cpu * prices.cpu_second_usd
        + nbytes / 1e9 * prices.gb_downloaded_usd
        + job["total_pages_crawled"] * prices.page_usd
        + ocr_pages * prices.ocr_page_usd
        + model_cost_usd
    )
    return {
        "total_documents_found": len(docs),
        "total_documents_downloaded": len(downloaded),
        "success_rate": round(len(obtained) / len(attempted), 4) if attempted else 0.0,
        "bytes_downloaded": nbytes,
        "cpu_seconds": round(cpu, 3),
        "cost": round(cost, 6),
        "returned": len(returned),
    }


def run_scrape_inline(
    settings: Settings, conf: dict[str, Any], *, source: str | None = None, run_id: str | None = None
) -> str:
    """Run the six steps in this process without Airflow (benchmarks, tests); return the job id.

    With ``source``, the job is a run of that scheduled source (an incremental re-crawl).
    """
    from docharvest.incremental import set_job_source
    from docharvest.models import new_job_id

    job_id = plan(
        settings, {"job_id": new_job_id(), **conf}, dag_id="docharvest_scrape", run_id=run_id or "inline"
    )
    if source:
        set_job_source(settings, job_id, source)
    for batch in discover(settings, job_id):
        download(settings, job_id, batch)
        extract(settings, job_id, batch)
    validate(settings, job_id)
    publish(settings, job_id)
    return job_id
