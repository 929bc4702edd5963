"""What a crawl hands back: the issues it records, light page records, the report and its warnings."""

from __future__ import annotations

from dataclasses import dataclass, field

from docharvest.config import CrawlSettings
from docharvest.errors import JobIssue
from docharvest.models import Agent, Candidate

NAVIGATOR = Agent.navigator.value
SCRAPER = Agent.scraper.value
MAX_ISSUES_PER_TYPE = 50


@dataclass(slots=True)  # one per link / page / queued URL: no __dict__ each
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
    issues: list[JobIssue]
    warnings: list[str]
    start_url_error: str | None
    pages: list[PageRecord] = field(default_factory=list)


class IssueLog:
    """The issues a crawl records: every type counted, the first ``MAX_ISSUES_PER_TYPE`` kept."""

    def __init__(self) -> None:
        self.issues: list[JobIssue] = []
        self.counts: dict[str, int] = {}

    def record(self, issue: JobIssue) -> None:
        count = self.counts.get(issue.error_type, 0) + 1
        self.counts[issue.error_type] = count
        if count <= MAX_ISSUES_PER_TYPE:
            self.issues.append(issue)

    def warnings(self) -> list[str]:
        return [
            f"{count - MAX_ISSUES_PER_TYPE} more {error_type} errors not listed"
            for error_type, count in self.counts.items()
            if count > MAX_ISSUES_PER_TYPE
        ]


def skip_warnings(s: CrawlSettings, skipped: dict[str, int], examples: dict[str, str]) -> list[str]:
    """One warning per reason URLs were skipped, with the bound that skipped them and an example."""
    notes = {
        "depth": f"links beyond max_depth={s.max_depth} not followed",
        "query_variants": f"URLs skipped by the per-path query cap "
        f"(max_query_variants_per_path={s.max_query_variants_per_path})",
        "trap": "URLs skipped as likely crawler traps (repeated path segments)",
        "robots": "URLs not fetched because robots.txt disallows them",
        "frontier_full": "links dropped because the frontier was full",
        "max_documents": f"document links beyond max_documents={s.max_documents} ignored",
        "offsite_document": "offsite document links ignored (offsite_documents=false)",
        "calendar": f"calendar-like URLs skipped (max_calendar_pages={s.max_calendar_pages} per calendar)",
    }
    return [
        f"{count} {notes.get(reason, reason)}, e.g. {examples[reason]}" for reason, count in skipped.items()
    ]
