"""Pages -> knowledge items: one per distinct feature, plan, FAQ question, policy, contact channel …

How a page becomes items:

1. The page gets a *kind* from its URL path, then its title/h1 (``page_kind``): the
   same word lists steer the crawler (``docharvest.knowledge.priority``).
2. Its blocks are folded into a heading tree (``build_sections``). Every section with
   its own text becomes an item: leaves always, parents only when their own text is
   substantial (an "About us" intro). Policy pages and blog posts are one item each.
3. Each item gets a category: a question title -> FAQ; else the nearest ancestor
   heading's topic ("Pricing questions", "Integrations"); else the page kind; else the
   title's own words; else the majority of its siblings; else FEATURE on a home page.
4. Contact channels (email, phone, address) found anywhere on the site, footer and
   JSON-LD included, become one CONTACT item each.

Then, across pages (``finalize_items``): sections repeated on many pages (CTA bands)
and calls to action are dropped; content the site marks discontinued/legacy/archived
is dropped (the caller records a warning); duplicates are merged keeping the better text.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from docharvest.knowledge.blocks import PRICE_RE, Block
from docharvest.knowledge.channels import Channel, normalize_channel
from docharvest.knowledge.page import PageExtract, jsonld_types

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
_CTA_TITLE = re.compile(
    r"^(ready to|want to|need help|still have questions|questions\?|get started|start (your )?free|"
    r"try \w+ (for )?free|sign up|join (us|today|now|\d)|book a demo|request a demo|subscribe|"
    r"stay in touch|stay updated|let'?s talk|what (our )?customers say|testimonials|trusted by|loved by)",
    re.I,
)
_MARKER_WORDS = re.compile(
    r"\b(discontinued|legacy|archived|deprecated|retired|sunset(?:ted)?|end[- ]of[- ]life)\b", re.I
)
_MARKER_PHRASES = re.compile(
    r"\b(?:(?:has|have) been|is|are|was|were|been|now|being) (?:discontinued|retired|deprecated|archived|sunset(?:ted)?)\b"
    r"|\bno longer (?:available|offered|sold|supported|maintained|accept(?:ed|ing|s)?|in service|on the menu)\b"
    r"|\b(?:this|the) page is (?:archived|outdated|out of date)\b",
    re.I,
)
_PATH_MARKER = re.compile(r"/(archived|legacy|discontinued|deprecated)(/|$)", re.I)
_STOP = frozenset(
    {"the", "a", "an", "and", "of", "for", "our", "your", "with", "to", "in", "on", "at", "by", "&"}
)
_WORD_RE = re.compile(r"[\w$€£%]+", re.U)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")

# Topics a section title names unambiguously wherever the section sits.
_SELF_NAMING = frozenset({"POLICY", "SECURITY", "INTEGRATION"})
MIN_PARENT_WORDS = 25  # a heading with children becomes an item only with this much text of its own
MAX_CONTENT_CHARS = 6000


@dataclass
class KnowledgeItem:
    title: str
    description: str
    content: str
    category: str
    source: str
    confidence: float = 0.5
    position: int = 0
    discontinued: bool = False
    # Internal evidence for merging, not published.
    page_kind: str = ""
    page_count: int = 1

    def to_api(self) -> dict[str, Any]:
        """The seed's ``knowledgeItems[]`` entry."""
        return {
            "title": self.title,
            "description": self.description,
            "content": self.content,
            "category": self.category,
            "source": self.source,
        }


@dataclass
class Section:
    title: str
    level: int
    synthetic: bool = False
    marked: bool = False
    body: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    parent: Section | None = None

    def ancestors(self) -> Iterable[Section]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def own_words(self) -> int:
        return sum(len(b.text.split()) for b in self.body if b.kind in ("text", "item", "table"))

    def all_blocks(self) -> list[Block]:
        blocks = list(self.body)
        for child in self.children:
            blocks.append(Block(kind="heading", text=child.title, level=child.level))
            blocks.extend(child.all_blocks())
        return blocks


# -- page kinds ---------------------------------------------------------------------


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
    return topic_of(h1, strict=True) or topic_of(_strip_site_name(title), strict=True) or "GENERAL"


def _is_listing_segment(segment: str) -> bool:
    return (
        segment in ("page", "archive", "tag", "tags", "category", "categories", "author") or segment.isdigit()
    )


