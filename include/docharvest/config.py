"""Settings: one pydantic-settings class, env prefix ``DOCHARVEST_``, nested sections.

Nested fields use ``__`` in the environment: ``DOCHARVEST_CRAWL__MAX_PAGES=200``.
Construct ``Settings()`` explicitly where it is needed (a task body, the CLI, a test);
never at import time, so DAG parsing reads no environment and no files.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from docharvest import PROJECT_URL, __version__
from docharvest.models import ConfidenceThreshold, MaxFileSizeMb

if TYPE_CHECKING:
    from docharvest.text.ocr import OcrLimits

REPO_ROOT = Path(__file__).resolve().parents[2]


class CrawlSettings(BaseModel):
    """Limits and politeness of the crawler (navigator and scraper agents)."""

    user_agent: str = Field(
        default=f"DocHarvest/{__version__} (+{PROJECT_URL})",
        description="User-Agent sent with every request; robots.txt rules are matched against it.",
    )
    max_pages: int = Field(
        default=500, ge=1, le=1_000_000, description="HTML pages fetched per job (exact cap)."
    )
    max_depth: int = Field(default=6, ge=0, le=100, description="Link hops from the start page.")
    max_documents: int = Field(default=5_000, ge=1, description="Candidate documents kept per job.")
    include_subdomains: bool = Field(
        default=False, description="Follow links to subdomains of the start host."
    )
    include_patterns: list[str] = Field(
        default_factory=list, description="Regexes; if set, a page path must match one."
    )
    exclude_patterns: list[str] = Field(
        default_factory=list, description="Regexes; a matching page path is skipped."
    )
    concurrency: int = Field(default=16, ge=1, le=512, description="Requests in flight for the whole job.")
    per_host_concurrency: int = Field(default=2, ge=1, le=256, description="Requests in flight per host.")
    min_delay_seconds: float = Field(
        default=0.25, ge=0, le=60, description="Minimum gap between requests to one host."
    )
    connect_timeout_seconds: float = Field(default=10, gt=0, le=120)
    read_timeout_seconds: float = Field(default=30, gt=0, le=600)
    max_retries: int = Field(
        default=3, ge=0, le=10, description="Retries of a transient failure (timeout, 5xx, reset)."
    )
    retry_backoff_seconds: float = Field(
        default=0.5, ge=0, le=60, description="First retry delay; doubles each time."
    )
    max_retry_after_seconds: float = Field(default=60, ge=0, description="Longest Retry-After honoured.")
    max_redirects: int = Field(default=10, ge=0, le=30)
    max_html_mb: float = Field(
        default=10, gt=0, le=200, description="Largest HTML page read (after decompression)."
    )
    max_query_variants_per_path: int = Field(
        default=25, ge=1, description="Distinct query strings crawled per path."
    )
    obey_robots: bool = Field(
        default=True, description="Obey robots.txt (never turn off against sites you do not own)."
    )
    use_sitemaps: bool = Field(
        default=True, description="Crawl pages listed in sitemaps (robots.txt Sitemap: lines, /sitemap.xml)."
    )
    offsite_documents: bool = Field(
        default=False,
        description="Collect documents linked from in-scope pages even when hosted on another host "
        "(off: a crawl stays on the start host and its www. twin; a job's offsite_documents turns it on).",
    )
    prefetch_documents: bool = Field(
        default=True,
        description="Download a job's candidate documents while the crawl goes on (those it would "
        "download anyway, under the same limits); the download step adopts them.",
    )
    max_calendar_pages: int = Field(
        default=10,
        ge=1,
        le=10_000,
        description="Pages fetched per calendar-like URL space (a date stepping in the query or a calendar path).",
    )
    allowed_private_hosts: list[str] = Field(
        default_factory=list,
        description="Host names/IPs reachable on private networks even when allow_private_networks is false.",
    )
    unsafe_unthrottled: bool = Field(
        default=False, description="Benchmarks/tests only: lifts per-host limits and delays."
    )
    document_types: list[str] = Field(
        default_factory=lambda: [
            "pdf",
            "doc",
            "docx",
            "txt",
            "rtf",
            "odt",
            "xls",
            "xlsx",
            "csv",
            "ppt",
            "pptx",
        ],
        description="Document types a scrape job collects.",
    )


class CostSettings(BaseModel):
    """Prices behind a job's ``cost`` estimate (USD).

    cost = cpu_seconds * cpu_second_usd + gb_downloaded * gb_downloaded_usd
           + pages_crawled * page_usd + ocr_pages * ocr_page_usd + model_usage_usd
    """

    cpu_second_usd: float = Field(default=0.0001, ge=0)
    gb_downloaded_usd: float = Field(default=0.09, ge=0)
    page_usd: float = Field(default=0.0, ge=0)
    # Each OCR'd document page, on top of its CPU seconds (OCR is ~1-10 s of CPU a page).
    ocr_page_usd: float = Field(default=0.001, ge=0)


class OcrSettings(BaseModel):
    """OCR of PDF pages without a text layer (scanned agendas, minutes); runs in the parse pool."""

    enabled: bool = Field(default=True, description="Read pages without a text layer by OCR.")
    max_pages_per_document: int = Field(
        default=20, ge=0, le=2000, description="Pages OCR'd per document; the rest stay without text."
    )
    max_seconds_per_document: float = Field(
        default=60, gt=0, le=3600, description="OCR time per document before it stops (a warning says so)."
    )

    def limits(self) -> OcrLimits:
        from docharvest.text.ocr import OcrLimits

        return OcrLimits(
            enabled=self.enabled and self.max_pages_per_document > 0,
            max_pages=self.max_pages_per_document,
            max_seconds=self.max_seconds_per_document,
        )


class RelevanceSettings(BaseModel):
    """Which relevance scorer a job uses (issue 4). The default needs no model and no network.

    ``openai``: any OpenAI-compatible chat-completions endpoint judges each downloaded
    document (the rules still order the crawl); tokens and cost go into the job's cost.
    """

    scorer: Literal["rules", "openai"] = Field(
        default="rules", description="rules (offline) or openai (endpoint)."
    )
    endpoint_url: str = Field(
        default="https://api.openai.com/v1", description="Base URL of an OpenAI-compatible API (…/v1)."
    )
    model: str = Field(default="gpt-4o-mini", description="Model name sent to the endpoint.")
    api_key_env: str = Field(
        default="OPENAI_API_KEY", description="Environment variable holding the API key."
    )
    prompt_usd_per_1k_tokens: float = Field(default=0.00015, ge=0)
    completion_usd_per_1k_tokens: float = Field(default=0.0006, ge=0)
    timeout_seconds: float = Field(default=30, gt=0, le=600)
    max_document_chars: int = Field(default=4000, ge=200, le=200_000, description="Text sent per document.")
    download_threshold: float = Field(
        default=0.02, ge=0, le=1, description="Pre-download score below which a candidate is not downloaded."
    )


class ApiSettings(BaseModel):
    """The jobs API: where Airflow is, how it is reached, per-key limits, webhooks, page sizes."""

    airflow_url: str = Field(
        default="http://127.0.0.1:8080", description="Airflow API server base URL (jobs are DAG runs)."
    )
    airflow_username: str = Field(default="admin", description="Airflow user the API triggers runs as.")
    airflow_password: SecretStr | None = Field(default=None, description="That user's password.")
    airflow_password_file: Path | None = Field(
        default=None,
        description="Or a file holding it: plain text, or the simple auth manager's JSON {user: password}.",
    )
    airflow_timeout_seconds: float = Field(default=10, gt=0, le=120, description="Per Airflow REST call.")
    rate_limit_per_minute: int = Field(
        default=600, ge=1, le=1_000_000, description="Requests per minute per API key (then 429)."
    )
    rate_limit_burst: int = Field(
        default=60, ge=1, le=100_000, description="Requests a key may send at once."
    )
    webhook_secret: SecretStr | None = Field(
        default=None,
        description="HMAC-SHA256 key signing webhook deliveries; webhooks are refused without it.",
    )
    webhook_max_attempts: int = Field(default=5, ge=1, le=20, description="Tries per webhook delivery.")
    webhook_backoff_seconds: float = Field(
        default=2, ge=0, le=600, description="First retry delay of a delivery; doubles each time."
    )
    webhook_poll_seconds: float = Field(
        default=2, gt=0, le=300, description="How often job rows are checked for webhook events."
    )
    extract_max_wait_seconds: float = Field(
        default=60,
        ge=0,
        le=600,
        description="POST /v1/extract waits this long, then answers 202 with the job id.",
    )
    jobs_page_size: int = Field(default=20, ge=1, le=100, description="Default page of GET /scrape/jobs.")
    results_page_size: int = Field(
        default=100, ge=1, le=1000, description="Default page of GET /v1/jobs/{id}/results."
    )
    max_body_kb: int = Field(
        default=1024, ge=1, le=1_048_576, description="Largest JSON request body, KB (then 413)."
    )
    max_upload_mb: int = Field(
        default=512, ge=1, le=16_384, description="Largest multipart upload to POST /v1/jobs, MB (then 413)."
    )
    results_cache_mb: int = Field(
        default=64,
        ge=0,
        le=16_384,
        description="Memory per API process for ended jobs' results pages (LRU); 0 turns the cache off.",
    )


class ExtractSettings(BaseModel):
    """Extract jobs (issue 5): when a row is approved, how documents are read."""

    approve_confidence: ConfidenceThreshold = Field(
        default=0.8,
        description=(
            "Confidence every extracted value needs (else a low_confidence:<field> flag) and the row "
            "confidence at or above which a row without flags is approved."
        ),
    )
    pdf_layout: bool = Field(
        default=True, description="Read PDFs with pypdf's layout mode (keeps table columns apart)."
    )
    max_file_size_mb: MaxFileSizeMb = Field(
        default=100,
        description="Largest document read by `docharvest read`, and an extract job's cap when its conf "
        "gives none (a job downloads and parses under its own cap).",
    )
    max_pages: int = Field(default=200, ge=1, le=5000, description="Pages read per document.")
    batch_size: int = Field(
        default=250,
        ge=1,
        le=10_000,
        description="Documents per mapped parse/extract task (each parses in a pool of parse_workers).",
    )


class ParseSettings(BaseModel):
    """Bounds on reading one document (issue 17): a hit is that document's recorded error."""

    timeout_seconds: float = Field(default=120, gt=0, le=3600, description="Wall clock per document.")
    # Address space, not RSS: the OCR model (onnxruntime) maps ~1.2 GB it never touches; a
    # 768 MB bound made every scanned page fail to load it. Zip and text caps bound the real use.
    memory_mb: int = Field(
        default=2048, ge=128, le=16_384, description="Address space of a parse worker (RLIMIT_AS), MB."
    )
    max_text_chars: int = Field(
        default=1_000_000, ge=1_000, le=100_000_000, description="Text kept per document (rest cut)."
    )
    max_zip_entries: int = Field(
        default=10_000, ge=1, le=1_000_000, description="Entries of a zip-based document (DOCX/XLSX/ODT)."
    )
    max_zip_uncompressed_mb: int = Field(
        default=256, ge=1, le=16_384, description="Decompressed size of a zip-based document, MB."
    )


