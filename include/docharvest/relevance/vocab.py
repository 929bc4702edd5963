"""The words relevance scoring knows: document kinds, issuing bodies, statuses.

Everything here is general English as used by public bodies and companies to name
their documents; nothing is taken from a particular site. Phrases are matched on
lower-cased text with word boundaries (see ``phrases``); longer phrases win over
the shorter ones they contain ("annual report" over "report", "agenda packet"
over "agenda").
"""

from __future__ import annotations

# fmt: off
# Canonical kind -> phrases (singular and plural spelled out; matching is literal).
KIND_PHRASES: dict[str, tuple[str, ...]] = {
    "minutes": (
        "minutes", "meeting minutes", "summary of proceedings", "proceedings", "journal of proceedings",
        "record of proceedings", "action minutes", "minute book", "meeting summary", "summary minutes",
        "action summary", "meeting notes", "notes", "mtg notes",
    ),
    "agenda": ("agenda", "agendas", "order of business", "agenda items"),
    # A meeting's packet holds its agenda and every supporting document: not the agenda alone.
    "packet": (
        "packet", "packets", "agenda packet", "agenda packets", "meeting packet", "meeting packets",
        "board packet", "board packets",
    ),
    "budget": (
        "budget", "budgets", "budget book", "budget document", "budget documents", "spending plan",
        "operating budget", "capital budget", "appropriations",
    ),
    "presentation": (
        "presentation", "presentations", "slides", "slide deck", "slide presentation", "deck",
        "powerpoint",
    ),
    "annual report": (
        "annual report", "annual reports", "year in review", "10-k", "form 10-k", "annual review",
        "report to the community", "report to shareholders", "annual report to shareholders",
    ),
    "audit": (
        "audit", "audits", "audit report", "audit reports", "audited financial statements",
        "single audit", "independent auditor's report", "independent auditors report", "auditor's report",
        "acfr", "cafr", "comprehensive annual financial report", "annual comprehensive financial report",
        "management letter",
    ),
    "financial report": (
        "financial report", "financial reports", "financial statements", "financial statement",
        "treasurer's report", "treasurers report", "monthly financial report",
    ),
    "ordinance": ("ordinance", "ordinances", "local law", "local laws"),
    "resolution": ("resolution", "resolutions"),
    "policy": ("policy", "policies", "policy manual", "board policy", "board policies", "bylaws", "by-laws"),
    "handbook": ("handbook", "handbooks", "manual", "manuals", "guidebook", "code of conduct"),
    "calendar": (
        "calendar", "calendars", "school calendar", "academic calendar", "meeting schedule",
        "meeting calendar",
    ),
    "invoice": ("invoice", "invoices", "billing statement", "statement of account"),
    "contract": (
        "contract", "contracts", "agreement", "agreements", "memorandum of understanding", "mou",
        "lease", "collective bargaining agreement",
    ),
    "earnings release": (
        "earnings release", "earnings releases", "press release", "press releases", "earnings",
        "quarterly results", "financial results", "results announcement", "news release",
    ),
    "quarterly report": ("quarterly report", "quarterly reports", "10-q", "form 10-q"),
    "proxy statement": ("proxy statement", "proxy statements", "proxy", "def 14a"),
    "transcript": ("transcript", "transcripts"),
    "plan": (
        "comprehensive plan", "master plan", "strategic plan", "capital improvement plan",
        "capital improvement program", "capital plan", "hazard mitigation plan",
    ),
    "notice": ("notice", "notices", "public notice", "legal notice", "notice of public hearing", "hearing notice"),
    "newsletter": ("newsletter", "newsletters", "bulletin"),
    "rfp": ("request for proposals", "request for proposal", "rfp", "rfq", "invitation to bid", "bid documents"),
    "form": ("form", "forms", "application", "application form", "permit application"),
    # Neighbours of a school-year calendar on a school site: a calendar request must not take them.
    "schedule": (
        "schedule", "schedules", "bell schedule", "bell schedules", "class schedule", "bus schedule",
        "exam schedule", "testing schedule",
    ),
    "menu": ("menu", "menus", "lunch menu", "lunch menus", "breakfast menu", "breakfast menus"),
    # A digest of a document is not the document ("the budget" is not its "Budget in Brief").
    "summary": (
        "summary of changes", "executive summary", "in brief", "at a glance", "highlights", "overview",
        "budget in brief", "popular annual financial report", "budget summary", "plan summary",
    ),
}

