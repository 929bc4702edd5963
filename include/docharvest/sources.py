"""Scheduled sources: the ``sources.yaml`` model and its forgiving loader.

A sources file declares what DocHarvest runs on a schedule, one entry per source::

    sources:
      - name: springfield_minutes        # becomes DAG docharvest_source_springfield_minutes
        kind: scrape                     # scrape | extract | knowledge
        website: https://www.springfield.example/
        prompt: Board meeting minutes from 2024
        parameters: {max_file_size_mb: 50}
        schedule: "@weekly"              # cron or preset; omit/null for manual runs only
        owner: springfield-gov           # owning organisation (jobs' org_id)

Each entry is validated on its own: a bad entry becomes a :class:`SourceProblem` that
names the source and the field, and the good entries are still returned, so one typo
never unschedules every other source. Loading reads one local file and nothing else
(it runs at DAG parse time: no network, no DB).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal, cast

import yaml
from pydantic import (
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    create_model,
    field_validator,
)

from docharvest.models import ExtractConf, KnowledgeParameters, ScrapeRequest

log = logging.getLogger(__name__)

SOURCE_NAME_PATTERN = r"^[a-z0-9][a-z0-9_]{0,99}$"
DAG_ID_PREFIX = "docharvest_source_"
PRESETS = frozenset(
    {"@once", "@continuous", "@hourly", "@daily", "@weekly", "@monthly", "@quarterly", "@yearly"}
)
# Five cron fields; each a list of values, ranges, steps or names (MON, JAN). Airflow checks the rest.
_CRON_FIELD = r"[0-9A-Za-z*?/,\-#LW]+"
_CRON_RE = re.compile(rf"^{_CRON_FIELD}(\s+{_CRON_FIELD}){{4}}$")


class _SourceBase(BaseModel):
    """Fields every source has, whatever its kind."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    name: str = Field(
        pattern=SOURCE_NAME_PATTERN,
        description="Unique id: lowercase letters, digits and _ (1-100 chars); the DAG id is built from it.",
    )
    description: str = Field(default="", max_length=2000, description="Shown in the DAG's docs.")
    schedule: str | None = Field(
        default=None, description="Cron expression (5 fields) or preset such as @daily; null = manual only."
    )
    owner: str = Field(
        default="default", min_length=1, max_length=128, description="Owning organisation (the jobs' org_id)."
    )
    start_date: date = Field(default=date(2024, 1, 1), description="First logical date the schedule covers.")
    catchup: bool = Field(default=False, description="Run every missed interval since start_date.")
    tags: list[str] = Field(default_factory=list, description="Extra DAG tags.")
    enabled: bool = Field(default=True, description="false keeps the entry but generates no DAG.")

    @field_validator("schedule")
    @classmethod
    def _schedule_is_cron_or_preset(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = " ".join(value.split())
        if value in PRESETS or _CRON_RE.match(value):
            return value
        raise ValueError(
            f"{value!r} is neither a preset ({', '.join(sorted(PRESETS))}) nor a 5-field cron expression"
        )

    @property
    def dag_id(self) -> str:
        return f"{DAG_ID_PREFIX}{self.name}"


class ScrapeSource(_SourceBase, ScrapeRequest):
    """Crawl ``website`` for documents matching ``prompt`` (the ``docharvest_scrape`` job).

    ``website``, ``prompt`` and ``parameters`` are the scrape request's own fields and bounds.
    """

    kind: Literal["scrape"]

    def conf(self) -> dict[str, Any]:
        """The DAG-run conf (``ScrapeConf`` fields) a run of this source uses."""
        return {
            "website": str(self.website),
            "prompt": self.prompt,
            **cast(BaseModel, self.parameters).model_dump(),
            "job_id": None,
            "org_id": self.owner,
        }


def _knobs(model: type[BaseModel], name: str, exclude: tuple[str, ...]) -> type[BaseModel]:
    """``model``'s fields less ``exclude``, with their own types, defaults and bounds (declared once)."""
    fields: dict[str, Any] = {n: (i.annotation, i) for n, i in model.model_fields.items() if n not in exclude}
    return cast(type[BaseModel], create_model(name, __config__=ConfigDict(extra="forbid"), **fields))


# The extract job's knobs (timeout, max_file_size_mb, source_job_id) with ExtractConf's bounds.
ExtractParameters = _knobs(ExtractConf, "ExtractParameters", ("inputs", "schema_name", "job_id", "org_id"))


class ExtractSource(_SourceBase):
    """Pull ``schema`` fields out of the documents at ``inputs`` (the extract job)."""

    kind: Literal["extract"]
    inputs: list[str] = Field(min_length=1, description="Document URLs (http/https) or paths to read")
    schema_: str = Field(
        alias="schema",
        min_length=1,
        description="A built-in schema name (invoice, meeting_minutes), a stored schema id or a schema JSON path",
    )
    parameters: ExtractParameters = Field(default_factory=ExtractParameters)  # type: ignore[valid-type]

    def conf(self) -> dict[str, Any]:
        # Only what the entry sets: an unset max_file_size_mb leaves the deployment's extract cap.
        return {
            "inputs": self.inputs,
            "schema_name": self.schema_,
            **cast(BaseModel, self.parameters).model_dump(exclude_unset=True),
            "job_id": None,
            "org_id": self.owner,
        }


class KnowledgeSource(_SourceBase):
    """Read a business website into a profile and knowledge items (the knowledge job)."""

    kind: Literal["knowledge"]
    website: AnyHttpUrl = Field(description="Company website to read (http or https URL)")
    parameters: KnowledgeParameters = Field(default_factory=KnowledgeParameters)

    def conf(self) -> dict[str, Any]:
        return {
            "url": str(self.website),
            **self.parameters.model_dump(),
            "job_id": None,
            "org_id": self.owner,
        }


Source = Annotated[ScrapeSource | ExtractSource | KnowledgeSource, Field(discriminator="kind")]
_SOURCE_ADAPTER: TypeAdapter[ScrapeSource | ExtractSource | KnowledgeSource] = TypeAdapter(Source)


@dataclass(frozen=True)
class SourceProblem:
    """Why one entry of the file was not scheduled: which source, which field, what is wrong."""

    source: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f".{self.field}" if self.field else ""
        return f"source {self.source!r}{where}: {self.message}"


@dataclass
class SourcesFile:
    """The valid sources of a file, in file order, and the problems of the others."""

    path: Path | None
    sources: list[ScrapeSource | ExtractSource | KnowledgeSource] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)

    def by_name(self) -> dict[str, ScrapeSource | ExtractSource | KnowledgeSource]:
        return {s.name: s for s in self.sources}


