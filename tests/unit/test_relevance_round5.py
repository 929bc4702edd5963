"""Round 5: general mechanisms for page structures and requests not seen while tuning.

1. a request names a body as people type it: its initials in any case ("bos packet"), its members'
   title alone ("supervisors minutes"); a kind after a body's name is not part of the name;
2. a school grade is an audience of its own dimension ("3rd grade", "Gr1", "Grades 6-8");
3. the body a document's own row or group names outweighs the heading over the whole listing: a
   meeting grid's "Name" cell (a link to the body's page) labels the row, and a table per body
   under a group heading names each document's body.
"""

from __future__ import annotations

from docharvest.crawl.links import Link, extract_links
from docharvest.crawl.urls import document_type_from_url
from docharvest.relevance import parse_prompt
from docharvest.relevance.phrases import read_path, read_phrase

from tests.unit.test_relevance_unseen_classes import TODAY, _score

# -- 1. bodies as people type them -----------------------------------------------------------------


def test_body_initials_in_a_request_are_the_body_in_any_case() -> None:
    intent = parse_prompt("bos packet october 2023", today=TODAY)
    assert [b.text for b in intent.bodies] == ["board of supervisors"]
    assert intent.kinds == ("packet",)  # "packet" after the body is the kind, not part of its name
    assert "bos" not in intent.keywords


def test_a_members_title_alone_names_their_board_once() -> None:
    assert [b.text for b in parse_prompt("supervisors minutes 2023", today=TODAY).bodies] == [
        "board of supervisors"
    ]
    named = parse_prompt("board of county commissioners agenda", today=TODAY).bodies
    assert [b.text for b in named] == ["board of county commissioners"]


def test_a_kind_after_a_bodys_name_ends_the_name() -> None:
    bodies = read_phrase("Board of Supervisors packet").bodies
    assert [b.text for b in bodies] == ["board of supervisors"]
    assert read_phrase("Board of Supervisors packet").heads == {"packet"}


# -- 2. grades -----------------------------------------------------------------------------------


def test_grades_are_read_from_prose_ranges_and_file_names() -> None:
    assert "grade:3" in read_phrase("3rd Grade Supply List").audiences
    assert {"grade:6", "grade:7", "grade:8"} <= read_phrase("Course Guide Grades 6-8").audiences
    assert "grade:1" in read_path("Gr1_Supplies_2019-20.pdf").audiences
    assert not any(a.startswith("grade:") for a in read_phrase("Grade Report Card 2023").audiences)


def test_a_requested_grade_is_an_audience_not_free_words() -> None:
    intent = parse_prompt("Roosevelt Elementary 3rd grade supply list", today=TODAY)
    assert "grade:3" in intent.audiences
    assert "grade" not in intent.keywords and "rd" not in intent.keywords


def test_another_grade_contradicts_the_one_asked_for() -> None:
    prompt = "supply list 2nd grade Lincoln"
    page = {"page_title": "Lincoln Elementary | Documents", "heading": "Supply Lists"}
    right, _ = _score(prompt, link_text="Lincoln 2nd Grade Supply List", **page)
    wrong, reason = _score(prompt, link_text="Lincoln 1st Grade Supply List", **page)
    assert wrong < 0.5 <= right
    assert "audience" in reason.lower()


# -- 3. the row's or group's body ---------------------------------------------------------------------


def _links(body: str) -> dict[str, Link]:
    html = f"<html><head><title>Meetings</title></head><body><main>{body}</main></body></html>"
    page = extract_links(
        html, "https://county.example/meetings/", lambda u: document_type_from_url(u, ["pdf"])
    )
    return {link.url.rsplit("/", 1)[-1]: link for link in page.links if link.doc_type}


