"""Normalisers: raw text spans -> typed values (dates, amounts, currencies, booleans).

Every parser returns ``None`` when the text is not a value of its type, never raises.
Ambiguous forms are decided by a :class:`Locale` hint that the caller derives from the
whole document (``detect_locale``): ``03/04/2024`` is 4 March in a US invoice and 3 April
in a UK one; ``1.234`` is one thousand two hundred and thirty-four in a German one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# -- locale -------------------------------------------------------------------


@dataclass(frozen=True)
class Locale:
    """How the document writes ambiguous values."""

    day_first: bool = True
    decimal_comma: bool = False
    language: str = "en"


LANGUAGE_CUES: dict[str, tuple[str, ...]] = {
    "de": ("rechnung", "datum", "betrag", "mwst", "summe", "gesamt", "zahlbar", "bitte", "netto", "kunde"),
    "fr": ("facture", "montant", "tva", "échéance", "total ttc", "client", "payer", "date d", "n°", "le "),
    "en": ("invoice", "amount", "total", "due", "bill to", "date", "payment", "balance", "tax", "the "),
}

_SLASH_DATE = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})\b")
_DOT_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b")
_COMMA_AMOUNT = re.compile(r"\d[.'\u2019\s]?\d{0,3},\d{2}(?!\d)")
_POINT_AMOUNT = re.compile(r"\d,?\d{0,3}\.\d{2}(?!\d)")


def detect_language(text: str) -> str:
    lowered = text.lower()
    scores = {lang: sum(lowered.count(cue) for cue in cues) for lang, cues in LANGUAGE_CUES.items()}
    return max(scores, key=lambda lang: (scores[lang], lang == "en"))


def detect_locale(text: str) -> Locale:
    """The document's conventions, from its own unambiguous values first, then language and currency."""
    language = detect_language(text)
    day_first = _day_first_from_dates(text)
    if day_first is None:
        us_money = "$" in text or "USD" in text
        day_first = not (language == "en" and us_money and "CAD" not in text and "AUD" not in text)
    comma = len(_COMMA_AMOUNT.findall(text))
    point = len(_POINT_AMOUNT.findall(text))
    decimal_comma = comma > point if comma != point else language in ("de", "fr")
    return Locale(day_first=day_first, decimal_comma=decimal_comma, language=language)


def _day_first_from_dates(text: str) -> bool | None:
    """``True``/``False`` if a numeric date in the text can only be read one way; dots mean day-first."""
    votes = 0
    for first, second, _ in _SLASH_DATE.findall(text):
        a, b = int(first), int(second)
        if a > 12 >= b:
            votes += 1
        elif b > 12 >= a:
            votes -= 1
    if votes:
        return votes > 0
    if _DOT_DATE.search(text):
        return True
    return None


# -- dates --------------------------------------------------------------------

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan janvier janv januar jän jänner enero gennaio januari",
        "february feb février févr fevrier fevr februar febrero februari",
        "march mar mars märz maerz mär marzo maart mrt",
        "april apr avril avr abril aprile",
        "may mai mayo maggio mei",
        "june jun juin juni junio giugno",
        "july jul juillet juil juli julio luglio",
        "august aug août aout agosto augustus",
        "september sep sept septembre septiembre settembre",
        "october oct octobre oktober okt octubre ottobre",
        "november nov novembre noviembre",
        "december dec décembre decembre dezember dez diciembre dicembre",
    ],
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|e|\.)?"
_MONTH = rf"(?P<month>{_MONTH_ALT})\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
DATE_PATTERNS: list[re.Pattern[str]] = [
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})[-/.](?P<month>[01]?\d)[-/.](?P<day>[0-3]?\d)(?!\d)"),
    re.compile(r"(?<![\d.])(?P<a>[0-3]?\d)[/.\-](?P<b>[0-3]?\d)[/.\-](?P<year>(?:19|20)?\d{2})(?![\d])"),
    re.compile(rf"(?<!\w){_DAY}[\s\-]*{_MONTH}[\s,\-]*{_YEAR}(?!\d)", re.IGNORECASE),
    re.compile(rf"(?<!\w){_MONTH}[\s]*{_DAY}[\s,]+{_YEAR}(?!\d)", re.IGNORECASE),
]
#: Something that looks like a date even if it is not a valid one (31/02/2024): a format mismatch.
DATE_LIKE = re.compile(
    rf"\b\d{{1,4}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}\b|\b\d{{1,2}}\.?\s*(?:{_MONTH_ALT})\.?\s+\d{{4}}\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Match:
    """A value found inside a text, with its character span there."""

    value: object
    start: int
    end: int
    text: str


def find_dates(text: str, locale: Locale) -> list[Match]:
    """Every valid date in ``text`` (non-overlapping, left to right)."""
    found: list[Match] = []
    taken: list[tuple[int, int]] = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            value = _date_from_match(m, locale)
            if value is not None:
                found.append(Match(value, m.start(), m.end(), m.group(0)))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda x: x.start)