# Kind phrases that name one sort of their kind: a request for the master plan is not answered by
# the capital improvement plan or the strategic plan, nor the bell schedule by the bus schedule.
# (Phrases not listed name the kind itself: "budget book", "meeting minutes", "agenda packet".)
KIND_SORTS: dict[str, str] = {
    "comprehensive plan": "comprehensive", "master plan": "comprehensive", "strategic plan": "strategic",
    "capital improvement plan": "capital", "capital improvement program": "capital", "capital plan": "capital",
    "hazard mitigation plan": "hazard mitigation",
    "operating budget": "operating", "capital budget": "capital",
    "bell schedule": "bell", "bell schedules": "bell", "class schedule": "class", "bus schedule": "bus",
    "exam schedule": "exam", "testing schedule": "exam",
    "lunch menu": "lunch", "lunch menus": "lunch", "breakfast menu": "breakfast", "breakfast menus": "breakfast",
}

# Abbreviations seen in file names and URL paths only (too ambiguous in prose).
KIND_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "minutes": ("min", "mins", "minute", "mtgmin"),
    "agenda": ("agd", "agn", "agnd"),
    "packet": ("pkt",),
    "budget": ("bdgt", "bud"),
    "presentation": ("pres", "prez"),
    "annual report": ("ar",),
    "ordinance": ("ord",),
    "resolution": ("res", "reso"),
}

# Kinds that name a document's form (minutes, slides, an agenda) rather than its subject (a budget,
# an audit): "Budget Overview / Presentation to the Board" is a presentation. Used across the lines
# of a title block, where the one-line head rule ("budget presentation") does not apply.
FORM_KINDS: frozenset[str] = frozenset({
    "minutes", "agenda", "packet", "presentation", "transcript", "calendar", "handbook", "newsletter", "form",
})
# Kinds that give way when another kind is named with them ("Notice of Meeting and Agenda").
WEAK_KINDS: frozenset[str] = frozenset({"notice", "form"})

# Kinds close enough that one half-answers a request for the other.
RELATED_KINDS: dict[str, frozenset[str]] = {
    "audit": frozenset({"financial report"}),
    "financial report": frozenset({"audit", "annual report"}),
    "annual report": frozenset({"financial report"}),
    "earnings release": frozenset({"quarterly report"}),
    "quarterly report": frozenset({"earnings release"}),
    "policy": frozenset({"handbook"}),
    "handbook": frozenset({"policy", "summary"}),
    "budget": frozenset({"summary"}),
    "plan": frozenset({"summary"}),
    "agenda": frozenset({"packet"}),
    "packet": frozenset({"agenda"}),
}

# Kinds whose documents cover a period (a fiscal/school year, a quarter) rather than a day:
# they are dated by that period, not by the day they were presented or adopted.
PERIOD_KINDS: frozenset[str] = frozenset({
    "budget", "calendar", "handbook", "audit", "financial report", "plan", "annual report", "earnings release",
    "quarterly report",
})

# Words naming a body's type.
BODY_TYPES: tuple[str, ...] = (
    "board", "council", "commission", "committee", "authority", "trustees", "association", "organization",
    "senate", "assembly",
)

# Qualifiers that make a board the governing board (or name its level of government).
LEVEL_WORDS: dict[str, str] = {
    "town": "town", "township": "town", "village": "village", "city": "city", "municipal": "city",
    "borough": "town", "county": "county", "parish": "county", "school": "school",
    "education": "school", "common": "city", "corporate": "company", "company": "company",
    "directors": "company", "shareholders": "company", "stockholders": "company", "supervisors": "county",
    "commissioners": "county", "freeholders": "county", "legislators": "county", "selectmen": "town",
    "select": "town", "aldermen": "city", "alderpersons": "city",
}
GOVERNING_OF: frozenset[str] = frozenset({
    "education", "trustees", "directors", "supervisors", "commissioners", "selectmen", "select",
    "aldermen", "alderpersons", "regents", "governors", "legislators", "freeholders", "estimate",
    "school", "the", "town", "village", "city", "county", "township", "borough", "county commissioners",
})

