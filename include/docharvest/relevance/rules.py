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
decoy_sites_dev2.py, since round 2 decoy_sites_part3.py, since round 3 decoy_sites_part4.py) and
../shared/realworld/civic (``bench/relevance.py``); held-back part 5 (decoy_sites_part5.py) is never
tuned on and shows how far that holds on unseen page structures. The confidence is also capped by
how many independent evidence groups (label, file name, context, text) agree on what the document
is (``CEILING_BY_GROUPS``): one source alone never reaches 0.9, the page alone never passes 0.5. Because text evidence carries the largest weights, a document whose title block
contradicts its link drops out after download; one without readable text is judged on its
context alone.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass

from docharvest.models import Candidate
from docharvest.relevance.base import Score, ScorerUsage
from docharvest.relevance.bodies import (
    is_bare,
    is_organisation_board,
    organisation_keys,
    source_agreement,
    without_organisation,
)
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
    LABEL_CHARS,
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
from docharvest.relevance.intent import BodySpec, Intent, subject_words
from docharvest.relevance.phrases import split_url
from docharvest.relevance.vocab import PERIOD_KINDS, RELATED_KINDS
from docharvest.text.document import DocumentText

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
# Log-odds of the kind when the prompt's kind is unknown to the vocabulary (its words decide).
UNKNOWN_KIND_PRIOR = 1.5
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


# Independent evidence groups: what the link and its cell call the document, its file name, the
# heading or row around it, the page it sits on, and its own text. Sources of one group repeat
# each other (a link text and its tooltip); agreement across groups is what makes a match sure.
GROUP_OF: dict[str, str] = {
    LINK: "label", LABEL: "label", COLUMN: "label",
    FILE: "file",
    HEADING: "context", CONTEXT: "context",
    PAGE: "page", CRUMB: "page", FOLDER: "page", SECTION: "page",
    TITLE: "text", META: "text", FIRST_PAGE: "text", CREATED: "text",
}  # fmt: skip
# A signed log-odds this large counts as a group's support.
SUPPORTING = 0.5
# The highest confidence by how many groups other than the page support what the document is
# (its kind, or the request's own words when the kind is unknown, and its body): one source of
# evidence, however strong, is not enough for 0.9 on a page layout never seen, and the page alone
# (an "Agenda Center" title over every document) does not make a document the one asked for.
CEILING_BY_GROUPS = {0: 0.45, 1: 0.85}


@dataclass(slots=True)
class Verdict:
    factor: str
    logit: float
    best: tuple[float, str, str] | None  # (signed weight, source, what it said)
    pro: tuple[float, str, str] | None = None  # the strongest supporting item
    con: tuple[float, str, str] | None = None  # the strongest contradicting item
    support: frozenset[str] = frozenset()  # the evidence groups (``GROUP_OF``) that supported it

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
    support: set[str] = set()
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
        if signed >= SUPPORTING:
            support.add(GROUP_OF.get(source, source))
        if signed < 0 and (con is None or signed < con[0]):
            con = (signed, source, said)
    return Verdict(factor, logit, best, pro, con, frozenset(support))


# Sources that name the one document (not the page or the listing it sits in).
OWN_SOURCES = frozenset({TITLE, META, LINK, LABEL, FILE, COLUMN})
# Kinds that answer a request only when it names them: a request for "the water quality report"
# (a kind the vocabulary does not know) is not answered by minutes, an agenda or a hearing notice.
ANSWER_KINDS = frozenset({"minutes", "agenda", "notice", "form", "presentation", "summary", "transcript",
                          "newsletter", "menu", "schedule", "calendar"})  # fmt: skip
# Wanting one of these kinds means wanting the documents about another one.
DERIVED_KINDS = frozenset({"notice", "presentation", "summary", "form"})
DERIVED_WORDS = frozenset({"summary", "comments", "comment", "notice", "hearing", "survey", "instructions",
                           "addendum", "presentation", "revisions", "changes", "overview", "highlights"})  # fmt: skip


# A label headed by a known kind the request's words do not name, for a kind the vocabulary does not know.
OTHER_HEAD = 0.6


def _named_by(kind: str, words: tuple[str, ...]) -> bool:
    """Do the request's words name ``kind`` ("report" in "water quality report")?"""
    stems = {_stem(w) for w in words}
    return all(_stem(w) in stems for w in kind.split())