def _strip_site_name(title: str) -> str:
    return re.split(r"\s+[|·—–-]\s+", title)[0] if title else ""


# -- sections -------------------------------------------------------------------------


def build_sections(blocks: Sequence[Block]) -> Section:
    """Fold a flat block list into a heading tree under a level-0 root."""
    root = Section(title="", level=0)
    stack = [root]
    for block in blocks:
        if block.kind == "heading":
            while stack[-1].level >= block.level and len(stack) > 1:
                stack.pop()
            section = Section(
                title=block.text,
                level=block.level,
                synthetic=block.synthetic,
                marked=block.marked,
                parent=stack[-1],
            )
            stack[-1].children.append(section)
            stack.append(section)
        elif block.kind == "close":
            while len(stack) > 1 and stack[-1].level >= block.level:
                stack.pop()
        else:
            stack[-1].body.append(block)
    return root


def _walk(section: Section) -> Iterable[Section]:
    for child in section.children:
        yield child
        yield from _walk(child)


# -- markdown and summaries -----------------------------------------------------------


def to_markdown(blocks: Sequence[Block], *, base_level: int = 0) -> str:
    parts: list[str] = []
    for block in blocks:
        if block.kind == "heading":
            parts.append("#" * max(2, min(6, block.level - base_level + 2)) + " " + block.text)
        elif block.kind in ("text", "table"):
            parts.append(block.text)
        elif block.kind == "item":
            if parts and parts[-1].lstrip().startswith("- "):
                parts[-1] += "\n" + block.text
            else:
                parts.append(block.text)
    text = "\n\n".join(parts).strip()
    return text if len(text) <= MAX_CONTENT_CHARS else text[:MAX_CONTENT_CHARS].rsplit(" ", 1)[0] + " …"


def summarize(content: str, limit: int = 200) -> str:
    """A one-line description: the first sentence(s) of the item's plain text."""
    lines = [
        re.sub(r"^[\-*|\s]+", "", line).strip(" |")
        for line in content.splitlines()
        if not line.startswith("#")
    ]
    plain = [line for line in lines if line and not set(line) <= set("-| ")]
    if not plain:
        return ""
    first = _SENTENCE_END.split(plain[0])[0]
    if len(first) < 40 and len(plain) > 1:
        first = first.rstrip(".") + " — " + _SENTENCE_END.split(plain[1])[0]
    if len(first) > limit:
        first = first[: limit - 1].rsplit(" ", 1)[0] + "…"
    return first


# -- per page -------------------------------------------------------------------------


def is_question(title: str) -> bool:
    title = title.strip()
    return title.endswith("?") or (
        bool(_QUESTION_START.match(title)) and len(title.split()) >= 4 and "?" in title
    )


def page_is_archived(page: PageExtract) -> bool:
    if _PATH_MARKER.search(page.path):
        return True
    head = " ".join(b.text for b in page.blocks[:3])
    return bool(
        re.search(
            r"\b(this (page|content|product|service) (is|has been) (archived|discontinued|retired))\b",
            head,
            re.I,
        )
    )


def _heading_marked(section: Section) -> bool:
    return section.marked or bool(_MARKER_WORDS.search(section.title))


def _section_marked(section: Section) -> bool:
    if _heading_marked(section):
        return True
    if is_question(section.title):
        return False
    for block in section.body:
        if block.marked:
            return True
        if _MARKER_PHRASES.search(block.text):
            return True
        if _MARKER_WORDS.match(block.text) and len(block.text.split()) <= 12:
            return True
    return False


def items_from_page(page: PageExtract) -> list[KnowledgeItem]:
    """The knowledge items of one page, before cross-page merging (contact channels excluded)."""
    kind = page_kind(page.path, page.title, page.h1)
    root = build_sections(page.blocks)
    archived = page_is_archived(page)
    if kind == "BLOG_POST" or _is_article(page):
        items = [_whole_page_item(page, root, "BLOG", kind)]
    elif kind == "POLICY" and not _multi_policy(root):
        items = [_whole_page_item(page, root, "POLICY", kind)]
    else:
        items = _section_items(page, root, kind)
    items.extend(_jsonld_faq_items(page, kind))
    for item in items:
        item.discontinued = item.discontinued or archived
    return [i for i in items if i.title and (i.content or i.category == "FAQ")]


