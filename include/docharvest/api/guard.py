"""The API's front door for request bodies: the key is checked before a byte of body is read,
and each route's body is capped (413 in the family's error shape).

A pure ASGI middleware, because FastAPI reads a declared body before any dependency runs:
without it, a 500 MB POST with no key was read into memory before its 401. The principal it
finds is left in the request state, so the ``authenticate`` dependency does not look it up again.
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from docharvest.api.keys import authenticate_key

PRINCIPAL_STATE = "docharvest_principal"
MISSING_KEY = "Missing API key: send 'Authorization: Bearer sk-…' or 'x-api-key: sk-…'"
INVALID_KEY = "Invalid or revoked API key"
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def key_from_headers(headers: Any) -> str | None:
    auth = headers.get("authorization") or ""
    scheme, _, credentials = auth.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return str(credentials.strip())
    key = headers.get("x-api-key")
    return str(key).strip() if key and str(key).strip() else None


def body_limit(scope: Scope, settings: Any) -> int:
    """Bytes a request to this route may send: uploads to ``POST /v1/jobs``, else a JSON body."""
    path = str(scope.get("path", ""))
    root = str(scope.get("root_path") or "")
    if root and path.startswith(root):
        path = path[len(root) :]
    content_type = dict(scope.get("headers") or []).get(b"content-type", b"")
    if path.rstrip("/") == "/v1/jobs" and content_type.startswith(b"multipart/form-data"):
        return int(settings.api.max_upload_mb) * 1024 * 1024
    return int(settings.api.max_body_kb) * 1024


class TooLarge(StarletteHTTPException):
    """Raised from ``receive`` when the body passes its route's limit (rendered as 413)."""


class BodyGuard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        from docharvest.api.errors import error_response

        request = Request(scope)
        state = scope["app"].state.docharvest
        key = key_from_headers(request.headers)
        principal = authenticate_key(state.engine, key) if key else None
        if principal is None:
            # Unauthenticated: answer from the headers alone, never read the body.
            message = INVALID_KEY if key else MISSING_KEY
            response = error_response(request, 401, message, headers={"WWW-Authenticate": "Bearer"})
            await response(scope, receive, send)
            return
        scope.setdefault("state", {})[PRINCIPAL_STATE] = principal
        limit = body_limit(scope, state.settings)
        declared = request.headers.get("content-length", "")
        too_large = f"Request body too large: the limit for this endpoint is {limit} bytes"
        if declared.isdigit() and int(declared) > limit:
            await error_response(request, 413, too_large)(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise TooLarge(413, too_large)
            return message

        started = False

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched_send)
        except TooLarge:
            if started:
                raise
            await error_response(request, 413, too_large)(scope, receive, send)
