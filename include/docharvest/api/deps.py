"""What every request shares: the app state (settings, DB, Airflow client, limiter, webhooks)
and the authentication dependency (API key -> organisation, then the per-key rate limit).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Annotated

import sqlalchemy as sa
from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from docharvest.api.airflow_client import AirflowClient
from docharvest.api.errors import ApiError
from docharvest.api.guard import INVALID_KEY, MISSING_KEY, PRINCIPAL_STATE
from docharvest.api.keys import Principal, authenticate_key
from docharvest.api.ratelimit import RateLimiter
from docharvest.api.results_cache import ResultsCache
from docharvest.api.webhooks import WebhookDispatcher
from docharvest.config import Settings
from docharvest.store.db import init_db

log = logging.getLogger(__name__)


@dataclass
class ApiState:
    """Long-lived collaborators of one app; the DB is migrated on first use, not at creation."""

    settings: Settings
    airflow: AirflowClient
    limiter: RateLimiter
    results_cache: ResultsCache
    _engine: sa.Engine | None = None
    _webhooks: WebhookDispatcher | None = None
    _lock: threading.RLock = field(default_factory=threading.RLock)
    # job id -> monotonic time Airflow was last asked about its DAG run (liveness checks).
    run_checked: dict[str, float] = field(default_factory=dict)

    @property
    def engine(self) -> sa.Engine:
        if self._engine is None:
            with self._lock:
                if self._engine is None:
                    self._engine = init_db(self.settings)
        return self._engine

    @property
    def webhooks(self) -> WebhookDispatcher:
        if self._webhooks is None:
            with self._lock:
                if self._webhooks is None:
                    self._webhooks = WebhookDispatcher(self.settings, self.engine)
        return self._webhooks

    def close(self) -> None:
        if self._webhooks is not None:
            self._webhooks.stop()
        self.airflow.close()


async def get_state(request: Request) -> ApiState:
    state: ApiState = request.app.state.docharvest
    return state


bearer_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="bearerAuth",
    description="API key in format 'sk-xxxxxxxxxxxxx' or 'sk_xxxxxxxxxxxxx'",
)
api_key_scheme = APIKeyHeader(
    name="x-api-key", auto_error=False, scheme_name="apiKeyAuth", description="The same API key, as a header"
)


async def authenticate(
    request: Request,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(bearer_scheme)],
    api_key: Annotated[str | None, Security(api_key_scheme)],
) -> Principal:
    """The calling organisation; 401 without a valid key, 429 over the key's rate.

    Async on purpose: an indexed lookup is far cheaper than a hop to the thread pool.
    """
    state: ApiState = request.app.state.docharvest
    # Requests with a body were authenticated by the BodyGuard before their body was read.
    principal: Principal | None = getattr(request.state, PRINCIPAL_STATE, None)
    if principal is None:
        key = bearer.credentials if bearer is not None else api_key
        if not key:
            raise ApiError(401, MISSING_KEY, headers={"WWW-Authenticate": "Bearer"})
        principal = authenticate_key(state.engine, key.strip())
    if principal is None:
        raise ApiError(401, INVALID_KEY, headers={"WWW-Authenticate": "Bearer"})
    if state.settings.api.webhook_secret is not None and state._webhooks is None:
        state.webhooks.ensure_started()  # here, not in a middleware: mounted apps get no startup hook
    retry_after = state.limiter.acquire(principal.key_id)
    if retry_after:
        raise ApiError(
            429,
            f"Too many requests: limit is {state.settings.api.rate_limit_per_minute}/minute per API key. "
            f"Retry after {retry_after} s.",
            headers={"Retry-After": str(retry_after)},
        )
    return principal


Caller = Annotated[Principal, Depends(authenticate)]
State = Annotated[ApiState, Depends(get_state)]
