"""Round 6: general reading fixes found on part 7 and civic2 (program years, file-name link texts)."""

from __future__ import annotations

from docharvest.relevance import parse_prompt
from docharvest.relevance.dates import find_dates
from docharvest.relevance.phrases import name_words, read_path


def test_program_years_are_july_to_june_periods() -> None:
    (one,) = find_dates("AnnualReport_PY20")
    assert (one.label, one.start.isoformat(), one.end.isoformat()) == ("PY2020", "2020-07-01", "2021-06-30")
    (span,) = find_dates("WIOA Local Plan, Program Years 2020-2023")
    assert (span.label, span.end.isoformat()) == ("PY2020-23", "2024-06-30")
    assert [d.label for d in find_dates("happy 2020")] == ["2020"]


def test_a_request_for_program_years_is_one_period() -> None:
    intent = parse_prompt("final local plan program years 2023-2026")
    assert [t.label for t in intent.times] == ["PY2023-26"]
    assert [t.label for t in parse_prompt("PY20 annual report").times] == ["PY2020"]


def test_a_file_name_link_text_is_read_as_a_file_name() -> None:
    assert name_words("LocalPlan_PY20-23_FINAL") == "Local Plan PY20 23 FINAL"
    assert read_path("LocalPlan_PY20-23_FINAL.pdf").dates[0].label == "PY2020-23"


def test_a_meeting_time_and_the_board_room_name_no_body() -> None:
    from docharvest.relevance.phrases import read_phrase

    assert read_phrase("Wednesday, June 03, 2020 @ 1:30 PM Board Room Minutes (PDF)").bodies == ()


def test_a_file_names_last_word_as_a_language_code_marks_a_translation() -> None:
    assert "language:spanish" in read_path("Policy300_UseOfForce_20180426_ES.pdf").audiences
    assert not read_path("Policy300_UseOfForce_20180426.pdf").audiences


def test_a_two_digit_end_year_makes_a_range_unless_it_is_one_school_year() -> None:
    assert [t.label for t in parse_prompt("the local workforce plan 2020-23").times] == ["2020-2023"]
    assert [t.kind for t in parse_prompt("minutes 2023-24").times] == ["school_year"]


def test_a_subcommittee_is_a_committee_and_its_name_no_kind() -> None:
    from docharvest.relevance.phrases import read_phrase

    phrase = read_phrase("Policy Subcommittee Agenda")
    assert [b.text for b in phrase.bodies] == ["policy subcommittee"]
    assert phrase.heads == {"agenda"}
    assert [b.key for b in parse_prompt("meeting notes 2019, not the subcommittees").excluded_bodies] == [
        "committee"
    ]


def test_meeting_notes_are_minutes_and_what_comes_with_a_document_is_not_its_kind() -> None:
    from docharvest.relevance.phrases import read_phrase

    assert read_phrase("Key Stakeholders Meeting Notes").heads == {"minutes"}
    assert read_path("004-April-11-2019-Board-Meeting-Minutes-with-Schedules.pdf").heads == {"minutes"}


def test_police_is_no_typo_of_policy() -> None:
    intent = parse_prompt("police review commission minutes May 2019 meeting")
    assert [b.text for b in intent.bodies] == ["police review commission"]


def test_the_minutes_of_one_meeting_are_not_its_draft() -> None:
    from docharvest.models import Candidate
    from docharvest.relevance import RuleScorer

    intent = parse_prompt("BOR minutes August 2024")
    scorer = RuleScorer()
    base = "https://ra.example.org/Files/"
    draft = Candidate(url=base + "DRAFT_BOR_Minutes_082324.pdf", link_text="DRAFT_BOR_Minutes_082324.pdf")
    final = Candidate(url=base + "BOR_Minutes_082324.pdf", link_text="BOR_Minutes_082324.pdf")
    drafted = scorer.score_candidate(intent, draft)
    assert drafted.confidence < scorer.score_candidate(intent, final).confidence
    assert "status draft" in drafted.reason.lower()
    # A year's minutes ("all of 2023") still count the last meeting's draft, which may be all there is.
    year = parse_prompt("all BOR minutes 2024")
    assert "draft" not in scorer.score_candidate(year, draft).reason.lower()


def test_the_head_of_an_unknown_kind_is_its_document_noun_not_what_follows() -> None:
    from docharvest.relevance.kind_heads import kind_head

    assert kind_head(parse_prompt("emergency action plan Cherry Creek dam")) == "plan"
    assert kind_head(parse_prompt("the 2024 local rules of court")) == "rules"
    assert kind_head(parse_prompt("2024 recycling guide for homes")) == "guide"
    assert kind_head(parse_prompt("2023 water quality report")) == "report"
    assert kind_head(parse_prompt("spring 2021 program guide")) == "guide"


def test_an_effective_date_is_the_documents_own() -> None:
    from docharvest.relevance.dates import own_date

    found = own_date("RATE SCHEDULE 1\nRESIDENTIAL SERVICE\nEffective January 1, 2020")
    assert found is not None and found.label == "2020-01-01"
    assert parse_prompt("schedule 1 residential rates 2021").keywords == ("residential",)


def _row(url: str, score: float, link: str) -> dict[str, object]:
    return {
        "url": url,
        "confidence_score": score,
        "relevance_reason": "Matches kind annual report (title block).",
        "evidence": {"link_text": link},
        "filename": url.rsplit("/", 1)[-1],
    }


