"""Round 7: general reading fixes found on part 8 (a development part since round 7).

1. an accordion's toggle (a ``<button>`` before its panel) titles the panel: the body of every
   document listed in it;
2. the headings above a link are read one by one (the outer heading's list of kinds does not make
   the inner one's body a group), and the nearest heading naming a body outweighs those above it;
3. a friends group or a foundation is a body of its own, with or without a type word;
4. the organisation's board is named by its field ("Library Board") or its members ("Board of
   Trustees"), and a request's word naming the site's organisation ("hospital" for a "Healthcare
   District") qualifies every document on it.
"""

from __future__ import annotations

from docharvest.relevance import parse_prompt
from docharvest.relevance.phrases import read_phrase

from tests.unit.test_relevance_round5 import _links
from tests.unit.test_relevance_unseen_classes import TODAY, _score

# -- 1. accordions -------------------------------------------------------------------------------------

ACCORDION = (
    "<h1>Agendas, Minutes and Budget</h1>"
    "<button class='accordion' aria-expanded='true'>City Council</button><div class='panel'><h4>2021</h4>"
    "<ul><li><a href='cc.pdf'>Agenda 10.4.21</a></li></ul></div>"
    "<button class='accordion' aria-expanded='false'>Library Board</button><div class='panel'><h4>2021</h4>"
    "<ul><li><a href='lb.pdf'>Agenda 10.4.21</a></li></ul></div>"
    "<button aria-controls='p3'>Planning Commission</button><p>Open the panel.</p>"
    "<div id='p3'><ul><li><a href='pc.pdf'>Agenda 10.4.21</a></li></ul></div>"
)


def test_an_accordions_toggle_titles_its_panel() -> None:
    links = _links(ACCORDION)
    assert links["cc.pdf"].section.endswith("City Council") and links["cc.pdf"].heading == "2021"
    assert links["lb.pdf"].section.endswith("Library Board")
    assert "City Council" not in links["lb.pdf"].section
    assert links["pc.pdf"].heading == "Planning Commission"  # by aria-controls, past a paragraph


def _sections(prompt: str, other: str, right: str, **page: str) -> tuple[float, float, str]:
    """(score, score, reason of the first) of one link under two sections."""
    scores = [_score(prompt, section=section, **page) for section in (other, right)]
    return scores[0][0], scores[1][0], scores[0][1]


def test_a_document_in_another_bodys_panel_is_that_bodys() -> None:
    other, right, reason = _sections(
        "2021 planning commission agendas",
        "Agendas, Minutes and Budget / Library Board",
        "Agendas, Minutes and Budget / Planning Commission",
        page_title="Agendas, Minutes and Budget | City of Westlake",
        heading="2021",
        link_text="Agenda 10.4.21",
    )
    assert other < 0.5 <= right
    assert "library board (section heading)" in reason


# -- 2. the nearest heading ------------------------------------------------------------------------------


def test_the_heading_over_a_document_outweighs_the_section_above_it() -> None:
    prompt = "library board minutes 2019"
    page = {"page_title": "Library Board and Reports | Library Hill Public Library"}
    friends, reason = _score(
        prompt,
        link_text="Minutes",
        context="6/11/2019 Minutes",
        heading="Friends of the Library",
        section="Library Board and Reports",
        url="https://t.gov/uploads/June-11-2019-Minutes.pdf",
        **page,
    )
    assert friends < 0.5
    assert "friends of the library (heading)" in reason


# -- 3. affiliates -----------------------------------------------------------------------------------------


def test_a_friends_group_or_a_foundation_is_a_body() -> None:
    assert [(b.key, b.text) for b in read_phrase("Friends of the Library").bodies] == [
        ("affiliate", "friends of the library")
    ]
    assert [b.key for b in read_phrase("Friends of the Library Board").bodies] == ["affiliate"]
    assert [b.key for b in read_phrase("Library Foundation Board Minutes").bodies] == ["affiliate"]


def test_a_foundations_board_is_not_the_library_board_named_more_fully() -> None:
    prompt = "library board minutes 2019"
    page = {"page_title": "Board | Library Hill Public Library", "heading": "Minutes"}
    other, reason = _score(prompt, ["LIBRARY FOUNDATION BOARD", "MINUTES", "June 10, 2019"], **page)
    right, _ = _score(prompt, ["LIBRARY BOARD", "MINUTES", "June 10, 2019"], **page)
    assert other < 0.5 <= right
    assert "library foundation" in reason


