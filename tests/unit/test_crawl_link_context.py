"""What names a document link on real page structures: one small HTML snippet per structure.

Each test reads a document link's context (``link.context``), column header, nearest heading and
heading trail (``link.section``) as the crawler does, and checks both that the label naming the
document reaches it and that a neighbour's label does not.
"""

from __future__ import annotations

from docharvest.crawl.links import Link, extract_links
from docharvest.crawl.urls import document_type_from_url

PAGE = "https://town.example/meetings/"


def _links(body: str) -> dict[str, Link]:
    html = f"<html><head><title>Meetings</title></head><body><main>{body}</main></body></html>"
    page = extract_links(html, PAGE, lambda u: document_type_from_url(u, ["pdf"]))
    return {link.url.rsplit("/", 1)[-1]: link for link in page.links if link.doc_type}


# -- lists -----------------------------------------------------------------------------------------


def test_a_sub_list_takes_the_label_of_the_item_it_hangs_from() -> None:
    links = _links(
        "<h1>Board Meetings</h1><ul><li>2023<ul>"
        "<li><strong>Board of Directors &ndash; March 4, 2023</strong><ul>"
        "<li>Agenda <a href='a0304.pdf'>Download</a></li><li>Minutes <a href='m0304.pdf'>Download</a></li>"
        "</ul></li>"
        "<li><strong>Quality Committee &ndash; April 1, 2023</strong><ul>"
        "<li>Minutes <a href='q0401.pdf'>Download</a></li></ul></li>"
        "</ul></li></ul>"
    )
    minutes = links["m0304.pdf"]
    assert minutes.context == "Board of Directors \u2013 March 4, 2023 Minutes Download"
    assert "Quality" not in minutes.context and "Agenda" not in minutes.context
    assert minutes.heading == "2023"  # the year item over the meetings: a heading of the group
    assert minutes.section == "Board Meetings"
    assert links["q0401.pdf"].context.startswith("Quality Committee \u2013 April 1, 2023")


def test_a_label_in_the_same_item_as_two_links_is_kept_without_the_other_link() -> None:
    links = _links(
        "<ul><li>Regular Meeting March 4, 2025 <a href='a.pdf'>Agenda</a> | <a href='m.pdf'>Minutes</a></li>"
        "<li>Special Meeting March 18, 2025 <a href='s.pdf'>Agenda</a></li></ul>"
    )
    assert links["m.pdf"].context.startswith("Regular Meeting March 4, 2025")
    assert "Agenda" not in links["m.pdf"].context
    assert "Special" not in links["m.pdf"].context


def test_a_title_span_over_a_nested_list_names_its_bare_pdf_link() -> None:
    links = _links(
        "<ul><li><span>Strategic Plan 2024-2028</span><ul><li><a href='plan.pdf'>PDF</a></li></ul></li>"
        "<li><span>Annual Report</span><ul><li><a href='report.pdf'>PDF</a></li></ul></li></ul>"
    )
    assert links["plan.pdf"].context == "Strategic Plan 2024-2028 PDF"
    assert links["report.pdf"].context == "Annual Report PDF"


def test_a_neighbour_item_without_links_is_not_a_label() -> None:
    links = _links(
        "<h2>Minutes</h2><p>Approved minutes are posted after the following meeting.</p>"
        "<ul><li>January 5 &ndash; meeting cancelled</li><li>February 2 <a href='feb.pdf'>Minutes</a></li></ul>"
    )
    feb = links["feb.pdf"]
    assert "cancelled" not in feb.context and "January" not in feb.context + feb.heading + feb.section
    assert "posted" not in feb.context + feb.section  # the intro above the listing speaks for the page


# -- tables ----------------------------------------------------------------------------------------


ROWSPAN = (
    "<h1>Council &amp; Committee Meetings</h1><table><thead><tr><th>Date</th><th>Body</th><th>Document</th>"
    "<th>File</th></tr></thead><tbody>"
    "<tr><td rowspan='2'>12/05/2019</td><td rowspan='2'>Gaming Commission</td><td>Agenda</td>"
    "<td><a href='g-a.pdf'>View</a></td></tr>"
    "<tr><td>Minutes</td><td><a href='g-m.pdf'>View</a></td></tr>"
    "<tr><td rowspan='2'>08/28/2019</td><td rowspan='2'>Tribal Council</td><td>Agenda</td>"
    "<td><a href='t-a.pdf'>View</a></td></tr>"
    "<tr><td>Minutes</td><td><a href='t-m.pdf'>View</a></td></tr></tbody></table>"
)


