"""A draft beside its approved record: the approved one answers, the draft ranks clearly below it.

Each document is scored alone, so for "library board minutes 2019" the "DRAFT Minutes - November
11, 2019" and the "Board of Trustees Minutes" of that meeting both match the body, the kind and
the year. Looked at together they are one meeting's record twice, and the request (naming no
status) wants the one in force: ``rank_drafts`` lowers a document whose own label (link text,
tooltip, file name, row label) marks it a draft when another answering document of the same kind
is dated the same day and is not marked so. A request asking for drafts changes nothing, and a
draft whose approved record is not listed stays: it is the only record of that meeting.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from docharvest.models import Candidate
from docharvest.relevance.dates import Period
from docharvest.relevance.evidence import CONTEXT, FILE, LABEL, LABEL_CHARS, LINK, candidate_sources
from docharvest.relevance.intent import Intent

__all__ = ["DRAFT_FACTOR", "rank_drafts"]

# A document that answers the request at this score or above can make a draft of its meeting lower.
ANSWERS = 0.5
# A draft keeps this share of its score (0.99 -> 0.35: clearly below the approved record).
DRAFT_FACTOR = 0.35
_DRAFT = "a draft of"  # in the reason: ranked once (a retried task does not lower it again)
_OWN = frozenset({LINK, LABEL, FILE})


def _record(row: Mapping[str, Any]) -> tuple[frozenset[str], Period, bool] | None:
    """(kinds, day, draft?) of a row by its own label, or None when its label names no kind or day."""
    try:
        candidate = Candidate.model_validate(row.get("evidence") or {})
    except ValueError:
        return None
    sources = candidate_sources(candidate, row.get("filename"))
    own = [s for s in sources if s.name in _OWN]
    kinds = frozenset().union(*(s.phrase.heads for s in own)) if own else frozenset()
    # The day its label or its row's short label gives ("11/11/2019 Board of Trustees Minutes").
    dated = own + [s for s in sources if s.name == CONTEXT and len(candidate.context) <= LABEL_CHARS]
    day = next((s.own for s in dated if s.own is not None and s.own.granularity == "day"), None)
    if not kinds or day is None:
        return None
    return kinds, day, any("draft" in s.phrase.statuses for s in own)


def rank_drafts(
    intent: Intent, rows: list[Mapping[str, Any]], skip: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """Updates (``url``, ``confidence_score``, ``relevance_reason``) for the drafts among ``rows``
    whose approved record is listed and answers too; rows in ``skip`` were already lowered."""
    if "draft" in intent.required_statuses or "draft" in intent.prompt.lower():
        return []
    answering = []
    for row in rows:
        score = row.get("confidence_score")
        if score is None or float(score) < ANSWERS or row.get("url") in skip:
            continue
        record = _record(row)
        if record is not None:
            answering.append((row, float(score), *record))
    approved = [(kinds, day) for _, _, kinds, day, draft in answering if not draft]
    updates = []
    for row, score, kinds, day, draft in answering:
        reason = str(row.get("relevance_reason") or "").rstrip(".")
        if not draft or _DRAFT in reason:
            continue
        if any(kinds & other and (day.start, day.end) == (when.start, when.end) for other, when in approved):
            updates.append(
                {
                    "url": row["url"],
                    "confidence_score": round(score * DRAFT_FACTOR, 3),
                    "relevance_reason": f"{reason}; {_DRAFT} the approved record found ({day.label}).",
                }
            )
    return updates
