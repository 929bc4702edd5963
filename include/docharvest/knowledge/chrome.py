"""Where a page's main content is and which elements around it are site chrome (knowledge page reader).

- The root is an ``articleBody``/``article``/``main`` around the page's core that holds most of
  its prose, else the one ``<main>``/``[role=main]`` wrapping the core, else ``<body>``.
- Navigation, page header/footer, asides, forms, dialogs, cookie/consent banners, newsletter
  boxes, breadcrumbs and share widgets are dropped (tags, ARIA roles, class/id words), but
  never an element that wraps the core (found by ``docharvest.text.maincontent``).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from docharvest.text.maincontent import (
    ancestors,
    article_root,
    content_core,
    is_link_block,
    prose_share,
)

# An article wrapper becomes the root only when it holds this share of the page's prose.
_ARTICLE_SHARE = 0.6

_DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "canvas",
        "iframe",
        "object",
        "embed",
        "video",
        "audio",
        "picture",
        "img",
        "form",
        "input",
        "select",
        "textarea",
        "nav",
        "aside",
        "dialog",
        "head",
        "link",
        "meta",
    }
)
_DROP_ROLES = frozenset(
    {
        "navigation",
        "banner",
        "contentinfo",
        "complementary",
        "search",
        "dialog",
        "alertdialog",
        "menu",
        "menubar",
    }
)
# Words in class/id that mark site chrome rather than content. Matched on word parts
# (split on - _ space), so "hero-banner" is kept while "cookie-banner" goes.
_CHROME_WORDS = frozenset(
    {
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "ccpa",
        "newsletter",
        "subscribe",
        "subscription-form",
        "breadcrumb",
        "breadcrumbs",
        "share",
        "sharing",
        "social",
        "popup",
        "modal",
        "skip",
        "skiplink",
        "navbar",
        "nav",
        "sidebar",
        "topbar",
        "announcement",
        "promo-bar",
        "pagination",
        "pager",
        "sr-only",
        "visually-hidden",
        "screen-reader-text",
        "comment",
        "comments",
        "disqus",
        "related",
        "outbrain",
        "taboola",
        "recirc",
        "trending",
    }
)
# Whole class tokens / ids of page-level header and footer wrappers (not "card-footer").
_CHROME_CLASSES = frozenset(
    {
        "footer",
        "site-header",
        "site-footer",
        "page-footer",
        "global-header",
        "global-footer",
        "masthead",
        "colophon",
        "main-nav",
        "site-nav",
        "top-nav",
        "main-menu",
        "nav-menu",
        "mobile-menu",
        "menu-toggle",
        "primary-menu",
        "footer-menu",
        "menu-bar",
    }
)


def main_root(tree: LexborHTMLParser) -> tuple[LexborNode | None, set[LexborNode]]:
    """The root to read and the elements that must survive chrome stripping (the core's ancestors).

    A single ``articleBody``/``article``/``main`` around the core that holds most of the page's
    prose is the root; else the one ``<main>`` when it wraps the core; else ``<body>``.
    """
    body = tree.body
    if body is None:
        return None, set()
    core = content_core(body)
    keep = ancestors(core)
    article = article_root(tree, core)
    if article is not None and prose_share(article, body) >= _ARTICLE_SHARE:
        return article, keep
    mains = tree.css("main, [role=main]")
    if len(mains) == 1 and (core is None or mains[0] in keep):
        return mains[0], keep
    return body, keep


def class_words(value: str) -> set[str]:
    """The words of a class, id or role value, split on spaces, hyphens and underscores."""
    return {w for w in re.split(r"[\s_-]+", value.lower()) if w}


def _is_chrome(node: LexborNode) -> bool:
    attrs = node.attributes
    role = (attrs.get("role") or "").lower()
    if role in _DROP_ROLES:
        return True
    if (attrs.get("aria-modal") or "").lower() == "true":
        return True
    node_id = (attrs.get("id") or "").lower()
    classes = set((attrs.get("class") or "").lower().split()) | {node_id}
    if classes & _CHROME_CLASSES or node_id == "header":
        return True
    words = class_words(attrs.get("class") or "") | class_words(attrs.get("id") or "")
    if words & _CHROME_WORDS:
        return True
    return node.tag in ("header", "footer") and not _inside(node, ("main", "article"))


def _inside(node: LexborNode, tags: tuple[str, ...]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False


def strip_chrome(root: LexborNode, keep: set[LexborNode]) -> None:
    """Remove chrome subtrees, never one that wraps the page's core; only the outermost doomed node goes."""
    doomed: list[LexborNode] = []
    stack = [c for c in root.iter()]
    while stack:
        node = stack.pop()
        if node in keep:
            stack.extend(node.iter())
        elif node.tag in _DROP_TAGS or _is_chrome(node) or is_link_block(node):
            doomed.append(node)
        else:
            stack.extend(node.iter())
    for node in doomed:
        node.decompose()
