"""Across pages: what one page cannot tell — repeated blocks, boilerplate sections, duplicates.

Before items are built, text blocks found on most pages (navigation and footers made of plain
divs) are removed (``drop_repeated_blocks``). After, sections repeated on many pages (CTA
bands) are dropped, content marked discontinued is set apart, and duplicates are merged
keeping the better text (``finalize_items``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from docharvest.knowledge.items import KnowledgeItem
from docharvest.knowledge.page import PageExtract

_STOP = frozenset(
    {"the", "a", "an", "and", "of", "for", "our", "your", "with", "to", "in", "on", "at", "by", "&"}
)
_WORD_RE = re.compile(r"[\w$€£%]+", re.U)


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
