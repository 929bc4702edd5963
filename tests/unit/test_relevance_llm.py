"""The OpenAI-compatible scorer against a real HTTP endpoint on 127.0.0.1 (no internet)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from docharvest.config import RelevanceSettings, Settings
from docharvest.errors import ConfigError
from docharvest.models import Candidate
from docharvest.relevance import build_scorer, parse_prompt
from docharvest.relevance.llm import OpenAIScorer
from docharvest.text.document import DocumentText


class FakeEndpoint:
    """A chat-completions endpoint answering a fixed probability; records the requests."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.answer = '{"probability": 0.9, "reason": "These are Town Board minutes of 2024."}'
        self.status = 200
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                return

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                endpoint.requests.append(
                    {"path": self.path, "auth": self.headers.get("Authorization"), "body": body}
                )
                payload = json.dumps(
                    {
                        "choices": [{"message": {"role": "assistant", "content": endpoint.answer}}],
                        "usage": {"prompt_tokens": 1000, "completion_tokens": 50},
                    }
                ).encode()
                self.send_response(endpoint.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"


@pytest.fixture
def endpoint() -> Iterator[FakeEndpoint]:
    fake = FakeEndpoint()
    thread = threading.Thread(target=fake.server.serve_forever, daemon=True)
    thread.start()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


CANDIDATE = Candidate(url="https://t.example.org/m.pdf", link_text="Town Board Minutes January 9, 2024")
TEXT = DocumentText(pages=["TOWN BOARD\nMINUTES\nJanuary 9, 2024\nPresent: all."])


def _settings(url: str) -> RelevanceSettings:
    return RelevanceSettings(
        scorer="openai",
        endpoint_url=url,
        model="test-model",
        api_key_env="DH_TEST_LLM_KEY",
        prompt_usd_per_1k_tokens=0.001,
        completion_usd_per_1k_tokens=0.002,
    )


def test_document_scores_blend_the_model_and_count_usage(
    endpoint: FakeEndpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DH_TEST_LLM_KEY", "sk-test")
    scorer = build_scorer(Settings(relevance=_settings(endpoint.url)))
    assert scorer.name == "openai"
    intent = parse_prompt("board minutes from 2024")
    before = scorer.score_candidate(intent, CANDIDATE)
    assert endpoint.requests == []  # the crawl frontier never calls the model
    score = scorer.score_document(intent, CANDIDATE, TEXT, None)
    (request,) = endpoint.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["auth"] == "Bearer sk-test"
    assert request["body"]["model"] == "test-model"
    assert "board minutes from 2024" in request["body"]["messages"][1]["content"]
    assert 0.9 <= score.confidence <= 0.99 and before.confidence > 0
    assert score.reason.startswith("These are Town Board minutes of 2024.")
    usage = scorer.usage()
    assert (usage.calls, usage.prompt_tokens, usage.completion_tokens) == (1, 1000, 50)
    assert usage.cost_usd == pytest.approx(0.001 + 0.0001)


def test_a_model_disagreeing_with_the_rules_reads_as_uncertainty(endpoint: FakeEndpoint) -> None:
    endpoint.answer = 'Sure: {"probability": 0.02, "reason": "A planning board agenda."}'
    scorer = OpenAIScorer(_settings(endpoint.url), api_key="")
    intent = parse_prompt("board minutes from 2024")
    score = scorer.score_document(intent, CANDIDATE, TEXT, None)
    assert scorer.rules.score_document(intent, CANDIDATE, TEXT, None).confidence > 0.9
    assert 0.3 < score.confidence < 0.7


@pytest.mark.parametrize("failure", ["status", "garbage"])
def test_endpoint_failure_falls_back_to_the_rules(endpoint: FakeEndpoint, failure: str) -> None:
    if failure == "status":
        endpoint.status = 500
    else:
        endpoint.answer = "I cannot help with that."
    scorer = OpenAIScorer(_settings(endpoint.url), api_key="")
    intent = parse_prompt("board minutes from 2024")
    score = scorer.score_document(intent, CANDIDATE, TEXT, None)
    rules = scorer.rules.score_document(intent, CANDIDATE, TEXT, None)
    assert score.confidence == rules.confidence
    assert "model unavailable" in score.reason


def test_no_text_means_no_call(endpoint: FakeEndpoint) -> None:
    scorer = OpenAIScorer(_settings(endpoint.url), api_key="")
    scorer.score_document(parse_prompt("board minutes"), CANDIDATE, None, None)
    assert endpoint.requests == [] and scorer.usage().calls == 0


def test_openai_without_a_key_is_a_config_error_naming_the_field(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(ConfigError, match="relevance.api_key_env"):
        build_scorer(Settings(relevance=RelevanceSettings(scorer="openai")))
