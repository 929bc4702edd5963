"""Currency from country cues, for documents that print amounts without any currency.

The country names come from CLDR through ``babel`` (each country's name in English, German,
French, Dutch and Spanish, e.g. "Nederland", "Deutschland", "India"), and the country's
tender from CLDR's territory currencies, so no table of countries is kept by hand. A cue is
weak evidence (an address abroad is common), so its confidence stays below the approval bar.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

LANGUAGES = ("en", "de", "fr", "nl", "es")
CUE_CONFIDENCE = 0.6


@lru_cache(maxsize=1)
def _country_names() -> tuple[re.Pattern[str], dict[str, str]]:
    """A regex of every country name (5 languages) and name -> ISO 4217 code of its tender."""
    from babel import Locale
    from babel.numbers import get_territory_currencies

    names: dict[str, str] = {}
    for language in LANGUAGES:
        for territory, name in Locale(language).territories.items():
            if not territory.isalpha() or len(territory) != 2 or len(name) < 4:
                continue  # regions ("150"), and short names that are words elsewhere
            tender = get_territory_currencies(territory, tender=True, non_tender=False)
            if tender:
                names.setdefault(name.lower(), tender[0])
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE), names


def currency_from_country(text: str) -> tuple[str, str] | None:
    """(ISO 4217 code, the country name read) of the country the text names most, or None."""
    pattern, names = _country_names()
    found = Counter(m.group(0).lower() for m in pattern.finditer(text))
    if not found:
        return None
    name, _ = found.most_common(1)[0]
    return names[name], name
