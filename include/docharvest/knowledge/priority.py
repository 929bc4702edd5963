"""Which pages a knowledge job reads first: the crawler's ``priority`` callback.

Pages that describe the business (features, pricing, FAQ, about, contact, integrations,
security, policies, services, menus) score high; single blog posts lower; blog archives,
tag/category/author listings and pagination lowest. Uses the same topic words as the
item builder (``docharvest.knowledge.vocabulary.TOPIC_WORDS``), so what we chase is what we extract.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from docharvest.knowledge.vocabulary import topic_of
from docharvest.models import Candidate

# Higher first. FEATURE/PRICING/FAQ carry most of what a support bot or sales team asks.
TOPIC_PRIORITY = {
    "PRICING": 10.0,
    "FEATURE": 9.5,
    "FAQ": 9.0,
    "ABOUT": 8.0,
    "CONTACT": 8.0,
    "INTEGRATION": 7.5,
    "SECURITY": 7.5,
    "POLICY": 6.0,
    "BLOG": 2.0,
}
DEFAULT_PRIORITY = 4.0
_LISTING = re.compile(
    r"/(page|tag|tags|category|categories|author|archive|archives)(/|$)|[?&](page|p)=\d", re.I
)
_DATE_PATH = re.compile(r"/(19|20)\d\d(/\d\d?){0,2}(/|$)")
_LOW_VALUE = re.compile(
    r"/(login|log-in|signin|sign-in|signup|sign-up|register|cart|checkout|account|search)(/|$)", re.I
)


def page_priority(candidate: Candidate) -> float:
    """Score a link to an HTML page; the crawler fetches higher scores first (within a depth)."""
    url = candidate.url
    path = unquote(urlsplit(url).path or "/").lower()
    if _LOW_VALUE.search(path):
        return 0.5
    if _LISTING.search(path + ("?" + urlsplit(url).query if urlsplit(url).query else "")):
        return 0.5
    segments = [s for s in path.strip("/").split("/") if s]
    topic = None
    if segments:
        topic = topic_of(segments[0]) if topic_of(segments[0]) == "BLOG" else None
        if topic is None:
            for segment in reversed(segments):
                topic = topic_of(segment)
                if topic:
                    break
    if topic is None:
        topic = topic_of(candidate.link_text or candidate.title_attr or "", strict=True)
    score = TOPIC_PRIORITY.get(topic or "", DEFAULT_PRIORITY)
    if topic == "BLOG" and len(segments) <= 1:
        score = 3.0  # the blog index: one page that lists the posts, better than any one post
    if _DATE_PATH.search(path):
        score = min(score, 1.5)
    # Shallow paths are overview pages; deep ones are details of something already covered.
    return score - 0.2 * max(0, len(segments) - 1)
