"""Where a page's main content is, from structure rather than from class-name words alone.

Class and id words ("sidebar", "modal", "breadcrumb", "nav") are weak evidence: real sites put
them on the wrappers of the article itself (``l-sidebar-fixed l-article-body-segment``,
``modal-enabled``, ``url-breadcrumb``), and ASP.NET pages sit inside one ``<form>``. So the page's
*core* is found first — the element holding the densest run of prose, scored readability-style
(each paragraph's non-link text counts for its parent, half for its grandparent) — and nothing
that wraps the core is ever dropped as chrome. What is dropped must also look like chrome:
link-dense blocks (menus, "related" lists, tag clouds) and the usual landmarks outside the core.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

_PROSE_TAGS = "p, pre, blockquote"
# A paragraph shorter than this is a caption, a byline or a button label, not prose.
_MIN_PROSE_CHARS = 25
_ARTICLE_SELECTORS = "[itemprop=articleBody], article, main, [role=main]"
_COMMA_RE = re.compile(r"[,،、，]")
# Paragraphs inside these landmarks are never the core (a footer's one sentence on a page of lists).
_LANDMARK_TAGS = frozenset({"footer", "nav", "aside", "header"})
_LANDMARK_ROLES = frozenset({"contentinfo", "navigation", "complementary", "banner"})
# A core must hold at least this much prose; below it the page is lists and cards, not an article.
_MIN_CORE_CHARS = 150


def _text_len(node: LexborNode) -> int:
    return len(" ".join((node.text(deep=True) or "").split()))


def link_text_len(node: LexborNode) -> int:
    return sum(_text_len(a) for a in node.css("a"))


def link_density(node: LexborNode) -> float:
    total = _text_len(node)
    return link_text_len(node) / total if total else 0.0


def prose_scores(root: LexborNode) -> dict[LexborNode, float]:
    """Readability-style scores of the elements that hold paragraphs (parent full, grandparent half)."""
    scores: dict[LexborNode, float] = {}
    for para in root.css(_PROSE_TAGS):
        length = _text_len(para) - link_text_len(para)
        if length < _MIN_PROSE_CHARS or _in_landmark(para):
            continue
        points = 1 + len(_COMMA_RE.findall(para.text(deep=True) or "")) + min(length / 100, 3)
        parent = para.parent
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + points
        grand = parent.parent
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + points / 2
    return scores


def _in_landmark(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in _LANDMARK_TAGS or (parent.attributes.get("role") or "") in _LANDMARK_ROLES:
            return True
        parent = parent.parent
    return False


def content_core(root: LexborNode) -> LexborNode | None:
    """The element with the most prose under it (None when the page has too little prose)."""
    scores = prose_scores(root)
    if not scores:
        return None
    core = max(scores, key=lambda n: scores[n])
    return core if _prose_chars(core) >= _MIN_CORE_CHARS else None


def _prose_chars(node: LexborNode) -> int:
    return sum(
        max(_text_len(p) - link_text_len(p), 0)
        for p in node.css(_PROSE_TAGS)
        if _text_len(p) >= _MIN_PROSE_CHARS
    )


def ancestors(node: LexborNode | None) -> set[LexborNode]:
    """The node and every element above it."""
    found: set[LexborNode] = set()
    while node is not None:
        found.add(node)
        node = node.parent
    return found


def article_root(tree: LexborHTMLParser, core: LexborNode | None) -> LexborNode | None:
    """The innermost ``articleBody``/``article``/``main`` that wraps the core, if one does.

    Only when the core holds most of the page's prose: a page of teasers (each in its own
    ``<article>``) has no single article, and its root stays the whole main content.
    """
    if core is None or tree.body is None:
        return None
    wrappers = set(tree.css(_ARTICLE_SELECTORS))
    node: LexborNode | None = core
    while node is not None and node.tag not in ("body", "html"):
        if node in wrappers:
            return node
        node = node.parent
    return None


def prose_share(node: LexborNode, root: LexborNode) -> float:
    """Share of ``root``'s paragraph text that lies under ``node``."""

    total = _prose_chars(root)
    return _prose_chars(node) / total if total else 0.0


def is_link_block(node: LexborNode) -> bool:
    """A menu, a list of related links, a tag cloud: mostly link text, little prose of its own."""
    if node.tag not in ("ul", "ol", "div", "section", "table", "dl", "p"):
        return False
    total = _text_len(node)
    if total < 40:
        return False
    links = node.css("a")
    if len(links) < 3:
        return False
    return link_text_len(node) / total > 0.7
