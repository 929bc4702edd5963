"""A ``[core] hostname_callable`` for tests that run several Airflow workers on one machine.

Airflow records the task process's hostname on each task instance; workers started with
``AIRFLOW__CORE__HOSTNAME_CALLABLE=tests.support.worker_hostname.from_env`` and distinct
``DH_TEST_WORKER_NAME`` values report distinct names, so a test can tell which worker ran what.
"""

from __future__ import annotations

import os
import socket


def from_env() -> str:
    return os.environ.get("DH_TEST_WORKER_NAME") or socket.getfqdn()
