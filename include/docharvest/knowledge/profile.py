"""Business profile (name, domain, category, description) from the strongest evidence on the site.

Name: candidates are scored by source, and sources that agree add up —
JSON-LD ``Organization``/``LocalBusiness``/``SoftwareApplication`` name (3), ``og:site_name`` (3),
``application-name`` (2), the part of ``<title>`` shared by most pages (2 + share), logo alt
text (1.5), the home page title's first part (1), the footer's legal name from the
copyright line (1); a candidate that matches the domain label gets +1.5. Legal suffixes
(Inc., LLC, GmbH …) are ignored when comparing, and the brand form is reported.

Description: JSON-LD description, then the home page's meta/OpenGraph description,
then the hero paragraph under the h1. Category: ``docharvest.knowledge.business_category``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from docharvest.knowledge.blocks import clean_text
from docharvest.knowledge.business_category import CategoryEvidence, classify_business
from docharvest.knowledge.page import PageExtract, jsonld_types

_ORG_TYPES = re.compile(
    r"Organization|Corporation|LocalBusiness|Store|Restaurant|Service|Practice|Dentist|Physician|Clinic|"
    r"Attorney|Hotel|Establishment|Business|Agency|SoftwareApplication|WebApplication|MobileApplication|Product|Brand",
    re.I,
)
_LEGAL_SUFFIX = re.compile(
    r"[,\s]+(inc|incorporated|llc|l\.l\.c|ltd|limited|gmbh|ag|corp|corporation|co|plc|s\.?a|b\.?v|pty|pllc|llp|"
    r"lp|p\.?c|s\.?r\.?l|oy|ab|as|kg|sarl|sas)\.?$",
    re.I,
)
_COPYRIGHT = re.compile(
    r"(?:©|&copy;|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?:by\s+)?([^.|·]+)", re.I
)
_TITLE_SPLIT = re.compile(r"\s+[|·—–:-]\s+|\s+[|·]\s*")


@dataclass
class BusinessProfile:
    name: str
    domain: str
    category: str
    description: str
    category_confidence: float = 0.0
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_api(self) -> dict[str, str]:
        return {
            "name": self.name,
            "domain": self.domain,
            "category": self.category,
            "description": self.description,
        }


def domain_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def name_key(name: str) -> str:
    """Comparison form of a business name: case, punctuation and legal suffix ignored."""
    value = clean_text(name)
    while True:
        stripped = _LEGAL_SUFFIX.sub("", value).strip()
        if stripped == value or not stripped:
            break
        value = stripped
    return re.sub(r"[^\w]+", " ", value.lower().replace("&", " and ")).strip()


def build_profile(pages: Sequence[PageExtract], start_url: str) -> BusinessProfile:
    """The business profile of a site from its extracted pages (the start page first, if crawled)."""
    home = _home_page(pages, start_url)
    domain = domain_of(home.url if home else start_url)
    name, name_evidence = _choose_name(pages, home, domain)
    description = _description(pages, home)
    guess = classify_business(_category_evidence(pages, home))
    return BusinessProfile(
        name=name,
        domain=domain,
        category=guess.category,
        description=description,
        category_confidence=guess.confidence,
        evidence={"name": name_evidence, "categoryScores": guess.scores},
    )


def _home_page(pages: Sequence[PageExtract], start_url: str) -> PageExtract | None:
    if not pages:
        return None
    exact = [p for p in pages if p.url.rstrip("/") == start_url.rstrip("/")]
    if exact:
        return exact[0]
    return min(pages, key=lambda p: (p.depth, len(p.path)))


def _org_nodes(pages: Sequence[PageExtract]) -> list[dict[str, Any]]:
    nodes = []
    for page in pages:
        for node in page.jsonld:
            if any(_ORG_TYPES.search(t) for t in jsonld_types(node)) and isinstance(node.get("name"), str):
                nodes.append(node)
    return nodes


def _choose_name(
    pages: Sequence[PageExtract], home: PageExtract | None, domain: str
) -> tuple[str, dict[str, float]]:
    votes: defaultdict[str, float] = defaultdict(float)
    forms: defaultdict[str, defaultdict[str, float]] = defaultdict(lambda: defaultdict(float))

    def vote(name: str, weight: float) -> None:
        name = clean_text(name).strip(" -|·")
        key = name_key(name)
        if not key or len(name) > 80:
            return
        votes[key] += weight
        forms[key][name] += weight

    for node in _org_nodes(pages)[:6]:
        types = jsonld_types(node)
        weight = 3.0 if any(re.search(r"Application|Brand|Product", t) for t in types) else 2.5
        vote(str(node["name"]), weight)
    meta_pages = [home] if home else list(pages[:1])
    for page in meta_pages:
        if page.meta.get("og:site_name"):
            vote(page.meta["og:site_name"], 3.0)
        if page.meta.get("application-name"):
            vote(page.meta["application-name"], 2.0)
        for alt in page.logo_alts[:1]:
            vote(re.sub(r"\blogo\b", "", alt, flags=re.I), 1.5)
    common, share = _common_title_part(pages)
    if common:
        vote(common, 2.0 + share)
    if home and home.title:
        parts = [p.strip() for p in _TITLE_SPLIT.split(home.title) if p.strip()]
        if len(parts) > 1:
            vote(max(parts, key=lambda p: _name_likeness(p, domain)), 1.0)
        elif parts and len(parts[0].split()) <= 4:
            vote(parts[0], 1.0)
    legal = _footer_legal_name(home or (pages[0] if pages else None))
    if legal:
        vote(legal, 1.0)
    label = domain.split(".")[0] if domain and not domain.replace(".", "").isdigit() else ""
    if label:
        for key in list(votes):
            if key.replace(" ", "") in label or label in key.replace(" ", ""):
                votes[key] += 1.5
    if not votes:
        return (label.capitalize() if label else domain), {}
    best = max(votes, key=lambda k: votes[k])
    # Report the brand form: the best-supported spelling, legal suffix dropped unless it is all we have.
    spelling = max(forms[best].items(), key=lambda kv: kv[1])[0]
    return spelling, {k: round(v, 2) for k, v in sorted(votes.items(), key=lambda kv: -kv[1])[:5]}


def _name_likeness(part: str, domain: str) -> tuple[bool, float, int]:
    """Names are Title Case and short; taglines ("Family dentist in Leeds") are not."""
    label = domain.split(".")[0]
    squashed = re.sub(r"\W+", "", part.lower())
    words = [w for w in part.split() if len(w) > 3 or w[:1].isupper()]
    capitalised = sum(w[:1].isupper() for w in words) / len(words) if words else 0.0
    return (bool(label) and (label in squashed or squashed in label), capitalised, -len(part))


def _common_title_part(pages: Sequence[PageExtract]) -> tuple[str, float]:
    """The title segment repeated across pages (" | Flowboard"), with the share of pages carrying it."""
    titled = [p for p in pages if p.title]
    if len(titled) < 2:
        return "", 0.0
    counts: Counter[str] = Counter()
    for page in titled:
        parts = {clean_text(p) for p in _TITLE_SPLIT.split(page.title) if clean_text(p)}
        counts.update(parts)
    part, count = counts.most_common(1)[0]
    share = count / len(titled)
    return (part, share) if count >= 2 and share >= 0.5 else ("", 0.0)


def _footer_legal_name(page: PageExtract | None) -> str:
    if page is None:
        return ""
    for line in page.footer_lines:
        match = _COPYRIGHT.search(line)
        if match:
            name = re.split(r"\s+(?:all rights reserved|alle rechte)", match.group(1), flags=re.I)[0]
            return clean_text(name).strip(" ,")
    return ""


def _description(pages: Sequence[PageExtract], home: PageExtract | None) -> str:
    for node in _org_nodes(pages):
        if isinstance(node.get("description"), str) and len(node["description"].strip()) > 20:
            return _one_line(node["description"])
    if home is not None:
        for key in ("description", "og:description", "twitter:description"):
            if len(home.meta.get(key, "")) > 20:
                return _one_line(home.meta[key])
        hero = _hero_text(home)
        if hero:
            return _one_line(hero)
    return ""


def _hero_text(page: PageExtract) -> str:
    seen_h1 = False
    for block in page.blocks:
        if block.kind == "heading" and block.level == 1:
            seen_h1 = True
        elif seen_h1 and block.kind == "text" and len(block.text.split()) >= 6:
            return block.text
    return next((b.text for b in page.blocks if b.kind == "text" and len(b.text.split()) >= 8), "")


def _one_line(text: str, limit: int = 300) -> str:
    text = clean_text(text)
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _category_evidence(pages: Sequence[PageExtract], home: PageExtract | None) -> CategoryEvidence:
    evidence = CategoryEvidence()
    for node in (n for p in pages for n in p.jsonld):
        evidence.schema_types.extend(jsonld_types(node))
        for key in ("applicationCategory", "servesCuisine", "description", "knowsAbout"):
            if isinstance(node.get(key), str):
                evidence.strong_text.append(node[key])
    if home is not None:
        evidence.strong_text += [
            home.title,
            home.meta.get("description", ""),
            home.meta.get("og:description", ""),
        ]
        evidence.strong_text += [b.text for b in home.blocks if b.kind == "heading" and b.level <= 1]
        evidence.strong_text.append(_hero_text(home))
    for page in pages:
        evidence.medium_text.append(page.title)
        evidence.medium_text += [b.text for b in page.blocks if b.kind == "heading"][:30]
        evidence.body_text.append(page.main_text()[:5000])
    return evidence
