"""A job as read back from its row: a frozen record whose ``params`` is the model of its kind.

A job's parameters are validated at the front door (API, CLI, Airflow form) and stored as a
JSON dict. ``job_params`` is the one place that dict becomes a model again, so defaults and
bounds come from ``models.py`` and nowhere else; a row written before a field existed gets
the field's default. ``ReturnRule`` is the one definition of which documents a job returns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Any, TypeVar

from docharvest.models import (
    ExtractConf,
    JobKind,
    JobStatus,
    KnowledgeParameters,
    ScrapeParameters,
)

JobParams = ScrapeParameters | ExtractConf | KnowledgeParameters
P = TypeVar("P", ScrapeParameters, ExtractConf, KnowledgeParameters)

_MODELS: dict[JobKind, type[JobParams]] = {
    JobKind.scrape: ScrapeParameters,
    JobKind.extract: ExtractConf,
    JobKind.knowledge: KnowledgeParameters,
}
# Fields of the conf that are the row's own columns, not parameters.
_NOT_PARAMS = frozenset({"job_id", "org_id"})


def job_params(job: Mapping[str, Any]) -> JobParams:
    """The validated parameters of a job row (``kind`` picks the model; defaults fill gaps).

    Keys the model no longer knows are dropped, so an old row still reads.
    """
    kind = JobKind(job.get("kind") or JobKind.scrape)
    model = _MODELS[kind]
    stored = job["params"] or {}
    known = {k: v for k, v in stored.items() if k in model.model_fields and k not in _NOT_PARAMS}
    try:
        return model.model_validate(known)
    except ValueError as exc:
        raise ValueError(f"job {job.get('job_id')}: stored {kind} params do not validate: {exc}") from exc


def params_as(job: Mapping[str, Any], model: type[P]) -> P:
    """``job_params`` for a caller that knows the job's kind (a mismatch is a bug, said plainly)."""
    return _narrowed(job_params(job), model, job.get("job_id"), job.get("kind"))


def _narrowed(params: JobParams, model: type[P], job_id: object, kind: object) -> P:
    if not isinstance(params, model):
        raise TypeError(f"job {job_id} is a {kind} job, not one with {model.__name__}")
    return params


def params_body(params: JobParams) -> dict[str, Any]:
    """The parameters as the job's results and datasets show them (JSON values, no ids)."""
    return params.model_dump(mode="json", exclude=set(_NOT_PARAMS))


LISTED_STATUS = "extracted"
DEFAULT_THRESHOLD: float = ScrapeParameters.model_fields["confidence_threshold"].default


@dataclass(frozen=True)
class ReturnRule:
    """Which documents a job returns: read (``extracted``) and scored at or above its threshold.

    ``admits`` (Python) and ``repository.document_page``/``count_matching_documents`` (SQL,
    given ``status`` and ``min_confidence``) apply the same rule; an unscored document is
    never returned (SQL's ``NULL >= x`` is not true).
    """

    min_confidence: float
    status: str = LISTED_STATUS

    @classmethod
    def of(cls, job: Mapping[str, Any]) -> ReturnRule:
        return cls.for_params(job_params(job))

    @classmethod
    def for_params(cls, params: JobParams) -> ReturnRule:
        threshold = params.confidence_threshold if isinstance(params, ScrapeParameters) else DEFAULT_THRESHOLD
        return cls(min_confidence=threshold)

    def admits(self, status: str | None, confidence_score: float | None) -> bool:
        return (
            status == self.status and confidence_score is not None and confidence_score >= self.min_confidence
        )


@dataclass(frozen=True)
class JobRecord:
    """A job row with typed identity, status and parameters; ``row`` keeps every column as stored.

    What the job steps read of their job; progress counters and results stay in ``row``.
    """

    job_id: str
    kind: JobKind
    status: JobStatus
    params: JobParams
    org_id: str | None
    website: str | None
    prompt: str | None
    started_at: datetime | None
    row: Mapping[str, Any]
    run_id: str | None = None
    source: str | None = None  # the scheduled source this job is a run of (incremental re-crawl)
    agents_completed: tuple[str, ...] = ()

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> JobRecord:
        return cls(
            job_id=str(row["job_id"]),
            kind=JobKind(row.get("kind") or JobKind.scrape),
            status=JobStatus(row["status"]),
            params=job_params(row),
            org_id=row.get("org_id"),
            website=row.get("website"),
            prompt=row.get("prompt"),
            started_at=row.get("started_at"),
            row=MappingProxyType(dict(row)),
            run_id=row.get("run_id"),
            source=row.get("source"),
            agents_completed=tuple(row.get("agents_completed") or ()),
        )

    def params_as(self, model: type[P]) -> P:
        """``params`` for a caller that knows the job's kind (a mismatch is a bug, said plainly)."""
        return _narrowed(self.params, model, self.job_id, self.kind)

    @property
    def return_rule(self) -> ReturnRule:
        return ReturnRule.for_params(self.params)