def _wants_derived(intent: Intent) -> bool:
    words = set(intent.prompt.lower().replace("-", " ").split())
    return bool(set(intent.kinds) & DERIVED_KINDS or words & DERIVED_WORDS)


def kind_verdict(intent: Intent, sources: list[Source], text_read: bool = False) -> Verdict | None:
    wanted = set(intent.kinds)
    excluded = set(intent.excluded_kinds)
    subject = subject_words(intent)
    if not wanted and not excluded and not subject:
        return None
    related = set().union(*(RELATED_KINDS.get(k, frozenset()) for k in wanted)) if wanted else set()
    derived_ok = _wants_derived(intent)
    items = []
    for s in sources:
        heads = s.phrase.heads
        if s.phrase.derived and not derived_ok and s.name in OWN_SOURCES:
            # "Summary of Faculty Handbook Revisions", "Comments on the FY2023 Annual Plan".
            items.append((s.name, -1.0, "derived document"))
            continue
        if not heads:
            continue
        said = "/".join(sorted(heads))
        if not wanted and not excluded:
            # A kind the vocabulary does not know: minutes, an agenda, a notice do not answer it,
            # and a label headed by another known kind is another document ("CEDS Annual
            # Performance Report" for the CEDS, "Improvement Plan" for the health assessment).
            if s.name in OWN_SOURCES and not s.phrase.listing:
                other = {h for h in heads if not _named_by(h, subject)}
                if other & ANSWER_KINDS:
                    items.append((s.name, -1.0, said))
                elif other:
                    items.append((s.name, -OTHER_HEAD, said))
            continue
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
    prior = PRIORS["kind"] if wanted else 2.0 if excluded else UNKNOWN_KIND_PRIOR
    if text_read and wanted and not any(source in TEXT_SOURCES for source, _, _ in items):
        prior -= TEXT_SILENT_KIND_PENALTY
    return _accumulate("kind", prior, items)


# Sources that speak for the whole page (which may list many bodies) and those that speak for the
# one document (its link, label, row, file name). When the latter name a body, the former count less:
# a "Board of Education" page title says little about the committee minutes listed on that page.
PAGE_WIDE = frozenset({PAGE, CRUMB, FOLDER})
OWN_LABELS = frozenset({LINK, LABEL, FILE, COLUMN, CONTEXT})
PAGE_WIDE_DISCOUNT = 0.35


# The governing board of the organisation whose site it is: "the transit board" on a transit
# authority's site is its Board of Directors.
ORGANISATION_BOARD = BodySpec("governing", "", "board")


def body_verdict(
    intent: Intent, sources: list[Source], org_keys: frozenset[str] = frozenset()
) -> Verdict | None:
    if not intent.bodies and not intent.excluded_bodies:
        return None
    wanted = intent.bodies
    if any(is_organisation_board(b, org_keys) for b in wanted):
        wanted = (*wanted, ORGANISATION_BOARD)
    own_named = any(s.name in OWN_LABELS and s.phrase.bodies for s in sources)
    own_body = any(
        s.name in OWN_LABELS and any(not is_bare(b.text) for b in s.phrase.bodies) for s in sources
    )
    items = []
    for s in sources:
        bodies = without_organisation(s.phrase.bodies, org_keys) if org_keys else s.phrase.bodies
        if not bodies or (
            own_body and s.name in PAGE_WIDE | {SECTION} and all(is_bare(b.text) for b in bodies)
        ):
            # A page titled "Board Meetings" lists the board's and its committees' meetings: the
            # committee a card or row names is the document's body.
            continue
        said = " / ".join(b.text for b in bodies)
        if intent.excluded_bodies and source_agreement(intent.excluded_bodies, bodies) >= 0.7:
            items.append((s.name, -1.0, said))
            continue
        if not intent.bodies:
            continue
        value = source_agreement(wanted, bodies)
        if value and s.name in PAGE_WIDE and (own_named or value < 0):
            # A page title names the site's organisation or the listing, not this document: it
            # supports, but contradicts a body only weakly ("Regional Planning Council" above the
            # Executive Committee's minutes).
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


