"""Contact channels in a page's HTML: emails, phone numbers and postal addresses, with their labels.

Found in ``mailto:``/``tel:`` links, plain-text email addresses and ``<address>`` elements; each
keeps the nearby words that say what it is for ("Sales", "Support"). The item builder turns the
site's channels into CONTACT items (``docharvest.knowledge.contact_items``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from selectolax.lexbor import LexborHTMLParser, LexborNode

from docharvest.knowledge.blocks import clean_text

EMAIL_RE = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
PHONE_RE = re.compile(r"(?<![\w/])\+?\(?\d{1,4}\)?(?:[ .-]?\(?\d{2,4}\)?){2,4}(?![\w/])")
_IMAGE_SUFFIXES = frozenset({"png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico"})


@dataclass
class Channel:
    """A way to reach the business: email, phone, address, hours."""

    kind: str
    value: str
    label: str = ""
    in_main: bool = False


def page_channels(tree: LexborHTMLParser, *, in_main: bool) -> list[Channel]:
    """The channels anywhere in the page's body (footer included)."""
    return channels_in(tree.body, in_main=in_main) if tree.body is not None else []


def channels_in(root: LexborNode, *, in_main: bool = True) -> list[Channel]:
    """The channels under ``root``, one per normalised value, labelled by the words before them."""
    found: dict[tuple[str, str], Channel] = {}

    def add(kind: str, value: str, label: str) -> None:
        key = (kind, normalize_channel(kind, value))
        if key[1] and key not in found:
            found[key] = Channel(kind=kind, value=value, label=label, in_main=in_main)

    for link in root.css("a[href]"):
        href = (link.attributes.get("href") or "").strip()
        if href.lower().startswith("mailto:"):
            add("email", unquote(href[7:].split("?", 1)[0]), _channel_label(link))
        elif href.lower().startswith("tel:"):
            add("phone", clean_text(link.text()) or href[4:], _channel_label(link))
    # Plain-text addresses ("support@acme.io" in a footer line) are channels too.
    for match in EMAIL_RE.finditer(root.text(deep=True, separator=" ")):
        if match.group(0).rsplit(".", 1)[-1].lower() not in _IMAGE_SUFFIXES:
            add("email", match.group(0), "")
    for address in root.css("address"):
        text = clean_text(address.text(separator=", "))
        text = re.sub(r"(,\s*)+", ", ", text).strip(", ")
        # An <address> that only wraps the links above adds nothing.
        bare = EMAIL_RE.sub("", PHONE_RE.sub("", text)).strip(" ,:|")
        if len(bare) > 10:
            add("address", text, _channel_label(address))
    return list(found.values())


def normalize_channel(kind: str, value: str) -> str:
    if kind == "email":
        return value.strip().lower()
    if kind == "phone":
        return re.sub(r"\D", "", value)[-10:]
    return re.sub(r"\W+", " ", value.lower()).strip()


def _channel_label(node: LexborNode) -> str:
    """The words that say what a contact link is for ("Sales", "Support", "Office").

    The nearest short text before the node (a heading or a "Sales:" lead-in), looking
    at preceding siblings, then those of the parent, up to three levels.
    """
    current: LexborNode | None = node
    for _ in range(3):
        if current is None:
            break
        prev = current.prev
        while prev is not None:
            text = (
                clean_text(prev.text_content or "")
                if prev.tag == "-text"
                else clean_text(prev.text(deep=True))
            )
            if text:
                label = text.rstrip(":").strip()
                words = label.split()
                if len(words) <= 5 and not EMAIL_RE.search(label) and not re.search(r"\d{3}", label):
                    return label
                return ""
            prev = prev.prev
        current = current.parent
        if current is None or current.tag in ("section", "article", "main", "body"):
            break
    return ""