# -- 4. the organisation's own board and name ---------------------------------------------------------------


def test_the_board_of_trustees_of_a_library_is_its_library_board() -> None:
    friends, right, _ = _sections(
        "2022 BOT agendas (library)",
        "Library Board and Reports / Friends of the Library",
        "Library Board and Reports / Board of Trustees",
        page_title="Library Board and Reports | Redmond Public Library",
        heading="2022",
        link_text="Agenda 11.7.22",
    )
    assert friends < 0.5 <= right


def test_a_word_naming_the_sites_organisation_by_its_field_is_found() -> None:
    assert parse_prompt("2024 finance cmte minutes hospital district", today=TODAY).keywords == ("hospital",)
    page = {"page_title": "Board and Public Reports | Marion Healthcare District", "heading": "2024"}
    score, reason = _score(
        "2024 finance cmte minutes hospital district",
        ["MARION HEALTHCARE DISTRICT", "FINANCE COMMITTEE", "MINUTES", "December 6, 2024"],
        link_text="12-06-2024 Minutes",
        section="Board and Public Reports / Finance Committee",
        **page,
    )
    assert score >= 0.5
    assert "missing the words" not in reason


def test_a_file_names_initials_of_the_body_asked_for_are_no_other_qualifier() -> None:
    prompt = "2024 finance cmte minutes marion"
    page = {"page_title": "Board and Public Reports | Marion Healthcare District", "heading": "2024"}
    score, reason = _score(
        prompt,
        ["FINANCE COMMITTEE", "MINUTES", "December 6, 2024"],
        link_text="12-06-2024 Minutes",
        url="https://t.gov/View/28237/FC-Minutes-12.06.24.pdf",
        section="Board and Public Reports / Finance Committee",
        **page,
    )
    assert score >= 0.9, reason


# -- 5. "the X" among labels named by headings over hashed file names ---------------------------------------


def test_an_upload_hash_in_a_file_name_is_no_qualifier_of_the_x() -> None:
    from docharvest.relevance.editions import rank_editions

    def row(url: str, heading: str) -> dict[str, object]:
        evidence = {"link_text": "Download", "heading": heading, "context": "Download (PDF, 1.6 MB)"}
        return {"url": url, "confidence_score": 0.99, "relevance_reason": "Matches.", "evidence": evidence,
                "filename": url.rsplit("/", 1)[-1]}  # fmt: skip

    rows = [
        row("https://t.gov/v/2/f075faf1c165.pdf", "2021 Annual Report"),
        row("https://t.gov/v/2/c919b9fa0174.pdf", "2021 Annual Report Infographic"),
        row("https://t.gov/v/2/ab12cd34ef56.pdf", "Friends of the Library 2021 Annual Report"),
    ]
    lowered = {
        u["url"].rsplit("/", 1)[-1] for u in rank_editions(parse_prompt("the 2021 annual report"), rows)
    }
    assert lowered == {"c919b9fa0174.pdf", "ab12cd34ef56.pdf"}


def test_editions_named_by_file_names_are_told_by_their_rows_label() -> None:
    from docharvest.relevance.editions import rank_editions

    def row(name: str, context: str) -> dict[str, object]:
        evidence = {
            "link_text": "PDF",
            "title_attr": name,
            "context": context,
            "heading": "Schedules and Maps",
        }
        return {"url": f"https://t.gov/media/{name}", "confidence_score": 0.99, "relevance_reason": "Matches.",
                "evidence": evidence, "filename": name}  # fmt: skip

    rows = [
        row(
            "Route11_Weekday_eff_20240802.pdf",
            "Route 11 Weekday Schedule (effective August 2, 2024) 7/19/2024",
        ),
        row(
            "Route11_Weekend_eff_20240802.pdf",
            "Route 11 Saturday & Sunday Schedule (effective August 2, 2024)",
        ),
        row("Route11_Schedule_eff_20230802.pdf", "Route 11 Schedule (effective August 2, 2023) 7/19/2023"),
    ]
    updates = rank_editions(parse_prompt("rt 11 schedule"), rows)
    assert [u["url"].rsplit("/", 1)[-1] for u in updates] == ["Route11_Schedule_eff_20230802.pdf"]
    assert "older edition" in updates[0]["relevance_reason"]


