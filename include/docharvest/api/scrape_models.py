"""Request and response models of the scrape family (seed 001), for validation and OpenAPI.

Field names, types, bounds and descriptions are the seed's; ``relevance_reason`` on a
document and ``started_at``/``current_agent``/… in ``metadata`` are documented extras.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field

from docharvest.models import JOB_ID_PATTERN, JobStatus, ScrapeParameters, ScrapeRequest

JOB_ID_EXAMPLE = "job_123456789"


class ScrapeSubmission(ScrapeRequest):
    """``POST /scrape`` body: the seed's ScrapeRequest plus an optional webhook."""

    webhook_url: AnyHttpUrl | None = Field(
        default=None,
        description="POSTed (HMAC-SHA256 signed) when the job starts, completes, fails or is cancelled",
    )

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "website": "https://example.com",
                    "prompt": "Find all board meeting minutes from 2024",
                    "parameters": {"single_page": False, "timeout": 1800, "confidence_threshold": 0.7},
                }
            ]
        },
    )


class ScrapeSubmitted(BaseModel):
    job_id: str = Field(pattern=JOB_ID_PATTERN, description="Job identifier", examples=[JOB_ID_EXAMPLE])
    status: JobStatus = Field(description="Always pending on submission")
    message: str
    created_at: datetime
    estimated_completion: datetime | None = Field(description="Creation time plus the job's timeout")


class ScrapeProgress(BaseModel):
    percentage: float = Field(ge=0, le=100, description="Rough share of the work done (0-100)")
    pages_scraped: int = Field(description="Pages crawled so far")
    total_pages: int = Field(description="Pages planned so far (grows as links are found)")
    documents_found: int = Field(description="Candidate documents discovered")
    documents_downloaded: int = Field(description="Documents downloaded")
    current_step: str | None = Field(description="What the job is doing now")


class ScrapeJobStatus(BaseModel):
    """``GET /scrape/status/{job_id}``."""

    job_id: str = Field(pattern=JOB_ID_PATTERN, description="Job identifier")
    status: JobStatus = Field(description="Current status of the job")
    is_active: bool = Field(description="True while pending or in_progress: keep polling")
    message: str = Field(description="Human-readable state")
    progress: ScrapeProgress
    current_agent: str | None = Field(description="Agent working now (coordinator, navigator, scraper, ...)")
    agents_completed: list[str]
    created_at: datetime | None
    started_at: datetime | None
    completed_at: datetime | None
    estimated_completion: datetime | None

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "job_id": JOB_ID_EXAMPLE,
                    "status": "in_progress",
                    "is_active": True,
                    "message": "Job in progress: Crawling https://example.com.",
                    "progress": {
                        "percentage": 32.5,
                        "pages_scraped": 4,
                        "total_pages": 10,
                        "documents_found": 0,
                        "documents_downloaded": 0,
                        "current_step": "Crawling https://example.com",
                    },
                    "current_agent": "navigator",
                    "agents_completed": ["coordinator"],
                    "created_at": "2024-01-15T10:00:00Z",
                    "started_at": "2024-01-15T10:01:00Z",
                    "completed_at": None,
                    "estimated_completion": "2024-01-15T10:31:00Z",
                }
            ]
        }
    )


class ExtractedDocumentOut(BaseModel):
    name: str = Field(description="Human-readable document name")
    url: str = Field(description="Direct URL to the document file")
    source_page: str | None = Field(description="Web page where document was found")
    document_type: str = Field(description="File type (pdf, doc, docx, txt, etc.)")
    confidence_score: float = Field(ge=0, le=1, description="AI confidence score for relevance (0.0-1.0)")
    file_size_mb: float = Field(description="File size in megabytes")
    extracted_at: datetime | None = Field(description="ISO 8601 extraction timestamp")
    relevance_reason: str | None = Field(default=None, description="Why the document matched (extra)")


class JobErrorOut(BaseModel):
    error_id: str = Field(description="Unique error identifier")
    agent_name: str = Field(description="Name of the agent that encountered the error")
    error_type: str = Field(description="Category of error")
    error_message: str = Field(description="Human-readable error description")
    page_url: str | None = Field(description="URL where error occurred (if applicable)")
    timestamp: datetime = Field(description="ISO 8601 error timestamp")
    is_recoverable: bool = Field(description="Whether the error could potentially be recovered from")


