"""Property-based run of schemathesis against ``/openapi.json``: no 5xx, every response as documented.

Airflow is the httpx.MockTransport stand-in (Airflow is not the point here); the DB holds a
job of the caller's and one of another organisation, so generated ids hit 200, 404 and 400.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import schemathesis
from docharvest.api import create_app
from docharvest.api.keys import create_key
from docharvest.config import LivenessSettings, Settings
from docharvest.models import JobStatus
from docharvest.store.db import init_db
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.support.api_helpers import AirflowRecorder, add_documents, add_job, with_api

EXAMPLES = 30


@pytest.fixture
def api_schema(settings: Settings) -> tuple[schemathesis.BaseSchema, str]:
    app_settings = with_api(
        settings, airflow_password="pw", rate_limit_burst=100_000, extract_max_wait_seconds=0.2
    ).model_copy(update={"liveness": LivenessSettings(run_check_seconds=0)})
    engine = init_db(app_settings)
    key = create_key(engine, "fuzz-org")[0]
    job = add_job(engine, "fuzz-org", status=JobStatus.completed, completed_at=datetime.now(UTC))
    add_documents(engine, job["job_id"], 3)
    add_job(engine, "fuzz-org", status=JobStatus.in_progress, current_agent="navigator")
    add_job(engine, "other-org")
    # Runs report "failed" at once, so the liveness check ends a submitted job and its stream.
    app = create_app(app_settings, airflow_transport=AirflowRecorder(run_state="failed").transport())
    return schemathesis.openapi.from_asgi("/openapi.json", app), key


def test_api_matches_its_openapi(api_schema: tuple[schemathesis.BaseSchema, str]) -> None:
    schema, key = api_schema
    # Every operation, the SSE stream included (its job's run fails, so the stream ends).
    operations = [r.ok() for r in schema.get_all_operations()]
    assert len(operations) >= 13
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
        )
        def check(case: schemathesis.Case) -> None:
            # A generated "valid" body may still break a rule the schema cannot state (a blank
            # prompt, a webhook without a configured secret): that is a 4xx, not a bug.
            case.call_and_validate(
                headers={"Authorization": f"Bearer {key}"}, excluded_checks=[positive_data_acceptance]
            )

        check()
