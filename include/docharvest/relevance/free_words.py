"""The request's free words in a document's texts: the keyword and subject factors.

``Texts`` holds the raw words around a candidate by how closely they name it (its own labels,
next to it, the page, its text once read); a word of the request is found by stem, as an acronym
("CCR") or spelt out ("boh": "Board of Health").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docharvest.models import Candidate
from docharvest.relevance.evidence import LABEL_CHARS, title_block
from docharvest.relevance.intent import Intent, subject_words
from docharvest.relevance.phrases import is_file_name, name_words, split_url
from docharvest.relevance.prompt_words import content_words, osa_distance
from docharvest.relevance.vocab import MONTHS, SPECIALIST_CLASS
from docharvest.text.document import DocumentText


@dataclass(frozen=True, slots=True)
class Texts:
    """The raw words around a document, by how closely they name it (for the request's free words)."""

    own: str  # its own labels: link text, tooltip, file name, title block, metadata title
    context: str  # next to it: the nearest heading, a short label, the table column
    page: str  # the whole page: title, breadcrumb, section headings, URL
    body: str | None = None  # its text, when read
    label: str = ""  # link text and file name only (what the listing calls it)
    title: str = ""  # its title block and metadata title, once read
    site: str = ""  # the page's title and breadcrumb (who the site is)


# Words of a link that say nothing about what it links to.
GENERIC_LINK_WORDS = frozenset({
    "download", "pdf", "view", "click", "here", "link", "file", "available", "open", "read", "doc", "docx",
    "document", "more", "details", "this", "see", "the", "full", "text", "version", "kb", "mb",
})  # fmt: skip
_TOKEN_RE = re.compile(r"[a-z][a-z0-9]*")


def stem(word: str) -> str:
    # A stem, so "passed" finds "passage" and "renovations" finds "renovation".
    return word[: max(4, len(word) - 2)] if len(word) > 4 else word


def holds(word: str, text: str) -> bool:
    if "-" in word.strip("-"):
        # "use-of-force": its parts in a row, however joined ("Use of Force", "UseOfForce").
        parts = [re.escape(p) for p in word.split("-") if p]
        return re.search(r"(?<![a-z])" + r"[\s_\-]*".join(parts), text) is not None
    if re.search(r"(?<![a-z])" + re.escape(stem(word)), text) is not None:
        return True
    # A shortened plural stands for a longer one it begins: "regs" for "regulations", "reqs" for
    # "requirements" (a prefix alone already matches: "info", "admin", "dept" is read as initials).
    short = len(word) in (4, 5) and word.endswith("s") and word[-2] != "s"
    return short and re.search(rf"(?<![a-z]){re.escape(word[:-1])}[a-z]+s(?![a-z])", text) is not None


# Title nouns that name the same kind of document: a request's word is found as any of its group's
# (a "rec brochure" is the "Activity Guide", "regs" the "Rules"). General nouns only, not kinds.
TITLE_NOUN_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"catalog", "catalogue", "guide", "brochure", "booklet", "program of studies"}),
    frozenset({"regulations", "regs", "rules", "code"}),
    frozenset({"timetable", "schedule"}),
)


def same_nouns(word: str) -> frozenset[str]:
    """``word`` and the title nouns of its group (``TITLE_NOUN_GROUPS``)."""
    names = {word}
    for group in TITLE_NOUN_GROUPS:
        if any(_same_word(word, noun) for noun in group if " " not in noun):
            names |= group
    return frozenset(names)


def _same_word(word: str, noun: str) -> bool:
    # A plural, a stem ("regs" for "regulations"), or a typed word one edit away ("catalouge").
    if stem(word) == stem(noun) or (len(word) > 3 and holds(word, noun)):
        return True
    return len(word) >= 6 and osa_distance(word, noun, 1) <= 1


def holds_noun(word: str, text: str) -> bool:
    """``holds`` for ``word`` or a title noun of its group."""
    return any(holds(name, text) for name in same_nouns(word))


def _skeleton_of(word: str, text: str, asked: tuple[str, ...] = ()) -> bool:
    """A request's consonant shorthand of a word of ``text``: "rt" for "Route", "bldg" for "Building",
    "dept" for "Department" -- the word's consonants begin with its first two letters and hold all
    of them in order ("rt" is not "report": its consonants begin "rp"); not another word ``asked``
    ("rn license renewal": "renewal" is asked for itself)."""
    if not 2 <= len(word) <= 4 or set(word) & _VOWELS or not word.isalpha():
        return False
    for token in set(_TOKEN_RE.findall(text)):
        bones = "".join(ch for ch in token if ch not in _VOWELS)
        if len(token) <= len(word) or any(stem(a) == stem(token) for a in asked):
            continue
        if bones.startswith(word[:2]) and _in_order(word, bones):
            return True
    return False


