"""One HTML page -> a small, JSON-able ``PageExtract``: metadata, JSON-LD, main content, contact channels.

Main content is found by rules (measured against trafilatura in ``bench/knowledge.py``;
the rules keep page structure — headings, accordions, cards, pricing tables — that the
item builder needs, and scored better on the fixtures): ``chrome`` finds the root and
strips site chrome, ``blocks`` reads what is left, ``channels`` finds the ways to reach
the business. This module reads the page's metadata and puts the extract together.

Boilerplate repeated across pages (a CTA band on every page) cannot be seen on one
page; ``docharvest.knowledge.crosspage`` removes it once all pages are in.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

from docharvest.knowledge.blocks import Block, clean_text, read_blocks
from docharvest.knowledge.channels import Channel, channels_in, page_channels
from docharvest.knowledge.chrome import main_root, strip_chrome

log = logging.getLogger(__name__)


@dataclass
class PageExtract:
    url: str
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    footer_lines: list[str] = field(default_factory=list)
    logo_alts: list[str] = field(default_factory=list)
    depth: int = 0

    @property
    def h1(self) -> str:
        return next((b.text for b in self.blocks if b.kind == "heading" and b.level == 1), "")

    @property
    def path(self) -> str:
        return unquote(urlsplit(self.url).path or "/")

    def main_text(self) -> str:
        return "\n".join(b.text for b in self.blocks if b.kind != "close")

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["blocks"] = [b.to_json() for b in self.blocks]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PageExtract:
        data = dict(data)
        data["blocks"] = [Block(**b) for b in data.get("blocks", [])]
        data["channels"] = [Channel(**c) for c in data.get("channels", [])]
        return cls(**data)


def extract_page(url: str, html: str, *, depth: int = 0) -> PageExtract:
    """Parse one HTML page into its metadata, main-content blocks and contact channels."""
    tree = LexborHTMLParser(html)
    page = PageExtract(url=url, depth=depth)
    title_node = tree.css_first("title")
    page.title = clean_text(title_node.text()) if title_node else ""
    page.meta = _meta(tree)
    page.jsonld = _jsonld(tree)
    page.logo_alts = _logo_alts(tree)
    page.footer_lines = _footer_lines(tree)
    page.channels = page_channels(tree, in_main=False)
    root, keep = main_root(tree)
    if root is None:
        return page
    strip_chrome(root, keep)
    main_channels = channels_in(root)
    page.blocks = read_blocks(tree, root)
    # Channels seen in main content are labelled by it; mark them so the item builder
    # knows the contact page lists them (footer-only channels still count).
    main_values = {(c.kind, c.value) for c in main_channels}
    for channel in page.channels:
        if (channel.kind, channel.value) in main_values:
            channel.in_main = True
            channel.label = next(
                (c.label for c in main_channels if (c.kind, c.value) == (channel.kind, channel.value)),
                channel.label,
            )
    return page


# -- metadata -------------------------------------------------------------------


def _meta(tree: LexborHTMLParser) -> dict[str, str]:
    meta: dict[str, str] = {}
    for node in tree.css("meta"):
        key = node.attributes.get("property") or node.attributes.get("name") or ""
        content = node.attributes.get("content") or ""
        key = key.strip().lower()
        if key and content.strip() and key not in meta:
            meta[key] = clean_text(content)
    html_node = tree.css_first("html")
    if html_node is not None and html_node.attributes.get("lang"):
        meta["lang"] = str(html_node.attributes.get("lang"))
    return meta


def _jsonld(tree: LexborHTMLParser) -> list[dict[str, Any]]:
    """Every JSON-LD node on the page, ``@graph`` flattened; bad JSON is skipped (logged)."""
    nodes: list[dict[str, Any]] = []
    for script in tree.css('script[type="application/ld+json"]'):
        raw = script.text(deep=True)
        try:
            data = json.loads(raw)
        except ValueError:
            log.debug("skipping invalid JSON-LD block (%d chars)", len(raw))
            continue
        stack: list[Any] = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                if "@type" in item:
                    nodes.append(item)
    return nodes


def jsonld_types(node: dict[str, Any]) -> list[str]:
    types = node.get("@type", [])
    return [str(t) for t in (types if isinstance(types, list) else [types])]


def _logo_alts(tree: LexborHTMLParser) -> list[str]:
    alts = []
    for img in tree.css(
        "header img[alt], a[class*=logo] img[alt], img[class*=logo][alt], img[src*=logo][alt]"
    ):
        alt = clean_text(img.attributes.get("alt") or "")
        if alt:
            alts.append(alt)
    return alts[:3]


def _footer_lines(tree: LexborHTMLParser) -> list[str]:
    """Short lines of the page footer (legal name, copyright)."""
    lines: list[str] = []
    for footer in tree.css("footer, [role=contentinfo]"):
        for line in footer.text(deep=True, separator="\n").split("\n"):
            line = clean_text(line)
            if line and len(line) < 200 and line not in lines:
                lines.append(line)
    return lines[:60]
