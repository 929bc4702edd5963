"""Prompt parsing: every constraint kind the issue names, and the JSON round trip."""

from __future__ import annotations

from datetime import date

import pytest
from docharvest.relevance import Intent, parse_prompt

TODAY = date(2025, 3, 1)


def window(prompt: str) -> list[tuple[str, date | None, date | None]]:
    return [(t.kind, t.start, t.end) for t in parse_prompt(prompt, today=TODAY).times]


@pytest.mark.parametrize(
    ("prompt", "kinds"),
    [
        ("Find all board meeting minutes from 2024", ("minutes",)),
        ("agenda packets of the planning commission", ("packet",)),  # round 5: a packet is not the agenda
        ("adopted budget documents", ("budget",)),
        ("annual reports", ("annual report",)),
        ("audited financial statements", ("audit",)),
        ("ordinances and local laws", ("ordinance",)),
        ("board policies", ("policy",)),
        ("employee handbook", ("handbook",)),
        ("school calendar", ("calendar",)),
        ("invoices from our vendors", ("invoice",)),
        ("service contracts and lease agreements", ("contract",)),
        ("minutes and agendas", ("agenda", "minutes")),
        ("Summary of proceedings of the county board", ("minutes",)),
    ],
)
def test_kinds_and_synonyms(prompt: str, kinds: tuple[str, ...]) -> None:
    intent = parse_prompt(prompt, today=TODAY)
    assert intent.kinds == kinds
    assert "minutes" not in intent.kinds or "meeting minutes" in intent.synonyms("minutes")


def test_modifier_kind_is_a_topic_not_the_kind() -> None:
    intent = parse_prompt("budget presentations", today=TODAY)
    assert intent.kinds == ("presentation",)
    assert intent.topics == ("budget",)


@pytest.mark.parametrize(
    ("prompt", "key", "level"),
    [
        ("board meeting minutes", "governing", ""),
        ("town board minutes", "governing", "town"),
        ("school board minutes", "governing", "school"),
        ("Board of Education agendas", "governing", "school"),
        ("planning commission agendas", "planning", ""),
        ("planning board agendas", "planning", ""),
        ("Zoning Board of Appeals minutes", "zoning", ""),
        ("ZBA minutes", "zoning", ""),
        ("city council minutes", "council", "city"),
        ("audit committee minutes", "audit", ""),
        ("Board of Supervisors minutes", "governing", "county"),
    ],
)
def test_issuing_bodies(prompt: str, key: str, level: str) -> None:
    (body,) = parse_prompt(prompt, today=TODAY).bodies
    assert (body.key, body.level) == (key, level)


def test_audit_committee_is_a_body_not_an_audit() -> None:
    intent = parse_prompt("audit committee minutes", today=TODAY)
    assert intent.kinds == ("minutes",)


def test_year() -> None:
    assert window("minutes from 2024") == [("year", date(2024, 1, 1), date(2024, 12, 31))]


def test_month() -> None:
    assert window("council minutes from March 2024") == [("month", date(2024, 3, 1), date(2024, 3, 31))]


def test_quarter() -> None:
    assert window("Q3 2024 earnings releases") == [("quarter", date(2024, 7, 1), date(2024, 9, 30))]


@pytest.mark.parametrize(
    "prompt",
    ["annual reports from 2020 to 2022", "annual reports between 2020 and 2022", "minutes 2020-2022"],
)
def test_range(prompt: str) -> None:
    assert window(prompt) == [("range", date(2020, 1, 1), date(2022, 12, 31))]


@pytest.mark.parametrize(
    "prompt", ["minutes since 2022", "minutes from 2022 onward", "minutes 2022 and later"]
)
def test_since(prompt: str) -> None:
    assert window(prompt) == [("since", date(2022, 1, 1), None)]


def test_after_excludes_the_year_itself() -> None:
    assert window("minutes after 2022") == [("since", date(2023, 1, 1), None)]


def test_before() -> None:
    assert window("minutes before 2020") == [("before", None, date(2019, 12, 31))]
    assert window("minutes through 2020") == [("before", None, date(2020, 12, 31))]


@pytest.mark.parametrize(
    "prompt", ["FY2024 budget", "budget for fiscal year 2024", "FY 2023-24 budget", "FY24 budget"]
)
def test_fiscal_year(prompt: str) -> None:
    assert window(prompt) == [("fiscal_year", date(2023, 7, 1), date(2024, 6, 30))]


@pytest.mark.parametrize(
    "prompt", ["calendar for the 2024-25 school year", "2024-2025 school calendar", "school calendar 2024/25"]
)
def test_school_year(prompt: str) -> None:
    assert window(prompt) == [("school_year", date(2024, 7, 1), date(2025, 6, 30))]


def test_consecutive_years_for_meetings_are_a_range_not_a_school_year() -> None:
    assert window("minutes 2023-2024") == [("range", date(2023, 1, 1), date(2024, 12, 31))]


def test_relative_years_use_today() -> None:
    assert window("minutes from last year") == [("year", date(2024, 1, 1), date(2024, 12, 31))]
    assert window("minutes from this year") == [("year", date(2025, 1, 1), date(2025, 12, 31))]


@pytest.mark.parametrize(
    "prompt",
    ["minutes, not drafts", "minutes excluding drafts", "minutes (no drafts)", "minutes without drafts"],
)
def test_excluded_status(prompt: str) -> None:
    intent = parse_prompt(prompt, today=TODAY)
    assert intent.excluded_statuses == ("draft",)
    assert intent.kinds == ("minutes",)


def test_excluded_kinds_and_bodies() -> None:
    intent = parse_prompt("board minutes from 2023, but not agendas or presentations", today=TODAY)
    assert intent.kinds == ("minutes",)
    assert intent.excluded_kinds == ("agenda", "presentation")
    other = parse_prompt("all minutes except the planning board", today=TODAY)
    assert [b.key for b in other.excluded_bodies] == ["planning"]
    assert other.bodies == ()


@pytest.mark.parametrize(
    "prompt", ["adopted budget", "final versions only of the budget", "ordinances passed in 2023"]
)
def test_required_final_status(prompt: str) -> None:
    assert parse_prompt(prompt, today=TODAY).required_statuses == ("final",)


def test_keywords_are_the_words_qualifying_the_kind() -> None:
    # Who a document is for is a constraint of its own now (audience), no longer a free keyword.
    employee = parse_prompt("employee handbook", today=TODAY)
    assert employee.keywords == () and employee.audiences == ("group:staff",)
    assert parse_prompt("water quality report", today=TODAY).keywords == ("water", "quality")
    assert parse_prompt("I need the minutes of every board meeting held in 2024", today=TODAY).keywords == ()
    assert parse_prompt("documents about the library renovation", today=TODAY).keywords == (
        "library",
        "renovation",
    )


def test_json_round_trip() -> None:
    intent = parse_prompt("School board minutes since 2022, not drafts, FY2024 budget", today=TODAY)
    data = intent.to_dict()
    assert data["synonyms"]["minutes"][0] == "minutes"
    again = Intent.from_dict(data)
    assert again == intent
    assert again.periods == intent.periods


def test_parsing_is_deterministic() -> None:
    prompt = "Find all board meeting minutes from 2024, not drafts"
    assert parse_prompt(prompt, today=TODAY) == parse_prompt(prompt, today=TODAY)
