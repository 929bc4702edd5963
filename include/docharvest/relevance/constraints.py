"""Constraint matching: each source's verdict on the kind, body, time, status, topic and audience asked for.

One function per constraint of the request turns what every evidence source says into
weighted items and accumulates them (``confidence.accumulate``) into that factor's ``Verdict``;
None when the request does not constrain that factor.
"""

from __future__ import annotations

from docharvest.relevance.bodies import (
    is_bare,
    is_organisation_board,
    source_agreement,
    without_organisation,
    without_site_owner,
)
from docharvest.relevance.confidence import PRIORS, TEXT_SOURCES, TITLE_NOUN, Verdict, accumulate
from docharvest.relevance.dates import agreement
from docharvest.relevance.evidence import (
    COLUMN,
    CONTEXT,
    CRUMB,
    FILE,
    FOLDER,
    HEADING,
    LABEL,
    LINK,
    META,
    PAGE,
    SECTION,
    TITLE,
    Source,
)
from docharvest.relevance.free_words import same_nouns, stem
from docharvest.relevance.intent import BodySpec, Intent, subject_words
from docharvest.relevance.issuers import ISSUER_VALUE
from docharvest.relevance.vocab import RELATED_KINDS, SPECIALIST_GROUPS

# Log-odds of the kind when the prompt's kind is unknown to the vocabulary (its words decide).
UNKNOWN_KIND_PRIOR = 1.5
# A title block naming the head noun of a kind the vocabulary does not know (a share of a full verdict).
TITLE_NAMED = 0.25
# Reading a document's text and finding no draft marker is evidence it is not a draft.
TEXT_READ_STATUS_BONUS = 1.5
# Minutes, agendas, budgets and reports name themselves in their title block: a read
# document whose text names no kind at all is evidence against the kind asked for.
TEXT_SILENT_KIND_PENALTY = 1.5


# Sources that name the one document (not the page or the listing it sits in).
OWN_SOURCES = frozenset({TITLE, META, LINK, LABEL, FILE, COLUMN})
# Kinds that answer a request only when it names them: a request for "the water quality report"
# (a kind the vocabulary does not know) is not answered by minutes, an agenda or a hearing notice.
ANSWER_KINDS = frozenset({"minutes", "agenda", "packet", "notice", "form", "presentation", "summary", "transcript",
                          "newsletter", "menu", "schedule", "calendar"})  # fmt: skip
# Wanting one of these kinds means wanting the documents about another one.
# (Not a form: the instructions for an application are not the application; a request for a
# "certification form" names its marker word.)
DERIVED_KINDS = frozenset({"notice", "presentation", "summary"})
DERIVED_WORDS = frozenset({"summary", "comments", "comment", "notice", "hearing", "survey", "instructions",
                           "addendum", "presentation", "revisions", "changes", "overview", "highlights",
                           "certification", "errata", "response"})  # fmt: skip


# A label headed by a known kind the request's words do not name, for a kind the vocabulary does not know.
OTHER_HEAD = 0.6


def _named_by(kind: str, words: tuple[str, ...]) -> bool:
    """Do the request's words name ``kind`` ("report" in "water quality report")?"""
    # A title noun of the same group counts ("timetable" names the "schedule").
    stems = {stem(n) for w in words for n in same_nouns(w) if " " not in n}
    return all(stem(w) in stems for w in kind.split())


def _wants_derived(intent: Intent) -> bool:
    words = set(intent.prompt.lower().replace("-", " ").split())
    return bool(set(intent.kinds) & DERIVED_KINDS or words & DERIVED_WORDS)


