"""Mounts the DocHarvest jobs API in Airflow's own API server (Airflow 3.1+ ``fastapi_apps``).

The API is then served at ``<airflow>/docharvest/…`` (e.g. ``/docharvest/scrape``). Routes
mounted this way are not behind Airflow's auth: the app checks its own API keys.
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


class DocHarvestPlugin(AirflowPlugin):
    name = "docharvest"
    fastapi_apps = [
        {"app": create_app(plugin_settings()), "url_prefix": URL_PREFIX, "name": "DocHarvest jobs API"}
    ]
