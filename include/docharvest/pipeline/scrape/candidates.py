"""Candidate documents as rows: pre-scored, best first, cut into batches, and named for people."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from docharvest.models import Candidate
from docharvest.pipeline.scrape.base import DISCOVERED, SKIPPED
from docharvest.text.document import DocumentText

if TYPE_CHECKING:
    from docharvest.relevance import Intent, Scorer

# Link words that name nothing: the file's own name says more.
_VAGUE_LINK_TEXT = {"download", "pdf", "here", "click here", "view", "link"}


def candidate_rows(
    job_id: str,
    candidates: list[Candidate],
    scorer: Scorer,
    intent: Intent,
    batch_size: int,
    download_threshold: float,
) -> list[dict[str, Any]]:
    """Document rows for the candidates, best pre-score first, cut into batches.

    Candidates scored below ``download_threshold`` before download are kept (status
    ``skipped``, with their score and reason) but not fetched; they get no batch.
    """
    scored = [(scorer.score_candidate(intent, c), c) for c in candidates]
    scored.sort(key=lambda pair: (-pair[0].confidence, pair[1].url))
    now = datetime.now(UTC)
    return [
        {
            "job_id": job_id,
            "url": c.url,
            "source_page": c.source_page,
            "name": _name_from_candidate(c),
            "status": DISCOVERED if score.confidence >= download_threshold else SKIPPED,
            "batch": i // batch_size if score.confidence >= download_threshold else None,
            "pre_score": score.confidence,
            "confidence_score": score.confidence,
            "relevance_reason": score.reason,
            "evidence": c.model_dump(mode="json"),
            "document_type": c.hinted_type,
            "discovered_at": now,
        }
        for i, (score, c) in enumerate(scored)
    ]


def _name_from_candidate(candidate: Candidate) -> str:
    text = " ".join((candidate.link_text or candidate.title_attr or "").split())
    if text and text.lower() not in _VAGUE_LINK_TEXT:
        return text
    return filename_stem(candidate.extra.get("filename") or candidate.url)


def filename_stem(url_or_name: str) -> str:
    base = unquote(urlsplit(url_or_name).path.rsplit("/", 1)[-1]) or url_or_name
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return " ".join(stem.replace("_", " ").replace("-", " ").split()) or base


def document_name(parsed: DocumentText, doc: dict[str, Any]) -> str:
    """The most descriptive of the link's words and the file's own title.

    Link text such as "Minutes" in a table row says less than the document's title
    "Board Meeting Minutes - January 9, 2024"; a title like "untitled" says less than the link.
    """
    link = str(doc.get("name") or "")
    title = " ".join((parsed.title or "").split())
    if title and len(title.split()) > len(link.split()) and title.lower() not in {"untitled", "document"}:
        return title
    return link or title or filename_stem(doc["url"])