GRID = (
    "<h1>Board of Supervisors Meetings</h1><table><thead><tr><th>Name</th><th>Meeting Date</th>"
    "<th>Meeting Details</th><th>Agenda</th><th>Minutes</th><th>Video</th></tr></thead><tbody>"
    "<tr><td><a href='Dept.aspx?ID=3'>Finance Committee</a></td><td>2/8/2024</td>"
    "<td><a href='Meeting.aspx?ID=9'>Meeting details</a></td><td><a href='a1.pdf'>Agenda</a></td>"
    "<td><a href='m1.pdf'>Minutes</a></td><td><a href='Video.aspx?ID=4'>Video</a></td></tr>"
    "<tr><td><a href='Dept.aspx?ID=1'>Board of Supervisors</a></td><td>2/2/2024</td>"
    "<td><a href='Meeting.aspx?ID=8'>Meeting details</a></td><td><a href='a2.pdf'>Agenda</a></td>"
    "<td><a href='m2.pdf'>Minutes</a></td><td>Not available</td></tr></tbody></table>"
)


def test_a_cell_linking_a_page_labels_the_row_but_not_a_cell_named_as_its_column() -> None:
    links = _links(GRID)
    context = links["m1.pdf"].context
    assert "Finance Committee" in context and "2/8/2024" in context
    assert "Agenda" not in context  # another document's cell
    assert "Meeting details" not in context and "Video" not in context  # cells named as their columns
    assert "Board of Supervisors" in links["m2.pdf"].context


def test_the_body_a_row_names_outweighs_the_heading_over_every_bodys_meetings() -> None:
    links = _links(GRID)
    prompt = "the February 2024 board of supervisors meeting minutes"
    common = {"link_text": "Minutes", "heading": "Board of Supervisors Meetings", "column": "Minutes"}
    other, reason = _score(prompt, context=links["m1.pdf"].context, **common)
    right, _ = _score(prompt, context=links["m2.pdf"].context, **common)
    assert other < 0.5 <= right
    assert "finance committee" in reason.lower()


def test_a_group_heading_naming_one_body_outweighs_the_page_title() -> None:
    prompt = "supervisors minutes 2023"
    common = {
        "link_text": "Minutes",
        "page_title": "Board of Supervisors Meetings | Lassen County",
        "heading": "Oct 10, 2023",
        "url": "https://t.gov/AgendaCenter/ViewFile/Minutes/_10102023-2522.pdf",
    }
    other, _ = _score(prompt, section="Agenda Center / Planning Commission", **common)
    right, _ = _score(prompt, section="Agenda Center / Board of Supervisors", **common)
    assert other < 0.5 <= right


# -- 4. a kind outside the vocabulary: confirmed by the document's own title -------------------------


def test_title_nouns_of_one_group_name_the_same_kind_and_a_typed_word_is_found() -> None:
    from docharvest.relevance.free_words import same_nouns

    assert {"guide", "catalog"} <= same_nouns("brochure")
    assert "rules" in same_nouns("regs")
    assert "catalog" in same_nouns("catalouge")  # one edit away
    assert same_nouns("study") == {"study"}  # "program of studies" is a phrase, not the word "study"


def test_an_unknown_kind_not_named_by_the_documents_title_block_is_unconfirmed() -> None:
    prompt = "spring 2021 program guide"
    page = {"page_title": "Parks and Recreation | City of Fall River", "link_text": "PDF"}
    right, _ = _score(
        prompt,
        ["CITY OF FALL RIVER", "PARKS AND RECREATION", "SPRING 2021", "ACTIVITY GUIDE"],
        context="Feb 4, 2021 Program Guides Spring 2021 Activity Guide PDF (2.4 MB)",
        **page,
    )
    flyer, reason = _score(
        prompt,
        ["CITY OF FALL RIVER", "ACTIVE ADULTS 50+", "Spring 2021 Programs and Trips", "Senior Center"],
        context="Feb 1, 2021 Senior Center Active Adults 50+ Guide - Spring 2021 PDF (259 KB)",
        **page,
    )
    assert flyer < 0.5 <= right
    assert "does not name guide" in reason


def test_a_synonymous_title_noun_confirms_the_kind_asked_for() -> None:
    prompt = "the Spring 2022 rec brochure"
    score, _ = _score(
        prompt,
        ["CITY OF SPRING VALLEY", "PARKS AND RECREATION", "SPRING 2022", "ACTIVITY GUIDE"],
        link_text="View",
        context="Program Guides Spring 2022 Activity Guide",
        page_title="Resources | Spring Valley",
    )
    assert score >= 0.5


# -- 5. seasons ---------------------------------------------------------------------------------


