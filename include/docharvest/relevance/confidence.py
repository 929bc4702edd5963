"""Combining verdicts: per-source weights summed in log-odds, evidence groups, capped confidence.

Each source's verdict on a factor counts with its weight (``WEIGHTS``) on top of the factor's
prior (``PRIORS``); the document's own text discounts what its link and page said. A factor's
probability is the logistic of its capped sum, the confidence their product, capped by how many
independent evidence groups (``GROUP_OF``) support what the document is (``CEILING_BY_GROUPS``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

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
)

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
# The title block naming the head noun of a kind the vocabulary does not know (``kind_heads``):
# the document's own word, but not its text speaking to the kind -- the labels keep their weight.
TITLE_NOUN = "title block noun"
WEIGHTS["kind"][TITLE_NOUN] = WEIGHTS["kind"][TITLE]
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
# Sources that are the document itself, and how much the rest counts once they have spoken.
TEXT_SOURCES = frozenset({TITLE, FIRST_PAGE})
LINK_DISCOUNT = 0.35
# A factor's log-odds are capped: no single factor is ever certain.
MAX_LOGIT = 6.0
SCORE_FLOOR, SCORE_CEILING = 0.01, 0.99


# A downloaded document's score, once every source has spoken, is stretched away from one half in
# log-odds by this much: the product of factors is too timid (among the development parts'
# documents scored 0.2-0.5 almost none are relevant, among those scored 0.7-0.9 almost all).
# The job threshold (0.5) stays in place; the pre-download score is not stretched.
FINAL_SHARPNESS = 1.8


# Independent evidence groups: what the link and its cell call the document, its file name, the
# heading or row around it, the page it sits on, and its own text. Sources of one group repeat
# each other (a link text and its tooltip); agreement across groups is what makes a match sure.
GROUP_OF: dict[str, str] = {
    LINK: "label", LABEL: "label", COLUMN: "label",
    FILE: "file",
    HEADING: "context", CONTEXT: "context",
    PAGE: "page", CRUMB: "page", FOLDER: "page", SECTION: "page",
    TITLE: "text", META: "text", FIRST_PAGE: "text", CREATED: "text", TITLE_NOUN: "text",
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


def accumulate(factor: str, prior: float, items: list[tuple[str, float, str]]) -> Verdict:
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


@dataclass(frozen=True, slots=True)
class Assessment:
    """The factors behind one score (kept for reasons and for tuning)."""

    verdicts: tuple[Verdict, ...]
    keyword: float
    subject: float = 1.0
    subject_groups: frozenset[str] = frozenset()  # groups holding the request's own words
    subject_asked: bool = False  # the request's kind is unknown: its own words say what it is
    head: float = 1.0  # such a kind's head noun named by the document's own title (``kind_heads``)
    initials: float = 1.0  # another body than the initials the request typed (``issuers``)
    initials_body: str = ""
    numbers: float = 1.0  # the numbers the request names ("rt 40") held by its labels (``kind_heads``)

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
        return self.score()

    def score(self, sharpness: float = 1.0) -> float:
        """The confidence; ``sharpness`` > 1 stretches it away from one half in log-odds (``FINAL_SHARPNESS``)."""
        p = self.keyword * self.subject * self.head * self.initials * self.numbers
        for v in self.verdicts:
            p *= v.probability
        if sharpness != 1.0 and 0.0 < p < 1.0:
            p = 1.0 / (1.0 + math.exp(-sharpness * math.log(p / (1.0 - p))))
        asks = self.subject_asked or any(v.factor in IDENTITY_FACTORS for v in self.verdicts)
        ceiling = CEILING_BY_GROUPS.get(len(self.groups), SCORE_CEILING) if asks else SCORE_CEILING
        return round(min(ceiling, SCORE_CEILING, max(SCORE_FLOOR, p)), 3)


# What the document is and who issued it; a date alone says nothing of what a document is.
IDENTITY_FACTORS = frozenset({"kind", "body"})