def _in_order(word: str, bones: str) -> bool:
    rest = iter(bones)
    return all(ch in rest for ch in word)


_VOWELS = frozenset("aeiou")


def _typed(word: str, text: str) -> bool:
    """A request's word typed one edit away from a word of ``text`` ("servcie" for "service"): a
    word of five letters or more, read in a document's labels only (never its whole text)."""
    if len(word) < 5:
        return False
    return any(
        abs(len(token) - len(word)) <= 1 and token[0] == word[0] and osa_distance(word, token, 1) <= 1
        for token in set(_TOKEN_RE.findall(text))
    )


def acronym_words(words: tuple[str, ...], text: str) -> set[str]:
    """Words of the request an acronym in ``text`` stands for: "CCR" for consumer confidence report."""
    tokens = {t for t in _TOKEN_RE.findall(text) if 2 <= len(t) <= 6}
    found: set[str] = set()
    for i in range(len(words)):
        for j in range(i + 2, len(words) + 1):
            if "".join(w[0] for w in words[i:j]) in tokens:
                found.update(words[i:j])
    return found


_LINKING = frozenset({"of", "the", "and", "for", "&"})


def spelled_out(word: str, text: str) -> bool:
    """Does ``text`` spell out the abbreviation ``word`` ("boh": "Board of Health", "rn": "Registered
    Nurse")? Initials of consecutive words, a linking word ("of", "and") counted or skipped."""
    if not 2 <= len(word) <= 5 or not word.isalpha():
        return False
    tokens = re.findall(r"[a-z]+|&", text)
    for i, first in enumerate(tokens):
        if first[0] != word[0] or first in _LINKING:
            continue
        states = {1}  # letters of ``word`` matched so far
        for token in tokens[i + 1 :]:
            nxt = {n + 1 for n in states if n < len(word) and token[0] == word[n]}
            if token in _LINKING:
                nxt |= states
            if len(word) in nxt:
                return True
            if not nxt:
                break
            states = nxt
    return False


def _word_shares(words: tuple[str, ...], texts: Texts, page_share: float) -> list[float]:
    """How well each word is found: in the own labels 1, next to them 0.6, in the text 0.3."""
    own = texts.own.lower()
    context = texts.context.lower()
    page = texts.page.lower()
    body = (texts.body or "").lower()
    site = texts.site.lower()
    acronyms = acronym_words(words, own)
    shares = []
    for w in words:
        if (
            w in acronyms
            or holds_noun(w, own)
            or spelled_out(w, own)
            or _typed(w, own)
            or _skeleton_of(w, own, words)
        ):
            shares.append(1.0)
        elif (
            holds_noun(w, context)
            or spelled_out(w, context)
            or _typed(w, context)
            or _skeleton_of(w, context, words)
        ):
            shares.append(0.6)
        elif body and holds(w, body):
            shares.append(0.3)
        elif _names_site(w, site):
            # The site's own name ("Pinal Workforce Alliance") qualifies every document on it.
            shares.append(max(page_share, SITE_SHARE))
        elif holds(w, page):
            shares.append(page_share)
        else:
            shares.append(0.0)
    return shares


SITE_SHARE = 0.6


def _names_site(word: str, site: str) -> bool:
    """Does the site's title hold ``word``, or a synonym of it naming the organisation's field
    ("hospital" for a "Healthcare District")?"""
    if not site:
        return False
    if holds(word, site):
        return True
    field = SPECIALIST_CLASS.get(word)
    return field is not None and any(SPECIALIST_CLASS.get(w) == field for w in _TOKEN_RE.findall(site))


def subject_factor(intent: Intent, texts: Texts) -> float:
    """A request whose kind the vocabulary does not know is its words: a document's labels must hold them.

    "2023 water quality report": the "2023 Water Quality Report (CCR)" holds them all, the
    "2023 Annual Report" one in three, a board meeting's agenda none -- strong evidence against.
    """
    words = subject_words(intent)
    if not words:
        return 1.0
    share = sum(_word_shares(words, texts, 0.15)) / len(words)
    return SUBJECT_FLOOR + (1.0 - SUBJECT_FLOOR) * share**2


SUBJECT_FLOOR = 0.05


def _other_qualifiers(intent: Intent, texts: Texts) -> bool:
    """The document's label qualifies its kind with words the request does not use ("Trails Master Plan")."""
    asked = set(intent.keywords) | set(content_words(intent.prompt))
    page = texts.page.lower()
    prompt = intent.prompt.lower()
    for word in content_words(texts.label):
        if word in GENERIC_LINK_WORDS or holds(word, page) or any(stem(a) == stem(word) for a in asked):
            continue
        if spelled_out(word, prompt):
            continue  # "FC" in a file name for the "finance cmte" asked for
        return True
    return False


