""" "The X" with no period: the newest edition first, older ones clearly below it.

Each document is scored alone, so "the parks master plan" scores the 2018 plan and the 2009 one
alike. Once a job's documents are scored, ``rank_editions`` looks at them together: when the
request asks for one document (``Intent.single``) and names no period, a document whose own label
(link text, tooltip, file name, document name) is dated older than another document that also
answers the request is an earlier edition -- its score is lowered below the job's threshold and
its reason says so. Pure: the caller (the pipeline once a job's documents are scored, the
benchmarks) stores what it returns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from docharvest.relevance.drafts import rank_drafts
from docharvest.relevance.evidence import LABEL_CHARS
from docharvest.relevance.free_words import bare_link_label, names_something
from docharvest.relevance.intent import Intent
from docharvest.relevance.variants import rank_variants

__all__ = ["EDITION_FACTOR", "edition_year", "rank_editions"]

# A document that answers the request at this score or above can make others an older edition.
ANSWERS = 0.5
# Answers within this much of the best-scored dated one count as editions of the document asked for.
EDITION_MARGIN = 0.15
# An older edition keeps this share of its score (0.99 -> 0.35: clearly below the newest).
EDITION_FACTOR = 0.35
_OLDER = "an older edition"  # in the reason: ranked once (a retried task does not lower it again)
_YEAR_RE = re.compile(
    r"(?<!\d)(?:fy\s*)?((?:19|20)\d\d)(?:\s*[-/\u2013]\s*(\d{2}|(?:19|20)\d\d)|(?:[01]\d[0-3]\d))?(?!\d)",
    re.I,
)  # a year, a span ("2020-21") or a compact date ("eff20240401" in a file name)


# A revision written with a two-digit year in a file name: "UD_Tenant_Guide_rev24".
_REVISION_RE = re.compile(r"(?<![a-z0-9])rev\.?\s*(\d\d)(?!\d)", re.I)


def edition_year(label: str) -> int | None:
    """The latest edition year a label names, a span counting from its start.

    "Strategic Plan 2018-2022" -> 2018, "2020-21" -> 2020: an edition is dated by when it was
    made; a plan for 2023-2026 is not newer than the 2023 assessment it follows. "rev24" -> 2024.
    """
    years = [int(m.group(1)) for m in _YEAR_RE.finditer(label)]
    years += [2000 + int(m.group(1)) for m in _REVISION_RE.finditer(label)]
    return max(years) if years else None


def _short_context(row: Mapping[str, Any]) -> str:
    """The row or label a link sits in when short ("Route 11 Weekday Schedule (effective August 2,
    2024) 7/19/2024"): the title words of a link named by its file name ("Route11_Weekday_eff...")."""
    context = str((row.get("evidence") or {}).get("context") or "")
    return context if len(context) <= LABEL_CHARS else ""


def _label(row: Mapping[str, Any]) -> str:
    evidence = row.get("evidence") or {}
    link = " ".join(str(evidence.get(k) or "") for k in ("link_text", "title_attr"))
    context = str(evidence.get("context") or "")
    above = [str(evidence.get("heading") or ""), str((evidence.get("extra") or {}).get("column") or "")]
    parts = [
        link,
        # A bare "Download" link is named by its row's title cell ("Airport Master Plan (2010)")
        # or the card heading above it ("2022 Senior Scholarship Application").
        *(bare_link_label(context, above) if not names_something(link) else []),
        str(row.get("filename") or ""),
        str(row.get("name") or ""),
        str(row.get("label") or ""),
    ]
    return " ".join(p for p in parts if p.strip())


def rank_editions(intent: Intent, rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Updates (``url``, ``confidence_score``, ``relevance_reason``) for the older editions among ``rows``.

    ``rows``: a job's scored documents, each with ``url``, ``confidence_score``,
    ``relevance_reason`` and what labels it (``evidence`` link text / tooltip, ``filename``,
    ``name``, or a plain ``label``). Older editions and variants change only when the request asks
    for one document (older editions: naming no period); a meeting's listed draft beside its
    approved record (``drafts``) whenever the request does not ask for drafts.
    """
    rows = list(rows)
    updates = _older_editions(intent, rows)
    # "The X": its variants ("Youth Annual Report" for the annual report) rank below it too.
    updates += rank_variants(intent, rows, frozenset(u["url"] for u in updates))
    # A meeting's draft minutes rank below its approved minutes when both are listed.
    return updates + rank_drafts(intent, rows, frozenset(u["url"] for u in updates))


def _older_editions(intent: Intent, rows: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    if not intent.single or intent.times:
        return []
    dated = []
    for row in rows:
        score = row.get("confidence_score")
        if score is None:
            continue
        label = _label(row)
        year = edition_year(label)
        if year is not None:
            dated.append((row, float(score), year, _title_words(f"{label} {_short_context(row)}")))
    if not dated:
        return []
    # Only a document answering about as well as the best one can make others older: a weaker
    # answer (an annual update, a summary) is not a newer edition of the document asked for.
    best = max(score for _, score, _, _ in dated)
    answering = [
        (year, words) for _, score, year, words in dated if score >= max(ANSWERS, best - EDITION_MARGIN)
    ]
    updates = []
    for row, score, year, words in dated:
        # An edition of the same title: "CEDS Annual Performance Report 2022" is not a newer
        # edition of the "Comprehensive Economic Development Strategy 2021-2025".
        newer = [y for y, other in answering if y > year and _same_title(words, other)]
        if not newer:
            continue
        newest = max(newer)
        reason = str(row.get("relevance_reason") or "").rstrip(".")
        if score >= ANSWERS * EDITION_FACTOR and _OLDER not in reason:
            updates.append(
                {
                    "url": row["url"],
                    "confidence_score": round(score * EDITION_FACTOR, 3),
                    "relevance_reason": f"{reason}; {_OLDER} ({year}) than another found ({newest}).",
                }
            )
    return updates


_WORD_RE = re.compile(r"(?<![a-z0-9])[a-z]{3,}(?![a-z0-9])")
# Words of a label that say nothing of its title.
_NOT_TITLE = frozenset(
    {"pdf", "download", "view", "file", "doc", "docx", "the", "and", "for", "final", "adopted"}
)
# Share of their title words two labels must share to be editions of one document.
SAME_TITLE = 0.5


def _title_words(label: str) -> frozenset[str]:
    """A label's title words: letters only (no years, upload ids or hashes), no link filler."""
    words = _WORD_RE.findall(re.sub(r"[-_.+/]+", " ", label.lower()))
    return frozenset(w for w in words if w not in _NOT_TITLE)


def _same_title(a: frozenset[str], b: frozenset[str]) -> bool:
    """Editions share most title words; a label without any (a bare "Download") is not told apart."""
    if not a or not b:
        return True
    return len(a & b) >= SAME_TITLE * len(a | b)
