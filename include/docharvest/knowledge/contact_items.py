"""One CONTACT item per distinct email, phone number and postal address on the whole site.

Channels come from every page (main content and footer, ``docharvest.knowledge.channels``) and
from JSON-LD; the copy labelled in main content (the contact page) wins over a footer copy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from docharvest.knowledge.channels import Channel, normalize_channel
from docharvest.knowledge.items import KnowledgeItem
from docharvest.knowledge.page import PageExtract

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