IMPLICIT_EXCLUDED = frozenset({"superseded"})
IMPLICIT_EXCLUDED_SINGLE = frozenset({"draft", "proposed"})
IMPLICIT_STATUS = 0.7  # share of a full verdict when the request did not state the status itself


def status_verdict(intent: Intent, sources: list[Source], text_read: bool) -> Verdict | None:
    excluded = set(intent.excluded_statuses)
    required = set(intent.required_statuses)
    if "final" in required:
        excluded |= {"draft", "proposed", "superseded"}
    implicit = not excluded and not required
    if implicit:
        # A request that names no status still wants what is in force: a superseded edition never
        # answers it, and "the X" (one document) is not its draft or proposal. Any kind, known or not;
        # only the document's own labels and text say so (a page listing drafts says nothing of this one).
        excluded = set(IMPLICIT_EXCLUDED | (IMPLICIT_EXCLUDED_SINGLE if intent.single else frozenset()))
    items = []
    for s in sources:
        statuses = s.phrase.statuses
        if not statuses or (implicit and s.name not in OWN_SOURCES | TEXT_SOURCES):
            continue
        said = "/".join(sorted(statuses))
        if statuses & excluded:
            items.append((s.name, -IMPLICIT_STATUS if implicit else -1.0, said))
        elif statuses & required:
            items.append((s.name, 1.0, said))
        elif required and not ("final" in required and statuses <= {"final", "amended"}):
            # "Proposed Budget" when the amended one is asked for; an amended budget is still final.
            items.append((s.name, -0.6, said))
    if implicit and not items:
        return None  # nothing marks it: no status constraint to report
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


# Audience groups that name an activity rather than the people a document is for.
TOPIC_GROUPS = frozenset({"group:athletics"})


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
            if not here:
                continue
            people_here, people_wanted = here - TOPIC_GROUPS, wanted - TOPIC_GROUPS
            if people_here and people_wanted and not people_here & people_wanted and dim == "group":
                # "Youth Sports Coaches Handbook" for the parents' one: sports shared, the readers not.
                values.append(-1.0)
            else:
                values.append(1.0 if here <= wanted else -1.0 if not here & wanted else -0.3)
        value = min(values) if min(values) < 0 else sum(values) / len(values)
        items.append((s.name, value, "/".join(sorted(a.split(":")[1] for a in named))))
    return _accumulate("audience", PRIORS["audience"], items)


@dataclass(frozen=True, slots=True)
class Texts:
    """The raw words around a document, by how closely they name it (for the request's free words)."""

    own: str  # its own labels: link text, tooltip, file name, title block, metadata title
    context: str  # next to it: the nearest heading, a short label, the table column
    page: str  # the whole page: title, breadcrumb, section headings, URL
    body: str | None = None  # its text, when read
    label: str = ""  # link text and file name only (what the listing calls it)


# Words of a link that say nothing about what it links to.
GENERIC_LINK_WORDS = frozenset({
    "download", "pdf", "view", "click", "here", "link", "file", "available", "open", "read", "doc", "docx",
    "document", "more", "details", "this", "see", "the", "full", "text", "version", "kb", "mb",
})  # fmt: skip
_TOKEN_RE = re.compile(r"[a-z][a-z0-9]*")


def _stem(word: str) -> str:
    # A stem, so "passed" finds "passage" and "renovations" finds "renovation".
    return word[: max(4, len(word) - 2)] if len(word) > 4 else word


def _holds(word: str, text: str) -> bool:
    return re.search(r"(?<![a-z])" + re.escape(_stem(word)), text) is not None


def _acronym_words(words: tuple[str, ...], text: str) -> set[str]:
    """Words of the request an acronym in ``text`` stands for: "CCR" for consumer confidence report."""
    tokens = {t for t in _TOKEN_RE.findall(text) if 2 <= len(t) <= 6}
    found: set[str] = set()
    for i in range(len(words)):
        for j in range(i + 2, len(words) + 1):
            if "".join(w[0] for w in words[i:j]) in tokens:
                found.update(words[i:j])
    return found


_LINKING = frozenset({"of", "the", "and", "for", "&"})


