"""Every DAG file imports cleanly, fast, with tags, retries and documented params."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

DAGS = Path(__file__).resolve().parents[2] / "dags"
DAG_FILES = sorted(p for p in DAGS.glob("*.py") if not p.name.startswith("_"))


@pytest.fixture(scope="module")
def dagbag():  # type: ignore[no-untyped-def]
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS))


def test_no_import_errors(dagbag) -> None:  # type: ignore[no-untyped-def]
    assert dagbag.import_errors == {}
    assert "docharvest_scrape" in dagbag.dags


@pytest.mark.parametrize("path", DAG_FILES, ids=lambda p: p.name)
def test_each_file_parses_under_two_seconds(path: Path) -> None:
    from airflow.dag_processing.dagbag import DagBag

    DagBag(dag_folder=str(path))  # warm imports shared by all DAG files
    start = time.perf_counter()
    bag = DagBag(dag_folder=str(path))
    elapsed = time.perf_counter() - start
    assert not bag.import_errors
    assert elapsed < 2.0, f"{path.name} took {elapsed:.2f}s to parse"


def test_dags_have_tags_owner_retries_and_docs(dagbag) -> None:  # type: ignore[no-untyped-def]
    for dag_id, dag in dagbag.dags.items():
        assert dag_id == Path(dag.fileloc).stem or dag.fileloc.endswith(".py"), dag_id
        assert "docharvest" in dag.tags, dag_id
        assert dag.doc_md, f"{dag_id} has no doc_md"
        for task in dag.tasks:
            assert task.retries >= 1, f"{dag_id}.{task.task_id} has no retries"
            assert task.owner == "docharvest"


def test_scrape_params_mirror_the_seed_bounds(dagbag) -> None:  # type: ignore[no-untyped-def]
    params = dagbag.dags["docharvest_scrape"].params
    schema = {name: params.get_param(name).schema for name in params}
    bounds = {name: (s.get("allOf") or [{}])[0] for name, s in schema.items()}
    assert bounds["timeout"]["minimum"] == 60 and bounds["timeout"]["maximum"] == 3600
    assert params["timeout"] == 1800
    assert bounds["confidence_threshold"]["minimum"] == 0 and bounds["confidence_threshold"]["maximum"] == 1
    assert params["confidence_threshold"] == 0.1
    assert bounds["max_file_size_mb"]["minimum"] == 1 and bounds["max_file_size_mb"]["maximum"] == 500
    assert schema["file_type"]["enum"] == ["document"]
    assert params["single_page"] is False
    assert bounds["website"]["pattern"].startswith("^https?://")
    assert all(params.get_param(n).description for n in ("website", "prompt", "timeout"))


@pytest.mark.parametrize("dag_id", ["docharvest_scrape", "docharvest_knowledge", "docharvest_extract"])
def test_form_fields_do_not_clamp_and_hide_internal_ids(dagbag, dag_id) -> None:  # type: ignore[no-untyped-def]
    """The trigger form's number input clamps to a top-level minimum/maximum: none may be there."""
    params = dagbag.dags[dag_id].params
    for name in params:
        schema = params.get_param(name).schema
        assert not {"minimum", "maximum", "pattern", "maxLength"} & set(schema), (name, schema)
    assert "job_id" not in params and "org_id" not in params
    first = list(params)[:2]
    assert first == {
        "docharvest_scrape": ["website", "prompt"],
        "docharvest_knowledge": ["url", "max_pages"],
    }.get(dag_id, first)


def test_conf_still_passes_internal_ids(dagbag) -> None:  # type: ignore[no-untyped-def]
    """The API's conf carries job_id/org_id; Airflow merges undeclared conf keys into the params."""
    import copy

    params = copy.deepcopy(dagbag.dags["docharvest_scrape"].params)
    params.update({"website": "https://example.org/", "prompt": "minutes", "job_id": "job_x", "org_id": "o"})
    assert params.validate()["job_id"] == "job_x"


def test_bad_conf_fails_at_once_naming_the_field(dagbag) -> None:  # type: ignore[no-untyped-def]
    import copy

    from airflow.sdk.exceptions import ParamValidationError

    params = copy.deepcopy(dagbag.dags["docharvest_scrape"].params)
    params.update({"website": "https://example.org/", "prompt": "minutes"})
    params.validate()  # a good conf passes
    with pytest.raises(ParamValidationError, match="param timeout: 30 is less than the minimum of 60"):
        params.update({"timeout": 30})
    with pytest.raises(ParamValidationError, match="website"):
        params.update({"website": "ftp://example.org/"})