# Qualifiers that make a body a specialist one (not "the board"). Grouped by the key used to
# compare bodies, so "planning board" and "planning commission" are the same body. Within a key,
# each tuple is one set of synonyms ("zoning board of appeals" = "board of adjustment"); words of
# different tuples name different bodies of one field (a Pension Board is not the Finance
# Committee, the Board of Canvassers not the Board of Elections). A tuple starting with "*" names
# the whole field ("utility board"): it says nothing of which body of the field is meant.
SPECIALIST_GROUPS: dict[str, tuple[tuple[str, ...], ...]] = {
    "planning": (("planning", "plan"),),
    "zoning": (("zoning", "appeals", "adjustment", "adjustments", "variance"),),
    "library": (("library",),),
    "parks": (("parks", "park", "recreation"),),
    "health": (("health",), ("hospital", "hospitals", "healthcare")),
    "ethics": (("ethics",),),
    "assessment": (("assessment", "tax"), ("assessors", "assessor")),
    "review": (("review", "architectural", "design"),),
    "historic": (("historic", "historical", "preservation", "landmarks"),),
    "housing": (("housing",),),
    "conservation": (("conservation", "environmental", "environment"), ("open",), ("sustainability", "climate")),
    "utilities": (("*", "utility", "utilities"), ("water",), ("sewer", "wastewater"), ("stormwater",),
                  ("electric", "power")),
    "fire": (("fire",),),
    "police": (("police", "public safety"),),
    "elections": (("elections", "election", "electoral"), ("canvassers", "canvassing"), ("registrars",)),
    "audit": (("audit",),),
    "finance": (("finance", "financial", "fiscal", "budget"), ("investment",), ("pension", "retirement")),
    "personnel": (("personnel", "human resources", "employee"), ("compensation",), ("civil service",)),
    "governance": (("nominating", "nominations"), ("governance", "corporate governance")),
    "policy": (("policy",),),
    "technology": (("technology", "cybersecurity"), ("risk",)),
    "facilities": (("facilities", "building", "buildings", "construction"), ("capital",)),
    "transportation": (("transportation", "traffic"), ("transit",), ("airport",), ("harbor", "port"),
                       ("highway",), ("parking",)),
    "trees": (("tree", "shade"), ("beautification",)),
    "arts": (("arts", "cultural", "culture"), ("museum",)),
    "cemetery": (("cemetery",),),
    "development": (("development", "redevelopment"), ("economic",), ("industrial",), ("downtown",),
                    ("business",)),
    "youth": (("youth",), ("senior", "seniors", "aging"), ("veterans",)),
    "curriculum": (("curriculum", "instruction", "academic"), ("athletics",), ("wellness",)),
    "advisory": (("advisory",), ("citizens",), ("steering",), ("ad hoc",), ("task force",)),
    # Organisations beside the body that support it: a foundation's or a friends group's board.
    "affiliate": (("foundation",), ("friends",), ("alumni",), ("booster", "boosters"), ("auxiliary",)),
}
SPECIALIST_QUALIFIERS: dict[str, str] = {}
# Word -> its synonym set's first word (None: a word naming the whole field).
SPECIALIST_CLASS: dict[str, str | None] = {}
for _key, _groups in SPECIALIST_GROUPS.items():
    for _group in _groups:
        _field = _group[0] == "*"
        for _word in _group[_field:]:
            SPECIALIST_QUALIFIERS[_word] = _key
            SPECIALIST_CLASS[_word] = None if _field else _group[0]

# Who a document is for: "dimension:value". A request naming one value of a dimension (a high
# school handbook) is contradicted by a document naming another value of it (a middle-school one).
AUDIENCE_PHRASES: dict[str, str] = {}
for _value, _phrases in {
    "level:high": ("high school", "high schools", "senior high", "secondary school", "upper school"),
    "level:middle": ("middle school", "middle schools", "junior high", "intermediate school", "middle level"),
    "level:elementary": ("elementary", "elementary school", "elementary schools", "primary school", "grade school",
                         "kindergarten", "lower school"),
    "group:student": ("student", "students", "pupil", "pupils"),
    "group:parent": ("parent", "parents", "family", "families", "guardian", "guardians"),
    "group:staff": ("employee", "employees", "staff", "teacher", "teachers", "substitute", "substitutes",
                    "personnel", "classified staff", "support staff"),
    # A university's or college's faculty is not its staff: a faculty handbook is not the staff handbook.
    "group:faculty": ("faculty", "adjunct", "adjuncts", "adjunct faculty", "professor", "professors",
                      "instructor", "instructors", "lecturer", "lecturers"),
    "group:athletics": ("athletic", "athletics", "athlete", "athletes", "sports", "extracurricular"),
    # Coaches are the staff of a sports programme: a coaches' handbook is not the parents' one.
    "group:coach": ("coach", "coaches", "coaching"),
    "group:volunteer": ("volunteer", "volunteers"),
    # An applicant's or participant's age: an adult's application is not a minor's.
    "age:adult": ("adult", "adults", "18 and over", "18 and older", "over 18", "age 18 and over"),
    "age:minor": ("minor", "minors", "under 18", "juvenile", "juveniles", "child", "children"),
}.items():
    for _phrase in _phrases:
        AUDIENCE_PHRASES[_phrase] = _value

