""" "The X": the document itself first, its qualified variants clearly below it.

Each document is scored alone, so for "the PY20 annual report" the "Annual Report PY20", the
"Youth Annual Report PY20" and the "State Board Annual Report PY20" all match the kind and the
year. Looked at together they tell which one is *the* annual report: the one whose own label
(link text, file name) adds nothing to what the request names, while the others repeat that
label and add a qualifier the request does not use ("Youth", "State Board", "Redline", "Year in
Review"): another audience's, another body's or a derived version of it. ``rank_variants``
lowers those below the job's threshold and says so in the reason. Only when the request asks for
one document (``Intent.single``), and only labels whose words the request does not use hold every
such word of the plainest answering label plus more (a label naming nothing is never the plainest):
"Sutter Creek County ACFR FY 2019-20" is the county's, beside the plain "Annual Comprehensive
Financial Report FY 2019-20" (requiring the whole plain label inside the variant's, as first
written, missed every variant phrased in other words: part 7 F1 0.829 against 0.869).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from docharvest.relevance.free_words import GENERIC_LINK_WORDS, bare_link_label, names_something, stem
from docharvest.relevance.intent import Intent
from docharvest.relevance.phrases import name_words
from docharvest.relevance.prompt_words import KIND_WORDS, STATUS_WORDS
from docharvest.relevance.vocab import KIND_PHRASES, MONTHS, STOPWORDS

__all__ = ["VARIANT_FACTOR", "rank_variants"]

# A document that answers the request at this score or above can make others its variants.
ANSWERS = 0.5
# The plainest label counts only when its document scored within this much of the best one.
MARGIN = 0.15
# A variant keeps this share of its score (0.99 -> 0.35: clearly below the document asked for).
VARIANT_FACTOR = 0.35
_VARIANT = "a variant"  # in the reason: ranked once (a retried task does not lower it again)
# Letters, also glued to digits ("Zone2", "Policy300": the zone, the policy).
_WORD_RE = re.compile(r"(?<![a-z])[a-z]{3,}(?![a-z])")
# Words of a label that qualify nothing: link filler, sizes, revision and date marks.
_FILLER = (
    GENERIC_LINK_WORDS
    | STOPWORDS
    # A status word ("adopted"), not a kind's ("budget" of "budget amendment"): that is what the document is.
    | (STATUS_WORDS - KIND_WORDS)
    | frozenset(MONTHS)
    | {"rev", "revised", "kb", "mb", "effective", "eff", "updated", "posted"}
    # The parts of one document: "Volume 1", "Vol2", "Part II" (every part answers).
    | {"volume", "vol", "part", "parts"}
)
# An upload hash or id in a file name ("f075faf1c165"): its letters are no words.
# A period written out ("Program Year 2023-24", "Fiscal Year"): when, not which document ...
_PERIOD_RE = re.compile(
    r"(?<![a-z])(?:(?:fiscal|program|school|calendar|academic)\s+years?|"
    # ... and who approved it ("Board Approved", "Council-adopted"): its status, not which document.
    r"(?:board|council|commission|trustees|committee)[\s-]+(?:approved|adopted))(?![a-z])"
)
_HASH_RE = re.compile(r"(?<![a-z0-9])(?=[a-f0-9]*\d)(?=[a-f0-9]*[a-f])[a-f0-9]{8,}(?![a-z0-9])")


def _label_words(row: Mapping[str, Any], glue: re.Pattern[str] | None = None) -> dict[str, str]:
    """The stems of what the document's own label (link text, tooltip, file name; for a bare link,
    what names it) calls it, each with the word it stands for."""
    evidence = row.get("evidence") or {}
    link = " ".join(str(evidence.get(k) or "") for k in ("link_text", "title_attr"))
    parts = [link, str(row.get("filename") or "")]
    if not names_something(link):
        # A bare "PDF" link is named by the card heading above it, else its row's label.
        heading = str(evidence.get("heading") or "")
        column = str((evidence.get("extra") or {}).get("column") or "")
        named = names_something(heading)
        parts += (
            [heading] if named else bare_link_label(str(evidence.get("context") or ""), [heading, column])
        )
    text = _PERIOD_RE.sub(" ", _HASH_RE.sub(" ", name_words(" ".join(parts)).lower()))
    # The site's own name in full ("Lincoln County" on Lincoln County's site) heads its documents.
    site = _site_name(evidence)
    if site and len(site) >= 2 and re.search(r"(?<![a-z])" + r"\W+".join(site) + r"(?![a-z])", text):
        text = re.sub(r"(?<![a-z])" + r"\W+".join(site) + r"(?![a-z])", " ", text)
    if glue is not None:
        # "staterulesofcourt", "localrules": a file name glued in lower case, split at the request's words.
        text = glue.sub(r" \1 ", text)
    return {stem(w): w for w in _WORD_RE.findall(text) if w not in _FILLER}


_SITE_SEPARATOR_RE = re.compile(r"\s[|\u2013\u2014-]\s")


def _site_name(evidence: Mapping[str, Any]) -> list[str]:
    """The words of the site's name: the page title's last part ("Agendas | *Lincoln County*")."""
    parts = _SITE_SEPARATOR_RE.split(str(evidence.get("page_title") or ""))
    return [re.escape(w) for w in re.findall(r"[a-z0-9']+", parts[-1].lower())] if len(parts) > 1 else []


_PART_RE = re.compile(r"(?<![a-z])(?:vol(?:ume)?|part)[\s._-]*(?:\d+|[ivx]+)(?![a-z0-9])", re.I)


def _names_part(row: Mapping[str, Any]) -> bool:
    """Does the document's own label name a part of one ("Volume 2", "Vol1", "Part II")?"""
    evidence = row.get("evidence") or {}
    label = " ".join(
        str(x or "") for x in (evidence.get("link_text"), evidence.get("title_attr"), row.get("filename"))
    )
    return bool(_PART_RE.search(label))