def keyword_factor(intent: Intent, texts: Texts) -> float:
    """Free words of the prompt ("employee" handbook): found in strong evidence, in the text, or nowhere.

    A word only the page holds (its title names the organisation or the section) counts fully
    when the document's own label adds no qualifier of its own, and for little when it does: a
    "Trails Master Plan" on the Parks & Recreation page is not "the parks master plan".
    """
    if not intent.keywords or subject_words(intent):
        return 1.0  # no free words, or a kind the vocabulary does not know: subject_factor reads them
    # A word naming the site's organisation by its field ("hospital" on a Healthcare District's
    # site) qualifies every document on it. (A word the site's title holds is weighed below: on a
    # "Parks & Recreation" site, a "Trails Master Plan" is not "the parks master plan".)
    site = texts.site.lower()
    words = tuple(w for w in intent.keywords if holds(w, site) or not _names_site(w, site))
    if not words:
        return 1.0
    other = _other_qualifiers(intent, texts)
    shares = _word_shares(words, texts, 0.2 if other else 1.0)
    if all(s >= 1.0 for s in shares) or (not other and all(s >= 0.6 for s in shares)):
        return 1.0
    found = sum(shares) / len(shares)
    if other:
        return OTHER_SUBJECT_FACTOR + (1.0 - OTHER_SUBJECT_FACTOR) * found**2
    return (0.5 if texts.body is not None else 0.7) + (0.5 if texts.body is not None else 0.3) * found


OTHER_SUBJECT_FACTOR = 0.2


def subject_groups(intent: Intent, texts: Texts) -> frozenset[str]:
    """Where the request's own words (a kind the vocabulary does not know) are found: its label, next to it, its text."""
    words = subject_words(intent)
    if not words:
        return frozenset()
    found = set()
    for group, text in (("label", texts.label), ("context", texts.context), ("text", texts.body or "")):
        lower = text.lower()
        held = acronym_words(words, lower) | {
            w for w in words if holds_noun(w, lower) or spelled_out(w, lower) or _typed(w, lower)
        }
        if lower and len(held) * 2 > len(words):
            found.add(group)
    return frozenset(found)


def names_something(text: str) -> bool:
    """Does a link text say what it links to (not just "Download PDF", nor only when: "Feb 04, 2023")?"""
    return any(
        w not in GENERIC_LINK_WORDS and w not in DATE_WORDS
        for w in _TOKEN_RE.findall(text.lower())
        if len(w) > 2
    )


DATE_WORDS = frozenset(MONTHS) | {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
}  # fmt: skip


def bare_link_label(context: str, above: list[str]) -> list[str]:
    """What names a bare "Download PDF" link: the short label next to it ("Elder Services Application
    PDF" in its row) or, without one (a date and "Download" name nothing), what is above it (the
    heading, its column)."""
    return [context] if len(context) <= LABEL_CHARS and names_something(context) else above


def candidate_texts(candidate: Candidate, filename: str | None, text: DocumentText | None = None) -> Texts:
    """The raw words around a candidate (and, once read, in its title block and text)."""
    folder, url_name = split_url(candidate.url)
    name = filename or str(candidate.extra.get("filename") or "") or url_name
    # Words only: upload ids and hashes ("0acc11b7") are not words of a title.
    name = re.sub(r"\b\w*\d\w*\b", " ", name_words(name))
    link = " ".join(t for t in (candidate.link_text, candidate.title_attr) if t and t.strip())
    if is_file_name(link):
        link = re.sub(r"\b\w*\d\w*\b", " ", name_words(link))
    own = [link, name]
    above = [candidate.heading, str(candidate.extra.get("column") or "")]
    context = candidate.context or ""
    near = above + ([context] if len(context) <= LABEL_CHARS else [])
    label = " ".join(own)
    if not names_something(link):
        named = bare_link_label(context, above)
        own += named
        label = " ".join([name, *named])
    page = " ".join(
        (
            candidate.page_title,
            candidate.breadcrumb,
            str(candidate.extra.get("section") or ""),
            folder,
            context if len(context) > LABEL_CHARS else "",
        )
    )
    body = None
    title = ""
    if text is not None and text.text_length:
        title = " ".join((title_block(text), text.title or ""))
        own.append(title)
        body = text.text[:20000]
    site = " ".join((candidate.page_title, candidate.breadcrumb))
    return Texts(" ".join(own), " ".join(near), page, body, label, title, site)
