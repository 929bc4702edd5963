"""Relevance: prompt -> ``Intent``; candidate/document -> calibrated ``Score`` with a reason.

The pipeline calls four things: ``parse_prompt`` once per job (the intent is stored
as JSON in the job's work area), ``build_scorer(settings)`` in each task,
``Scorer.score_candidate`` for every link before download (orders the crawl
frontier, decides what is downloaded) and ``Scorer.score_document`` after download
(the final ``confidence_score`` and ``relevance_reason``), and ``rank_editions`` once a job's
documents are scored ("the X": older editions below the newest). The default scorer
(``RuleScorer``) is offline and deterministic; ``settings.relevance.scorer =
"openai"`` adds an OpenAI-compatible endpoint for the final judgement.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docharvest.errors import ConfigError
from docharvest.relevance.base import Score, Scorer, ScorerUsage
from docharvest.relevance.editions import rank_editions
from docharvest.relevance.intent import BodySpec, Intent, TimeSpec, parse_prompt
from docharvest.relevance.rules import RuleScorer

if TYPE_CHECKING:
    from docharvest.config import Settings

__all__ = [
    "BodySpec",
    "Intent",
    "RuleScorer",
    "Score",
    "Scorer",
    "ScorerUsage",
    "TimeSpec",
    "build_scorer",
    "parse_prompt",
    "rank_editions",
]


def build_scorer(settings: Settings) -> Scorer:
    """The scorer ``settings.relevance`` selects (default: the offline rules)."""
    config = settings.relevance
    if config.scorer == "rules":
        return RuleScorer()
    if config.scorer == "openai":
        from docharvest.relevance.llm import OpenAIScorer

        return OpenAIScorer.from_settings(config)
    raise ConfigError(f"relevance.scorer: unknown scorer {config.scorer!r} (expected 'rules' or 'openai')")