def test_the_x_ranks_its_qualified_variants_below_it() -> None:
    from docharvest.relevance import rank_editions

    rows = [
        _row("https://wb.example.org/Files/AnnualReport_PY20.pdf", 0.99, "AnnualReport_PY20.pdf"),
        _row("https://wb.example.org/Files/Youth_AnnualReport_PY20.pdf", 0.99, "Youth_AnnualReport_PY20.pdf"),
        _row(
            "https://wb.example.org/Files/StateBoard_AnnualReport_PY20.pdf",
            0.99,
            "StateBoard_AnnualReport_PY20.pdf",
        ),
    ]
    updates = {
        u["url"].rsplit("/", 1)[-1]: u for u in rank_editions(parse_prompt("PY20 annual report"), rows)
    }
    assert set(updates) == {"Youth_AnnualReport_PY20.pdf", "StateBoard_AnnualReport_PY20.pdf"}
    assert updates["Youth_AnnualReport_PY20.pdf"]["confidence_score"] < 0.5
    assert "a variant (youth) of another found" in updates["Youth_AnnualReport_PY20.pdf"]["relevance_reason"]
    # "All X" asks for every one of them.
    assert rank_editions(parse_prompt("all annual reports PY20"), rows) == []


def test_a_bare_board_section_heading_does_not_contradict_the_committee_the_heading_names() -> None:
    from docharvest.models import Candidate
    from docharvest.relevance import RuleScorer

    candidate = Candidate(
        url="https://fcd.example.org/FileStream.ashx/58102.pdf",
        link_text="Agenda (PDF)",
        heading="Zone 7 Advisory Committee - Regular Meeting",
        context="Monday, September 05, 2022 @ 9:00 AM Board Room Agenda (PDF)",
        extra={"section": "Board Meetings and District Documents"},
    )
    score = RuleScorer().score_document(
        parse_prompt("zone 7 committee agenda for the September 2022 mtg"), candidate, None, None
    )
    assert score.confidence >= 0.5
    assert "contradicted" not in score.reason.lower()


def test_a_hyphenated_request_word_is_found_however_its_parts_are_joined() -> None:
    from docharvest.relevance.free_words import holds

    assert holds("use-of-force", "policy 300 use of force")
    assert holds("use-of-force", "useofforce")
    assert not holds("use-of-force", "force use")


def test_recommendations_on_a_document_and_its_redline_are_derived_from_it() -> None:
    from docharvest.relevance.phrases import read_phrase

    assert read_phrase("Commission Recommendations on Policy 300 (Use of Force)").derived
    assert read_path("localrules_2024_redline.pdf").derived


def test_initials_confirm_the_head_only_when_the_label_names_nothing_else() -> None:
    from docharvest.relevance.free_words import Texts
    from docharvest.relevance.kind_heads import UNCONFIRMED, head_confirmed

    intent = parse_prompt("emergency action plan Cherry Creek dam")
    alone = Texts(own="EAP Cherry Creek", context="", page="", label="EAP Cherry Creek pdf")
    other = Texts(
        own="Cherry Creek EAP Exercise AAR", context="", page="", label="Cherry Creek EAP Exercise AAR"
    )
    assert head_confirmed(intent, alone) == 1.0
    assert head_confirmed(intent, other) == UNCONFIRMED


def test_a_two_digit_revision_dates_an_edition() -> None:
    from docharvest.relevance.editions import edition_year

    assert edition_year("ud_tenant_guide_rev24.pdf") == 2024
    assert edition_year("Policy_rev.19") == 2019


def test_a_variant_phrased_in_other_words_is_still_a_variant() -> None:
    from docharvest.relevance import rank_editions

    rows = [
        _row(
            "https://ra.example.org/f/acfr_fy20.pdf", 0.99, "Annual Comprehensive Financial Report FY 2019-20"
        ),
        _row("https://ra.example.org/f/county_acfr_2019-20.pdf", 0.99, "Sutter Creek County ACFR FY 2019-20"),
    ]
    intent = parse_prompt("the FY2019-20 annual comprehensive financial report")
    assert [u["url"].rsplit("/", 1)[-1] for u in rank_editions(intent, rows)] == ["county_acfr_2019-20.pdf"]


def test_a_bare_links_variant_is_told_by_the_heading_that_names_it() -> None:
    from docharvest.relevance import rank_editions

    def bare(url: str, score: float, heading: str, context: str) -> dict[str, object]:
        return {
            "url": url,
            "confidence_score": score,
            "relevance_reason": "Matches kind annual report (heading).",
            "evidence": {"link_text": "PDF", "heading": heading, "context": context},
            "filename": url.rsplit("/", 1)[-1],
        }

    rows = [
        bare("https://deq.example.gov/d/32950/637186731964102224.pdf", 0.934, "Annual Report FY2022",
             "Nov 21, 2022 Reports and Publications Annual Report FY2022 PDF (3.5 MB)"),
        bare("https://deq.example.gov/d/36074/637204983803817823.pdf", 0.99,
             "Environmental Quality Council Annual Report 2022",
             "Jan 8, 2023 Environmental Quality Council Annual Report 2022 PDF (1.9 MB)"),
    ]  # fmt: skip
    (update,) = rank_editions(parse_prompt("the FY22 annual report"), rows)
    assert update["url"].endswith("637204983803817823.pdf")
    assert "a variant (council environmental quality)" in update["relevance_reason"]


def test_a_lower_case_glued_file_name_is_split_at_the_requests_words() -> None:
    from docharvest.relevance import rank_editions

    rows = [
        _row("https://court.example.gov/files/localrules_2024.pdf", 0.937, "localrules_2024.pdf"),
        _row(
            "https://court.example.gov/files/staterulesofcourt_2024.pdf", 0.99, "staterulesofcourt_2024.pdf"
        ),
    ]
    (update,) = rank_editions(parse_prompt("the 2024 local rules of court"), rows)
    assert update["url"].endswith("staterulesofcourt_2024.pdf")
    assert "a variant (state) of another found" in update["relevance_reason"]