class JobMetadataOut(BaseModel):
    job_id: str = Field(pattern=JOB_ID_PATTERN, description="Job identifier")
    created_at: datetime | None = Field(description="ISO 8601 job creation timestamp")
    started_at: datetime | None = None
    completed_at: datetime | None = Field(description="ISO 8601 job completion timestamp")
    estimated_completion: datetime | None = None
    original_website: str | None = Field(description="Original website URL provided")
    original_prompt: str | None = Field(description="Original prompt provided")
    parameters: ScrapeParameters
    current_agent: str | None = None
    agents_completed: list[str] = Field(default_factory=list)
    total_pages_crawled: int = 0
    total_documents_found: int = 0
    errors: list[JobErrorOut] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    final_status: JobStatus | None = None
    source: str | None = Field(default=None, description="Scheduled source that ran the job (extra)")


class JobResultsResponse(BaseModel):
    """``GET /scrape/results/{job_id}`` (seed 001 JobResultsResponse, field for field)."""

    job_id: str = Field(pattern=JOB_ID_PATTERN, description="Job identifier")
    status: JobStatus = Field(description="Job status (should be completed)")
    message: str = Field(description="Summary message with document count")
    documents: list[ExtractedDocumentOut] = Field(description="Array of extracted document objects")
    metadata: JobMetadataOut = Field(description="Job metadata and original parameters")
    total_documents_found: int = Field(description="Total documents discovered")
    total_documents_downloaded: int = Field(description="Successfully downloaded documents")
    total_pages_crawled: int = Field(description="Pages processed during scraping")
    success_rate: float = Field(ge=0, le=1, description="Success rate (0.0-1.0)")
    cost: float = Field(description="Total cost in USD for this job")
    total_runtime_seconds: float = Field(description="Job execution time in seconds")
    runtime_minutes: float = Field(description="Job execution time in minutes")
    has_errors: bool = Field(description="Whether any errors occurred")
    errors: list[JobErrorOut] = Field(description="List of error objects (if any)")
    warnings: list[str] = Field(description="List of warning messages (if any)")
    documents_new: int = Field(
        default=0, description="Re-crawl of a source: documents not seen before (extra)"
    )
    documents_changed: int = Field(default=0, description="Re-crawl: documents whose content changed (extra)")
    documents_unchanged: int = Field(default=0, description="Re-crawl: documents unchanged (extra)")
    documents_removed: int = Field(default=0, description="Re-crawl: documents gone from the site (extra)")

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "job_id": JOB_ID_EXAMPLE,
                    "status": "completed",
                    "message": "Job completed successfully. Found 1 document(s).",
                    "documents": [
                        {
                            "name": "Board Meeting Minutes - January 2024",
                            "url": "https://example.com/docs/minutes-jan-2024.pdf",
                            "source_page": "https://example.com/meetings",
                            "document_type": "pdf",
                            "confidence_score": 0.95,
                            "file_size_mb": 2.3,
                            "extracted_at": "2024-01-15T10:25:00Z",
                        }
                    ],
                    "metadata": {
                        "job_id": JOB_ID_EXAMPLE,
                        "created_at": "2024-01-15T10:00:00Z",
                        "completed_at": "2024-01-15T10:28:00Z",
                        "original_website": "https://example.com",
                        "original_prompt": "Find all board meeting minutes from 2024",
                        "parameters": {"single_page": False, "timeout": 1800, "confidence_threshold": 0.7},
                    },
                    "total_documents_found": 15,
                    "total_documents_downloaded": 12,
                    "total_pages_crawled": 4,
                    "success_rate": 0.8,
                    "cost": 2.16,
                    "total_runtime_seconds": 1680,
                    "runtime_minutes": 28.0,
                    "errors": [],
                    "warnings": [],
                    "has_errors": False,
                }
            ]
        }
    )


class ScrapeJobSummary(BaseModel):
    job_id: str = Field(pattern=JOB_ID_PATTERN)
    status: JobStatus
    is_active: bool
    website: str | None
    prompt: str | None
    message: str
    created_at: datetime | None
    completed_at: datetime | None


class ScrapeJobList(BaseModel):
    """``GET /scrape/jobs``: the caller's scrape jobs, newest first."""

    jobs: list[ScrapeJobSummary]
    total: int = Field(description="Jobs the organisation has in all")
    limit: int
    offset: int
    next_offset: int | None = Field(description="Offset of the next page; null on the last page")