def test_the_row_label_of_a_link_showing_only_pdf_is_its_label() -> None:
    from docharvest.models import Candidate
    from docharvest.relevance.evidence import LABEL, candidate_sources

    candidate = Candidate(
        url="https://t.gov/media/Route11_Detour_2024.pdf",
        link_text="PDF",
        title_attr="Route11_Detour_2024.pdf",
        context="Route 11 Detour Notice 1/4/2024",
    )
    assert LABEL in {s.name for s in candidate_sources(candidate)}


# -- 6. a draft beside its approved record ------------------------------------------------------------------


def test_a_listed_draft_ranks_below_the_approved_minutes_of_its_meeting() -> None:
    from docharvest.relevance.editions import rank_editions

    def row(name: str, link: str, context: str) -> dict[str, object]:
        evidence = {"url": f"https://t.gov/uploads/{name}", "link_text": link, "context": context}
        return {"url": evidence["url"], "confidence_score": 0.99, "relevance_reason": "Matches.",
                "evidence": evidence, "filename": name}  # fmt: skip

    rows = [
        row(
            "2019-11-11_BOT_Minutes_DRAFT.pdf",
            "DRAFT Minutes - November 11, 2019",
            "11/14/2019 DRAFT Minutes",
        ),
        row(
            "November-11-2019-BOT-Minutes.pdf",
            "Board of Trustees Minutes",
            "11/11/2019 Board of Trustees Minutes",
        ),
        row(
            "2019-12-09_BOT_Minutes_DRAFT.pdf", "DRAFT Minutes - December 9, 2019", "12/12/2019 DRAFT Minutes"
        ),
    ]
    updates = rank_editions(parse_prompt("library board minutes 2019"), rows)
    assert [u["url"].rsplit("/", 1)[-1] for u in updates] == ["2019-11-11_BOT_Minutes_DRAFT.pdf"]
    assert "a draft of the approved record found (2019-11-11)" in updates[0]["relevance_reason"]
    assert rank_editions(parse_prompt("draft minutes 2019"), rows) == []


def _variant_rows(prompt: str, *labels: str) -> set[str]:
    """The labels ``rank_editions`` lowers among documents linked by those texts, all scored 0.99."""
    from docharvest.relevance.editions import rank_editions

    rows = [
        {
            "url": f"https://t.gov/d/{n}.pdf",
            "confidence_score": 0.99,
            "relevance_reason": "Matches.",
            "evidence": {"link_text": label},
            "filename": f"{n}.pdf",
        }  # fmt: skip
        for n, label in enumerate(labels)
    ]
    lowered = {u["url"] for u in rank_editions(parse_prompt(prompt), rows)}
    return {labels[int(url.rsplit("/", 1)[-1][:-4])] for url in lowered}


def test_the_kind_asked_for_is_no_filler_and_another_kinds_words_are_qualifiers() -> None:
    # "budget" is a word of the status phrase "budget amendment": still what the document is.
    assert _variant_rows("approved budget FY2023", "FY23 Adopted Budget Vol1", "Library Budget FY23") == {
        "Library Budget FY23"
    }
    # "school" and "law" are words of kinds ("school calendar", "local law"): the law school's calendar.
    assert _variant_rows(
        "2021-22 academic calendar", "Academic Calendar 2021-22", "School of Law Academic Calendar 2021-22"
    ) == {"School of Law Academic Calendar 2021-22"}
    # A period written out qualifies nothing: "Program Year" is when, "one page" is what.
    assert _variant_rows(
        "the workforce board's 2023-2024 annual report",
        "Annual Report Program Year 2023-24",
        "PY 2023 Year in Review (one page)",
    ) == {"PY 2023 Year in Review (one page)"}


def test_who_approved_a_document_qualifies_nothing() -> None:
    assert _variant_rows(
        "district calendar 2022-2023",
        "2022-23 District Calendar (Board Approved)",
        "Preschool Calendar 2022-23",
        "State Testing Calendar 2022-23",
    ) == {"Preschool Calendar 2022-23", "State Testing Calendar 2022-23"}