# Body abbreviations in file names and URL paths: abbreviation -> body phrase.
BODY_ABBREVIATIONS: dict[str, str] = {
    "tb": "town board", "vb": "village board", "bot": "board of trustees", "boe": "board of education",
    "bos": "board of supervisors", "boc": "board of commissioners", "bod": "board of directors",
    "cc": "city council", "pc": "planning commission", "pb": "planning board", "zba": "zoning board of appeals",
    "bza": "board of zoning appeals", "hpc": "historic preservation commission",
    "pta": "parent teacher association", "pto": "parent teacher organization",
    "ptsa": "parent teacher student association", "ptc": "parent teacher council",
}

# Document statuses. "draft" also covers unapproved minutes.
STATUS_PHRASES: dict[str, tuple[str, ...]] = {
    "draft": (
        "draft", "drafts", "unapproved", "not yet approved", "subject to approval", "pending approval",
        "unofficial", "for discussion only", "working draft", "preliminary draft",
    ),
    "proposed": ("proposed", "recommended", "preliminary", "tentative", "requested", "superintendent's proposed"),
    "final": ("adopted", "approved", "final", "enacted", "official", "amended and adopted", "passed"),
    "amended": ("amended", "revised", "amendment", "as amended", "budget amendment"),
    # No longer in force: a request that names no status wants the edition in force.
    "superseded": ("superseded", "rescinded", "obsolete", "do not use", "no longer in effect", "replaced by",
                   "archived", "repealed"),
}

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

# Words around a date saying it is *not* the document's own date (a stamp, a reference).
FOREIGN_DATE_CUES: tuple[str, ...] = (
    "approved", "adopted", "posted", "revised", "printed", "updated", "filed", "received", "published",
    "next meeting", "next regular meeting", "amended", "uploaded", "modified", "as of",
    "prepared", "distributed", "released", "accepted", "signed", "dated", "ratified", "opened", "continued from",
    "tabled", "postponed", "rescheduled from",
)
# Words before a date saying it *is* the document's own date.
OWN_DATE_CUES: tuple[str, ...] = (
    "held", "meeting of", "meeting on", "meeting date", "date:", "date of meeting", "convened", "session of",
    "regular meeting", "special meeting", "work session",
)

STOPWORDS: frozenset[str] = frozenset(
    ["a", "an", "the", "all", "any", "every", "of", "for", "from", "in", "on", "at", "to", "by", "with", "and", "or", "nor", "but", "about", "into", "over", "under", "this", "that", "these", "those", "find", "get", "list", "show", "me", "give", "please", "documents", "document", "files", "file", "pdf", "pdfs", "copies", "copy", "each", "our", "their", "its", "it", "is", "are", "was", "were", "be", "been", "being", "which", "who", "whom", "whose", "what", "when", "where", "there", "here", "only", "just", "also", "i", "we", "you", "they", "them", "us", "my", "your", "posted", "published", "available", "related", "regarding", "concerning", "meeting", "meetings", "official", "site", "website", "page", "pages", "download", "link", "links", "year", "years", "month", "months", "regular", "special", "recent", "latest", "new", "current", "public", "full", "complete", "copy", "copies", "version", "versions", "ones", "held", "need", "want", "wanted", "every", "looking", "look", "search", "retrieve", "locate", "grab", "obtain", "fetch", "collect", "pull", "gather", "everything", "would", "like", "can", "could", "should", "must", "kindly", "also", "both", "either", "most", "more", "less", "such", "other", "than"]
)
# fmt: on
