"""``docharvest airflow``: Airflow standalone with DocHarvest's DAGs and plugin, small parallelism."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from typing import Any

from docharvest.config import REPO_ROOT, Settings
from docharvest.orchestration.runner import airflow_environment, docharvest_environment


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "airflow", help="start Airflow locally (standalone) with the DocHarvest DAGs"
    )
    parser.add_argument("--port", type=int, default=8080)
    parser.set_defaults(run=run)


def standalone_environment(port: int, base: dict[str, str]) -> dict[str, str]:
    """The Airflow settings that make every component use ``port``.

    Workers reach the execution API at ``[core] execution_api_server_url``, whose default is
    ``[api] base_url`` + ``/execution/`` and, without a base_url, ``http://localhost:8080``:
    both must follow the port, or every task fails with "Connection refused".
    """
    url = f"http://127.0.0.1:{port}"
    return {
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO_ROOT / "plugins"),
        "AIRFLOW__CORE__PARALLELISM": "4",
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__API__BASE_URL": url,
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{url}/execution/",
        "AIRFLOW__API_AUTH__JWT_SECRET": base.get("AIRFLOW__API_AUTH__JWT_SECRET") or os.urandom(48).hex(),
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO",
    }


def run(args: argparse.Namespace) -> int:
    settings = Settings()
    env = {**os.environ, **airflow_environment(settings), **docharvest_environment(settings)}
    env.update(standalone_environment(args.port, env))
    # standalone starts its components as `airflow ...` subprocesses: our venv's bin must come first.
    bin_dir = os.path.dirname(sys.executable)
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    home = env["AIRFLOW_HOME"]
    sys.stdout.write(
        f"Starting Airflow standalone on http://127.0.0.1:{args.port} (AIRFLOW_HOME={home}).\n"
        f"Log in as 'admin'; the password is in {home}/simple_auth_manager_passwords.json.generated\n"
        "Trigger 'docharvest_scrape' from the UI to get the parameters form. Ctrl-C stops it.\n"
    )
    airflow = os.path.join(bin_dir, "airflow")
    try:
        return subprocess.call([airflow, "standalone"], env=env)
    except KeyboardInterrupt:
        return 0
