"""The default scorer: offline rules over the evidence, combined as calibrated log-odds.

A request has up to six independent constraints (factors): the document kind, the issuing body
(or unit: a committee of the organisation), the audience (school level; students, parents,
staff, athletics), the time window (a year, a school/fiscal year, a month, a meeting day), the
status (drafts, adopted) and the topic of a kind ("budget" presentations). Every evidence source
(``evidence``: link text, file name, table column, headings, page title, breadcrumb, surrounding
text, URL folder; after download the title block, metadata and first page) gives each factor a
verdict in -1 (contradicts) .. +1 (matches); a source that does not speak to a factor gives none,
and a vague one (a bare "Board" heading, a year-only listing date for a meeting day) gives a
small one, so that a contradicted constraint lowers the score far more than an unmentioned one.
Verdicts are summed in log-odds with a weight per source (a title block outweighs a folder
name) on top of a prior for "no evidence"; each factor's probability is the logistic of that
sum and the confidence is their product. The reason names each constraint matched and each
contradicted, with the source that said so.

The weights and priors were tuned on the labelled corpus (tests/support/relevance_corpus.py),
the development parts of the decoy sites (tests/support/decoy_sites.py tuning part,
decoy_sites_dev2.py) and ../shared/realworld/civic (``bench/relevance.py``); held-back part 3
(decoy_sites_part3.py) is never tuned on and shows how far that holds on unseen page structures. Because text evidence carries the largest weights, a document whose title block
contradicts its link drops out after download; one without readable text is judged on its
context alone.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

from docharvest.models import Candidate
from docharvest.relevance.base import Score, ScorerUsage
from docharvest.relevance.bodies import source_agreement
from docharvest.relevance.dates import agreement
from docharvest.relevance.evidence import (
    COLUMN,
    CONTEXT,
    CREATED,
    CRUMB,
    FILE,
    FIRST_PAGE,
    FOLDER,
    HEADING,
    LABEL,
    LINK,
    META,
    PAGE,
    SECTION,
    TITLE,
    Source,
    candidate_sources,
    text_sources,
    title_block,
)
from docharvest.relevance.intent import Intent
from docharvest.relevance.vocab import PERIOD_KINDS, RELATED_KINDS
from docharvest.text import DocumentText

__all__ = ["RuleScorer", "candidate_sources", "text_sources", "title_block"]

logger = logging.getLogger(__name__)

# fmt: off
# Log-odds weight of one full verdict per factor and source.
WEIGHTS: dict[str, dict[str, float]] = {
    "kind":   {TITLE: 6.0, META: 3.0, LINK: 4.0, FILE: 3.0, HEADING: 2.5, PAGE: 1.5, CRUMB: 1.5, CONTEXT: 1.5,
               FOLDER: 1.5, COLUMN: 3.5},
    "body":   {TITLE: 6.0, META: 3.0, LINK: 3.5, FILE: 2.0, HEADING: 3.0, PAGE: 2.5, CRUMB: 2.0, CONTEXT: 1.5,
               FOLDER: 1.5, COLUMN: 2.0},
    "time":   {TITLE: 6.0, META: 3.0, LINK: 4.0, FILE: 3.0, HEADING: 2.5, PAGE: 1.5, CRUMB: 1.5, CONTEXT: 1.5,
               FOLDER: 0.7, CREATED: 0.5, FIRST_PAGE: 3.0, COLUMN: 2.0},
    "status": {TITLE: 6.0, META: 3.0, LINK: 4.0, FILE: 3.0, HEADING: 2.0, PAGE: 1.0, CRUMB: 1.0, CONTEXT: 0.5,
               FOLDER: 1.0, FIRST_PAGE: 5.0, COLUMN: 2.0},
    "topic":  {TITLE: 4.0, META: 2.0, LINK: 3.0, FILE: 2.0, HEADING: 2.0, PAGE: 1.0, CRUMB: 1.0, CONTEXT: 0.5,
               FOLDER: 1.0, COLUMN: 2.0},
    "audience": {TITLE: 6.0, META: 3.0, LINK: 3.5, FILE: 2.0, HEADING: 2.5, PAGE: 1.5, CRUMB: 1.0, CONTEXT: 1.5,
               FOLDER: 1.0, COLUMN: 2.0},
}
# fmt: on
# The headings above the nearest one speak for the listing, more weakly than the nearest heading.
for _factor, _weight in {
    "kind": 1.5,
    "body": 2.5,
    "time": 1.5,
    "status": 0.5,
    "topic": 1.0,
    "audience": 1.5,
}.items():
    WEIGHTS[_factor][SECTION] = _weight
# A bare link's label is its link text.
for _weights in WEIGHTS.values():
    _weights[LABEL] = _weights[LINK]
# Log-odds of each factor when no source speaks to it.
PRIORS: dict[str, float] = {
    "kind": -1.0,
    "body": 0.3,
    "time": -0.5,
    "status": 2.0,
    "topic": 0.0,
    "audience": 0.5,
}
# Reading a document's text and finding no draft marker is evidence it is not a draft.
TEXT_READ_STATUS_BONUS = 1.5
# Minutes, agendas, budgets and reports name themselves in their title block: a read
# document whose text names no kind at all is evidence against the kind asked for.
TEXT_SILENT_KIND_PENALTY = 1.5
# Sources that are the document itself, and how much the rest counts once they have spoken.
TEXT_SOURCES = frozenset({TITLE, FIRST_PAGE})
LINK_DISCOUNT = 0.35
# A factor's log-odds are capped: no single factor is ever certain.
MAX_LOGIT = 6.0
SCORE_FLOOR, SCORE_CEILING = 0.01, 0.99


@dataclass(slots=True)
class Verdict:
    factor: str
    logit: float
    best: tuple[float, str, str] | None  # (signed weight, source, what it said)
    pro: tuple[float, str, str] | None = None  # the strongest supporting item
    con: tuple[float, str, str] | None = None  # the strongest contradicting item

    @property
    def probability(self) -> float:
        return 1.0 / (1.0 + math.exp(-max(-MAX_LOGIT, min(MAX_LOGIT, self.logit))))


# -- factors --------------------------------------------------------------------------------------


def _accumulate(factor: str, prior: float, items: list[tuple[str, float, str]]) -> Verdict:
    """Sum weighted verdicts (source, value in -1..1, description) on top of the prior.

    When the document's own text speaks to the factor, what the link and page said about it
    counts for less (``LINK_DISCOUNT``): the text is the document, the link only a label for it.
    """
    logit = prior
    best: tuple[float, str, str] | None = None
    pro: tuple[float, str, str] | None = None
    con: tuple[float, str, str] | None = None
    weights = WEIGHTS[factor]
    text_spoke = any(source in TEXT_SOURCES and value for source, value, _ in items)
    for source, value, said in items:
        signed = weights.get(source, 0.0) * value
        if text_spoke and source not in TEXT_SOURCES:
            signed *= LINK_DISCOUNT
        logit += signed
        if best is None or abs(signed) > abs(best[0]):
            best = (signed, source, said)
        if signed > 0 and (pro is None or signed > pro[0]):
            pro = (signed, source, said)
        if signed < 0 and (con is None or signed < con[0]):
            con = (signed, source, said)
    return Verdict(factor, logit, best, pro, con)


def kind_verdict(intent: Intent, sources: list[Source], text_read: bool = False) -> Verdict | None:
    wanted = set(intent.kinds)
    excluded = set(intent.excluded_kinds)
    if not wanted and not excluded:
        return None
    related = set().union(*(RELATED_KINDS.get(k, frozenset()) for k in wanted)) if wanted else set()
    items = []
    for s in sources:
        heads = s.phrase.heads
        if not heads:
            continue
        said = "/".join(sorted(heads))
        if heads & excluded:
            items.append((s.name, -1.0, said))
        elif not wanted:
            continue
        elif heads & wanted:
            # "Agendas & Minutes" names the wanted kind among others: a listing, not a verdict.
            items.append((s.name, 1.0 if heads <= wanted and not s.phrase.listing else 0.25, said))
        elif s.phrase.listing:
            items.append((s.name, -0.25, said))
        elif heads & related:
            items.append((s.name, -0.4, said))
        else:
            items.append((s.name, -1.0, said))
    prior = PRIORS["kind"] if wanted else 2.0
    if text_read and wanted and not any(source in TEXT_SOURCES for source, _, _ in items):
        prior -= TEXT_SILENT_KIND_PENALTY
    return _accumulate("kind", prior, items)


# Sources that speak for the whole page (which may list many bodies) and those that speak for the
# one document (its link, label, row, file name). When the latter name a body, the former count less:
# a "Board of Education" page title says little about the committee minutes listed on that page.
PAGE_WIDE = frozenset({PAGE, CRUMB, FOLDER})
OWN_LABELS = frozenset({LINK, LABEL, FILE, COLUMN, CONTEXT})
PAGE_WIDE_DISCOUNT = 0.35


def body_verdict(intent: Intent, sources: list[Source]) -> Verdict | None:
    if not intent.bodies and not intent.excluded_bodies:
        return None
    own_named = any(s.name in OWN_LABELS and s.phrase.bodies for s in sources)
    items = []
    for s in sources:
        bodies = s.phrase.bodies
        if not bodies:
            continue
        said = " / ".join(b.text for b in bodies)
        if intent.excluded_bodies and source_agreement(intent.excluded_bodies, bodies) >= 0.7:
            items.append((s.name, -1.0, said))
            continue
        if not intent.bodies:
            continue
        value = source_agreement(intent.bodies, bodies)
        if value and own_named and s.name in PAGE_WIDE:
            value *= PAGE_WIDE_DISCOUNT
        if value:
            items.append((s.name, value, said))
    return _accumulate("body", PRIORS["body"] if intent.bodies else 2.0, items)


def time_verdict(intent: Intent, sources: list[Source]) -> Verdict | None:
    if not intent.periods:
        return None
    items = []
    for s in sources:
        if s.own is None:
            continue
        items.append((s.name, agreement(s.own, intent.periods), s.own.label))
    return _accumulate("time", PRIORS["time"], items)


def status_verdict(intent: Intent, sources: list[Source], text_read: bool) -> Verdict | None:
    excluded = set(intent.excluded_statuses)
    required = set(intent.required_statuses)
    if "final" in required:
        excluded |= {"draft", "proposed"}
    if not excluded and not required:
        return None
    items = []
    for s in sources:
        statuses = s.phrase.statuses
        if not statuses:
            continue
        said = "/".join(sorted(statuses))
        if statuses & excluded:
            items.append((s.name, -1.0, said))
        elif statuses & required:
            items.append((s.name, 1.0, said))
        elif required and not ("final" in required and statuses <= {"final", "amended"}):
            # "Proposed Budget" when the amended one is asked for; an amended budget is still final.
            items.append((s.name, -0.6, said))
    prior = PRIORS["status"] if excluded else 0.0
    text_marked = any(source in TEXT_SOURCES and value < 0 for source, value, _ in items)
    if text_read and excluded and not text_marked:
        prior += TEXT_READ_STATUS_BONUS
    return _accumulate("status", prior, items)


def topic_verdict(intent: Intent, sources: list[Source]) -> Verdict | None:
    topics = set(intent.topics)
    if not topics:
        return None
    items = []
    for s in sources:
        if not s.phrase.kinds:
            continue
        if s.phrase.kinds & topics:
            items.append((s.name, 1.0, "/".join(sorted(s.phrase.kinds & topics))))
        elif s.phrase.heads & set(intent.kinds):
            items.append((s.name, -0.5, "/".join(sorted(s.phrase.kinds))))
    return _accumulate("topic", PRIORS["topic"], items)


def audience_verdict(intent: Intent, sources: list[Source]) -> Verdict | None:
    """Who the document is for, per dimension (school level, group): another value contradicts."""
    if not intent.audiences:
        return None
    wanted = set(intent.audiences)
    dimensions = {a.split(":")[0] for a in wanted}
    items = []
    for s in sources:
        named = {a for a in s.phrase.audiences if a.split(":")[0] in dimensions}
        if not named:
            continue
        values = []
        for dim in dimensions:
            here = {a for a in named if a.startswith(dim + ":")}
            if here:
                values.append(1.0 if here <= wanted else -1.0 if not here & wanted else -0.3)
        value = min(values) if min(values) < 0 else sum(values) / len(values)
        items.append((s.name, value, "/".join(sorted(a.split(":")[1] for a in named))))
    return _accumulate("audience", PRIORS["audience"], items)


def keyword_factor(intent: Intent, sources: list[Source], text: DocumentText | None, raw: str) -> float:
    """Free words of the prompt ("employee" handbook): found in strong evidence, in the text, or nowhere."""
    if not intent.keywords:
        return 1.0
    haystack = raw.lower()
    # A stem, so "passed" finds "passage" and "renovations" finds "renovation".
    stems = [k[: max(4, len(k) - 2)] for k in intent.keywords]
    found = sum(1 for k in stems if k in haystack)
    if found == len(stems):
        return 1.0
    if text is not None:
        body = text.text[:20000].lower()
        in_text = sum(1 for k in stems if k in body or k in haystack)
        return 0.9 if in_text == len(stems) else 0.5 + 0.4 * in_text / len(stems)
    return 0.7 + 0.3 * found / len(stems)


# -- scoring --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Assessment:
    """The factors behind one score (kept for reasons and for tuning)."""

    verdicts: tuple[Verdict, ...]
    keyword: float

    @property
    def confidence(self) -> float:
        p = self.keyword
        for v in self.verdicts:
            p *= v.probability
        return round(min(SCORE_CEILING, max(SCORE_FLOOR, p)), 3)


def assess(intent: Intent, sources: list[Source], text: DocumentText | None, raw: str) -> Assessment:
    verdicts = [
        kind_verdict(intent, sources, text is not None),
        body_verdict(intent, sources),
        time_verdict(intent, sources),
        status_verdict(intent, sources, text is not None),
        topic_verdict(intent, sources),
        audience_verdict(intent, sources),
    ]
    return Assessment(tuple(v for v in verdicts if v is not None), keyword_factor(intent, sources, text, raw))


_FACTOR_WORDS = {
    "kind": "kind",
    "body": "body",
    "time": "date",
    "status": "status",
    "topic": "topic",
    "audience": "audience",
}


# A supporting or contradicting item this strong is named even when the factor's total went the other way.
NAMED_EVIDENCE = 1.0


def reason(assessment: Assessment, intent: Intent) -> str:
    """One sentence naming each constraint of the request the evidence contradicted and each it matched.

    "Contradicted by date 2024-02-13 (title block) not in 2024-03-12, matches kind minutes
    (link label); body town board (section heading), no evidence of audience."
    """
    good: list[str] = []
    bad: list[str] = []
    for v in assessment.verdicts:
        word = _FACTOR_WORDS[v.factor]
        if v.con is not None and (v.probability < 0.5 or -v.con[0] >= NAMED_EVIDENCE):
            bad.append(f"{word} {v.con[2]} ({v.con[1]})" + _wanted(v.factor, intent))
        if v.pro is not None and (v.probability >= 0.5 or v.pro[0] >= NAMED_EVIDENCE):
            note = f"{word} {v.pro[2]} ({v.pro[1]})"
            good.append(note if v.probability >= 0.5 else f"weakly {note}")
    unknown = [_FACTOR_WORDS[v.factor] for v in assessment.verdicts if v.pro is None and v.con is None]
    parts = []
    if bad:
        parts.append("contradicted by " + "; ".join(bad))
    if good:
        parts.append("matches " + "; ".join(good))
    if unknown:
        parts.append("no evidence of " + ", ".join(unknown))
    if assessment.keyword < 1.0:
        parts.append("missing the words " + ", ".join(intent.keywords))
    sentence = ", ".join(parts) if parts else "nothing in the evidence relates to the request"
    return sentence[0].upper() + sentence[1:] + "."


def _wanted(factor: str, intent: Intent) -> str:
    if factor == "time":
        return " not in " + " / ".join(t.label for t in intent.times)
    if factor == "kind" and intent.kinds:
        return " not " + " / ".join(intent.kinds)
    if factor == "body" and intent.bodies:
        return " not " + " / ".join(b.text for b in intent.bodies)
    if factor == "status" and intent.required_statuses:
        return " not " + " / ".join(intent.required_statuses)
    if factor == "status" and intent.excluded_statuses:
        return ", excluded"
    if factor == "audience" and intent.audiences:
        return " not " + " / ".join(a.split(":")[1] for a in intent.audiences)
    return ""


def _raw_candidate_text(candidate: Candidate, filename: str | None) -> str:
    return " ".join(
        (
            candidate.link_text,
            candidate.title_attr,
            candidate.heading,
            candidate.page_title,
            candidate.breadcrumb,
            candidate.url,
            filename or "",
        )
    )


class RuleScorer:
    """The default scorer: deterministic, offline, no model, no network."""

    name = "rules"

    def score_candidate(self, intent: Intent, candidate: Candidate) -> Score:
        sources = candidate_sources(candidate)
        found = assess(intent, sources, None, _raw_candidate_text(candidate, None))
        return Score(found.confidence, reason(found, intent))

    def score_document(
        self, intent: Intent, candidate: Candidate, text: DocumentText | None, filename: str | None
    ) -> Score:
        sources = candidate_sources(candidate, filename)
        if text is not None and text.text_length:
            sources = text_sources(text, bool(set(intent.kinds) & PERIOD_KINDS)) + sources
            raw = (
                _raw_candidate_text(candidate, filename) + " " + title_block(text) + " " + (text.title or "")
            )
            found = assess(intent, sources, text, raw)
        else:
            found = assess(intent, sources, None, _raw_candidate_text(candidate, filename))
        return Score(found.confidence, reason(found, intent))

    def usage(self) -> ScorerUsage:
        return ScorerUsage()
