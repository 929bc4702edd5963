"""Each constraint of a request scored apart: contradicted lowers more than unmentioned; reasons name both."""

from __future__ import annotations

from datetime import date

from docharvest.crawl.links import extract_links
from docharvest.crawl.urls import document_type_from_url
from docharvest.models import Candidate
from docharvest.relevance import RuleScorer, parse_prompt
from docharvest.relevance.phrases import read_path

TODAY = date(2025, 6, 1)
SCORER = RuleScorer()


def _score(prompt: str, **evidence: object) -> tuple[float, str]:
    extra = {k: evidence.pop(k) for k in ("column", "section") if k in evidence}
    candidate = Candidate(
        url=str(evidence.pop("url", "https://t.gov/files/doc.pdf")), extra=extra, **evidence
    )  # type: ignore[arg-type]
    score = SCORER.score_candidate(parse_prompt(prompt, today=TODAY), candidate)
    return score.confidence, score.reason


def test_reason_names_the_matched_and_the_contradicted_constraints() -> None:
    confidence, reason = _score(
        "Find all town board minutes from 2024",
        link_text="Planning Board Minutes - March 12, 2024",
    )
    assert confidence < 0.3
    assert reason.startswith("Contradicted by body planning board (link text) not town board")
    assert "matches kind minutes (link text)" in reason and "date 2024-03-12 (link text)" in reason
    assert reason.endswith(".") and reason.count(".") == 1


def test_a_contradicted_constraint_lowers_more_than_an_unmentioned_one() -> None:
    prompt = "Find all town board minutes from 2024"
    named, _ = _score(prompt, link_text="Town Board Minutes - March 12, 2024")
    unmentioned, reason = _score(prompt, link_text="Minutes - March 12, 2024")
    contradicted, _ = _score(prompt, link_text="Library Board Minutes - March 12, 2024")
    assert named > unmentioned > contradicted
    assert "no evidence of body" in reason


def test_a_year_only_listing_date_does_not_contradict_a_meeting_date() -> None:
    prompt = "Find the agenda for the Commission meeting on June 12, 2018"
    listed, reason = _score(
        prompt, link_text="Agenda", url="https://t.gov/files/CDC_June_2018.pdf", heading="2018"
    )
    other_year, _ = _score(
        prompt, link_text="Agenda", url="https://t.gov/files/CDC_June_2017.pdf", heading="2017"
    )
    # Consistent (downloaded, ranked high) though it names no body; the other year is ruled out.
    assert listed > 0.25 and listed > 10 * other_year
    assert "not in 2018-06-12" not in reason and "contradicted" not in reason.lower()


def test_a_bare_board_heading_does_not_contradict_the_named_board() -> None:
    prompt = "Find the minutes of the County Board of Health meeting on September 27, 2023"
    confidence, reason = _score(prompt, link_text="September 27, 2023 Board Minutes", heading="2023")
    assert confidence >= 0.5 and "contradicted" not in reason.lower()


def test_sibling_committees_are_told_apart_and_an_umbrella_does_not_decide() -> None:
    prompt = "Find all Near West Design Review Committee agendas from 2021"
    own, _ = _score(prompt, link_text="January 13", heading="NEAR WEST DESIGN REVIEW COMMITTEE",
                    url="https://t.gov/docs/NW-Agenda-01-13-21.pdf")  # fmt: skip
    sibling, reason = _score(prompt, link_text="January 20", heading="FAR WEST DESIGN REVIEW COMMITTEE",
                             url="https://t.gov/docs/FW-Agenda-01-20-21.pdf")  # fmt: skip
    umbrella, _ = _score(prompt, link_text="Design Review Committees: Near West Design Review Committee agenda",
                         url="https://t.gov/docs/agenda-2021-02-10.pdf")  # fmt: skip
    assert own >= 0.5 and umbrella >= 0.5 and sibling < 0.2
    assert "far west design review committee (heading)" in reason


def test_digits_of_a_file_name_hash_are_not_years() -> None:
    assert read_path("meetings-and-minutes_13_1979264317.pdf").dates == ()
    assert [d.year for d in read_path("Board_Minutes_030719.pdf").dates] == [2019]