def test_a_season_with_a_year_is_a_period_and_not_a_free_word() -> None:
    from docharvest.relevance.dates import find_dates

    intent = parse_prompt("the Spring 2022 rec brochure", today=TODAY)
    assert [t.kind for t in intent.times] == ["season"]
    assert intent.periods[0].start.month == 3 and intent.periods[0].end.month == 5
    assert "spring" not in intent.keywords
    # A place named for a season is no date; winter spans the turn of the year.
    assert [p.label for p in find_dates("CITY OF SPRING VALLEY\nSPRING 2022")] == ["spring 2022"]
    winter = find_dates("Winter 2021 Activity Guide")[0]
    assert (winter.start.year, winter.end.year) == (2020, 2021)


def test_another_season_of_the_same_year_contradicts() -> None:
    prompt = "spring 2021 program guide"
    common = {"link_text": "PDF", "page_title": "Parks and Recreation | Fall River"}
    right, _ = _score(prompt, context="Program Guides Spring 2021 Program Guide", **common)
    wrong, reason = _score(prompt, context="Program Guides Summer 2021 Program Guide", **common)
    assert wrong < 0.5 <= right
    assert "summer 2021" in reason


def test_a_typed_word_one_edit_away_is_found_in_a_label() -> None:
    prompt = "Spring 2021 servcie changes notice"
    score, reason = _score(
        prompt, link_text="Spring 2021 Service Changes Notice", page_title="Transit | Notices"
    )
    assert score >= 0.5
    assert "missing the words" not in reason


# -- 6. an accordion's toggle is a label; a title block's issuer line --------------------------------


def test_a_toggle_link_over_a_meetings_files_labels_them() -> None:
    links = _links(
        "<h1>Meetings</h1><div class='meeting'><a class='meeting-link' href='#'><strong>Oct 25, 2023</strong>"
        "<div class='meeting-name'>Building and Grounds Committee Regular Meeting</div></a>"
        "<ul class='files'><li><span class='label'>Minutes:</span> <a href='bg.pdf'>BG Minutes.pdf</a></li></ul></div>"
        "<div class='meeting'><a class='meeting-link' href='/meetings/2023-10-20'><strong>Oct 20, 2023</strong></a>"
        "<ul class='files'><li><a href='x.pdf'>Minutes.pdf</a></li></ul></div>"
    )
    assert "Building and Grounds Committee" in links["bg.pdf"].context
    assert "Oct 20" not in links["x.pdf"].context  # a real link's text is another entry, not a label


def test_a_title_blocks_first_line_naming_another_group_is_evidence_against_the_body() -> None:
    from docharvest.relevance.issuers import foreign_issuer

    site = "Board of Trustees | Fox River Valley Public Library District"
    block = "FRIENDS OF THE LIBRARY\nFox River Valley Public Library District\nMINUTES\nApril 19, 2022"
    club = "ELM GROVE GARDEN CLUB\nFox River Valley Public Library District\nMINUTES\nApril 19, 2022"
    assert foreign_issuer(club, site) == "ELM GROVE GARDEN CLUB"
    # Round 7: a friends group or a foundation is read as a body of its own (an affiliate), not by its shape.
    assert foreign_issuer(block, site) is None
    # The site's organisation, a government, or a body read as one is no foreign issuer.
    assert foreign_issuer("Fox River Valley Public Library District\nMINUTES", site) is None
    assert foreign_issuer("CITY OF ELM GROVE\nMINUTES", site) is None
    assert foreign_issuer("BOARD OF TRUSTEES\nMINUTES", site) is None

    prompt = "all trustees minutes 2022"
    page = {"page_title": site, "heading": "Board of Trustees", "link_text": "FOL Minutes April 19 2022"}
    other, reason = _score(prompt, block.splitlines(), **page)
    right, _ = _score(
        prompt,
        ["BOARD OF TRUSTEES", "Fox River Valley Public Library District", "MINUTES", "April 19, 2022"],
        **page,
    )
    assert other < 0.5 <= right
    assert "friends of the library" in reason


# -- 7. uncertainty for an audience nothing confirms; an archived edition ------------------------------