def test_a_request_typed_as_a_titles_initials_names_that_title() -> None:
    page = {
        "page_title": "Board and Public Reports | Sierra Vista Healthcare District",
        "link_text": "CHNA 2020",
    }
    score, reason = _score("CHNA", ["Community Health Needs Assessment", "2020"], **page)
    assert score >= 0.5 and "kind unconfirmed" not in reason
    assert _variant_rows(
        "CHNA", "Community Health Needs Assessment 2020", "CHNA Implementation Strategy 2021-2023"
    ) == {"CHNA Implementation Strategy 2021-2023"}


def test_a_title_noun_of_the_requests_group_is_not_another_kind() -> None:
    page = {"page_title": "Documents | Valley Transit", "heading": "2021"}
    score, reason = _score(
        "the Route 15 timetable",
        ["Route 15 Weekday Schedule", "Effective August 8, 2021"],
        link_text="Route 15 Weekday Schedule (effective August 8, 2021)",
        **page,
    )
    assert score >= 0.5 and "contradicted" not in reason.lower()


def test_the_prior_year_an_audit_compares_with_is_not_its_own() -> None:
    from docharvest.relevance.dates import own_date

    block = "Marion Healthcare District\nFINANCIAL STATEMENTS\nYears ended June 30, 2023 and 2022"
    own = own_date(block, period_document=True)
    assert own is not None and own.end.isoformat() == "2023-06-30"


def test_the_commission_asked_for_is_the_board_of_county_commissioners() -> None:
    page = {
        "page_title": "County Commission | Lincoln County",
        "link_text": "Download",
        "context": "Agenda Packet: Download",
    }
    score, reason = _score(
        "the July 2021 commission agenda packet",
        [
            "Board of County Commissioners of the Lincoln County",
            "Board Packet - Regular Meeting",
            "9 July 2021",
        ],
        heading="Board of County Commissioners Regular Meeting - July 9, 2021",
        **page,
    )
    assert score >= 0.5 and "contradicted" not in reason.lower()


def test_the_sites_own_name_and_the_requests_initials_qualify_no_variant() -> None:
    from docharvest.relevance.editions import rank_editions

    def row(n: int, link: str, page: str) -> dict[str, object]:
        return {"url": f"https://t.gov/d/{n}.pdf", "confidence_score": 0.99, "relevance_reason": "Matches.",
                "evidence": {"link_text": link, "page_title": page}, "filename": f"{n}.pdf"}  # fmt: skip

    page = "County Commission, Budget and Emergency Management | Lincoln County"
    rows = [
        row(0, "Lincoln County Hazard Mitigation Plan 2020 - Volume 1", page),
        row(1, "State Hazard Mitigation Plan", page),
    ]
    assert [u["url"] for u in rank_editions(parse_prompt("the hazard mitigation plan"), rows)] == [
        "https://t.gov/d/1.pdf"
    ]
    rows = [
        row(0, "HMP_2019_Vol1.pdf", "Plans | Carver County"),
        row(1, "State_HMP.pdf", "Plans | Carver County"),
    ]
    assert [u["url"] for u in rank_editions(parse_prompt("Carver County hazard mitigation plan"), rows)] == [
        "https://t.gov/d/1.pdf"
    ]


def test_another_part_of_the_document_is_no_variant() -> None:
    assert _variant_rows(
        "the hazard mitigation plan",
        "Hazard Mitigation Plan 2020 - Volume 1",
        "Hazard Mitigation Plan 2020 - Volume 2 (Jurisdictional Annexes)",
        "Wildfire Hazard Mitigation Plan 2020",
    ) == {"Wildfire Hazard Mitigation Plan 2020"}


def test_a_foundations_document_does_not_answer_a_request_naming_no_body() -> None:
    page = {
        "page_title": "Board and Public Reports | Marion Healthcare District",
        "heading": "Financial Reports",
    }
    title = [
        "Marion Healthcare District",
        "HOSPITAL FOUNDATION",
        "AUDITED FINANCIAL STATEMENTS",
        "June 30, 2023",
    ]
    other, reason = _score(
        "audited financial statements FY2023", title, link_text="Audited Statements FY 2023", **page
    )
    own = ["Marion Healthcare District", "AUDITED FINANCIAL STATEMENTS", "June 30, 2023"]
    right, _ = _score(
        "audited financial statements FY2023", own, link_text="Audited Statements FY 2023", **page
    )
    assert other < 0.5 <= right
    assert "contradicted by body hospital foundation (title block)" in reason.lower()
    asked, _ = _score("hospital foundation audited financial statements FY2023", title, **page)
    assert asked >= 0.5
