"""docker-compose.yaml cannot run here (no Docker): check its structure instead."""

from __future__ import annotations

from pathlib import Path

import yaml
from docharvest.config import REPO_ROOT

COMPOSE = REPO_ROOT / "docker-compose.yaml"


def _compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def test_compose_has_the_airflow_services_on_celery() -> None:
    services = _compose()["services"]
    assert {
        "postgres",
        "redis",
        "airflow-apiserver",
        "airflow-scheduler",
        "airflow-dag-processor",
        "airflow-triggerer",
        "airflow-worker",
        "airflow-init",
    } <= set(services)
    commands = {name: s.get("command") for name, s in services.items()}
    assert commands["airflow-worker"] == "celery worker" and commands["airflow-scheduler"] == "scheduler"
    assert (
        commands["airflow-dag-processor"] == "dag-processor" and commands["airflow-apiserver"] == "api-server"
    )
    assert "${DOCHARVEST_WORKERS" in COMPOSE.read_text()  # N workers
    for name in ("airflow-apiserver", "airflow-scheduler", "airflow-worker", "airflow-dag-processor"):
        env = services[name]["environment"]
        assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor", name
        assert env["AIRFLOW__CELERY__BROKER_URL"].startswith("redis://"), name
        assert env["DOCHARVEST_DATA_DIR"] == "/data" and env["DOCHARVEST_DATABASE_URL"].startswith(
            "postgresql://"
        )
        assert "docharvest-data:/data" in services[name]["volumes"], name  # one shared data volume
        assert env["AIRFLOW__CORE__PLUGINS_FOLDER"] == "/opt/docharvest/plugins"
    assert services["airflow-apiserver"]["ports"] == ["8080:8080"]


def test_compose_references_files_that_exist() -> None:
    text = COMPOSE.read_text()
    for relative in ("./include/sources.yaml", "./deploy/postgres-init.sql"):
        assert relative in text and (REPO_ROOT / relative).exists(), relative
    dockerfile = (REPO_ROOT / "Dockerfile").read_text()
    assert "requirements.txt" in dockerfile and "COPY plugins" in dockerfile and "COPY dags" in dockerfile
    assert Path(REPO_ROOT / "plugins").is_dir()


def test_deploy_doc_says_how_to_run_and_use_object_storage() -> None:
    doc = (REPO_ROOT / "docs" / "deploy.md").read_text()
    assert "docker compose up" in doc and "DOCHARVEST_DATASETS_URL=s3://" in doc
