"""Mounts the DocHarvest jobs API in Airflow's own API server (Airflow 3.1+ ``fastapi_apps``).

The API is then served at ``<airflow>/docharvest/…`` (e.g. ``/docharvest/scrape``). Routes
mounted this way are not behind Airflow's auth: the app checks its own API keys, and its
HTML job pages (``/docharvest/ui/…``) also accept an Airflow session that may read the
DAG's runs (``airflow_session_can_read``). Each DAG run gets a "DocHarvest" tab
(``external_views``, destination ``dag_run``) showing that run's job.
Where ``DOCHARVEST_API__*`` does not say how to reach Airflow's REST API, this plugin
fills it in from Airflow's own config: this API server's address and the simple auth
manager's generated password file.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from airflow.configuration import conf
from airflow.plugins_manager import AirflowPlugin
from docharvest.api import create_app
from docharvest.config import Settings
from fastapi import Request

log = logging.getLogger(__name__)

URL_PREFIX = "/docharvest"


def _airflow_url() -> str:
    host = conf.get("api", "host", fallback="127.0.0.1")
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"
    return f"http://{host}:{conf.get('api', 'port', fallback='8080')}"


def _password_file() -> Path:
    configured = conf.get("core", "simple_auth_manager_passwords_file", fallback=None)
    if configured:
        return Path(configured)
    return Path(os.environ.get("AIRFLOW_HOME", "~/airflow")).expanduser() / (
        "simple_auth_manager_passwords.json.generated"
    )


def plugin_settings() -> Settings:
    """DocHarvest settings, with Airflow's own address and credentials where none are configured."""
    settings = Settings()
    updates: dict[str, Any] = {}
    if "DOCHARVEST_API__AIRFLOW_URL" not in os.environ:
        updates["airflow_url"] = _airflow_url()
    if settings.api.airflow_password is None and settings.api.airflow_password_file is None:
        updates["airflow_password_file"] = _password_file()
    if updates:
        settings = settings.model_copy(update={"api": settings.api.model_copy(update=updates)})
    return settings


async def airflow_session_can_read(request: Request, dag_id: str | None) -> bool:
    """True when the request carries an Airflow login (cookie or bearer JWT) that may read the DAG's runs."""
    from airflow.api_fastapi.app import get_auth_manager
    from airflow.api_fastapi.auth.managers.base_auth_manager import COOKIE_NAME_JWT_TOKEN
    from airflow.api_fastapi.auth.managers.models.resource_details import DagAccessEntity, DagDetails

    header = request.headers.get("authorization", "")
    token = (
        header[7:].strip()
        if header.lower().startswith("bearer ")
        else request.cookies.get(COOKIE_NAME_JWT_TOKEN)
    )
    if not token:
        return False
    manager = get_auth_manager()
    try:
        user = await manager.get_user_from_token(token)
    except Exception:  # expired or forged token: not signed in
        return False
    return bool(
        manager.is_authorized_dag(
            method="GET", access_entity=DagAccessEntity.RUN, details=DagDetails(id=dag_id), user=user
        )
    )


class DocHarvestPlugin(AirflowPlugin):
    name = "docharvest"
    fastapi_apps = [
        {
            "app": create_app(plugin_settings(), ui_auth=airflow_session_can_read),
            "url_prefix": URL_PREFIX,
            "name": "DocHarvest jobs API",
        }
    ]
    # A "DocHarvest" tab on every DAG run; the href is relative to Airflow's base URL.
    external_views = [
        {
            "name": "DocHarvest",
            "href": URL_PREFIX.lstrip("/") + "/ui/dag-runs/{DAG_ID}/{RUN_ID}",
            "destination": "dag_run",
            "url_route": "docharvest",
        }
    ]
