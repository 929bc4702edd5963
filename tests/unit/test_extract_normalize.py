"""Normalisers: dates, amounts and currencies in the conventions invoices are written in."""

from __future__ import annotations

from datetime import date

import pytest
from docharvest.extract.normalize import (
    Locale,
    detect_locale,
    find_amounts,
    parse_currency,
    parse_date,
    parse_number,
)

US = Locale(day_first=False, decimal_comma=False, language="en")
EU = Locale(day_first=True, decimal_comma=True, language="de")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-04-03", date(2024, 4, 3)),
        ("03.04.2024", date(2024, 4, 3)),
        ("3 April 2024", date(2024, 4, 3)),
        ("April 3, 2024", date(2024, 4, 3)),
        ("3rd April 2024", date(2024, 4, 3)),
        ("03-Apr-2024", date(2024, 4, 3)),
        ("3. März 2024", date(2024, 3, 3)),
        ("1er avril 2024", date(2024, 4, 1)),
        ("17 décembre 2023", date(2023, 12, 17)),
        ("Dec. 5th, 2023", date(2023, 12, 5)),
    ],
)
def test_unambiguous_dates_parse_in_any_locale(text: str, expected: date) -> None:
    assert parse_date(text, US) == expected
    assert parse_date(text, EU) == expected


def test_the_locale_decides_ambiguous_slash_dates() -> None:
    assert parse_date("03/04/2024", US) == date(2024, 3, 4)
    assert parse_date("03/04/2024", EU) == date(2024, 4, 3)
    # A day above 12 can only be read one way, whatever the locale says.
    assert parse_date("04/13/2024", EU) == date(2024, 4, 13)
    assert parse_date("13/04/2024", US) == date(2024, 4, 13)


def test_impossible_dates_are_not_dates() -> None:
    assert parse_date("31.02.2024", EU) is None
    assert parse_date("2024-13-01", US) is None


def test_document_locale_comes_from_its_own_values_first() -> None:
    assert detect_locale("Invoice date 04/13/2024 Total $1,234.00").day_first is False
    assert detect_locale("Invoice date 13/04/2024 Total £1,234.00").day_first is True
    # No unambiguous date: an English invoice in dollars is month-first, one in pounds day-first.
    assert detect_locale("Invoice date 03/04/2024 Total $12.00").day_first is False
    assert detect_locale("Invoice date 03/04/2024 Total £12.00").day_first is True
    german = detect_locale("Rechnung vom 03.04.2024, Gesamtbetrag 1.234,56 €")
    assert (german.language, german.decimal_comma) == ("de", True)


@pytest.mark.parametrize(
    "text",
    ["1,234.56", "1.234,56", "1'234.56", "1’234.56", "1 234,56", "1\u00a0234,56", "1234.56", "1234,56"],
)
def test_amount_formats(text: str) -> None:
    assert parse_number(text, US) == pytest.approx(1234.56)


def test_three_decimals_are_grouping_or_decimals_by_locale() -> None:
    assert parse_number("1.234", EU) == 1234.0
    assert parse_number("1,234", US) == 1234.0
    assert parse_number("1.234", US) == pytest.approx(1.234)


def test_find_amounts_reads_signs_currencies_and_skips_dates_and_percentages() -> None:
    found = find_amounts("VAT 19% on 03.04.2024: EUR 1.469,06 and -$45.00 and (12.50)", EU)
    assert [m.value for m in found] == [pytest.approx(1469.06), -45.0, -12.5]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("€ 12", "EUR"),
        ("12 EUR", "EUR"),
        ("$5", "USD"),
        ("US$ 5", "USD"),
        ("CA$ 5", "CAD"),
        ("£3", "GBP"),
        ("CHF 1'234.50", "CHF"),
        ("Fr. 20.-", "CHF"),
        ("payable in euros", "EUR"),
        ("no money here", None),
    ],
)
def test_currencies_map_to_iso_4217(text: str, code: str | None) -> None:
    assert parse_currency(text) == code
