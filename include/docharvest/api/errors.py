"""API errors in each endpoint family's own shape.

- Scrape family (``/scrape…``, seed 001): ``ErrorResponse``
  ``{"error": true, "message", "status_code", "path", "timestamp"}``; body validation is 422.
- ``/v1`` families (seeds 002 and 003): ``{"error": {"code", "message"}}`` with the codes of
  seed 002 (``validation_error`` 400, ``unauthorized`` 401, ``not_found`` 404,
  ``rate_limited`` 429) plus ``conflict`` 409, ``payload_too_large`` 413,
  ``service_unavailable`` 503 and ``internal_error`` 500; body validation is 400, as seed 002 says.

Every message names what was wrong: the field and the bound, the expected job id format.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from docharvest.models import JOB_ID_PATTERN

log = logging.getLogger(__name__)

SCRAPE = "scrape"
V1 = "v1"

_CODES = {
    400: "validation_error",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    503: "service_unavailable",
}

ErrorCode = Literal[
    "validation_error",
    "unauthorized",
    "forbidden",
    "not_found",
    "method_not_allowed",
    "conflict",
    "payload_too_large",
    "unsupported_media_type",
    "rate_limited",
    "service_unavailable",
    "internal_error",
]

NOT_FOUND_MESSAGE = "Job not found or access denied"
# Error bodies quote at most this much of anything the client sent (a path, a value).
ECHO_CHARS = 200


def echo(text: str, limit: int = ECHO_CHARS) -> str:
    """A short prefix of client input for an error body (a 60 KB path is not echoed back)."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


class ApiError(Exception):
    """An error the API answers with; rendered in the shape of the request's endpoint family."""

    def __init__(
        self,
        status_code: int,
        message: str,
        *,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message
        self.code = code or _CODES.get(status_code, "internal_error")
        self.headers = headers or {}


def invalid_job_id(job_id: str) -> ApiError:
    return ApiError(
        400,
        f"Invalid job ID format: {job_id[:80]!r}. Job IDs look like 'job_abc123' "
        f"(pattern {JOB_ID_PATTERN}: 'job_' then lowercase letters and digits).",
    )


def job_not_found() -> ApiError:
    return ApiError(404, NOT_FOUND_MESSAGE)


class ScrapeErrorResponse(BaseModel):
    """Seed 001 ``ErrorResponse``."""

    error: bool = Field(default=True, description="Indicates this is an error response", examples=[True])
    message: str = Field(description="Human-readable error message")
    status_code: int = Field(description="HTTP status code")
    path: str = Field(description="API path that generated the error")
    timestamp: datetime = Field(description="ISO 8601 error timestamp")

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "error": True,
                    "message": NOT_FOUND_MESSAGE,
                    "status_code": 404,
                    "path": "/scrape/status/job_123456789",
                    "timestamp": "2024-01-15T10:00:00Z",
                }
            ]
        }
    }


class V1ErrorDetail(BaseModel):
    code: ErrorCode = Field(description="Machine-readable error code")
    message: str = Field(description="Human-readable description naming the field, bound or format")


class V1ErrorResponse(BaseModel):
    """The ``/v1`` families' error body (codes from seed 002)."""

    error: V1ErrorDetail

    model_config = {
        "json_schema_extra": {"examples": [{"error": {"code": "not_found", "message": NOT_FOUND_MESSAGE}}]}
    }


def family(request: Request) -> str:
    """The endpoint family of a request: its path below the mount point (Airflow mounts us)."""
    path = request.url.path
    root = request.scope.get("root_path") or ""
    if root and path.startswith(root):
        path = path[len(root) :]
    return SCRAPE if path.startswith("/scrape") else V1


def error_response(
    request: Request,
    status_code: int,
    message: str,
    *,
    code: str | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """The error body of the request's family."""
    if family(request) == SCRAPE:
        body: dict[str, Any] = {
            "error": True,
            "message": message,
            "status_code": status_code,
            "path": echo(request.url.path),
            "timestamp": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        }
    else:
        body = {"error": {"code": code or _CODES.get(status_code, "internal_error"), "message": message}}
    return JSONResponse(body, status_code=status_code, headers=headers)


def validation_message(errors: Any) -> str:
    """``field: problem (got value)`` per error, e.g. ``parameters.timeout: Input should be ... 60 (got 30)``."""
    parts = []
    for err in errors:
        if err.get("type") == "json_invalid":
            # loc is ("body", character offset); say what is wrong, not "30: JSON decode error".
            where = err.get("loc", ())[-1] if err.get("loc") else None
            reason = (err.get("ctx") or {}).get("error") or "malformed JSON"
            at = f" at character {where}" if isinstance(where, int) else ""
            parts.append(f"body: not valid JSON: {echo(str(reason), 100)}{at}")
            continue
        loc = [echo(str(p), 60) for p in err.get("loc", ()) if p not in ("body", "query", "path", "header")]
        field = ".".join(loc) or "body"
        text = f"{field}: {echo(str(err.get('msg', 'invalid')))}"
        if "input" in err and err.get("type") not in ("missing", "json_invalid") and _short(err["input"]):
            text += f" (got {_short(err['input'])})"
        parts.append(text)
    return "; ".join(parts) or "Invalid request"


def _short(value: Any) -> str:
    if isinstance(value, dict | list):
        return ""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def body_error(message: str) -> ApiError:
    """A request body problem: 422 in the scrape family, 400 ``validation_error`` under /v1."""
    return ApiError(422, message, code="validation_error")


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    status = exc.status_code
    if status == 422 and family(request) == V1:
        status = 400
    return error_response(request, status, exc.message, code=exc.code, headers=exc.headers)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    status = 422 if family(request) == SCRAPE else 400
    return error_response(request, status, validation_message(exc.errors()), code="validation_error")


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    message = str(exc.detail) if exc.detail else "Error"
    if exc.status_code == 404 and message == "Not Found":
        message = f"No such endpoint: {echo(request.method, 20)} {echo(request.url.path)}"
    return error_response(request, exc.status_code, message, headers=dict(exc.headers or {}))


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_response(request, 500, "Internal server error", code="internal_error")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


def error_responses(fam: str, *codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for ``codes`` in the family's error shape."""
    model = ScrapeErrorResponse if fam == SCRAPE else V1ErrorResponse
    descriptions = {
        400: "Invalid job ID format or invalid request",
        401: "Missing or invalid API key",
        404: NOT_FOUND_MESSAGE,
        409: "The job is not in a state that allows this",
        413: "Upload too large",
        422: "Body validation failed (the message names the field and the bound)",
        429: "Too many requests; retry after the period in the Retry-After header",
        503: "Airflow is unreachable; the job was not created",
    }
    out: dict[int | str, dict[str, Any]] = {}
    for status in codes:
        entry: dict[str, Any] = {"model": model, "description": descriptions.get(status, "Error")}
        if status == 429:
            entry["headers"] = {
                "Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}
            }
        out[status] = entry
    return out
