"""What the scrape job's steps share: document statuses, the job's parsed prompt."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docharvest.config import Settings
from docharvest.pipeline.common import read_json

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