def test_rows_below_a_spanning_cell_inherit_its_date_and_body() -> None:
    links = _links(ROWSPAN)
    assert links["t-m.pdf"].context == "08/28/2019 Tribal Council Minutes View"
    assert links["g-m.pdf"].context == "12/05/2019 Gaming Commission Minutes View"
    assert "Gaming" not in links["t-a.pdf"].context


def test_the_column_header_is_found_past_spanning_cells() -> None:
    links = _links(ROWSPAN)
    # The minutes row has two cells of its own; its link is in the fourth column all the same.
    assert links["t-m.pdf"].column == links["t-a.pdf"].column == "File"


def test_column_headers_name_bare_links_with_colspan_and_rowspan() -> None:
    links = _links(
        "<table><tr><th>Meeting</th><th colspan='2'>Agenda</th><th>Minutes</th></tr>"
        "<tr><td rowspan='2'>June 3, 2024</td><td><a href='a1.pdf'>PDF</a></td><td><a href='a2.pdf'>Word</a></td>"
        "<td><a href='m1.pdf'>PDF</a></td></tr>"
        "<tr><td><a href='a3.pdf'>Addendum</a></td><td></td><td><a href='m2.pdf'>Download</a></td></tr></table>"
    )
    assert links["a2.pdf"].column == "Agenda"
    assert links["m1.pdf"].column == "Minutes"
    assert links["m2.pdf"].column == "Minutes"  # second row: the date cell spans down into column 0
    assert links["m2.pdf"].context.startswith("June 3, 2024")


def test_a_title_cell_names_the_download_link_beside_it() -> None:
    links = _links(
        "<table><tr><th>Date</th><th>Title</th><th></th></tr>"
        "<tr><td>10/14/20</td><td>Noise Abatement Committee Minutes</td><td><a href='1317.pdf'>Download</a></td></tr>"
        "<tr><td>10/11/20</td><td>Board of Commissioners Minutes</td><td><a href='1118.pdf'>Download</a></td></tr>"
        "</table>"
    )
    assert links["1118.pdf"].context == "10/11/20 Board of Commissioners Minutes Download"
    assert "Noise" not in links["1118.pdf"].context


def test_a_list_in_a_cell_takes_the_label_cells_before_it_in_a_data_table() -> None:
    links = _links(
        "<table><tr><th>Meeting</th><th>Documents</th></tr><tr><td>Planning Board, May 6, 2024</td>"
        "<td><ul><li><a href='pa.pdf'>Agenda</a></li><li><a href='pm.pdf'>Minutes</a></li></ul></td></tr></table>"
    )
    assert links["pm.pdf"].context.startswith("Planning Board, May 6, 2024")
    assert links["pm.pdf"].column == "Documents"


def test_a_layout_table_lends_no_other_cells_as_labels() -> None:
    # A calendar of meeting dates laid out in cells: the other cells are other meetings.
    links = _links(
        "<h3>2019 Meetings</h3><table><tr><td><p>January 16</p></td>"
        "<td><p>April 17<br><a href='apr.pdf'>Decisions</a></p></td><td><p>October 16</p></td></tr></table>"
    )
    apr = links["apr.pdf"]
    assert "January" not in apr.context + apr.heading + apr.section
    assert "October" not in apr.context + apr.heading + apr.section
    assert apr.heading == "2019 Meetings"


# -- definition lists, cards, accordions -----------------------------------------------------------


def test_a_definition_lends_its_term_to_the_links_in_it() -> None:
    links = _links(
        "<h2>Board of Trustees</h2><dl><dt>July 11, 2018</dt><dd><a href='a0711.pdf'>Agenda</a> &middot; "
        "<a href='m0711.pdf'>Minutes</a></dd><dt>April 19, 2018</dt><dd><a href='a0419.pdf'>Agenda</a></dd>"
        "<dd><a href='m0419.pdf'>Minutes</a></dd></dl>"
    )
    assert links["m0711.pdf"].context.startswith("July 11, 2018")
    assert links["m0419.pdf"].context.startswith("April 19, 2018")  # a second <dd> of the same term
    assert "July" not in links["a0419.pdf"].context
    assert links["m0711.pdf"].heading == "Board of Trustees"


def test_a_card_date_in_time_datetime_dates_its_pdf_links() -> None:
    links = _links(
        "<h1>Board Meetings</h1><div class='cards'>"
        "<div class='card'><div class='card-header'><time datetime='2022-06-11'>Jun 11</time></div>"
        "<div class='card-body'><h4>Board Meeting</h4><p><a href='c1.pdf'>PDF</a> Agenda</p>"
        "<p><a href='c2.pdf'>PDF</a> Minutes</p></div></div>"
        "<div class='card'><div class='card-header'><time datetime='2022-06-04'>Jun 4</time></div>"
        "<div class='card-body'><h4>Finance Committee</h4><p><a href='c3.pdf'>PDF</a> Agenda</p></div></div>"
        "</div>"
    )
    assert links["c1.pdf"].context == "2022-06-11 PDF Agenda"  # the year-less "Jun 11" read as its datetime
    assert links["c2.pdf"].context == "2022-06-11 PDF Minutes"
    assert links["c3.pdf"].context == "2022-06-04 PDF Agenda"
    assert links["c3.pdf"].heading == "Finance Committee"