def test_another_audience_contradicts_and_is_named() -> None:
    prompt = "the high school student handbook for 2024-25"
    high, _ = _score(prompt, link_text="2024-25 High School Student Handbook")
    middle, reason = _score(prompt, link_text="2024-25 Middle School Student Handbook")
    athletics, _ = _score(prompt, link_text="Athletic Handbook 2024-25")
    # One source (the link text) agrees: capped below 0.9 (rules.CEILING_BY_GROUPS).
    assert high >= 0.8 and middle < 0.3 and athletics < 0.3
    assert "contradicted by audience middle/student (link text) not student / high" in reason.lower()


def test_the_one_document_versus_all_documents() -> None:
    assert parse_prompt("the agenda for the council meeting on May 2, 2024", today=TODAY).single
    assert parse_prompt("Find the 2024-25 school calendar", today=TODAY).single
    assert not parse_prompt("Find all council agendas from 2024", today=TODAY).single
    assert not parse_prompt("council minutes 2024", today=TODAY).single


def test_table_column_and_row_labels_carry_an_icon_links_kind_and_date() -> None:
    html = """<h1>2022</h1><table><tr><th>Meeting Date</th><th>Agenda</th><th>Minutes</th></tr>
    <tr><td>March 22 2:00PM</td><td><a href="/d/a1.pdf"><img alt=""></a></td>
        <td><a href="/d/m1.pdf"><img alt=""></a></td></tr></table>"""
    links = extract_links(html, "https://t.gov/m.html", lambda u: document_type_from_url(u, ["pdf"])).links
    agenda, minutes = links
    assert (agenda.column, minutes.column) == ("Agenda", "Minutes")
    assert agenda.context == "March 22 2:00PM"
    prompt = "Find the agenda for the meeting on March 22, 2022"
    right, reason = _score(
        prompt, url=agenda.url, context=agenda.context, heading=agenda.heading, column=agenda.column
    )
    wrong, _ = _score(
        prompt, url=minutes.url, context=minutes.context, heading=minutes.heading, column=minutes.column
    )
    assert right >= 0.5 > wrong
    assert "kind agenda (table column)" in reason and "2022-03-22" in reason


def test_a_links_context_leaves_out_its_neighbours_and_knows_its_panel_and_section() -> None:
    html = """<h2>Village Board</h2><h3>Regular Meeting</h3>
    <div role="tab" aria-controls="p1">2023</div><div role="tab" aria-controls="p2">2022</div>
    <div id="p1" role="tabpanel"><p><strong>Minutes</strong> <a href="/a.pdf">January 9</a><br>
    <a href="/b.pdf">February 13</a></p></div><div id="p2" role="tabpanel"><p><a href="/c.pdf">May 2</a></p></div>"""
    links = extract_links(html, "https://t.gov/", lambda u: document_type_from_url(u, ["pdf"])).links
    by_name = {link.url.rsplit("/", 1)[1]: link for link in links if link.url.endswith(".pdf")}
    assert by_name["a.pdf"].context == "Minutes January 9"
    assert (by_name["a.pdf"].heading, by_name["c.pdf"].heading) == ("2023", "2022")
    assert by_name["a.pdf"].section == "Village Board / Regular Meeting"


def test_the_one_document_ranks_first_and_its_near_duplicates_clearly_below() -> None:
    prompt = "the 2024-25 high school student handbook"
    best, _ = _score(prompt, link_text="2024-25 High School Student Handbook")
    others = {
        text: _score(prompt, link_text=text)[0]
        for text in (
            "2023-24 High School Student Handbook",  # another year's edition
            "High School Student Handbook 2024-25: Summary of Changes",  # a summary of it
            "2024-25 Handbook Acknowledgment Form",  # a related form
        )
    }
    assert best >= 0.8  # the link text alone: one evidence group, capped below 0.9
    assert all(score < best / 5 for score in others.values()), others


def test_a_status_asked_for_is_contradicted_by_another_status() -> None:
    prompt = "Find the amended FY2024 budget"
    amended, _ = _score(prompt, link_text="FY2024 Amended Budget")
    unmarked, _ = _score(prompt, link_text="FY2024 Budget")
    proposed, reason = _score(prompt, link_text="FY2024 Proposed Budget")
    assert amended > unmarked > proposed
    assert "contradicted by status proposed (link text) not amended" in reason.lower()