def _spelled_out(word: str, text: str) -> bool:
    """Does ``text`` spell out the abbreviation ``word`` ("boh": "Board of Health", "rn": "Registered
    Nurse")? Initials of consecutive words, a linking word ("of", "and") counted or skipped."""
    if not 2 <= len(word) <= 5 or not word.isalpha():
        return False
    tokens = re.findall(r"[a-z]+|&", text)
    for i, first in enumerate(tokens):
        if first[0] != word[0] or first in _LINKING:
            continue
        states = {1}  # letters of ``word`` matched so far
        for token in tokens[i + 1 :]:
            nxt = {n + 1 for n in states if n < len(word) and token[0] == word[n]}
            if token in _LINKING:
                nxt |= states
            if len(word) in nxt:
                return True
            if not nxt:
                break
            states = nxt
    return False


def _word_shares(words: tuple[str, ...], texts: Texts, page_share: float) -> list[float]:
    """How well each word is found: in the own labels 1, next to them 0.6, in the text 0.3."""
    own = texts.own.lower()
    context = texts.context.lower()
    page = texts.page.lower()
    body = (texts.body or "").lower()
    acronyms = _acronym_words(words, own)
    shares = []
    for w in words:
        if w in acronyms or _holds(w, own) or _spelled_out(w, own):
            shares.append(1.0)
        elif _holds(w, context) or _spelled_out(w, context):
            shares.append(0.6)
        elif body and _holds(w, body):
            shares.append(0.3)
        elif _holds(w, page):
            shares.append(page_share)
        else:
            shares.append(0.0)
    return shares


def subject_factor(intent: Intent, texts: Texts) -> float:
    """A request whose kind the vocabulary does not know is its words: a document's labels must hold them.

    "2023 water quality report": the "2023 Water Quality Report (CCR)" holds them all, the
    "2023 Annual Report" one in three, a board meeting's agenda none -- strong evidence against.
    """
    words = subject_words(intent)
    if not words:
        return 1.0
    share = sum(_word_shares(words, texts, 0.15)) / len(words)
    return SUBJECT_FLOOR + (1.0 - SUBJECT_FLOOR) * share**2


SUBJECT_FLOOR = 0.05


def _other_qualifiers(intent: Intent, texts: Texts) -> bool:
    """The document's label qualifies its kind with words the request does not use ("Trails Master Plan")."""
    from docharvest.relevance.intent import content_words

    asked = set(intent.keywords) | set(content_words(intent.prompt))
    page = texts.page.lower()
    for word in content_words(texts.label):
        if word in GENERIC_LINK_WORDS or _holds(word, page) or any(_stem(a) == _stem(word) for a in asked):
            continue
        return True
    return False


def keyword_factor(intent: Intent, texts: Texts) -> float:
    """Free words of the prompt ("employee" handbook): found in strong evidence, in the text, or nowhere.

    A word only the page holds (its title names the organisation or the section) counts fully
    when the document's own label adds no qualifier of its own, and for little when it does: a
    "Trails Master Plan" on the Parks & Recreation page is not "the parks master plan".
    """
    if not intent.keywords or subject_words(intent):
        return 1.0  # no free words, or a kind the vocabulary does not know: subject_factor reads them
    other = _other_qualifiers(intent, texts)
    shares = _word_shares(intent.keywords, texts, 0.2 if other else 1.0)
    if all(s >= 1.0 for s in shares) or (not other and all(s >= 0.6 for s in shares)):
        return 1.0
    found = sum(shares) / len(shares)
    if other:
        return OTHER_SUBJECT_FACTOR + (1.0 - OTHER_SUBJECT_FACTOR) * found**2
    return (0.5 if texts.body is not None else 0.7) + (0.5 if texts.body is not None else 0.3) * found


OTHER_SUBJECT_FACTOR = 0.2


# -- scoring --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Assessment:
    """The factors behind one score (kept for reasons and for tuning)."""

    verdicts: tuple[Verdict, ...]
    keyword: float
    subject: float = 1.0
    subject_groups: frozenset[str] = frozenset()  # groups holding the request's own words
    subject_asked: bool = False  # the request's kind is unknown: its own words say what it is

    @property
    def groups(self) -> frozenset[str]:
        """Evidence groups other than the page that support the document being the one asked for."""
        found = set(self.subject_groups)
        for v in self.verdicts:
            if v.factor in IDENTITY_FACTORS:
                found |= v.support
        return frozenset(found - {"page"})

    @property
    def confidence(self) -> float:
        p = self.keyword * self.subject
        for v in self.verdicts:
            p *= v.probability
        asks = self.subject_asked or any(v.factor in IDENTITY_FACTORS for v in self.verdicts)
        ceiling = CEILING_BY_GROUPS.get(len(self.groups), SCORE_CEILING) if asks else SCORE_CEILING
        return round(min(ceiling, SCORE_CEILING, max(SCORE_FLOOR, p)), 3)