def parse_date(text: str, locale: Locale | None = None) -> date | None:
    """The first date in ``text``, or ``None``."""
    dates = find_dates(text, locale or Locale())
    return dates[0].value if dates else None  # type: ignore[return-value]


def _date_from_match(m: re.Match[str], locale: Locale) -> date | None:
    groups = m.groupdict()
    year = int(groups["year"])
    if year < 100:
        year += 2000 if year < 70 else 1900
    if "a" in groups and groups.get("a") is not None:
        a, b = int(groups["a"]), int(groups["b"])
        # Dots are day-first everywhere; otherwise the unambiguous reading, else the locale's.
        dotted = "." in m.group(0)
        day_first = True if dotted or a > 12 else False if b > 12 else locale.day_first
        day, month = (a, b) if day_first else (b, a)
    else:
        raw_month = groups["month"]
        month = int(raw_month) if raw_month.isdigit() else MONTHS.get(raw_month.lower().rstrip("."), 0)
        day = int(groups["day"])
    try:
        return date(year, month, day)
    except ValueError:
        return None


# -- amounts ------------------------------------------------------------------

CURRENCY_SYMBOLS: dict[str, str] = {
    "US$": "USD",
    "CA$": "CAD",
    "C$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "S$": "SGD",
    "R$": "BRL",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "zł": "PLN",
    "Kč": "CZK",
    "SFr.": "CHF",
    "Fr.": "CHF",
    "Rs.": "INR",
    "Rs": "INR",
}
ISO_4217 = frozenset(
    [
        "AED",
        "ARS",
        "AUD",
        "BGN",
        "BRL",
        "CAD",
        "CHF",
        "CLP",
        "CNY",
        "COP",
        "CZK",
        "DKK",
        "EGP",
        "EUR",
        "GBP",
        "HKD",
        "HUF",
        "IDR",
        "ILS",
        "INR",
        "ISK",
        "JPY",
        "KRW",
        "MAD",
        "MXN",
        "MYR",
        "NGN",
        "NOK",
        "NZD",
        "PEN",
        "PHP",
        "PKR",
        "PLN",
        "QAR",
        "RON",
        "RSD",
        "RUB",
        "SAR",
        "SEK",
        "SGD",
        "THB",
        "TRY",
        "TWD",
        "UAH",
        "USD",
        "VND",
        "ZAR",
    ]
)
CURRENCY_WORDS: dict[str, str] = {
    "euro": "EUR",
    "euros": "EUR",
    "dollars": "USD",
    "us dollars": "USD",
    "pounds sterling": "GBP",
    "francs suisses": "CHF",
    "swiss francs": "CHF",
    "franken": "CHF",
}
_SYMBOL_ALT = "|".join(re.escape(s) for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True))
_CODE_ALT = "|".join(sorted(ISO_4217))
CURRENCY_RE = re.compile(rf"(?<![A-Za-z])(?:{_CODE_ALT})(?![A-Za-z])|{_SYMBOL_ALT}")
_GROUP = r"[,.'\u2019\u00a0\u202f ]"
AMOUNT_RE = re.compile(
    rf"(?P<neg>[-\u2212(])?\s?(?:(?P<cur1>{_SYMBOL_ALT}|(?:{_CODE_ALT})(?![A-Za-z]))\s?)?(?P<neg2>[-\u2212])?"
    rf"(?P<num>\d{{1,3}}(?:{_GROUP}\d{{3}})+(?:[.,]\d{{1,2}})?|\d+(?:[.,]\d{{1,2}})?)"
    rf"(?!\d|[.,]\d|%)(?:\s?(?P<cur2>{_SYMBOL_ALT}|(?:{_CODE_ALT})(?![A-Za-z])))?(?P<trail>-|\))?"
)


