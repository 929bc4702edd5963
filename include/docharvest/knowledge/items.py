"""One page -> its knowledge items: one per distinct feature, plan, FAQ question, policy …

How a page becomes items:

1. The page gets a *kind* from its URL path, then its title/h1 (``page_kind`` in
   ``docharvest.knowledge.vocabulary``): the same word lists steer the crawler
   (``docharvest.knowledge.priority``).
2. Its blocks are folded into a heading tree (``docharvest.knowledge.sections``). Every
   section with its own text becomes an item: leaves always, parents only when their own
   text is substantial (an "About us" intro). Policy pages and blog posts are one item each.
3. Each item gets a category: a question title -> FAQ; else the nearest ancestor
   heading's topic ("Pricing questions", "Integrations"); else the page kind; else the
   title's own words; else the majority of its siblings; else FEATURE on a home page.
   Calls to action are no items; content marked discontinued is flagged
   (``docharvest.knowledge.discontinued``).

Contact channels (email, phone, address) found anywhere on the site, footer and JSON-LD
included, become one CONTACT item each (``docharvest.knowledge.contact_items``). Then,
across pages (``docharvest.knowledge.crosspage``): sections repeated on many pages (CTA
bands) are dropped; discontinued content is dropped (the caller records a warning);
duplicates are merged keeping the better text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from docharvest.knowledge.blocks import PRICE_RE, Block
from docharvest.knowledge.channels import normalize_channel
from docharvest.knowledge.discontinued import heading_marked, page_is_archived, section_marked
from docharvest.knowledge.page import PageExtract, jsonld_types
from docharvest.knowledge.sections import Section, build_sections, summarize, to_markdown, walk_sections
from docharvest.knowledge.vocabulary import is_question, page_kind, strip_site_name, topic_of

_CTA_TITLE = re.compile(
    r"^(ready to|want to|need help|still have questions|questions\?|get started|start (your )?free|"
    r"try \w+ (for )?free|sign up|join (us|today|now|\d)|book a demo|request a demo|subscribe|"
    r"stay in touch|stay updated|let'?s talk|what (our )?customers say|testimonials|trusted by|loved by)",
    re.I,
)

# Topics a section title names unambiguously wherever the section sits.
_SELF_NAMING = frozenset({"POLICY", "SECURITY", "INTEGRATION"})
MIN_PARENT_WORDS = 25  # a heading with children becomes an item only with this much text of its own


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
    named = [s for s in walk_sections(root) if s.level >= 2 and topic_of(s.title, strict=True) == "POLICY"]
    return len(named) >= 2


def _whole_page_item(page: PageExtract, root: Section, category: str, kind: str) -> KnowledgeItem:
    title = page.h1 or strip_site_name(page.title)
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
        discontinued=any(section_marked(s) for s in root.children if s.level <= 1),
    )


def _section_items(page: PageExtract, root: Section, kind: str) -> list[KnowledgeItem]:
    contact_values = {normalize_channel(c.kind, c.value) for c in page.channels if c.in_main}
    chosen: list[tuple[Section, list[Block]]] = []
    for section in walk_sections(root):
        if not section.body:
            continue
        if _is_cta(section.title, to_markdown(section.body)):
            continue
        if section.children and section.own_words() < MIN_PARENT_WORDS and not section.synthetic:
            continue
        chosen.append((section, section.body))
    if not chosen and root.body:
        # A page without headings: the page itself is the item.
        title = strip_site_name(page.title) or page.url
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
                discontinued=section_marked(section) or any(heading_marked(a) for a in section.ancestors()),
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