class LivenessSettings(BaseModel):
    """When a job nobody works on any more is marked failed (issue 17)."""

    heartbeat_timeout_seconds: float = Field(
        default=600, ge=5, le=86_400, description="A running job with no heartbeat this long is failed."
    )
    run_check_seconds: float = Field(
        default=30, ge=0, le=3600, description="API: ask Airflow about a job's DAG run at most this often."
    )


class Settings(BaseSettings):
    """Everything configurable, read from ``DOCHARVEST_*`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="DOCHARVEST_", env_nested_delimiter="__", extra="ignore")

    data_dir: Path = Field(default=Path("./data"), description="Parquet datasets, raw files, job work areas.")
    database_url: str | None = Field(
        default=None, description="Metadata DB; default SQLite file in data_dir."
    )
    airflow_home: Path = Field(
        default=Path("./.airflow"), description="AIRFLOW_HOME for local runs (CLI, demo)."
    )
    dags_folder: Path = Field(default=REPO_ROOT / "dags")
    allow_private_networks: bool = Field(
        default=False,
        description="Allow crawling loopback/private/link-local addresses (tests, demo, intranets).",
    )
    batch_size: int = Field(
        default=50, ge=1, le=10_000, description="Documents per mapped download/extract task."
    )
    in_process_batch_size: int = Field(
        default=1000,
        ge=1,
        le=100_000,
        description="Documents per download/extract task of a scrape job whose tasks all run in one "
        "process (the CLI's runner): there the mapped tasks run one after another, so each extra "
        "batch only adds Airflow's per-task overhead (~0.3 s).",
    )
    parse_workers: int = Field(
        default=2, ge=1, le=64, description="Processes that parse documents in a batch."
    )
    default_org: str = Field(
        default="default", description="Organisation owning UI-triggered and scheduled runs."
    )
    sources_file: Path = Field(
        default=REPO_ROOT / "include" / "sources.yaml",
        description="sources.yaml declaring scheduled sources (one DAG each); read at DAG parse time.",
    )
    datasets_url: str | None = Field(
        default=None,
        description="Where Parquet datasets are written: a local path or any pyarrow/fsspec URL "
        "(s3://bucket/prefix, gs://…); default <data_dir>/datasets.",
    )
    crawl: CrawlSettings = Field(default_factory=CrawlSettings)
    cost: CostSettings = Field(default_factory=CostSettings)
    ocr: OcrSettings = Field(default_factory=OcrSettings)
    extract: ExtractSettings = Field(default_factory=ExtractSettings)
    api: ApiSettings = Field(default_factory=ApiSettings)
    relevance: RelevanceSettings = Field(default_factory=RelevanceSettings)
    parse: ParseSettings = Field(default_factory=ParseSettings)
    liveness: LivenessSettings = Field(default_factory=LivenessSettings)

    @property
    def effective_database_url(self) -> str:
        """The metadata DB URL; ``postgresql://`` is routed to psycopg 3, the driver we ship."""
        url = self.database_url or f"sqlite:///{(self.data_dir / 'docharvest.db').resolve()}"
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return url

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    @property
    def datasets_dir(self) -> Path:
        return self.data_dir / "datasets"

    @property
    def datasets_location(self) -> str:
        """The datasets root as a filesystem URL or local path (``datasets_url`` wins)."""
        return self.datasets_url or str(self.datasets_dir)

    def work_dir(self, job_id: str) -> Path:
        return self.data_dir / "work" / job_id