def test_a_card_title_and_date_divs_name_its_buttons() -> None:
    links = _links(
        "<h2>2023 Meetings</h2><div class='cards'><div class='meeting-card'><div class='date'>February 18, 2023"
        "</div><div class='title'>Finance Committee Meeting</div><div class='links'>"
        "<a href='f-a.pdf'>Agenda</a><a href='f-m.pdf'>Minutes</a></div></div>"
        "<div class='meeting-card'><div class='date'>March 10, 2023</div><div class='title'>Regular Board "
        "Meeting</div><div class='links'><a href='b-a.pdf'>Agenda</a></div></div></div>"
    )
    assert links["b-a.pdf"].context == "March 10, 2023 Regular Board Meeting Agenda"
    assert links["f-m.pdf"].context == "February 18, 2023 Finance Committee Meeting Minutes"


def test_a_post_date_over_a_link_that_gives_its_own_date_is_left_out() -> None:
    links = _links(
        "<h1>News</h1><article class='news'><h2>Board approves minutes</h2><time>January 07, 2022</time>"
        "<p>The minutes of the December 1 meeting are now <a href='m1201.pdf'>available</a>.</p></article>"
        "<article class='news'><h3>Board Meeting Minutes</h3><p class='meta'>Posted on May 2, 2022</p>"
        "<div><a href='m0415.pdf'>Download PDF</a></div></article>"
    )
    m1201 = links["m1201.pdf"]
    assert "2022" not in m1201.context + m1201.heading + m1201.section
    assert "Posted" not in links["m0415.pdf"].context + links["m0415.pdf"].section


def test_a_details_summary_names_its_links_and_stops_at_its_end() -> None:
    links = _links(
        "<h1>Library</h1><h2>Board Meetings</h2><details><summary>2023</summary><h4>Board of Trustees</h4>"
        "<ul><li>June 14 &ndash; <a href='m0614.pdf'>Minutes</a></li></ul></details>"
        "<details><summary>2022</summary><ul><li>May 3 &ndash; <a href='m0503.pdf'>Minutes</a></li></ul>"
        "</details><ul><li><a href='bylaws.pdf'>Bylaws</a></li></ul>"
    )
    june = links["m0614.pdf"]
    # The heading inside the details is nearer than its summary, which joins the trail above it.
    assert june.heading == "Board of Trustees"
    assert june.section == "Library / Board Meetings / 2023"
    may = links["m0503.pdf"]
    assert may.heading == "2022" and "2023" not in may.section and "Trustees" not in may.section + may.heading
    assert "2022" not in links["bylaws.pdf"].heading + links["bylaws.pdf"].section


def test_an_accordion_button_before_its_panel_is_a_label() -> None:
    links = _links(
        "<div class='acc'><div class='acc-item'><button class='acc-btn'>Planning Commission 2024</button>"
        "<div class='panel'><ul><li><a href='p1.pdf'>January agenda</a></li></ul></div></div>"
        "<div class='acc-item'><button class='acc-btn'>Zoning Board 2024</button>"
        "<div class='panel'><ul><li><a href='z1.pdf'>January agenda</a></li></ul></div></div></div>"
    )
    assert "Planning Commission 2024" in links["p1.pdf"].context + links["p1.pdf"].heading
    assert "Zoning" in links["z1.pdf"].context + links["z1.pdf"].heading
    assert "Zoning" not in links["p1.pdf"].context + links["p1.pdf"].heading + links["p1.pdf"].section


# -- headings --------------------------------------------------------------------------------------


def test_nested_headings_give_the_nearest_and_its_parents_as_the_trail() -> None:
    links = _links(
        "<h1>Public Documents</h1><h2>Board of Commissioners</h2><h3>Regular Meeting &ndash; March 12, 2024</h3>"
        "<ul><li>Minutes: <a href='m.pdf'>Download</a></li></ul>"
        "<h2>Planning Board</h2><ul><li>Minutes: <a href='pb.pdf'>Download</a></li></ul>"
    )
    assert links["m.pdf"].heading == "Regular Meeting \u2013 March 12, 2024"
    assert links["m.pdf"].section == "Public Documents / Board of Commissioners"
    assert links["pb.pdf"].heading == "Planning Board" and links["pb.pdf"].section == "Public Documents"
