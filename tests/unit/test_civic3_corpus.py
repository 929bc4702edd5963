"""Consistency of the held-back civic3 corpus (bench/corpora/civic3): data only, never a scorer's results on it.

The checks are those of civic2 (tests/unit/civic_corpus_checks.py): every document link on a page is a
document of truth.json with a stand-in behind it, labels come from the spiders, every job has relevant
documents derived from the labels, and the realcivic scorer reads the truth file unchanged."""

from __future__ import annotations

from typing import Any

from tests.unit.civic_corpus_checks import corpus_tests

globals().update(corpus_tests("civic3", min_agencies=5))


def test_held_back_and_drawn_from_repositories_no_other_corpus_used(truth: dict[str, Any]) -> None:
    assert truth["held_back"] is True
    used_before = {"akr", "omaha", "fresno", "philly", "cle", "det", "atl"}
    for a in truth["agencies"]:
        repo = a["source"].split("@")[0]
        assert repo != "City-Bureau/city-scrapers", a["id"]
        assert repo.rsplit("-", 1)[-1] not in used_before, a["id"]