def _is_article(page: PageExtract) -> bool:
    return any(t in ("BlogPosting", "NewsArticle", "Article") for n in page.jsonld for t in jsonld_types(n))


def _multi_policy(root: Section) -> bool:
    named = [s for s in _walk(root) if s.level >= 2 and topic_of(s.title, strict=True) == "POLICY"]
    return len(named) >= 2


def _whole_page_item(page: PageExtract, root: Section, category: str, kind: str) -> KnowledgeItem:
    title = page.h1 or _strip_site_name(page.title)
    blocks = [b for b in root.all_blocks() if not (b.kind == "heading" and b.text == title)]
    content = to_markdown(blocks, base_level=1)
    return KnowledgeItem(
        title=title,
        description=summarize(content),
        content=content,
        category=category,
        source=page.url,
        confidence=0.9,
        page_kind=kind,
        discontinued=any(_section_marked(s) for s in root.children if s.level <= 1),
    )


def _section_items(page: PageExtract, root: Section, kind: str) -> list[KnowledgeItem]:
    contact_values = {normalize_channel(c.kind, c.value) for c in page.channels if c.in_main}
    chosen: list[tuple[Section, list[Block]]] = []
    for section in _walk(root):
        if not section.body:
            continue
        if _is_cta(section.title, to_markdown(section.body)):
            continue
        if section.children and section.own_words() < MIN_PARENT_WORDS and not section.synthetic:
            continue
        chosen.append((section, section.body))
    if not chosen and root.body:
        # A page without headings: the page itself is the item.
        title = _strip_site_name(page.title) or page.url
        chosen.append((Section(title=title, level=1, body=root.body), root.body))
    items: list[KnowledgeItem] = []
    decided: dict[int, tuple[str, float, bool]] = {}
    for section, _body in chosen:
        decided[id(section)] = _categorize(section, kind)
    # Sections the rules could not place take the majority category of their placed siblings.
    for section, _ in chosen:
        category, confidence, strong = decided[id(section)]
        if not strong and section.parent is not None:
            sibling_cats = [
                decided[id(s)][0]
                for s in section.parent.children
                if id(s) in decided and decided[id(s)][2] and s.level == section.level
            ]
            if sibling_cats:
                top, count = Counter(sibling_cats).most_common(1)[0]
                if count * 2 >= len(sibling_cats):
                    decided[id(section)] = (top, 0.6, False)
    for section, body in chosen:
        category, confidence, _ = decided[id(section)]
        content = to_markdown(body)
        if contact_values and _mentions_channel(content, contact_values):
            continue  # the channel items cover it, with the channel as title
        if category == "FAQ" and not content:
            continue
        items.append(
            KnowledgeItem(
                title=section.title.rstrip(":").strip(),
                description=summarize(content),
                content=content,
                category=category,
                source=page.url,
                confidence=confidence,
                page_kind=kind,
                discontinued=_section_marked(section) or any(_heading_marked(a) for a in section.ancestors()),
            )
        )
    return items


def _categorize(section: Section, kind: str) -> tuple[str, float, bool]:
    """(category, confidence, strong): strong when a rule, not a default, decided it."""
    title = section.title
    if kind in ("BLOG", "BLOG_POST"):
        return "BLOG", 0.85, True
    if is_question(title):
        return "FAQ", 0.9, True
    own = topic_of(title, strict=True)
    if own in _SELF_NAMING:
        return own or "OTHER", 0.8, True  # "Refund policy" is a policy on any page
    for ancestor in section.ancestors():
        topic = (
            topic_of(ancestor.title, strict=True)
            if ancestor.level >= 2 or kind in ("HOME", "GENERAL")
            else None
        )
        if topic and topic not in ("BLOG",):
            return topic, 0.8, True
    if kind == "HOME" and section.level == 1 and not own:
        return "ABOUT", 0.5, True  # the hero says what the business is
    if kind not in ("HOME", "GENERAL"):
        if kind == "CONTACT" and own and own != "CONTACT":
            return own, 0.6, True
        if kind == "FAQ":
            return "FAQ", 0.7, True
        return kind, 0.8, True
    if own and own != "BLOG":
        return own, 0.7, True
    first = next((b.text for b in section.body if b.kind in ("text", "item")), "")
    if PRICE_RE.search(first) and len(first.split()) <= 8:
        return "PRICING", 0.6, True
    return ("FEATURE" if kind == "HOME" or section.parent is not None else "OTHER"), 0.4, False