def test_a_place_name_holding_body_words_names_no_body() -> None:
    from docharvest.relevance.phrases import read_phrase

    def bodies(text: str) -> list[tuple[str, str]]:
        return [(b.key, b.level) for b in read_phrase(text).bodies]

    # The place before a jurisdiction word is a name, not a speciality ("harbor" is not transport).
    assert bodies("Harbor Point School District Board") == [("governing", "school")]
    assert bodies("Park City Council") == [("council", "city")]
    # A type word followed by a name is part of the name ("Council Bluffs"), not a council.
    assert bodies("Council Bluffs Public Library Board of Trustees") == [("library", "")]
    assert bodies("Stonebridge School District Board Portal") == []
    # ... while a type word followed by punctuation, a kind or a meeting word still names a body.
    assert bodies("City Council, Planning Board") == [("council", "city"), ("planning", "")]
    assert bodies("City Council Meeting Minutes") == [("council", "city")]
    assert bodies("Board Members") == [("governing", "")]


def test_a_scanned_committee_document_under_a_board_page_title_is_another_body() -> None:
    # Nothing read from the file: its row names the committee, the page (listing every body) the board.
    prompt = "school board minutes 2018"
    for page in ("Board of Education Meetings", "Bay Ridge School District Board Portal"):
        evidence = dict(
            column="Minutes",
            page_title=page,
            breadcrumb=f"Home > {page}",
            url="https://t.gov/files/4ae7c2.pdf",
        )
        board, _ = _score(prompt, context="Board of Education Regular Meeting 07/07/2018", **evidence)  # type: ignore[arg-type]
        committee, reason = _score(prompt, context="Finance Committee 07/07/2018", **evidence)  # type: ignore[arg-type]
        assert board >= 0.8 and committee < 0.2, page
        assert reason.startswith("Contradicted by body finance committee (link label) not school board"), (
            reason
        )


def test_a_kind_in_brackets_or_naming_a_meeting_qualifies_the_document() -> None:
    from docharvest.relevance.phrases import read_phrase

    for text in (
        "Regular Meeting Minutes (Budget Workshop)",
        "Budget Hearing Minutes",
        "Minutes - Budget Workshop",
    ):
        assert read_phrase(text).heads == {"minutes"}, text
        assert "budget" in read_phrase(text).kinds, text
    # Alone, the kind is still the document's ("Budget Presentation" stays a presentation).
    assert read_phrase("Budget Workshop Presentation").heads == {"presentation"}
    minutes, _ = _score(
        "city council minutes 2024", link_text="Regular Meeting Minutes (Budget Workshop) 3/4/2024"
    )
    budget, reason = _score("the 2024 budget", link_text="Regular Meeting Minutes (Budget Workshop) 3/4/2024")
    assert minutes >= 0.5 > 0.2 > budget
    assert "contradicted by kind minutes (link text) not budget" in reason.lower()


def test_bodies_people_name_in_other_ways() -> None:
    from docharvest.relevance.phrases import read_path, read_phrase

    def body(text: str) -> tuple[str, bool]:
        (b,) = read_phrase(text).bodies
        return b.key, b.titled

    # A senate is a body of its own; a foundation's or friends' board is not the governing board.
    assert body("Faculty Senate") == ("senate", False)
    assert body("Foundation Board") == ("affiliate", False)
    assert body("Alumni Association Board")[0] == "affiliate"
    # "The board" of a fire district is its Board of Fire Commissioners (named by its members' title).
    assert body("Board of Fire Commissioners") == ("fire", True)
    board, _ = _score("approved board minutes 2023", link_text="Board of Fire Commissioners Minutes 3/6/2023")
    pension, reason = _score("approved board minutes 2023", link_text="Pension Board Minutes 3/6/2023")
    assert board >= 0.5 > pension and "contradicted by body pension board" in reason.lower()
    # "trustee minutes", "board mtg minutes", "finance cmte agenda": shorthand as people type it.
    assert parse_prompt("trustee minutes 2021", today=TODAY).bodies[0].key == "governing"
    typed = parse_prompt("board mtg minutes 04/06/2023 pls", today=TODAY)
    assert typed.keywords == () and typed.kinds == ("minutes",) and typed.times[0].label == "2023-04-06"
    assert parse_prompt("finance cmte agenda", today=TODAY).bodies[0].key == "finance"
    # An upload hash is no words: "cc" inside "1d0388cc5131" is not a city council.
    assert read_path("1d0388cc5131.pdf").bodies == ()
    assert read_path("12dec2023_minutes.pdf").dates
