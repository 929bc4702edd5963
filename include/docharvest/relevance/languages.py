"""The language a document is written in, when its label says so: "Sample Ballot (Spanish)".

A request typed in English asks for the English document unless it names another language: a
translation is a document for other readers (an audience), ranked below the English one and not
reported for "the X" or "all X" alike. A request naming a language ("sample ballot in Spanish",
"spanish agenda") asks for that one. Only a language named as a label's marker counts -- at its end, before
punctuation or "version"/"translation", or as an endonym ("Español", "中文") -- so that place names
("Spanish Fork", "French Creek") are not languages.
"""

from __future__ import annotations

import re

# English name -> the names a label may give it (lower case; endonyms included).
LANGUAGES: dict[str, tuple[str, ...]] = {
    "english": ("english",),
    "spanish": ("spanish", "español", "espanol", "castellano"),
    "chinese": ("chinese", "mandarin", "cantonese", "中文", "简体中文", "繁體中文", "繁体中文"),
    "vietnamese": ("vietnamese", "tiếng việt", "tieng viet"),
    "korean": ("korean", "한국어"),
    "tagalog": ("tagalog", "filipino"),
    "russian": ("russian", "русский"),
    "ukrainian": ("ukrainian", "українська"),
    "arabic": ("arabic", "العربية"),
    "french": ("french", "français", "francais"),
    "haitian creole": ("haitian creole", "kreyòl", "kreyol"),
    "portuguese": ("portuguese", "português", "portugues"),
    "hmong": ("hmong",),
    "somali": ("somali",),
    "japanese": ("japanese", "日本語"),
    "german": ("german", "deutsch"),
    "italian": ("italian", "italiano"),
    "polish": ("polish", "polski"),
    "punjabi": ("punjabi",),
    "hindi": ("hindi",),
    "urdu": ("urdu",),
    "bengali": ("bengali",),
    "farsi": ("farsi", "persian"),
    "amharic": ("amharic",),
    "armenian": ("armenian",),
}
_NAME_OF = {n: lang for lang, names in LANGUAGES.items() for n in names}
# Names that are no English word and no place name: they mark a language wherever they stand.
_ENDONYMS = frozenset(n for lang, names in LANGUAGES.items() for n in names[1:] if not n.isascii()) | {
    "español", "espanol", "en español", "tieng viet", "kreyol", "kreyòl",
}  # fmt: skip
_NAMES = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(_NAME_OF, key=len, reverse=True))
_NAME_RE = re.compile(rf"(?<!\w)({_NAMES})(?!\w)")
# After the name: the end of the label, punctuation, or a word saying it is a translation.
_MARKER_AFTER_RE = re.compile(
    r"^\s*(?:$|[)\]\-\u2013\u2014:,/|.;]|(?:version|translation|translated|edition)\b)"
)

WORDS = frozenset(w for n in _NAME_OF for w in n.split())


def read_languages(norm: str, kind_words: frozenset[str] | None = None) -> frozenset[str]:
    """ "language:<name>" for each language a normalised (lower-case) text names as its marker.

    With ``kind_words`` (a request): also "in Spanish" and a name before a kind ("spanish agenda").
    """
    found = set()
    for m in _NAME_RE.finditer(norm):
        name = re.sub(r"\s+", " ", m.group(1))
        after = norm[m.end() :]
        marked = name in _ENDONYMS or bool(_MARKER_AFTER_RE.match(after))
        if not marked and kind_words is not None:
            following = after.split()[:1]
            marked = norm[: m.start()].rstrip().endswith(" in") or bool(
                following and following[0] in kind_words
            )
        if marked:
            found.add("language:" + _NAME_OF[name])
    return frozenset(found)


# A file name's last word as a language code ("Policy300_UseOfForce_ES.pdf", "Guide_rev20_SPA.pdf"):
# a translation's marker. Only codes that are no English word of a file name.
FILE_CODES: dict[str, str] = {
    "es": "spanish", "spa": "spanish", "esp": "spanish",
    "zh": "chinese", "chi": "chinese", "vi": "vietnamese", "vie": "vietnamese", "ko": "korean",
    "kor": "korean", "tl": "tagalog", "ru": "russian", "fr": "french", "ht": "haitian creole",
    "pt": "portuguese", "hmn": "hmong", "ar": "arabic",
}  # fmt: skip


def file_language(tokens: list[str]) -> frozenset[str]:
    """ "language:<name>" when a file name's last word (of several) is a language code."""
    if len(tokens) < 2 or tokens[-1] not in FILE_CODES:
        return frozenset()
    return frozenset({"language:" + FILE_CODES[tokens[-1]]})