def _is_cta(title: str, content: str) -> bool:
    return bool(_CTA_TITLE.match(title.strip())) and len(content.split()) <= 60


def _mentions_channel(content: str, values: set[str]) -> bool:
    digits = re.sub(r"\D", "", content)
    lowered = content.lower()
    for value in values:
        if "@" in value and value in lowered:
            return True
        if value.isdigit() and len(value) >= 7 and value in digits:
            return True
        if (
            not value.isdigit()
            and "@" not in value
            and len(value) > 10
            and value[:20] in re.sub(r"\W+", " ", lowered)
        ):
            return True
    return False


def _jsonld_faq_items(page: PageExtract, kind: str) -> list[KnowledgeItem]:
    items = []
    for node in page.jsonld:
        if "FAQPage" not in jsonld_types(node):
            continue
        entities = node.get("mainEntity") or []
        for entity in entities if isinstance(entities, list) else [entities]:
            if not isinstance(entity, dict):
                continue
            answer = entity.get("acceptedAnswer") or {}
            text = answer.get("text", "") if isinstance(answer, dict) else ""
            text = re.sub(r"<[^>]+>", " ", str(text))
            text = re.sub(r"\s+", " ", text).strip()
            question = str(entity.get("name", "")).strip()
            if question and text:
                items.append(
                    KnowledgeItem(question, summarize(text), text, "FAQ", page.url, 0.9, page_kind=kind)
                )
    return items


# -- contact channels ---------------------------------------------------------------------

_CHANNEL_TITLES = {"email": "Email", "phone": "Phone", "address": "Address"}
_GENERIC_LABEL_WORDS = frozenset(
    {
        "email",
        "e-mail",
        "mail",
        "phone",
        "tel",
        "telephone",
        "call",
        "us",
        "on",
        "or",
        "at",
        "by",
        "to",
        "contact",
        "write",
        "reach",
        "give",
        "a",
        "ring",
        "address",
        "fax",
        "mobile",
        "and",
        "questions",
        "send",
        "message",
    }
)


def channel_items(pages: Sequence[PageExtract]) -> list[KnowledgeItem]:
    """One CONTACT item per distinct email, phone number and postal address on the site."""
    seen: dict[tuple[str, str], tuple[Channel, str]] = {}
    for page in pages:
        for channel in list(page.channels) + _jsonld_channels(page):
            key = (channel.kind, _channel_key(channel))
            current = seen.get(key)
            # Keep the occurrence with a label from main content (the contact page) over a footer copy.
            if current is None or (channel.in_main and not current[0].in_main):
                seen[key] = (channel, page.url)
    items = []
    for (kind, _), (channel, source) in seen.items():
        label = channel.label.strip()
        generic = not label or set(re.findall(r"[\w-]+", label.lower())) <= _GENERIC_LABEL_WORDS
        if kind == "address":
            title = "Address" if generic else label
            content = channel.value
        else:
            title = f"{_CHANNEL_TITLES[kind]}: {channel.value}"
            content = channel.value if generic else f"{label}: {channel.value}"
        verb = {"email": "Email", "phone": "Call", "address": "Visit"}[kind]
        description = f"{verb} {channel.value}" + ("" if generic else f" ({label})")
        items.append(KnowledgeItem(title, description, content, "CONTACT", source, 0.95, page_kind="CONTACT"))
    return items


def _channel_key(channel: Channel) -> str:
    value = normalize_channel(channel.kind, channel.value)
    if channel.kind == "address":
        # "48 Elm Street, Portland" and "48 Elm Street, Portland, OR 97204" are one address.
        return " ".join(value.split()[:3])
    return value


def _jsonld_channels(page: PageExtract) -> list[Channel]:
    channels = []
    for node in page.jsonld:
        if not isinstance(node, dict):
            continue
        if node.get("telephone"):
            channels.append(Channel("phone", str(node["telephone"])))
        if node.get("email"):
            channels.append(Channel("email", str(node["email"]).removeprefix("mailto:")))
        address = node.get("address")
        if isinstance(address, dict):
            parts = [
                address.get(k) for k in ("streetAddress", "addressLocality", "addressRegion", "postalCode")
            ]
            text = ", ".join(str(p) for p in parts if p)
            if text:
                channels.append(Channel("address", text))
        elif isinstance(address, str) and address.strip():
            channels.append(Channel("address", address.strip()))
    return channels