def test_an_audience_asked_for_that_nothing_confirms_is_uncertain() -> None:
    prompt = "high school course catalog 2019-20"
    page = {"page_title": "Documents | Haverford Schools", "heading": "Course Catalogs"}
    named, _ = _score(prompt, link_text="High School Course Catalog 2019-20", **page)
    silent, reason = _score(prompt, link_text="Course Catalog 2019-20", **page)
    assert silent < named
    assert "no evidence of" in reason and "audience" in reason


def test_the_heading_naming_a_bare_link_marks_it_archived() -> None:
    prompt = "current solid waste regs"
    common = {"link_text": "PDF", "page_title": "Rules | Franklin Department of Environmental Quality"}
    text = ["FRANKLIN DEPARTMENT OF ENVIRONMENTAL QUALITY", "SOLID WASTE MANAGEMENT RULES", "Effective May 1"]
    old, reason = _score(
        prompt, text, heading="Chapter 20: Solid Waste Management Rules (archived)", **common
    )
    new, _ = _score(prompt, text, heading="Chapter 20: Solid Waste Management Rules", **common)
    assert old < 0.5 <= new
    assert "superseded" in reason


def test_a_compact_date_in_a_file_name_dates_an_edition() -> None:
    from docharvest.relevance.editions import edition_year

    assert edition_year("Ch49_SolidWaste_eff20240401.pdf") == 2024
    assert edition_year("Strategic Plan 2018-2022") == 2018
    assert edition_year("upload 12345678901") is None


# -- 8. abbreviations: an <abbr> reads as what it stands for; initials typed in a request ------------


def test_an_abbreviation_reads_as_its_title() -> None:
    links = _links(
        "<ul><li><time datetime='2021-10-04'>Oct 4, 2021</time> <span class='category'>"
        "<abbr title='Citizens Advisory Committee'>CAC</abbr></span><h3>Minutes</h3>"
        "<a href='cac.pdf'>PDF</a></li></ul>"
    )
    assert "Citizens Advisory Committee" in links["cac.pdf"].context


def test_initials_typed_in_a_request_are_not_answered_by_another_bodys_document() -> None:
    from docharvest.relevance.issuers import typed_initials

    prompt = "EQC meeting minutes - February 2022 meeting"
    assert typed_initials(parse_prompt(prompt, today=TODAY)) == ("eqc",)
    assert typed_initials(parse_prompt("eqc meeting minutes", today=TODAY)) == ()  # not typed as initials
    page = {"page_title": "Rules, Reports and Meetings | Franklin Department of Environmental Quality"}
    other, reason = _score(
        prompt, link_text="PDF", heading="Minutes - February 7, 2022",
        context="Feb 7, 2022 Solid Waste Advisory Committee Minutes - February 7, 2022 PDF", **page,
    )  # fmt: skip
    right, _ = _score(
        prompt, link_text="PDF", heading="Minutes - February 10, 2022",
        context="Feb 10, 2022 Environmental Quality Council Minutes - February 10, 2022 PDF", **page,
    )  # fmt: skip
    assert other < 0.5 <= right
    assert "solid waste advisory committee" in reason and "EQC" in reason


def test_a_title_block_naming_the_unknown_kind_confirms_it_without_silencing_the_label() -> None:
    prompt = "2020 community health needs assessment"
    page = {"page_title": "Documents | Lake County Health Department"}
    label = {"link_text": "2020 Community Health Assessment", **page}
    read, reason = _score(
        prompt, ["Lake County Health Department", "2020 COMMUNITY HEALTH ASSESSMENT"], **label
    )
    unread, _ = _score(prompt, **label)
    assert read > unread and read >= 0.5
    assert "matches kind assessment" in reason.lower()
    # A label saying the document is about the plan (comments on it) still counts against it.
    comments, _ = _score(
        "the FY2022 PHA annual plan",
        ["Resident Advisory Board", "Comments on the FY2022 PHA Annual Plan"],
        link_text="Resident Advisory Board Comments on the FY2022 Annual Plan",
        page_title="Public Housing Agency",
    )
    assert comments < 0.5


