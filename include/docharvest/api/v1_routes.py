"""The ``/v1`` families: extract (seed 002) and knowledge (seed 003), plus job status for every kind.

Errors are ``{"error": {"code", "message"}}`` with seed 002's codes; body validation is 400.
Job ids are DocHarvest's one format, ``job_[a-z0-9]+`` (seed 003's ``job_*``); seed 002 says
UUID, so a malformed id answers 400 naming the format actually used.

- ``schema_routes``     ``POST /v1/schemas``, ``GET /v1/schemas``, ``GET /v1/schemas/{id}``.
- ``extract_routes``    ``POST /v1/jobs`` (an extract job), ``GET /v1/jobs/{id}/results``.
- ``knowledge_routes``  ``GET /v1/jobs/{jobId}`` (any kind), ``POST /v1/extract/async``,
  ``POST /v1/extract``, ``POST /v1/extract/stream``.
"""

from __future__ import annotations

from fastapi import APIRouter

from docharvest.api import extract_routes, knowledge_routes, schema_routes


def routers() -> list[APIRouter]:
    """The ``/v1`` routers in the order they are mounted (and listed in the OpenAPI document)."""
    return [schema_routes.router, extract_routes.router, knowledge_routes.router]
