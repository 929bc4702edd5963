"""Knowledge from a business website: main content, business profile, knowledge items.

Pure functions over HTML strings and small JSON-able page extracts; no I/O, no
database, no crawler. The knowledge job (``docharvest.pipeline.knowledge``) calls
``extract_page`` for each page as the crawler streams it, keeps the small extract,
and calls ``build_knowledge`` once at the end.

    page = extract_page(url, html)                 # per page, as it arrives
    result = build_knowledge(pages, start_url)     # once: profile + items
    result.profile.to_api()  ->  {"name", "domain", "category", "description"}
    [i.to_api() for i in result.items]  ->  [{"title", "description", "content", "category", "source"}]

Modules, in the order a page flows through them:

- ``page`` (HTML -> PageExtract: metadata, JSON-LD), reading with ``chrome`` (main root,
  chrome stripping), ``blocks`` (main content -> blocks) and ``channels`` (emails, phones,
  addresses);
- ``items`` (one page's sections -> items and their categories), using ``vocabulary``
  (topic words, page kinds), ``sections`` (heading tree, Markdown, summaries) and
  ``discontinued`` (what the site marks discontinued/legacy/archived);
- ``contact_items`` (one CONTACT item per channel of the site), ``crosspage`` (repeated
  blocks, boilerplate, duplicates across pages);
- ``profile`` (name, description), ``business_category`` (the classifier over
  ``taxonomy``, the list of business categories), ``priority`` (which pages the crawler
  visits first).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from docharvest.knowledge.contact_items import channel_items
from docharvest.knowledge.crosspage import drop_repeated_blocks, finalize_items
from docharvest.knowledge.items import KnowledgeItem, items_from_page
from docharvest.knowledge.page import PageExtract, extract_page
from docharvest.knowledge.profile import BusinessProfile, build_profile
from docharvest.knowledge.vocabulary import ITEM_CATEGORIES

__all__ = [
    "ITEM_CATEGORIES",
    "BusinessProfile",
    "KnowledgeItem",
    "KnowledgeResult",
    "PageExtract",
    "build_knowledge",
    "extract_page",
]


@dataclass
class KnowledgeResult:
    profile: BusinessProfile
    items: list[KnowledgeItem]
    discontinued: list[KnowledgeItem] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)


def build_knowledge(pages: Sequence[PageExtract], start_url: str) -> KnowledgeResult:
    """Business profile and de-duplicated knowledge items of a site from its page extracts."""
    pages = drop_repeated_blocks(pages)
    per_page = [items_from_page(page) for page in pages]
    final = finalize_items(per_page, channel_items(pages))
    return KnowledgeResult(
        profile=build_profile(pages, start_url),
        items=final.items,
        discontinued=final.discontinued,
        boilerplate=final.boilerplate,
    )
