"""Date attribution: a document is dated by its own date, not by any date it mentions."""

from __future__ import annotations

from datetime import date

import pytest
from docharvest.models import Candidate
from docharvest.relevance import RuleScorer, parse_prompt
from docharvest.relevance.dates import find_dates, own_date
from docharvest.text.document import DocumentText


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("January 9, 2024", date(2024, 1, 9)),
        ("Tuesday, January 9th, 2024", date(2024, 1, 9)),
        ("Jan. 9 2024", date(2024, 1, 9)),
        ("9 January 2024", date(2024, 1, 9)),
        ("01/09/2024", date(2024, 1, 9)),
        ("1-9-24", date(2024, 1, 9)),
        ("2024-01-09", date(2024, 1, 9)),
        ("2024_01_09", date(2024, 1, 9)),
        ("20240109", date(2024, 1, 9)),
    ],
)
def test_day_formats(text: str, expected: date) -> None:
    (period,) = find_dates(text)
    assert (period.granularity, period.start) == ("day", expected)


def test_minutes_are_dated_by_the_meeting_not_the_approval() -> None:
    block = (
        "TOWN OF MILLBROOK\nTOWN BOARD\nMINUTES OF THE REGULAR MEETING\nDecember 12, 2023\n"
        "The minutes were approved January 9, 2024."
    )
    assert own_date(block).start == date(2023, 12, 12)


def test_a_stamp_above_the_title_is_not_the_own_date() -> None:
    block = "APPROVED 1/9/2024\nPlanning Board Minutes\nDecember 12, 2023"
    assert own_date(block).start == date(2023, 12, 12)


@pytest.mark.parametrize(
    "cue", ["Next meeting:", "Posted", "Revised", "Adopted by the Board of Education on"]
)
def test_reference_dates_are_not_own_dates(cue: str) -> None:
    (period,) = find_dates(f"{cue} January 9, 2024")
    assert period.cue == "foreign"


def test_held_date_wins_over_an_earlier_date() -> None:
    block = "Minutes\nContinuation of the hearing opened November 14, 2023\nRegular meeting held December 12, 2023"
    assert own_date(block).start == date(2023, 12, 12)


def test_founding_years_do_not_date_a_document() -> None:
    assert own_date("Village of Ashford, est. 1952\n2023 Annual Report\nPublished April 2024").label == "2023"


def test_period_documents_are_dated_by_their_period() -> None:
    block = (
        "Cedar Falls Schools\nFY 2023-24 Adopted Budget\nPresented to the Board of Education March 12, 2023"
    )
    assert own_date(block, period_document=True).label == "FY2024"
    assert own_date("2024-2025 School Calendar", period_document=True).label == "2024-25"
    assert (
        own_date(
            "Northwind Reports Third Quarter 2024 Financial Results\nOct. 24, 2024", period_document=True
        ).label
        == "Q3 2024"
    )


def test_upload_folder_year_is_read_as_a_year() -> None:
    (period,) = find_dates("/wp-content/uploads/2024/01")
    assert period.granularity == "year" and period.year == 2024


def _minutes(day: str) -> DocumentText:
    return DocumentText(
        pages=[
            f"TOWN BOARD\nMINUTES OF THE REGULAR MEETING\n{day}\nPresent: all members.\n"
            "1. Approval of the minutes of January 9, 2024.\nNext meeting: January 23, 2024."
        ]
    )


def test_december_minutes_in_a_2024_folder_with_2024_mentions_are_2023_minutes() -> None:
    intent = parse_prompt("board minutes from 2024")
    candidate = Candidate(
        url="https://town.example.org/wp-content/uploads/2024/01/TB-minutes.pdf",
        link_text="Town Board Minutes",
        heading="Town Board",
    )
    scorer = RuleScorer()
    december = scorer.score_document(intent, candidate, _minutes("December 12, 2023"), "TB-minutes.pdf")
    january = scorer.score_document(intent, candidate, _minutes("January 9, 2024"), "TB-minutes.pdf")
    assert december.confidence < 0.05
    assert "2023-12-12" in december.reason
    assert january.confidence > 0.9


def test_folder_year_alone_is_weak_evidence() -> None:
    intent = parse_prompt("board minutes from 2024")
    scorer = RuleScorer()
    by_folder = scorer.score_candidate(
        intent, Candidate(url="https://t.example.org/uploads/2024/01/m.pdf", link_text="Town Board Minutes")
    )
    by_link = scorer.score_candidate(
        intent,
        Candidate(url="https://t.example.org/files/m.pdf", link_text="Town Board Minutes January 9, 2024"),
    )
    contradicted = scorer.score_candidate(
        intent,
        Candidate(
            url="https://t.example.org/uploads/2024/01/m.pdf",
            link_text="Town Board Minutes December 12, 2023",
        ),
    )
    assert by_folder.confidence < by_link.confidence
    assert contradicted.confidence < 0.1 < by_folder.confidence
