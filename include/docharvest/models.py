"""Pydantic contracts: job parameters, the seeds' response shapes, crawl candidates.

Field names, bounds and descriptions follow the API documents in ``shared/seeds/``;
the Airflow trigger form (DAG ``params``) is generated from these models, so the UI,
the CLI and the API share one definition of every bound.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, field_validator, model_validator

JOB_ID_PATTERN = r"^job_[a-z0-9]+$"
_JOB_ID_RE = re.compile(JOB_ID_PATTERN)
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


# Each bound of a job parameter, declared once; the models below, the API models, the settings,
# the CLI flags and (through the models) the Airflow form reuse these. A use may give its own
# description and default; the bound stays the alias's.
TimeoutSeconds = Annotated[int, Field(ge=60, le=3600, description="Job timeout in seconds (60-3600)")]
ConfidenceThreshold = Annotated[
    float, Field(ge=0, le=1, description="Minimum AI confidence score for document relevance (0.0-1.0)")
]
MaxFileSizeMb = Annotated[int, Field(ge=1, le=500, description="Maximum file size to download in MB (1-500)")]
KnowledgeMaxPages = Annotated[int, Field(ge=1, le=500, description="Most pages read from the site (1-500)")]

MIB = 1024 * 1024


def file_size_bytes(max_file_size_mb: int) -> int:
    """The one place a ``max_file_size_mb`` becomes bytes (the crawler's and downloader's unit)."""
    return max_file_size_mb * MIB


def new_job_id() -> str:
    """A fresh job id matching ``^job_[a-z0-9]+$``."""
    return "job_" + "".join(secrets.choice(_ALPHABET) for _ in range(16))


def job_id_for_run(dag_id: str, run_id: str) -> str:
    """A deterministic job id for a DAG run started without one (UI, schedule).

    Deterministic so that a retried ``plan`` task finds the same job.
    """
    return "job_" + hashlib.sha256(f"{dag_id}/{run_id}".encode()).hexdigest()[:16]


def is_job_id(value: str) -> bool:
    return bool(_JOB_ID_RE.match(value))


class JobKind(StrEnum):
    scrape = "scrape"
    extract = "extract"
    knowledge = "knowledge"


class JobStatus(StrEnum):
    """One internal status model; each API family maps it to its own words."""

    pending = "pending"
    in_progress = "in_progress"
    completed = "completed"
    failed = "failed"
    cancelled = "cancelled"

    @property
    def is_active(self) -> bool:
        return self in (JobStatus.pending, JobStatus.in_progress)


class Agent(StrEnum):
    """Pipeline stages as the API reports them (``current_agent``, ``agent_name``)."""

    coordinator = "coordinator"
    navigator = "navigator"
    scraper = "scraper"
    extractor = "extractor"
    validator = "validator"
    publisher = "publisher"


class ScrapeParameters(BaseModel):
    """Seed 001 ``ScrapeParameters``: the knobs of a scrape job, with their bounds."""

    model_config = ConfigDict(extra="forbid")

    single_page: bool = Field(
        default=False, description="Only scrape the provided URL, don't navigate to other pages"
    )
    timeout: TimeoutSeconds = 1800
    confidence_threshold: ConfidenceThreshold = 0.1
    file_type: Literal["document"] = Field(default="document", description="Type of files to extract")
    max_file_size_mb: MaxFileSizeMb = 100
    # DocHarvest's addition to the seed's parameters (optional, so seed requests stay valid).
    offsite_documents: bool = Field(
        default=False,
        description="Also collect documents linked from the site but hosted on another host "
        "(off: only the start host and its www. twin)",
    )

    @property
    def max_file_size_bytes(self) -> int:
        """The job's size cap in bytes: its crawl's prefetch and its downloads stop there."""
        return file_size_bytes(self.max_file_size_mb)


class ScrapeRequest(BaseModel):
    """A scrape job as submitted: where to look, what to look for, and how."""

    model_config = ConfigDict(extra="forbid")

    website: AnyHttpUrl = Field(description="Website to crawl (http or https URL)")
    prompt: str = Field(
        min_length=1, max_length=2000, description="What documents to find, in plain language"
    )
    parameters: ScrapeParameters = Field(default_factory=ScrapeParameters)

    @field_validator("prompt")
    @classmethod
    def _prompt_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("prompt must not be blank")
        return value.strip()


class ScrapeConf(ScrapeParameters):
    """The flat DAG-run conf of ``docharvest_scrape`` (what the Airflow form submits)."""

    website: AnyHttpUrl = Field(description="Website to crawl (http or https URL)")
    prompt: str = Field(
        min_length=1, max_length=2000, description="What documents to find, in plain language"
    )
    job_id: str | None = Field(
        default=None,
        pattern=JOB_ID_PATTERN,
        description="Leave empty: set by the API/CLI. Runs from the UI get an id derived from the run id.",
    )
    org_id: str | None = Field(default=None, description="Owning organisation (set by the API).")

    @field_validator("prompt")
    @classmethod
    def _prompt_not_blank(cls, value: str) -> str:
        # The same rule as ScrapeRequest (the API's 422), checked before any job starts.
        if not value.strip():
            raise ValueError("prompt must not be blank")
        return value

    def request(self) -> ScrapeRequest:
        params = ScrapeParameters(**self.model_dump(include=set(ScrapeParameters.model_fields)))
        return ScrapeRequest(website=self.website, prompt=self.prompt, parameters=params)


class KnowledgeConf(BaseModel):
    """The DAG-run conf of ``docharvest_knowledge`` (seed 003: business profile + knowledge items)."""

    model_config = ConfigDict(extra="forbid")

    url: AnyHttpUrl = Field(description="Company website to read (http or https URL)")
    max_pages: KnowledgeMaxPages = 50
    timeout: TimeoutSeconds = 1800
    job_id: str | None = Field(
        default=None,
        pattern=JOB_ID_PATTERN,
        description="Leave empty: set by the API/CLI. Runs from the UI get an id derived from the run id.",
    )
    org_id: str | None = Field(default=None, description="Owning organisation (set by the API).")


class KnowledgeParameters(BaseModel):
    """The knobs of a knowledge job, as its row keeps them (``KnowledgeConf`` less the site and ids)."""

    model_config = ConfigDict(extra="forbid")

    max_pages: KnowledgeMaxPages = 50
    timeout: TimeoutSeconds = 1800


class ExtractConf(BaseModel):
    """The DAG-run conf of ``docharvest_extract`` (seed 002: one result row per document)."""

    model_config = ConfigDict(extra="forbid")

    schema_name: str = Field(
        min_length=1,
        max_length=1000,
        description="Built-in schema name (invoice, meeting_minutes), a schema JSON path or a stored schema id",
    )
    inputs: list[str] = Field(
        default_factory=list,
        max_length=10_000,
        description="Document URLs (http/https) and/or local files or folders (PDF, DOCX, TXT, HTML)",
    )
    source_job_id: str | None = Field(
        default=None, pattern=JOB_ID_PATTERN, description="Use the documents of this finished scrape job"
    )
    timeout: TimeoutSeconds = 1800
    max_file_size_mb: MaxFileSizeMb = 100
    job_id: str | None = Field(
        default=None,
        pattern=JOB_ID_PATTERN,
        description="Leave empty: set by the API/CLI. Runs from the UI get an id derived from the run id.",
    )
    org_id: str | None = Field(default=None, description="Owning organisation (set by the API).")

    @model_validator(mode="after")
    def _has_documents(self) -> ExtractConf:
        if not self.inputs and not self.source_job_id:
            raise ValueError("give inputs (URLs, files, folders) or source_job_id")
        return self

    @property
    def max_file_size_bytes(self) -> int:
        """The job's size cap in bytes: its downloads and its parse stop at the same size."""
        return file_size_bytes(self.max_file_size_mb)


class JobError(BaseModel):
    """Seed 001 ``JobError``."""

    error_id: str
    agent_name: str
    error_type: str
    error_message: str
    page_url: str | None = None
    timestamp: datetime
    is_recoverable: bool


class ExtractedDocument(BaseModel):
    """Seed 001 ``ExtractedDocument`` plus ``relevance_reason`` (an extra field)."""

    name: str
    url: str
    source_page: str | None
    document_type: str
    confidence_score: float = Field(ge=0, le=1)
    file_size_mb: float
    extracted_at: datetime | None
    relevance_reason: str | None = None


class Candidate(BaseModel):
    """A document link found by the crawler, with the evidence seen before download."""

    url: str
    source_page: str | None = None
    link_text: str = ""
    title_attr: str = ""
    context: str = ""
    heading: str = ""
    page_title: str = ""
    breadcrumb: str = ""
    depth: int = 0
    hinted_type: str | None = None
    extra: dict[str, Any] = Field(default_factory=dict)
