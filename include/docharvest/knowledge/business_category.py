"""A site's business category: the ``TAXONOMY`` entry its evidence supports best, with a confidence.

A site is scored from its evidence, strongest first:

- a JSON-LD ``@type`` of the category (``Restaurant``, ``Dentist``, ``LegalService`` …): +8;
- phrases in the home page's title, meta/JSON-LD description and h1/hero (weight x3);
- phrases in other pages' titles and headings (x1) and in body text (x0.25, capped).

``confidence`` = share of the winner in the top-two score mass, damped when the
evidence is thin; a site with no evidence at all gets ``Other`` with confidence 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from docharvest.knowledge.taxonomy import OTHER, TAXONOMY


@dataclass
class CategoryGuess:
    category: str
    confidence: float
    scores: dict[str, float]


@dataclass
class CategoryEvidence:
    """Text and types gathered from a site, strongest first."""

    schema_types: list[str] = field(default_factory=list)
    strong_text: list[str] = field(default_factory=list)  # home title, descriptions, hero
    medium_text: list[str] = field(default_factory=list)  # page titles and headings
    body_text: list[str] = field(default_factory=list)


def _phrase_re(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])" + re.escape(phrase) + r"(?![\w])", re.I)


_PATTERNS = {c.name: [(_phrase_re(p), w) for p, w in c.keywords.items()] for c in TAXONOMY}


def _score_text(texts: Iterable[str], weight: float, cap: float) -> dict[str, float]:
    blob = "\n".join(texts)
    scores: dict[str, float] = {}
    if not blob:
        return scores
    for name, patterns in _PATTERNS.items():
        total = 0.0
        for pattern, w in patterns:
            hits = len(pattern.findall(blob))
            if hits:
                # Diminishing returns: a word repeated fifty times is not fifty times the evidence.
                total += w * min(hits, 3) ** 0.5
        if total:
            scores[name] = min(total * weight, cap)
    return scores


def classify_business(evidence: CategoryEvidence) -> CategoryGuess:
    """Pick the taxonomy category best supported by ``evidence``, with a confidence in [0, 1]."""
    scores: dict[str, float] = {}
    types = {t.lower() for t in evidence.schema_types}
    for category in TAXONOMY:
        if types & category.schema_types:
            scores[category.name] = scores.get(category.name, 0.0) + 8.0
    for part, weight, cap in (
        (evidence.strong_text, 3.0, 40.0),
        (evidence.medium_text, 1.0, 15.0),
        (evidence.body_text, 0.25, 5.0),
    ):
        for name, value in _score_text(part, weight, cap).items():
            scores[name] = scores.get(name, 0.0) + value
    if not scores:
        return CategoryGuess(OTHER, 0.0, {})
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    margin = top / (top + second)
    strength = min(1.0, top / 12.0)
    confidence = round(max(0.05, min(0.99, margin * (0.5 + 0.5 * strength))), 2)
    return CategoryGuess(best, confidence, {k: round(v, 2) for k, v in ranked[:5]})
