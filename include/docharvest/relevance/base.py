"""The scorer contract the pipeline calls: ``Score``, ``ScorerUsage`` and the ``Scorer`` protocol."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from docharvest.models import Candidate
from docharvest.relevance.intent import Intent
from docharvest.text.document import DocumentText


@dataclass(frozen=True)
class Score:
    """A relevance judgement: a calibrated probability and the evidence that counted."""

    confidence: float  # 0..1: among documents scored about 0.8, about 80% are relevant
    reason: str  # one short sentence


@dataclass
class ScorerUsage:
    """What a scorer consumed, for the job's cost (all zero for the offline rules)."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


@runtime_checkable
class Scorer(Protocol):
    """Scores candidates before download (cheap, every link) and documents after (final)."""

    name: str

    def score_candidate(self, intent: Intent, candidate: Candidate) -> Score: ...

    def score_document(
        self, intent: Intent, candidate: Candidate, text: DocumentText | None, filename: str | None
    ) -> Score: ...

    def usage(self) -> ScorerUsage: ...