# What the document is and who issued it; a date alone says nothing of what a document is.
IDENTITY_FACTORS = frozenset({"kind", "body"})


def assess(intent: Intent, sources: list[Source], texts: Texts) -> Assessment:
    read = texts.body is not None
    verdicts = [
        kind_verdict(intent, sources, read),
        body_verdict(
            intent, sources, organisation_keys([texts.page, texts.own]) if intent.bodies else frozenset()
        ),
        time_verdict(intent, sources),
        status_verdict(intent, sources, read),
        topic_verdict(intent, sources),
        audience_verdict(intent, sources),
    ]
    return Assessment(
        tuple(v for v in verdicts if v is not None),
        keyword_factor(intent, texts),
        subject_factor(intent, texts),
        subject_groups(intent, texts),
        bool(subject_words(intent)),
    )


def subject_groups(intent: Intent, texts: Texts) -> frozenset[str]:
    """Where the request's own words (a kind the vocabulary does not know) are found: its label, next to it, its text."""
    words = subject_words(intent)
    if not words:
        return frozenset()
    found = set()
    for group, text in (("label", texts.label), ("context", texts.context), ("text", texts.body or "")):
        lower = text.lower()
        held = _acronym_words(words, lower) | {w for w in words if _holds(w, lower) or _spelled_out(w, lower)}
        if lower and len(held) * 2 > len(words):
            found.add(group)
    return frozenset(found)


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
    if assessment.subject < 1.0:
        parts.append("its label does not name " + " ".join(subject_words(intent)))
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


def candidate_texts(candidate: Candidate, filename: str | None, text: DocumentText | None = None) -> Texts:
    """The raw words around a candidate (and, once read, in its title block and text)."""
    folder, url_name = split_url(candidate.url)
    name = filename or str(candidate.extra.get("filename") or "") or url_name
    # Words only: upload ids and hashes ("0acc11b7") are not words of a title.
    name = re.sub(r"\b\w*\d\w*\b", " ", re.sub(r"[-_.+]+", " ", name))
    link = " ".join(t for t in (candidate.link_text, candidate.title_attr) if t and t.strip())
    own = [link, name]
    near = [candidate.heading, str(candidate.extra.get("column") or "")]
    context = candidate.context or ""
    if len(context) <= LABEL_CHARS:
        near.append(context)
    label = " ".join(own)
    if not any(w not in GENERIC_LINK_WORDS for w in _TOKEN_RE.findall(link.lower()) if len(w) > 2):
        # A bare "Download PDF" link: the heading or label next to it names the document.
        own += near
        label = " ".join([name, *near])
    page = " ".join(
        (
            candidate.page_title,
            candidate.breadcrumb,
            str(candidate.extra.get("section") or ""),
            folder,
            context if len(context) > LABEL_CHARS else "",
        )
    )
    body = None
    if text is not None and text.text_length:
        own += [title_block(text), text.title or ""]
        body = text.text[:20000]
    return Texts(" ".join(own), " ".join(near), page, body, label)


class RuleScorer:
    """The default scorer: deterministic, offline, no model, no network."""

    name = "rules"

    def score_candidate(self, intent: Intent, candidate: Candidate) -> Score:
        sources = candidate_sources(candidate)
        found = assess(intent, sources, candidate_texts(candidate, None))
        return Score(found.confidence, reason(found, intent))

    def score_document(
        self, intent: Intent, candidate: Candidate, text: DocumentText | None, filename: str | None
    ) -> Score:
        sources = candidate_sources(candidate, filename)
        if text is not None and text.text_length:
            sources = text_sources(text, bool(set(intent.kinds) & PERIOD_KINDS)) + sources
            found = assess(intent, sources, candidate_texts(candidate, filename, text))
        else:
            found = assess(intent, sources, candidate_texts(candidate, filename))
        return Score(found.confidence, reason(found, intent))

    def usage(self) -> ScorerUsage:
        return ScorerUsage()
