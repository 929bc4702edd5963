"""The DocHarvest exception tree. Each class says what the caller should do.

DocHarvestError
├── TransientError            retry later (Airflow retries the task)
│   └── FetchTransientError   timeout, 5xx, connection reset
├── TerminalError             do not retry; the job fails with this message
│   ├── StartUrlError         the start URL cannot be crawled at all
│   ├── JobNotFoundError
│   └── JobCancelledError
├── ConfigError               bad settings or parameters (names the field)
├── BlockedUrlError           refused by a safety rule (private network, scheme, robots)
└── DocumentError             one document is bad; recorded as a JobError, job goes on
    ├── DocumentTooLargeError
    └── UnreadableDocumentError
        └── DocumentLimitError  a per-document bound was hit (zip size/entries, time, memory)
"""

from __future__ import annotations


class DocHarvestError(Exception):
    """Base of every error DocHarvest raises on purpose."""


class TransientError(DocHarvestError):
    """A failure that may pass: retry with back-off."""


class FetchTransientError(TransientError):
    """A network fetch failed in a way worth retrying."""


class TerminalError(DocHarvestError):
    """A failure retrying will not fix: the job fails with this message."""


class StartUrlError(TerminalError):
    """The job's start URL could not be fetched, so nothing can be crawled."""


class JobNotFoundError(TerminalError):
    """No job with this id exists (or it belongs to another organisation)."""


class JobDidNotStartError(TerminalError):
    """The DAG run ended before its first step created the job (a broken deployment)."""


class JobCancelledError(TerminalError):
    """The job was cancelled; stop work and keep what is done."""


class ConfigError(DocHarvestError):
    """A setting or parameter is invalid; the message names the field and the bound."""


class BlockedUrlError(DocHarvestError):
    """A URL is refused by a safety rule; the message names the rule."""

    def __init__(self, url: str, rule: str) -> None:
        super().__init__(f"refused {url}: {rule}")
        self.url = url
        self.rule = rule


class DocumentError(DocHarvestError):
    """One document could not be processed; the job records it and goes on."""

    error_type = "document_error"


class DocumentTooLargeError(DocumentError):
    error_type = "file_too_large"


class UnreadableDocumentError(DocumentError):
    error_type = "unreadable_document"


class DocumentLimitError(UnreadableDocumentError):
    error_type = "document_limit"
