"""What the CLI configures reaches the task processes: settings survive the trip through the environment."""

from __future__ import annotations

import pytest
from docharvest.config import Settings
from docharvest.orchestration.runner import docharvest_environment


def test_non_default_settings_round_trip_through_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    configured = Settings(
        data_dir=tmp_path,
        allow_private_networks=True,
        batch_size=7,
        crawl={"min_delay_seconds": 0, "include_patterns": ["^/minutes/"], "obey_robots": True},
        extract={"batch_size": 10},
        relevance={"download_threshold": 0.3},
    )
    env = docharvest_environment(configured)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    seen = Settings()
    assert seen.data_dir == tmp_path.resolve()
    assert seen.effective_database_url == configured.effective_database_url
    assert seen.allow_private_networks is True and seen.batch_size == 7
    assert seen.crawl.min_delay_seconds == 0 and seen.crawl.include_patterns == ["^/minutes/"]
    assert seen.extract.batch_size == 10 and seen.relevance.download_threshold == 0.3
    assert "DOCHARVEST_CRAWL__MAX_PAGES" not in env  # defaults are not spelled out
