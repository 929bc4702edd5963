"""The seed-003 job body (``job_status_body``) for every status, and the crawler's page priority."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from docharvest.knowledge.priority import page_priority
from docharvest.models import Candidate, KnowledgeConf
from docharvest.views.knowledge import job_status_body
from pydantic import ValidationError

T0 = datetime(2026, 3, 20, 10, 0, 0, tzinfo=UTC)
T1 = datetime(2026, 3, 20, 10, 1, 12, 150000, tzinfo=UTC)
KEYS = ["id", "status", "progress", "result", "error", "startedAt", "finishedAt", "durationMs"]


def _row(**values: Any) -> dict[str, Any]:
    row = {
        "job_id": "job_abc123def456",
        "status": "pending",
        "started_at": None,
        "completed_at": None,
        "pages_scraped": 0,
        "total_pages": 10,
        "current_step": None,
        "urls_discovered": 0,
        "total_runtime_seconds": None,
        "result": None,
        "error": None,
    }
    row.update(values)
    return row


def test_pending_job_has_nulls_everywhere() -> None:
    body = job_status_body(_row(), [])
    assert list(body) == KEYS
    assert body == {
        "id": "job_abc123def456",
        "status": "pending",
        "progress": None,
        "result": None,
        "error": None,
        "startedAt": None,
        "finishedAt": None,
        "durationMs": None,
    }


def test_processing_job_reports_progress_only() -> None:
    row = _row(
        status="in_progress",
        started_at=T0,
        pages_scraped=4,
        current_step="Scraping https://linear.app/features",
    )
    body = job_status_body(row, [])
    assert body["status"] == "processing"
    assert body["progress"] == {
        "pagesScraped": 4,
        "totalPages": 10,
        "currentStep": "Scraping https://linear.app/features",
    }
    assert body["startedAt"] == "2026-03-20T10:00:00Z"
    assert (body["result"], body["finishedAt"], body["durationMs"], body["error"]) == (None, None, None, None)


def test_completed_job_has_the_full_result() -> None:
    business = {
        "name": "Linear",
        "domain": "linear.app",
        "category": "Project Management",
        "description": "d",
    }
    row = _row(
        status="completed",
        started_at=T0,
        completed_at=T1,
        total_runtime_seconds=72.15,
        pages_scraped=10,
        urls_discovered=34,
        current_step="Complete",
        result={"business": business, "categoryConfidence": 0.9},
    )
    items = [
        {
            "title": "Issue Tracking",
            "description": "Fast.",
            "content": "...",
            "category": "FEATURE",
            "source": "https://linear.app/features",
            "position": 0,
        }
    ]
    body = job_status_body(row, items)
    assert body["status"] == "completed"
    assert body["progress"] == {"pagesScraped": 10, "totalPages": 10, "currentStep": "Complete"}
    assert body["result"] == {
        "business": business,
        "knowledgeItems": [
            {
                "title": "Issue Tracking",
                "description": "Fast.",
                "content": "...",
                "category": "FEATURE",
                "source": "https://linear.app/features",
            }
        ],
        "pagesScraped": 10,
        "urlsDiscovered": 34,
        "durationMs": 72150,
        "startedAt": "2026-03-20T10:00:00Z",
        "finishedAt": "2026-03-20T10:01:12.150Z",
    }
    assert (body["durationMs"], body["finishedAt"]) == (72150, "2026-03-20T10:01:12.150Z")


@pytest.mark.parametrize(
    ("status", "error"), [("failed", "Failed to scrape URL: timeout"), ("cancelled", None)]
)
def test_failed_and_cancelled_jobs_are_failed_with_an_error(status: str, error: str | None) -> None:
    row = _row(
        status=status, started_at=T0, completed_at=T1, pages_scraped=2, current_step="Failed", error=error
    )
    body = job_status_body(row, [])
    assert body["status"] == "failed"
    assert body["error"] == (error or "Job cancelled")
    assert body["result"] is None
    assert body["progress"] == {"pagesScraped": 2, "totalPages": 10, "currentStep": "Failed"}
    assert body["durationMs"] == 72150


def test_conf_bounds_name_the_field() -> None:
    with pytest.raises(ValidationError, match="max_pages"):
        KnowledgeConf.model_validate({"url": "https://a.example", "max_pages": 501})
    with pytest.raises(ValidationError, match="url"):
        KnowledgeConf.model_validate({"url": "ftp://a.example"})
    assert KnowledgeConf.model_validate({"url": "https://a.example"}).max_pages == 50


def test_business_pages_come_before_blog_archives() -> None:
    def score(url: str, text: str = "") -> float:
        return page_priority(Candidate(url=url, link_text=text))

    ranked = sorted(
        [
            "https://a.io/blog/page/3",
            "https://a.io/blog/2023/05/hello",
            "https://a.io/pricing",
            "https://a.io/features",
            "https://a.io/faq",
            "https://a.io/careers/engineer",
            "https://a.io/login",
            "https://a.io/x",
            "https://a.io/blog",
            "https://a.io/legal/terms",
        ],
        key=score,
        reverse=True,
    )
    assert ranked[:3] == ["https://a.io/pricing", "https://a.io/features", "https://a.io/faq"]
    assert (
        ranked.index("https://a.io/legal/terms")
        < ranked.index("https://a.io/x")
        < ranked.index("https://a.io/blog")
    )
    assert set(ranked[-3:]) == {
        "https://a.io/blog/page/3",
        "https://a.io/login",
        "https://a.io/blog/2023/05/hello",
    }
    assert score("https://a.io/p/1", "Our pricing") > score("https://a.io/p/2", "Read more")
