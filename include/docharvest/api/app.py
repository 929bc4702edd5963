"""The FastAPI app factory: ``create_app(settings)``.

Runs on its own (``docharvest api``) or mounted in Airflow's API server by
``plugins/docharvest_plugin.py``. A mounted app gets no lifespan events, so nothing here
depends on startup hooks: the DB is migrated on the first request and the webhook
dispatcher starts on the first authenticated request.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from docharvest import __version__
from docharvest.api.airflow_client import AirflowClient
from docharvest.api.deps import ApiState
from docharvest.api.docs_routes import router as docs_router
from docharvest.api.errors import install_error_handlers
from docharvest.api.guard import BodyGuard
from docharvest.api.ratelimit import RateLimiter
from docharvest.api.results_cache import ResultsCache
from docharvest.api.scrape_routes import router as scrape_router
from docharvest.api.v1_models import ExtractJobRequest
from docharvest.api.v1_routes import routers as v1_routers
from docharvest.api.view_routes import UiAuth
from docharvest.api.view_routes import router as view_router
from docharvest.config import Settings

log = logging.getLogger(__name__)

DESCRIPTION = """
DocHarvest jobs API. Each job is one Airflow DAG run; results are read from DocHarvest's
metadata DB.

* **Scrape** (`/scrape…`): find documents on a website matching a plain-language prompt.
* **Extract** (`/v1/jobs`, `/v1/schemas`): pull schema fields out of documents.
* **Knowledge** (`/v1/extract…`): a business profile and knowledge items from a website.
* `GET /v1/jobs/{jobId}`: status of a job of any kind.

Authenticate with `Authorization: Bearer sk-…` or `x-api-key: sk-…` (create keys with
`docharvest keys create --org NAME`). A job belongs to the organisation of the key that
submitted it; another organisation's job answers 404. Each key is rate limited (429 with
`Retry-After`). Submissions accept an optional `webhook_url` that receives signed POSTs
(`X-DocHarvest-Signature: t=…,v1=HMAC-SHA256(secret, "t.body")`) on started, completed,
failed and cancelled.
"""


def create_app(
    settings: Settings,
    *,
    airflow_transport: httpx.BaseTransport | None = None,
    ui_auth: UiAuth | None = None,
) -> FastAPI:
    """The jobs API for ``settings``; ``airflow_transport`` replaces the Airflow HTTP transport (tests).

    ``ui_auth`` lets the HTML job pages (``/ui/…``) accept a session of the host (Airflow's).
    """
    state = ApiState(
        settings=settings,
        airflow=AirflowClient(settings.api, transport=airflow_transport),
        limiter=RateLimiter(settings.api.rate_limit_per_minute, settings.api.rate_limit_burst),
        results_cache=ResultsCache(settings.api.results_cache_mb * 1024 * 1024),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FastAPI(
        title="DocHarvest jobs API",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        servers=[],
        docs_url=None,  # served by docs_routes with local assets (no CDN)
        redoc_url=None,
    )
    app.state.docharvest = state
    app.state.docharvest_ui_auth = ui_auth
    install_error_handlers(app)
    app.add_middleware(BodyGuard)
    app.include_router(scrape_router)
    for router in v1_routers():
        app.include_router(router)
    app.include_router(docs_router)
    app.include_router(view_router)

    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


# Bodies read by hand (JSON or multipart) are referenced from openapi_extra.
_EXTRA_SCHEMAS: list[type[BaseModel]] = [ExtractJobRequest]


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema without its default 422 body where the family answers in its own shape."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
        servers=app.servers or None,
    )
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.get("responses", {})
            entry = responses.get("422")
            if entry and "HTTPValidationError" in str(entry):
                del responses["422"]
    components = schema.get("components", {}).get("schemas", {})
    # Bodies read by hand (JSON or multipart) are referenced from openapi_extra; add their schemas.
    for model in _EXTRA_SCHEMAS:
        model_schema = model.model_json_schema(ref_template="#/components/schemas/{model}", by_alias=True)
        for name, definition in model_schema.pop("$defs", {}).items():
            components.setdefault(name, definition)
        components.setdefault(model.__name__, model_schema)
    if "HTTPValidationError" not in str(schema.get("paths")):
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)
    app.openapi_schema = schema
    return schema
