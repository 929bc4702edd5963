"""What a job command prints: a summary by default, the JSON with --json, the file with -o, one line on failure."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest
from docharvest.commands._common import add_common_job_flags, run_job_command
from docharvest.commands.summary import scrape_summary
from docharvest.config import Settings
from docharvest.models import ScrapeConf

DOC = {
    "name": "Board minutes January 2024",
    "document_type": "pdf",
    "confidence_score": 0.93,
    "file_size_mb": 0.2,
    "relevance_reason": "Matches kind minutes",
}


def _body(status: str = "completed", docs: int = 3) -> dict[str, Any]:
    return {
        "job_id": "job_cliout",
        "status": status,
        "message": "Job completed successfully."
        if status == "completed"
        else "Job failed: start URL unreachable",
        "documents": [dict(DOC, name=f"Board minutes {i}") for i in range(docs)],
        "total_pages_crawled": 12,
        "total_documents_found": 30,
        "total_documents_downloaded": 5,
        "success_rate": 0.8,
        "cost": 0.0001,
        "total_runtime_seconds": 4.2,
        "warnings": [],
        "errors": [
            {
                "agent_name": "scraper",
                "error_type": "http_404",
                "error_message": "HTTP 404",
                "page_url": "http://x/a.pdf",
            }
        ],
        "metadata": {"parameters": {"confidence_threshold": 0.2}},
    }


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_common_job_flags(parser)
    return parser.parse_args(list(argv))


def _command(args: argparse.Namespace, body: dict[str, Any], seen: dict[str, Any]) -> int:
    def build(_: argparse.Namespace) -> ScrapeConf:
        return ScrapeConf.model_validate(
            {"website": "https://example.org/", "prompt": "minutes", "job_id": "job_cliout"}
        )

    def run(conf: ScrapeConf, settings: Settings, *, verbose: bool, quiet: bool) -> dict[str, Any]:
        seen.update(verbose=verbose, quiet=quiet)
        return body

    def failure(b: dict[str, Any]) -> str | None:
        return b["message"] if b["status"] != "completed" else None

    return run_job_command(args, build, run, failure, scrape_summary)


def test_default_is_a_one_screen_summary(capsys: pytest.CaptureFixture[str]) -> None:
    seen: dict[str, Any] = {}
    assert _command(_args(), _body(docs=40), seen) == 0
    out = capsys.readouterr().out
    assert out.startswith("Job job_cliout: completed") and "0.93" in out and "Matches kind minutes" in out
    assert "error [scraper/http_404]" in out and "confidence_score >= 0.2" in out
    assert "… and 20 more" in out and len(out.splitlines()) < 45
    assert seen == {"verbose": False, "quiet": False}


def test_json_and_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    body = _body()
    assert _command(_args("--json", "-q"), body, {}) == 0
    assert json.loads(capsys.readouterr().out) == body
    target = tmp_path / "r.json"
    assert _command(_args("-o", str(target)), body, {}) == 0
    assert json.loads(target.read_text()) == body
    out = capsys.readouterr().out
    assert out.startswith("Job ") and f"Results JSON: {target}" in out


def test_a_failed_job_ends_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert _command(_args("-q"), _body("failed", docs=0), {}) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert (
        err.startswith("docharvest: Job failed: start URL unreachable (details: ") and "job_cliout.log" in err
    )