def kind_verdict(
    intent: Intent, sources: list[Source], text_read: bool = False, title_names: str = ""
) -> Verdict | None:
    """``title_names``: the head noun of a kind the vocabulary does not know, when the document's
    title block names it (``kind_heads``): the document says it is one."""
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
        elif heads & wanted and intent.sorts and s.phrase.sorts and not s.phrase.sorts & set(intent.sorts):
            # The capital improvement plan for the master plan: the kind asked for, of another sort.
            items.append(
                (s.name, -0.25 if s.phrase.listing else -1.0, "/".join(sorted(s.phrase.sorts)) + f" {said}")
            )
        elif heads & wanted:
            # "Agendas & Minutes" names the wanted kind among others: a listing, not a verdict.
            items.append((s.name, 1.0 if heads <= wanted and not s.phrase.listing else 0.25, said))
        elif s.phrase.listing:
            items.append((s.name, -0.25, said))
        elif heads & related:
            items.append((s.name, -0.4, said))
        else:
            items.append((s.name, -1.0, said))
    if title_names and not wanted and not excluded:
        items.append((TITLE_NOUN, TITLE_NAMED, title_names))
    prior = PRIORS["kind"] if wanted else 2.0 if excluded else UNKNOWN_KIND_PRIOR
    if text_read and wanted and not any(source in TEXT_SOURCES for source, _, _ in items):
        prior -= TEXT_SILENT_KIND_PENALTY
    return accumulate("kind", prior, items)


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
    intent: Intent, sources: list[Source], org_keys: frozenset[str] = frozenset(), issuer: str | None = None
) -> Verdict | None:
    """``issuer``: a title block's first line naming a group that is neither a body read as one
    nor the site's organisation (``issuers``): evidence against the body asked for."""
    if not intent.bodies and not intent.excluded_bodies:
        return _affiliate_verdict(intent, sources)
    wanted = intent.bodies
    if any(is_organisation_board(b, org_keys) for b in wanted):
        wanted = (*wanted, ORGANISATION_BOARD)
    elif any(b.key == "governing" for b in wanted):
        # And the other way: the "board of trustees" of a library is its "Library Board".
        wanted = (*wanted, *(BodySpec(key, "", f"{key} board") for key in sorted(org_keys)))
    owners = tuple(
        b
        for s in sources
        if s.name in (PAGE, CRUMB)
        for b in s.phrase.bodies
        if not b.plural and not is_bare(b.text)
    )
    # The group a document is listed under ("Agenda Center / Planning Commission": one table per
    # body) names its body as its own row or label does: the page title then speaks only for the site.
    own_named = any(
        (s.name in OWN_LABELS and s.phrase.bodies) or (s.name == SECTION and _names_one_body(s))
        for s in sources
    )
    own_body = any(
        s.name in OWN_LABELS and any(not is_bare(b.text) for b in s.phrase.bodies) for s in sources
    )
    # A bare "Board" in a section heading or the page title says nothing against the committee the
    # heading right above the document names ("Zone 7 Advisory Committee - Regular Meeting").
    heading_named = any(s.name == HEADING and _names_one_body(s) for s in sources)
    named_above = own_body or heading_named
    items = []
    for s in sources:
        bodies = without_organisation(s.phrase.bodies, org_keys) if org_keys else s.phrase.bodies
        if s.name not in PAGE_WIDE:
            bodies = without_site_owner(bodies, owners)
        if not bodies or (
            named_above and s.name in PAGE_WIDE | {SECTION} and all(is_bare(b.text) for b in bodies)
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
        if value and (
            (s.name in PAGE_WIDE and (own_named or value < 0))
            or (s.name == HEADING and value > 0 and own_body)
            or (s.name == SECTION and value > 0 and heading_named)
        ):
            # (And the headings further up, once the one right above the document names its body:
            # "Library Board and Reports / Friends of the Library" lists the friends' minutes.)
            # (And a heading over a grid of every body's meetings, once the row names its body.)
            # A page title names the site's organisation or the listing, not this document: it
            # supports, but contradicts a body only weakly ("Regional Planning Council" above the
            # Executive Committee's minutes).
            value *= PAGE_WIDE_DISCOUNT
        if value:
            items.append((s.name, value, said))
    if issuer and intent.bodies and not any(s.name == TITLE and s.phrase.bodies for s in sources):
        items.append((TITLE, ISSUER_VALUE, issuer.lower()))
    return accumulate("body", PRIORS["body"] if intent.bodies else 2.0, items)


_AFFILIATE_WORDS = frozenset(w for group in SPECIALIST_GROUPS["affiliate"] for w in group)


def _affiliate_verdict(intent: Intent, sources: list[Source]) -> Verdict | None:
    """A request naming no body wants the organisation's own document: one whose own title or label
    names only a group beside it ("Hospital Foundation", "Friends of the Library") is that group's.
    Not when the request or the site names such a group (the foundation's own site)."""
    if set(intent.prompt.lower().split()) & _AFFILIATE_WORDS:
        return None
    if any(b.key == "affiliate" for s in sources if s.name in (PAGE, CRUMB) for b in s.phrase.bodies):
        return None
    items = [
        (s.name, -1.0, " / ".join(b.text for b in s.phrase.bodies))
        for s in sources
        if s.name in OWN_SOURCES and s.phrase.bodies and all(b.key == "affiliate" for b in s.phrase.bodies)
    ]
    return accumulate("body", 2.0, items) if items else None


def _names_one_body(source: Source) -> bool:
    bodies = source.phrase.bodies
    if source.name == SECTION:
        bodies = bodies[-1:]  # the innermost heading naming a body ("Library Board and Reports / Friends")
    return len(bodies) == 1 and not bodies[0].plural and not is_bare(bodies[0].text)


def time_verdict(intent: Intent, sources: list[Source]) -> Verdict | None:
    if not intent.periods:
        return None
    items = []
    for s in sources:
        if s.own is None:
            continue
        items.append((s.name, agreement(s.own, intent.periods), s.own.label))
    return accumulate("time", PRIORS["time"], items)


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
        excluded = set(IMPLICIT_EXCLUDED | (IMPLICIT_EXCLUDED_SINGLE if _one_record(intent) else frozenset()))
    # A link that names nothing ("PDF") is named by the heading over it ("... (archived)").
    bare = _bare_link(sources)
    own = OWN_SOURCES | TEXT_SOURCES | ({HEADING} if bare else frozenset())
    items = []
    for s in sources:
        statuses = s.phrase.statuses
        if not statuses or (implicit and s.name not in own):
            continue
        said = "/".join(sorted(statuses))
        name = LABEL if bare and s.name == HEADING else s.name  # the heading naming a bare link is its label
        if statuses & excluded:
            items.append((name, -IMPLICIT_STATUS if implicit else -1.0, said))
        elif statuses & required:
            items.append((name, 1.0, said))
        elif required and not ("final" in required and statuses <= {"final", "amended"}):
            # "Proposed Budget" when the amended one is asked for; an amended budget is still final.
            items.append((name, -0.6, said))
    if implicit and not items:
        return None  # nothing marks it: no status constraint to report
    prior = PRIORS["status"] if excluded else 0.0
    text_marked = any(source in TEXT_SOURCES and value < 0 for source, value, _ in items)
    # A text without a draft stamp is no draft; it says nothing of a newer edition replacing it.
    superseded = any(value < 0 and "superseded" in said.split("/") for _, value, said in items)
    if text_read and excluded and not text_marked and not superseded:
        prior += TEXT_READ_STATUS_BONUS
    return accumulate("status", prior, items)


def _one_record(intent: Intent) -> bool:
    """One document asked for: "the X", or the record of one meeting (a day or a month named)."""
    periods = intent.periods
    return intent.single or (bool(periods) and all(p.granularity in ("day", "month") for p in periods))


def _bare_link(sources: list[Source]) -> bool:
    """Does the link's own text name nothing ("PDF", "Download", "View")?"""
    for s in sources:
        if s.name == LINK:
            p = s.phrase
            return not (p.heads or p.bodies or p.dates or p.audiences or p.statuses)
    return True


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
    return accumulate("topic", PRIORS["topic"], items)


# An audience the request names that nothing confirms: uncertain (0.5), not a pass.
UNCONFIRMED_AUDIENCE = 0.5


# Audience groups that name an activity rather than the people a document is for.
TOPIC_GROUPS = frozenset({"group:athletics"})


# A request names its language by being written in it (``languages``).
REQUEST_LANGUAGE = "language:english"


def audience_verdict(intent: Intent, sources: list[Source]) -> Verdict | None:
    """Who the document is for, per dimension (school level, group, age, language): another value
    contradicts. The language is always asked for: a translation answers no request in English."""
    wanted = wanted_audiences(intent)
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
    if not intent.audiences and not items:
        return None  # no audience asked for, no language named: nothing to report
    return accumulate(
        "audience", PRIORS["audience"] - (UNCONFIRMED_AUDIENCE if intent.audiences else 0.0), items
    )


def wanted_audiences(intent: Intent) -> set[str]:
    wanted = set(intent.audiences)
    if not any(a.startswith("language:") for a in wanted):
        wanted.add(REQUEST_LANGUAGE)
    return wanted
