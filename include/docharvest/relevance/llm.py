"""A semantic scorer backed by any OpenAI-compatible chat-completions endpoint.

Before download it is the rule scorer (one call per link would be slow and costly).
After download it asks the model for a probability that the document answers the
request, given the parsed intent, the rules' own reading and the title block, and
blends it with the rules' score in log-odds (the rules keep the model honest about
dates, which models misread). Tokens and cost are counted in ``usage()``. Any
endpoint failure falls back to the rules' score, with the failure in the reason.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
from typing import Any

import httpx

from docharvest.config import RelevanceSettings
from docharvest.errors import ConfigError
from docharvest.models import Candidate
from docharvest.relevance.base import Score, ScorerUsage
from docharvest.relevance.intent import Intent
from docharvest.relevance.rules import RuleScorer, title_block
from docharvest.text.document import DocumentText

logger = logging.getLogger(__name__)

SYSTEM_PROMPT = (
    "You judge whether a document answers a document-search request. Reply with JSON only: "
    '{"probability": <0..1 that the document is what the request asks for>, "reason": "<one short sentence>"}. '
    "Judge the document's own kind, issuing body, date and status, not dates it merely mentions."
)
# Weight of the model's log-odds against the rules' in the blend.
MODEL_WEIGHT = 0.5
RULES_LOGIT_CAP = 4.0
_JSON_RE = re.compile(r"\{.*\}", re.DOTALL)


class OpenAIScorer:
    """Rules before download; rules blended with an LLM's judgement after."""

    name = "openai"

    def __init__(self, config: RelevanceSettings, api_key: str, client: httpx.Client | None = None) -> None:
        self.config = config
        self.rules = RuleScorer()
        self._usage = ScorerUsage()
        self._client = client or httpx.Client(timeout=config.timeout_seconds)
        self._headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}

    @classmethod
    def from_settings(cls, config: RelevanceSettings, client: httpx.Client | None = None) -> OpenAIScorer:
        api_key = os.environ.get(config.api_key_env, "")
        if not api_key and config.endpoint_url.startswith("https://api.openai.com"):
            raise ConfigError(
                f"relevance.api_key_env: environment variable {config.api_key_env} is not set "
                "(needed for relevance.scorer='openai')"
            )
        return cls(config, api_key, client)

    def score_candidate(self, intent: Intent, candidate: Candidate) -> Score:
        return self.rules.score_candidate(intent, candidate)

    def score_document(
        self, intent: Intent, candidate: Candidate, text: DocumentText | None, filename: str | None
    ) -> Score:
        base = self.rules.score_document(intent, candidate, text, filename)
        if text is None or not text.text_length:
            return base
        try:
            probability, why = self._ask(intent, candidate, text, base)
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
            logger.warning("relevance endpoint failed for %s: %s", candidate.url, exc)
            return Score(base.confidence, f"{base.reason} (model unavailable: {type(exc).__name__})")
        blended = _blend(base.confidence, probability)
        return Score(blended, f"{why} Rules: {base.reason}")

    def usage(self) -> ScorerUsage:
        return self._usage

    def _ask(
        self, intent: Intent, candidate: Candidate, text: DocumentText, base: Score
    ) -> tuple[float, str]:
        excerpt = (title_block(text) + "\n---\n" + text.text)[: self.config.max_document_chars]
        user = (
            f"Request: {intent.prompt}\nParsed request: {json.dumps(intent.to_dict(), default=str)}\n"
            f"Link text: {candidate.link_text!r}; page: {candidate.page_title!r}; url: {candidate.url}\n"
            f"Rule-based reading: {base.reason}\nDocument text:\n{excerpt}"
        )
        body: dict[str, Any] = {
            "model": self.config.model,
            "temperature": 0,
            "messages": [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}],
        }
        url = self.config.endpoint_url.rstrip("/") + "/chat/completions"
        response = self._client.post(url, json=body, headers=self._headers)
        response.raise_for_status()
        data = response.json()
        self._count(data.get("usage") or {})
        content = data["choices"][0]["message"]["content"]
        match = _JSON_RE.search(content)
        if match is None:
            raise ValueError("no JSON object in the model's answer")
        answer = json.loads(match.group(0))
        probability = float(answer["probability"])
        if not 0.0 <= probability <= 1.0:
            raise ValueError(f"probability {probability} outside 0..1")
        return probability, str(answer.get("reason", "")).strip()

    def _count(self, usage: dict[str, Any]) -> None:
        prompt, completion = int(usage.get("prompt_tokens", 0)), int(usage.get("completion_tokens", 0))
        self._usage.calls += 1
        self._usage.prompt_tokens += prompt
        self._usage.completion_tokens += completion
        self._usage.cost_usd += (
            prompt * self.config.prompt_usd_per_1k_tokens
            + completion * self.config.completion_usd_per_1k_tokens
        ) / 1000


def _logit(p: float) -> float:
    p = min(0.999, max(0.001, p))
    return math.log(p / (1 - p))


def _blend(rules: float, model: float) -> float:
    # The rules' log-odds are clipped so that a confident model disagreeing with confident
    # rules reads as uncertainty (about 0.5), not as a near-certain score either way.
    z = (1 - MODEL_WEIGHT) * max(
        -RULES_LOGIT_CAP, min(RULES_LOGIT_CAP, _logit(rules))
    ) + MODEL_WEIGHT * _logit(model)
    return round(min(0.99, max(0.01, 1 / (1 + math.exp(-z)))), 3)