# -- across pages -------------------------------------------------------------------------


def drop_repeated_blocks(pages: Sequence[PageExtract]) -> list[PageExtract]:
    """Remove text blocks found on most pages: navigation and footers built from plain divs.

    Only with three or more pages (two pages cannot tell a footer from shared content);
    headings are kept so the section structure stays intact.
    """
    if len(pages) < 3:
        return list(pages)
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({b.text for b in page.blocks if b.kind in ("text", "item")})
    threshold = max(3, (len(pages) + 1) // 2)
    repeated = {text for text, n in counts.items() if n >= threshold}
    if not repeated:
        return list(pages)
    cleaned = []
    for page in pages:
        blocks = [b for b in page.blocks if not (b.kind in ("text", "item") and b.text in repeated)]
        cleaned.append(replace(page, blocks=blocks))
    return cleaned


def normalize_title(title: str) -> str:
    words = [w.lower() for w in _WORD_RE.findall(title)]
    words = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words]
    return " ".join(w for w in words if w not in _STOP)


def _tokens(text: str) -> set[str]:
    return {w.lower() for w in _WORD_RE.findall(text)}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _quality(item: KnowledgeItem) -> float:
    """Prefer the fuller text, from the page dedicated to the topic, not the home page teaser."""
    score = min(len(item.content), 2000) / 100
    if item.page_kind == item.category or (item.page_kind, item.category) == ("BLOG_POST", "BLOG"):
        score += 5
    if item.page_kind == "HOME":
        score -= 3
    return score


@dataclass
class FinalItems:
    items: list[KnowledgeItem]
    discontinued: list[KnowledgeItem]
    boilerplate: list[str]


def finalize_items(per_page: Sequence[list[KnowledgeItem]], channels: Sequence[KnowledgeItem]) -> FinalItems:
    """Drop cross-page boilerplate and discontinued content, merge duplicates, number the rest."""
    page_total = len(per_page)
    spread: defaultdict[str, set[int]] = defaultdict(set)
    for index, items in enumerate(per_page):
        for item in items:
            spread[_fingerprint(item)].add(index)
    repeated_threshold = max(3, int(0.3 * page_total + 0.999))
    boilerplate = {fp for fp, pages in spread.items() if len(pages) >= repeated_threshold}
    candidates: list[KnowledgeItem] = []
    dropped: list[KnowledgeItem] = []
    boilerplate_titles: list[str] = []
    for items in per_page:
        for item in items:
            if _fingerprint(item) in boilerplate:
                if item.title not in boilerplate_titles:
                    boilerplate_titles.append(item.title)
                continue
            (dropped if item.discontinued else candidates).append(item)
    merged = _merge_duplicates(candidates + list(channels))
    # A discontinued item that also exists as current elsewhere is not news; report only the others.
    current_keys = {normalize_title(i.title) for i in merged}
    dropped = [d for d in _merge_duplicates(dropped) if normalize_title(d.title) not in current_keys]
    for position, item in enumerate(merged):
        item.position = position
    return FinalItems(merged, dropped, boilerplate_titles)


def _fingerprint(item: KnowledgeItem) -> str:
    return normalize_title(item.title) + "\x1f" + " ".join(sorted(_tokens(item.content)))[:400]


def _merge_duplicates(items: Sequence[KnowledgeItem]) -> list[KnowledgeItem]:
    kept: list[KnowledgeItem] = []
    for item in items:
        twin = next((k for k in kept if _same_item(k, item)), None)
        if twin is None:
            kept.append(item)
            continue
        twin.page_count += 1
        if _quality(item) > _quality(twin):
            index = kept.index(twin)
            item.page_count = twin.page_count
            kept[index] = item
    return kept


def _same_item(a: KnowledgeItem, b: KnowledgeItem) -> bool:
    ta, tb = normalize_title(a.title), normalize_title(b.title)
    if ta and ta == tb:
        return True
    if a.category != b.category:
        return False
    if _jaccard(set(ta.split()), set(tb.split())) >= 0.75:
        return True
    ca, cb = _tokens(a.content), _tokens(b.content)
    return len(ca) >= 12 and len(cb) >= 12 and _jaccard(ca, cb) >= 0.85