def test_a_meetings_packet_is_not_its_agenda() -> None:
    common = {
        "page_title": "Agenda Center | Lassen County",
        "section": "Agenda Center / Board of Supervisors",
    }
    packet = ["BOARD OF SUPERVISORS", "AGENDA PACKET", "October 23, 2023"]
    agenda = ["BOARD OF SUPERVISORS", "AGENDA", "October 23, 2023"]
    want_packet, _ = _score("bos packet october 2023", packet, link_text="Packet", **common)
    agenda_for_packet, reason = _score("bos packet october 2023", agenda, link_text="Agenda", **common)
    packet_for_agendas, _ = _score("all bos agendas 2023", packet, link_text="Packet", **common)
    assert agenda_for_packet < 0.5 <= want_packet and packet_for_agendas < 0.5
    assert "kind agenda" in reason


# -- 9. calibration: a read document's score stretched away from one half ------------------------------


def test_the_final_score_is_stretched_in_log_odds_around_the_threshold() -> None:
    from docharvest.relevance.confidence import FINAL_SHARPNESS, Assessment

    assert FINAL_SHARPNESS > 1.0
    assert Assessment((), 0.5).score(FINAL_SHARPNESS) == 0.5  # the job threshold stays in place
    assert Assessment((), 0.7).score(FINAL_SHARPNESS) > 0.75
    assert Assessment((), 0.3).score(FINAL_SHARPNESS) < 0.25
    assert Assessment((), 0.7).confidence == 0.7  # the pre-download score is not stretched


# -- 10. numbers that identify a document --------------------------------------------------------


def test_a_number_the_request_names_is_an_identifier_not_a_date_or_grade() -> None:
    from docharvest.relevance.kind_heads import request_numbers

    assert request_numbers("rt 40 bus schedule pdf") == ("40",)
    assert request_numbers("the finance and audit committee agenda for October 7, 2021") == ()
    assert request_numbers("Roosevelt Elementary 3rd grade supply list") == ()
    assert request_numbers("HS course catalog 2020-2021 school year") == ()


def test_a_document_whose_labels_lack_the_number_asked_for_is_another_one() -> None:
    prompt = "rt 40 bus schedule pdf"
    page = {"page_title": "Public Documents | Gold Coast Transit", "link_text": "PDF"}
    right, _ = _score(
        prompt, heading="Route 40 Timetable", context="Schedules and Maps Route 40 Bus Schedule", **page
    )
    other, reason = _score(
        prompt, heading="Route 9 Timetable", context="Schedules and Maps Route 9 Bus Schedule", **page
    )
    assert other < 0.5 <= right
    assert "number 40" in reason


def test_consonant_shorthand_of_a_label_word_is_found_but_not_of_another_word_asked() -> None:
    from docharvest.relevance.free_words import _skeleton_of

    assert _skeleton_of("rt", "route 40 timetable")
    assert _skeleton_of("bldg", "building and grounds committee")
    assert not _skeleton_of("rt", "annual report")  # its consonants begin "rp"
    assert not _skeleton_of("rn", "license renewal form", ("rn", "license", "renewal"))


def test_a_body_named_by_what_it_is_of_is_not_another_body_sharing_the_word() -> None:
    from docharvest.relevance.bodies import source_agreement

    wanted = parse_prompt("board of health minutes 2020", today=TODAY).bodies
    assert source_agreement(wanted, read_phrase("Environmental Health Appeals Board").bodies) < 0
    assert source_agreement(wanted, read_phrase("Lake County Board of Health").bodies) == 1.0
    # A body named less specifically than the document's, of one head noun, still agrees a little.
    port = parse_prompt("all 2022 commission meeting minutes", today=TODAY).bodies
    assert source_agreement(port, read_phrase("Port Commission").bodies) > 0


def test_corrections_to_a_document_are_derived_from_it() -> None:
    assert read_phrase("Corrections to the Spring 2022 Activity Guide").derived
    assert not read_phrase("Minutes with corrections").derived
    prompt = "the Spring 2022 rec brochure"
    common = {"link_text": "View", "page_title": "Resources | Spring Valley"}
    errata, _ = _score(
        prompt, context="Program Guides Corrections to the Spring 2022 Activity Guide", **common
    )
    guide, _ = _score(prompt, context="Program Guides Spring 2022 Activity Guide", **common)
    assert errata < 0.5 and errata < guide