def find_amounts(text: str, locale: Locale) -> list[Match]:
    """Every money-like number in ``text`` (percentages and dates are not amounts)."""
    out: list[Match] = []
    date_spans = [(d.start, d.end) for d in find_dates(text, locale)]
    for m in AMOUNT_RE.finditer(text):
        if any(m.start("num") < e and s < m.end("num") for s, e in date_spans):
            continue
        if re.match(r"\s?%", text[m.end("num") :]):
            continue  # "20 %" is a rate
        value = parse_number(m.group("num"), locale)
        if value is None:
            continue
        if m.group("neg") in ("-", "\u2212", "(") or m.group("neg2") or m.group("trail"):
            value = -value
        out.append(Match(value, m.start(), m.end(), m.group(0).strip()))
    return out


def parse_number(text: str, locale: Locale | None = None) -> float | None:
    """``1,234.56``, ``1.234,56``, ``1'234.56``, ``1 234,56`` -> 1234.56; ``None`` if not a number."""
    locale = locale or Locale()
    s = re.sub(r"[\u00a0\u202f \u2019']", "", text.strip())
    s = s.replace("\u2212", "-")
    negative = s.startswith("-") or (s.startswith("(") and s.endswith(")"))
    s = s.strip("-()+")
    if not s or not re.fullmatch(r"[\d.,]+", s) or not s[0].isdigit():
        return None
    last_dot, last_comma = s.rfind("."), s.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        decimal = "." if last_dot > last_comma else ","
    elif last_dot >= 0 or last_comma >= 0:
        sep = "." if last_dot >= 0 else ","
        decimals = len(s) - max(last_dot, last_comma) - 1
        if s.count(sep) > 1:
            decimal = ""  # several of one separator: thousands grouping only
        elif decimals != 3:
            decimal = sep
        else:
            # "1.234" / "1,234": the locale decides whether the separator groups thousands.
            decimal = sep if (sep == ",") == locale.decimal_comma else ""
    else:
        decimal = ""
    grouping = {".", ","} - {decimal}
    for g in grouping:
        s = s.replace(g, "")
    if decimal:
        if s.count(decimal) > 1:
            return None
        s = s.replace(decimal, ".")
    try:
        value = float(s)
    except ValueError:
        return None
    return -value if negative else value


def parse_currency(text: str) -> str | None:
    """The ISO 4217 code of the first currency symbol, code or name in ``text``."""
    m = CURRENCY_RE.search(text)
    if m:
        token = m.group(0)
        return token if token in ISO_4217 else CURRENCY_SYMBOLS.get(token)
    lowered = text.lower()
    for word, code in CURRENCY_WORDS.items():
        if re.search(rf"\b{re.escape(word)}\b", lowered):
            return code
    return None


def parse_integer(text: str, locale: Locale | None = None) -> int | None:
    number = parse_number(text, locale)
    return int(number) if number is not None and float(number).is_integer() else None


def parse_boolean(text: str) -> bool | None:
    lowered = text.strip().lower()
    if lowered in {"yes", "true", "y", "ja", "oui", "x", "1", "paid", "bezahlt", "payé"}:
        return True
    if lowered in {"no", "false", "n", "nein", "non", "0", "unpaid", "offen", "impayé"}:
        return False
    return None
