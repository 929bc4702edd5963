"""The words that name an item category: topic words of URL segments and headings, page kinds, questions.

Shared by the item builder (a page's kind, a section's category) and the crawler's page
priority (``docharvest.knowledge.priority``), so what the crawler chases is what the builder extracts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

ITEM_CATEGORIES = (
    "FEATURE",
    "PRICING",
    "FAQ",
    "ABOUT",
    "CONTACT",
    "POLICY",
    "INTEGRATION",
    "SECURITY",
    "BLOG",
    "OTHER",
)

# Topic words, tried in this order on URL path segments, then on titles/headings.
TOPIC_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("FAQ", ("faq", "faqs", "frequently asked questions", "questions", "help", "q&a", "questions & answers")),
    (
        "PRICING",
        (
            "pricing",
            "prices",
            "price",
            "plans",
            "plan",
            "fees",
            "fee",
            "rates",
            "membership",
            "memberships",
            "subscription",
            "subscriptions",
            "packages",
            "cost",
            "costs",
            "tariffs",
        ),
    ),
    (
        "INTEGRATION",
        (
            "integrations",
            "integration",
            "apps",
            "marketplace",
            "connectors",
            "plugins",
            "extensions",
            "works with",
        ),
    ),
    ("SECURITY", ("security", "trust", "compliance", "trust center", "data protection")),
    (
        "POLICY",
        (
            "privacy",
            "privacy policy",
            "terms",
            "terms of service",
            "terms of use",
            "tos",
            "legal",
            "policy",
            "policies",
            "cookie policy",
            "cookies",
            "refund",
            "refunds",
            "returns",
            "return policy",
            "shipping",
            "delivery",
            "disclaimer",
            "gdpr",
            "imprint",
            "impressum",
            "accessibility",
            "dress code",
            "house rules",
            "cancellation",
            "warranty",
            "acceptable use",
        ),
    ),
    (
        "CONTACT",
        (
            "contact",
            "contact us",
            "find us",
            "location",
            "locations",
            "visit",
            "visit us",
            "hours",
            "opening hours",
            "office hours",
            "get in touch",
            "directions",
            "reach us",
        ),
    ),
    (
        "ABOUT",
        (
            "about",
            "about us",
            "company",
            "our story",
            "story",
            "team",
            "our team",
            "who we are",
            "mission",
            "our mission",
            "attorneys",
            "lawyers",
            "people",
            "leadership",
            "founders",
            "history",
            "careers",
            "values",
            "meet the team",
            "staff",
            "doctors",
            "chef",
        ),
    ),
    (
        "BLOG",
        (
            "blog",
            "news",
            "articles",
            "insights",
            "posts",
            "journal",
            "press",
            "stories",
            "updates",
            "resources",
            "changelog",
        ),
    ),
    (
        "FEATURE",
        (
            "features",
            "feature",
            "product",
            "products",
            "platform",
            "solutions",
            "services",
            "service",
            "practice areas",
            "practice",
            "treatments",
            "menu",
            "shop",
            "store",
            "catalog",
            "catalogue",
            "collections",
            "collection",
            "what we do",
            "capabilities",
            "use cases",
            "how it works",
            "tour",
            "offerings",
            "specialties",
        ),
    ),
)
# Words that name a topic in a URL segment but are too common in headings ("Plan your
# work", "Everything your team needs") to decide a category there.
_AMBIGUOUS_IN_HEADINGS = frozenset(
    {
        "plan",
        "price",
        "cost",
        "costs",
        "service",
        "product",
        "practice",
        "story",
        "visit",
        "help",
        "trust",
        "team",
        "people",
        "values",
        "history",
        "updates",
        "resources",
        "delivery",
        "questions",
        "store",
        "company",
        "legal",
        "rates",
        "fee",
        "shipping",
        "returns",
        "stories",
        "terms",
        "posts",
        "collection",
        "tour",
        "platform",
    }
)


def _topic_re(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])", re.I)


_TOPIC_RES = [(cat, _topic_re(words)) for cat, words in TOPIC_WORDS]
_STRICT_TOPIC_RES = [
    (cat, _topic_re(w for w in words if w not in _AMBIGUOUS_IN_HEADINGS)) for cat, words in TOPIC_WORDS
]
_QUESTION_START = re.compile(
    r"^(how|what|when|where|why|who|which|can|could|do|does|did|is|are|will|would|should|may|must|if)\b", re.I
)


def topic_of(text: str, *, strict: bool = False) -> str | None:
    """The item category a path segment (or, ``strict``, a heading) names, if any."""
    text = text.replace("-", " ").replace("_", " ")
    for cat, pattern in _STRICT_TOPIC_RES if strict else _TOPIC_RES:
        if pattern.search(text):
            return cat
    return None


def page_kind(url_path: str, title: str = "", h1: str = "") -> str:
    """HOME, one of the item categories (BLOG_POST for a single post), or GENERAL."""
    segments = [s for s in url_path.lower().strip("/").split("/") if s]
    if not segments or segments[0] in ("index.html", "index.php", "home"):
        return "HOME"
    first = topic_of(segments[0])
    if first == "BLOG":
        return "BLOG_POST" if len(segments) >= 2 and not _is_listing_segment(segments[-1]) else "BLOG"
    for segment in reversed(segments):
        found = topic_of(segment)
        if found:
            return found
    return topic_of(h1, strict=True) or topic_of(strip_site_name(title), strict=True) or "GENERAL"


def _is_listing_segment(segment: str) -> bool:
    return (
        segment in ("page", "archive", "tag", "tags", "category", "categories", "author") or segment.isdigit()
    )


def strip_site_name(title: str) -> str:
    """A page title without the site name after a separator ("Pricing | Acme" -> "Pricing")."""
    return re.split(r"\s+[|·—–-]\s+", title)[0] if title else ""


def is_question(title: str) -> bool:
    """A heading that asks: it ends with "?", or starts with a question word and holds one."""
    title = title.strip()
    return title.endswith("?") or (
        bool(_QUESTION_START.match(title)) and len(title.split()) >= 4 and "?" in title
    )
