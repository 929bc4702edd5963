"""A small client for Airflow 3's REST API: the only way the jobs API starts or stops runs.

It never touches Airflow's database. Auth is a JWT from ``POST /auth/token`` (simple auth
manager or any manager with the same endpoint), cached and renewed on a 401. Every
failure to reach Airflow or to get a usable answer becomes ``AirflowUnavailableError``,
which the API answers with 503.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import Any

import httpx

from docharvest.config import ApiSettings
from docharvest.errors import AirflowUnavailableError

__all__ = ["AirflowClient", "AirflowUnavailableError", "read_password_file"]

log = logging.getLogger(__name__)


class AirflowClient:
    """Trigger, inspect and stop DAG runs through ``/api/v2``."""

    def __init__(self, settings: ApiSettings, transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self.base_url = settings.airflow_url.rstrip("/")
        self._http = httpx.Client(
            base_url=self.base_url, timeout=settings.airflow_timeout_seconds, transport=transport
        )
        self._token: str | None = None
        self._unpaused: set[str] = set()
        self._leaves: dict[str, list[str]] = {}  # DAG id -> its last tasks (fail_dag_run)
        self._lock = threading.Lock()

    def close(self) -> None:
        self._http.close()

    # -- auth -----------------------------------------------------------------

    def _password(self) -> str:
        if self.settings.airflow_password is not None:
            return self.settings.airflow_password.get_secret_value()
        path = self.settings.airflow_password_file
        if path is None:
            raise AirflowUnavailableError(
                "Airflow credentials are not configured (DOCHARVEST_API__AIRFLOW_PASSWORD or "
                "DOCHARVEST_API__AIRFLOW_PASSWORD_FILE)"
            )
        return read_password_file(Path(path), self.settings.airflow_username)

    def _fetch_token(self) -> str:
        body = {"username": self.settings.airflow_username, "password": self._password()}
        response = self._send("POST", "/auth/token", json=body, authenticated=False)
        if response.status_code not in (200, 201):
            raise AirflowUnavailableError(
                f"Airflow refused the API's credentials for user {self.settings.airflow_username!r} "
                f"(HTTP {response.status_code})"
            )
        return str(response.json()["access_token"])

    def _send(self, method: str, path: str, *, authenticated: bool = True, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self._current_token()}"} if authenticated else {}
        try:
            response = self._http.request(method, path, headers=headers, **kwargs)
            if authenticated and response.status_code == 401:
                with self._lock:
                    self._token = None
                headers = {"Authorization": f"Bearer {self._current_token()}"}
                response = self._http.request(method, path, headers=headers, **kwargs)
        except httpx.TimeoutException:
            raise
        except httpx.HTTPError as exc:
            raise AirflowUnavailableError(
                f"Airflow at {self.base_url} is unreachable ({type(exc).__name__}: {exc})"
            ) from exc
        if response.status_code >= 500:
            raise AirflowUnavailableError(
                f"Airflow at {self.base_url} answered HTTP {response.status_code} to {method} {path}"
            )
        return response

    def _current_token(self) -> str:
        with self._lock:
            if self._token is None:
                self._token = self._fetch_token()
            return self._token

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            return self._send(method, path, **kwargs)
        except httpx.TimeoutException as exc:
            raise AirflowUnavailableError(f"Airflow at {self.base_url} timed out on {method} {path}") from exc

    # -- DAGs and runs --------------------------------------------------------

    def ensure_unpaused(self, dag_id: str) -> None:
        """New DAGs start paused in Airflow; a paused DAG's runs would queue forever."""
        if dag_id in self._unpaused:
            return
        response = self._request("GET", f"/api/v2/dags/{dag_id}")
        if response.status_code == 404:
            raise AirflowUnavailableError(f"DAG {dag_id} is not loaded in Airflow (yet); try again shortly")
        _raise_for(response, f"reading DAG {dag_id}")
        if response.json().get("is_paused"):
            patch = self._request("PATCH", f"/api/v2/dags/{dag_id}", json={"is_paused": False})
            _raise_for(patch, f"unpausing DAG {dag_id}")
            log.info("unpaused DAG %s", dag_id)
        self._unpaused.add(dag_id)

    def trigger_dag_run(self, dag_id: str, run_id: str, conf: dict[str, Any]) -> dict[str, Any]:
        """Start a run of ``dag_id`` named ``run_id`` with ``conf``; idempotent on ``run_id``."""
        self.ensure_unpaused(dag_id)
        body = {"dag_run_id": run_id, "logical_date": None, "conf": conf}
        try:
            response = self._send("POST", f"/api/v2/dags/{dag_id}/dagRuns", json=body)
        except httpx.TimeoutException as exc:
            # The request may have arrived: the run exists if Airflow created it.
            existing = self.get_dag_run(dag_id, run_id)
            if existing is not None:
                return existing
            raise AirflowUnavailableError(f"Airflow at {self.base_url} timed out starting {dag_id}") from exc
        if response.status_code == 409:
            existing = self.get_dag_run(dag_id, run_id)
            if existing is not None:
                return existing
        _raise_for(response, f"starting {dag_id}")
        return dict(response.json())

    def get_dag_run(self, dag_id: str, run_id: str) -> dict[str, Any] | None:
        response = self._request("GET", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}")
        if response.status_code == 404:
            return None
        _raise_for(response, f"reading run {run_id}")
        return dict(response.json())

    def fail_dag_run(self, dag_id: str, run_id: str) -> None:
        """Mark the run failed: Airflow stops its running tasks and schedules no more.

        The DAG's last tasks are marked failed first. Failing a run marks its waiting tasks
        skipped, and when the stopped task reports back Airflow works the run's state out again
        from its last tasks: all skipped reads as success (apache/airflow#57061).
        """
        run_path = f"/api/v2/dags/{dag_id}/dagRuns/{run_id}"
        for task_id in self._last_tasks(dag_id):
            leaf = self._request("PATCH", f"{run_path}/taskInstances/{task_id}", json={"new_state": "failed"})
            if leaf.status_code >= 400:  # not created yet, or already finished: the run's state decides
                log.info("task %s of run %s not marked failed (HTTP %s)", task_id, run_id, leaf.status_code)
        response = self._request("PATCH", run_path, json={"state": "failed"})
        if response.status_code == 404:
            log.info("run %s of %s not found in Airflow; nothing to stop", run_id, dag_id)
            return
        _raise_for(response, f"stopping run {run_id}")

    def _last_tasks(self, dag_id: str) -> list[str]:
        """The tasks of ``dag_id`` with nothing downstream (read once per DAG)."""
        if dag_id not in self._leaves:
            response = self._request("GET", f"/api/v2/dags/{dag_id}/tasks")
            if response.status_code >= 400:
                return []
            tasks = response.json().get("tasks", [])
            self._leaves[dag_id] = [t["task_id"] for t in tasks if not t.get("downstream_task_ids")]
        return self._leaves[dag_id]


def _raise_for(response: httpx.Response, action: str) -> None:
    if response.status_code < 400:
        return
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        detail = response.text[:200]
    raise AirflowUnavailableError(f"Airflow refused {action} (HTTP {response.status_code}: {detail})")


def read_password_file(path: Path, username: str) -> str:
    """A password from a plain-text file or the simple auth manager's ``{user: password}`` JSON."""
    try:
        text = path.read_text().strip()
    except OSError as exc:
        raise AirflowUnavailableError(f"cannot read Airflow password file {path}: {exc}") from exc
    if text.startswith("{"):
        passwords = json.loads(text)
        if username not in passwords:
            raise AirflowUnavailableError(f"Airflow password file {path} has no entry for {username!r}")
        return str(passwords[username])
    return text