def _spelled(words: dict[str, str], acronyms: tuple[str, ...]) -> dict[str, str]:
    """A label's words with those a request's initials spell out in order ("Community Health Needs
    Assessment" for "CHNA") read as those initials: asked for, not qualifiers."""
    if not acronyms:
        return words
    order = list(words)
    for acronym in acronyms:
        for i in range(len(order) - len(acronym) + 1):
            run = order[i : i + len(acronym)]
            if "".join(words[w][0] for w in run) == acronym:
                return {**{k: v for k, v in words.items() if k not in run}, stem(acronym): acronym}
    return words


def _glue(intent: Intent) -> re.Pattern[str] | None:
    words = sorted({w for w in _WORD_RE.findall(intent.prompt.lower()) if len(w) >= 4}, key=len, reverse=True)
    return re.compile("(" + "|".join(map(re.escape, words)) + ")") if words else None


def _request_words(intent: Intent) -> frozenset[str]:
    words = _WORD_RE.findall(name_words(intent.prompt).lower())
    # The words of the kinds asked for ("budget book", "school calendar"), not of every kind: the
    # "School of Law Academic Calendar" is the law school's, "Local Law" no word of a calendar.
    kinds = (
        frozenset(w for k in intent.kinds for p in KIND_PHRASES.get(k, ()) for w in p.split())
        if intent.kinds
        else KIND_WORDS
    )
    # And their initials ("HMP" for the hazard mitigation plan asked for).
    own = [w for w in words if w not in STOPWORDS]
    initials = {"".join(w[0] for w in own[i:j]) for i in range(len(own)) for j in range(i + 2, len(own) + 1)}
    return frozenset(stem(w) for w in words) | frozenset(stem(w) for w in kinds) | frozenset(initials)


def rank_variants(
    intent: Intent, rows: list[Mapping[str, Any]], skip: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """Updates (``url``, ``confidence_score``, ``relevance_reason``) for the variants among ``rows``
    (a job's scored documents with ``evidence`` and ``filename``); rows whose url is in ``skip``
    were already lowered (an older edition) and are left alone."""
    if not intent.single:
        return []
    asked = _request_words(intent)
    glue = _glue(intent)
    acronyms = tuple(w for w in _WORD_RE.findall(intent.prompt.lower()) if len(w) <= 5)
    labels = {str(row.get("url")): _spelled(_label_words(row, glue), acronyms) for row in rows}
    scored = [
        (row, float(row["confidence_score"]), frozenset(labels[str(row.get("url"))]))
        for row in rows
        if row.get("confidence_score") is not None and row.get("url") not in skip
    ]
    answering = [(row, score, words) for row, score, words in scored if score >= ANSWERS]
    if len(answering) < 2:
        return []
    best = max(score for _, score, _ in answering)
    # The plainest answering label: the fewest words the request does not use, holding some it does.
    plain = [
        (words - asked, _names_part(row))
        for row, score, words in answering
        if score >= best - MARGIN and words & asked
    ]
    if not plain:
        return []
    fewest = min(len(extra) for extra, _ in plain)
    plainest = [(extra, part) for extra, part in plain if len(extra) == fewest]
    updates = []
    for row, score, words in answering:
        extra = words - asked
        # Another part of the document ("Volume 2 (Jurisdictional Annexes)" beside "Volume 1") is no variant.
        part = _names_part(row)
        base = next((p for p, other in plainest if p < extra and not (part and other)), None)
        reason = str(row.get("relevance_reason") or "").rstrip(".")
        if base is None or _VARIANT in reason:
            continue
        added = " ".join(labels[str(row.get("url"))][w] for w in sorted(extra - base))
        updates.append(
            {
                "url": row["url"],
                "confidence_score": round(score * VARIANT_FACTOR, 3),
                "relevance_reason": f"{reason}; {_VARIANT} ({added}) of another found.",
            }
        )
    return updates
