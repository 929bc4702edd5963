"""sources.yaml: validation per source, errors naming source and field, the example file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from docharvest.config import REPO_ROOT, Settings
from docharvest.models import ExtractConf
from docharvest.sources import ExtractSource, KnowledgeSource, ScrapeSource, load_sources, parse_sources

GOOD = {
    "name": "springfield_minutes",
    "kind": "scrape",
    "website": "https://www.springfield.example.org/",
    "prompt": "Board meeting minutes from 2024",
    "schedule": "@weekly",
    "owner": "springfield-gov",
}


def _problems(entries: list[dict]) -> list[str]:
    return [str(p) for p in parse_sources({"sources": entries}).problems]


def test_a_good_scrape_source_becomes_the_scrape_jobs_conf() -> None:
    result = parse_sources({"sources": [{**GOOD, "parameters": {"max_file_size_mb": 20}}]})
    assert result.problems == []
    (source,) = result.sources
    assert isinstance(source, ScrapeSource)
    assert source.dag_id == "docharvest_source_springfield_minutes"
    conf = source.conf()
    assert conf["website"] == GOOD["website"] and conf["prompt"] == GOOD["prompt"]
    assert conf["org_id"] == "springfield-gov" and conf["max_file_size_mb"] == 20
    assert conf["timeout"] == 1800 and conf["confidence_threshold"] == 0.1  # ScrapeParameters defaults


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"parameters": {"timeout": 30}},
            "source 'springfield_minutes'.parameters.timeout: Input should be greater than or equal to 60",
        ),
        (
            {"parameters": {"max_file_size_mb": 501}},
            "parameters.max_file_size_mb: Input should be less than or equal to 500",
        ),
        (
            {"website": "ftp://example.org/"},
            "source 'springfield_minutes'.website: URL scheme should be 'http' or 'https'",
        ),
        (
            {"schedule": "every monday"},
            "source 'springfield_minutes'.schedule: 'every monday' is neither a preset",
        ),
        ({"schedule": "0 6 * *"}, ".schedule: '0 6 * *' is neither a preset"),
        ({"kind": "crawl"}, "source 'springfield_minutes'.kind: must be one of scrape, extract, knowledge"),
        ({"prompt": ""}, ".prompt: String should have at least 1 character"),
        ({"name": "Springfield Minutes"}, "source 'Springfield Minutes'.name: String should match pattern"),
        ({"colour": "blue"}, "source 'springfield_minutes'.colour: Extra inputs are not permitted"),
    ],
)
def test_errors_name_the_source_and_the_field(change: dict, expected: str) -> None:
    problems = _problems([{**GOOD, **change}])
    assert len(problems) == 1
    assert problems[0].startswith("source '") and expected in problems[0], problems[0]


def test_one_bad_source_does_not_stop_the_others() -> None:
    entries = [
        {**GOOD, "name": "first"},
        {**GOOD, "name": "broken", "parameters": {"confidence_threshold": 2}},
        {"kind": "scrape", "website": "https://x.example.org/", "prompt": "p"},  # no name
        {**GOOD, "name": "first"},  # duplicate
        {
            "name": "acme",
            "kind": "knowledge",
            "website": "https://acme.example.com/",
            "parameters": {"max_pages": 80},
        },
        {**GOOD, "name": "paused", "enabled": False},
    ]
    result = parse_sources({"sources": entries})
    assert [s.name for s in result.sources] == ["first", "acme"]
    assert [(p.source, p.field) for p in result.problems] == [
        ("broken", "parameters.confidence_threshold"),
        ("#3", "name"),
        ("first", "name"),
    ]
    acme = result.sources[1]
    assert isinstance(acme, KnowledgeSource)
    assert acme.conf() == {
        "url": "https://acme.example.com/",
        "max_pages": 80,
        "timeout": 1800,
        "job_id": None,
        "org_id": "default",
    }


def test_knowledge_parameters_keep_the_job_bounds() -> None:
    problems = _problems(
        [
            {
                "name": "acme",
                "kind": "knowledge",
                "website": "https://a.example/",
                "parameters": {"max_pages": 9999, "depth": 2},
            }
        ]
    )
    assert "source 'acme'.parameters.max_pages: Input should be less than or equal to 500" in problems
    assert "source 'acme'.parameters.depth: Extra inputs are not permitted" in problems


def test_extract_parameters_keep_the_job_bounds_and_leave_unset_ones_out() -> None:
    entry = {"name": "invoices", "kind": "extract", "inputs": ["/data/in"], "schema": "invoice"}
    problems = _problems([{**entry, "parameters": {"max_file_size_mb": 501, "timeout": 30, "depth": 2}}])
    assert (
        "source 'invoices'.parameters.max_file_size_mb: Input should be less than or equal to 500" in problems
    )
    assert "source 'invoices'.parameters.timeout: Input should be greater than or equal to 60" in problems
    assert "source 'invoices'.parameters.depth: Extra inputs are not permitted" in problems

    (source,) = parse_sources({"sources": [{**entry, "parameters": {"timeout": 600}}]}).sources
    assert isinstance(source, ExtractSource)
    # max_file_size_mb is not set: the run takes the deployment's extract cap, not a copied default.
    assert source.conf() == {
        "inputs": ["/data/in"],
        "schema_name": "invoice",
        "timeout": 600,
        "job_id": None,
        "org_id": "default",
    }
    assert ExtractConf.model_validate(source.conf()).timeout == 600


def test_cron_and_presets_are_accepted() -> None:
    entries = [
        {**GOOD, "name": f"s{i}", "schedule": schedule}
        for i, schedule in enumerate(["@daily", "0 6 * * 1", "*/15 8-18 * * MON-FRI", "0 0 1 */3 *", None])
    ]
    result = parse_sources({"sources": entries})
    assert result.problems == []
    assert [s.schedule for s in result.sources] == [
        "@daily",
        "0 6 * * 1",
        "*/15 8-18 * * MON-FRI",
        "0 0 1 */3 *",
        None,
    ]


def test_file_level_problems_and_missing_file(tmp_path: Path) -> None:
    missing = load_sources(tmp_path / "nope.yaml")
    assert missing.sources == [] and missing.problems == []
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("sources: [ {name: x\n")
    result = load_sources(bad_yaml)
    assert result.sources == [] and "cannot read" in str(result.problems[0])
    not_a_list = tmp_path / "dict.yaml"
    not_a_list.write_text("sources: {name: x}\nextra: 1\n")
    problems = [str(p) for p in load_sources(not_a_list).problems]
    assert "source '<file>': unknown top-level key(s) ['extra']" in problems
    assert "source '<file>'.sources: must be a list of sources" in problems


def test_the_example_file_is_valid_and_its_commented_examples_too() -> None:
    example = REPO_ROOT / "include" / "sources.yaml"
    assert Settings().sources_file == example
    assert load_sources(example).problems == []
    # The commented examples must stay valid when a user uncomments them.
    lines = example.read_text().splitlines()
    start = lines.index("# sources:")
    block = "\n".join(line[2:] for line in lines[start:] if line.startswith("# ") or line == "#")
    result = parse_sources(yaml.safe_load(block))
    assert result.problems == []
    assert {s.kind for s in result.sources} == {"scrape", "knowledge"}


def test_sources_file_path_comes_from_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DOCHARVEST_SOURCES_FILE", str(tmp_path / "mine.yaml"))
    assert Settings().sources_file == tmp_path / "mine.yaml"
