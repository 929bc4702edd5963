"""What the scrape job's steps share: document statuses, the job's parsed prompt, crawl issues."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from docharvest.config import Settings
from docharvest.pipeline.common import read_json
from docharvest.store import repository

if TYPE_CHECKING:
    from docharvest.relevance import Intent

# Document statuses after each stage.
DISCOVERED, DOWNLOADED, EXTRACTED = "discovered", "downloaded", "extracted"
UNREADABLE, DUPLICATE, SKIPPED = "unreadable", "duplicate", "skipped"
DOWNLOAD_DONE = (DOWNLOADED, EXTRACTED, UNREADABLE, DUPLICATE)
# Incremental runs: a document of the source that the crawl no longer finds.
REMOVED = "removed"


def intent_path(settings: Settings, job_id: str) -> Path:
    return settings.work_dir(job_id) / "intent.json"


def job_intent(settings: Settings, job_id: str) -> Intent:
    """The job's prompt as ``plan`` parsed it (kept in the work area)."""
    from docharvest.relevance import Intent

    return Intent.from_dict(read_json(intent_path(settings, job_id)))


def record_issues(engine: sa.Engine, job_id: str, issues: list[Any]) -> None:
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
