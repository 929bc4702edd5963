"""What a crawl hands back: issues (future JobError rows), light page records, the report."""

from __future__ import annotations

from dataclasses import dataclass, field

from docharvest.models import Candidate

NAVIGATOR = "navigator"
SCRAPER = "scraper"


@dataclass
class CrawlIssue:
    """One failure worth a JobError row: which agent, what kind, the rule or bound, which URL."""

    agent: str
    error_type: str
    message: str
    url: str | None
    recoverable: bool


@dataclass
class PageRecord:
    """A fetched HTML page, without its body (memory must stay flat on big sites)."""

    url: str
    title: str
    depth: int
    status: int
    final_url: str | None = None
    source_page: str | None = None


@dataclass
class CrawlReport:
    candidates: list[Candidate]
    pages_crawled: int
    urls_discovered: int
    issues: list[CrawlIssue]
    warnings: list[str]
    start_url_error: str | None
    pages: list[PageRecord] = field(default_factory=list)
