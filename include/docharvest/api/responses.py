"""Responses the result routes build themselves.

A results page is already in its documented shape (``docharvest.views`` builds it and the
contract tests check it against the seeds' schemas), so it is serialised straight to JSON
rather than validated again through the route's ``response_model``, which only documents it:
on a page of 100 rows that re-validation cost more than reading the page.
"""

from __future__ import annotations

from typing import Any

import pydantic_core
from fastapi import Response

from docharvest.api.results_cache import etag_matches


def to_json(body: Any) -> bytes:
    return pydantic_core.to_json(body)


def json_response(content: bytes, headers: dict[str, str] | None = None) -> Response:
    """A 200 with ``content``, JSON already serialised (see ``to_json``)."""
    return Response(content, media_type="application/json", headers=headers)


def not_modified(etag: str | None, if_none_match: str | None) -> Response | None:
    """``304 Not Modified`` when the client already holds this version, else None."""
    if etag is not None and etag_matches(etag, if_none_match):
        return Response(status_code=304, headers={"ETag": etag})
    return None


NOT_MODIFIED_RESPONSE: dict[int | str, dict[str, Any]] = {
    304: {"description": "Not modified: `If-None-Match` holds this page's `ETag` (an ended job's page)."}
}