def parse_sources(data: Any, path: Path | None = None) -> SourcesFile:
    """Validate parsed YAML (``{"sources": [...]}`` or a bare list) entry by entry."""
    result = SourcesFile(path=path)
    if data is None:
        return result
    entries = data.get("sources") if isinstance(data, dict) else data
    if isinstance(data, dict) and set(data) - {"sources"}:
        extra = sorted(str(k) for k in set(data) - {"sources"})
        result.problems.append(SourceProblem("<file>", "", f"unknown top-level key(s) {extra}"))
    if entries is None:
        return result
    if not isinstance(entries, list):
        result.problems.append(SourceProblem("<file>", "sources", "must be a list of sources"))
        return result
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        label = _label(entry, index)
        try:
            source = _SOURCE_ADAPTER.validate_python(entry)
        except ValidationError as exc:
            result.problems.extend(_problems(label, exc))
            continue
        if source.name in seen:
            result.problems.append(SourceProblem(label, "name", "duplicate name; each source needs its own"))
            continue
        seen.add(source.name)
        if source.enabled:
            result.sources.append(source)
    return result


def load_sources(path: Path) -> SourcesFile:
    """Read and validate a sources file; a missing file is an empty one, unreadable YAML one problem."""
    if not path.exists():
        log.info("no sources file at %s: no scheduled sources", path)
        return SourcesFile(path=path)
    try:
        # libyaml's loader when present: ~10x faster on a 200-source file (parse-time budget).
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        return SourcesFile(path=path, problems=[SourceProblem("<file>", "", f"cannot read {path}: {exc}")])
    result = parse_sources(data, path)
    for problem in result.problems:
        log.warning("%s: %s (this source is not scheduled)", path, problem)
    return result


def _label(entry: Any, index: int) -> str:
    if isinstance(entry, dict) and isinstance(entry.get("name"), str) and entry["name"]:
        return str(entry["name"])
    return f"#{index + 1}"


def _problems(label: str, exc: ValidationError) -> list[SourceProblem]:
    problems = []
    for error in exc.errors(include_url=False):
        # Drop the union tag pydantic puts first ("scrape", "extract", ...): users never wrote it.
        loc = [str(p) for p in error["loc"]]
        if loc and loc[0] in ("scrape", "extract", "knowledge"):
            loc = loc[1:]
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "union_tag_invalid" or error["type"] == "union_tag_not_found":
            loc, message = ["kind"], "must be one of scrape, extract, knowledge"
        problems.append(SourceProblem(label, ".".join(loc), message))
    return problems


def next_runs_hint(source: _SourceBase) -> str:
    """A human line for docs: when the source runs."""
    if source.schedule is None:
        return "manual runs only (no schedule)"
    since = datetime.combine(source.start_date, datetime.min.time()).date().isoformat()
    catchup = "with catchup" if source.catchup else "no catchup"
    return f"schedule `{source.schedule}` from {since}, {catchup}"
