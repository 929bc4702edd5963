"""Request and response models of the ``/v1`` families (seeds 002 and 003), for validation and OpenAPI."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, model_validator

from docharvest.models import JOB_ID_PATTERN, KnowledgeMaxPages, MaxFileSizeMb, TimeoutSeconds


class ExtractJobRequest(BaseModel):
    """``POST /v1/jobs``: a schema and the documents to read."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        json_schema_extra={
            "examples": [{"schema_id": "invoice", "documents": ["https://example.com/invoices/oct.pdf"]}]
        },
    )

    schema_id: str | None = Field(
        default=None,
        max_length=200,
        description="Built-in schema name (invoice, meeting_minutes) or a stored id",
    )
    schema_: dict[str, Any] | None = Field(
        default=None, alias="schema", description="Inline schema definition (stored for your organization)"
    )
    documents: list[AnyHttpUrl] = Field(default_factory=list, max_length=10_000, description="Document URLs")
    source_job_id: str | None = Field(
        default=None, pattern=JOB_ID_PATTERN, description="Read the documents of this finished scrape job"
    )
    timeout: TimeoutSeconds = 1800
    max_file_size_mb: MaxFileSizeMb = Field(default=100, description="Largest document in MB (1-500)")
    webhook_url: AnyHttpUrl | None = Field(default=None, description="Signed POSTs on job events")

    @model_validator(mode="after")
    def _one_schema(self) -> ExtractJobRequest:
        if (self.schema_id is None) == (self.schema_ is None):
            raise ValueError("give exactly one of schema_id or schema")
        return self


class SchemaBody(BaseModel):
    id: str
    name: str | None
    version: int
    builtin: bool
    definition: dict[str, Any]


class SchemaList(BaseModel):
    data: list[SchemaBody]


class SchemaRef(BaseModel):
    id: str
    name: str | None


class ResultRow(BaseModel):
    id: str = Field(description="Result row id")
    document_id: str = Field(description="Source document id")
    filename: str | None = Field(description="Source document filename")
    status: str = Field(description="Row processing status (pending, approved, review, failed)")
    values: dict[str, Any] = Field(description="Extracted field values keyed by field name")
    confidence: float | None = Field(ge=0, le=1, description="Row-level confidence score (0-1)")
    validation_flags: list[str] = Field(description="Validation flags, e.g. missing_required_field:total")
    field_evidence: dict[str, Any] | None = Field(
        default=None,
        description=(
            "Extra to seed 002: for each non-null value, {confidence (0-1), page (1-based), line (the "
            "text line it was read from), span ([start, end] character offsets of the value in the "
            "page text), raw (the text read), label (the label that announced it, or null), anchor "
            "(inline, right, below, section, letterhead, ...)}. Null for rows not yet extracted."
        ),
    )


class ResultLinks(BaseModel):
    self: str = Field(description="URL of this results resource")
    job: str = Field(description="URL of the parent job")
    next: str | None = Field(default=None, description="Next page; null on the last page")


class ResultsPage(BaseModel):
    """Seed 002 ``GET /v1/jobs/:id/results`` (one page)."""

    job_id: str
    job_status: str = Field(description="pending, processing, complete, failed or cancelled")
    schema_: SchemaRef | None = Field(alias="schema", description="Schema used for this job: { id, name }")
    total_rows: int = Field(description="Total number of result rows")
    data: list[ResultRow]
    links: ResultLinks

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)


class Progress(BaseModel):
    pagesScraped: int
    totalPages: int
    currentStep: str | None


class JobStatusBody(BaseModel):
    """Seed 003 ``GET /v1/jobs/{jobId}``, for every job kind (``kind`` is an extra)."""

    id: str = Field(pattern=JOB_ID_PATTERN)
    status: Literal["pending", "processing", "completed", "failed"]
    progress: Progress | None
    result: dict[str, Any] | None = Field(
        description="Knowledge jobs: business, knowledgeItems, ...; other kinds: {kind, resultsUrl}"
    )
    error: str | None
    startedAt: str | None
    finishedAt: str | None
    durationMs: int | None
    kind: str | None = None

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "job_abc123def456",
                    "status": "processing",
                    "progress": {
                        "pagesScraped": 4,
                        "totalPages": 10,
                        "currentStep": "Scraping https://linear.app",
                    },
                    "result": None,
                    "error": None,
                    "startedAt": "2026-03-20T10:00:00.000Z",
                    "finishedAt": None,
                    "durationMs": None,
                }
            ]
        }
    )


class KnowledgeRequest(BaseModel):
    """``POST /v1/extract…``: the business website to read."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"url": "https://linear.app"}]})

    url: AnyHttpUrl = Field(description="Company website (http or https URL)")
    maxPages: KnowledgeMaxPages = Field(default=50, description="Most pages read (1-500)")
    timeout: TimeoutSeconds = 1800
    webhookUrl: AnyHttpUrl | None = Field(default=None, description="Signed POSTs on job events")


class KnowledgeSubmitted(BaseModel):
    jobId: str = Field(pattern=JOB_ID_PATTERN)
    status: Literal["pending"]
