"""Structural sanity of held-back decoy part 9 (never the scorer's results on it: it stays unseen)."""

from __future__ import annotations

from collections import Counter
from urllib.parse import quote

from tests.support.decoy_layouts6 import Layout
from tests.support.decoy_sites import RELEVANT
from tests.support.decoy_sites_part6 import TEMPLATES6
from tests.support.decoy_sites_part7 import TEMPLATES7
from tests.support.decoy_sites_part8 import TEMPLATES8
from tests.support.decoy_sites_part9 import CATEGORIES9, SCAN_SHARE, TEMPLATES9, Job9, build_sites9


def _scanned(data: bytes) -> bool:
    return b"Tj" not in data  # no text-showing operator: a page of drawing only


def test_part_builds_sixteen_sites_of_eight_templates() -> None:
    sites = build_sites9()
    assert len({s.name for s in sites}) == len(sites) == 16
    assert {s.part for s in sites} == {"part9"}
    assert len({s.template for s in sites}) == 8
    jobs = [job for s in sites for job in s.jobs]
    assert len(jobs) == 48
    assert len({job.prompt for job in jobs}) == len(jobs)  # no prompt repeated
    assert 1200 <= sum(len(s.docs) for s in sites) <= 1600  # the size of part 8


def test_every_job_has_a_relevant_document_and_the_near_misses_it_claims() -> None:
    jobs: list[Job9] = []
    for site in build_sites9():
        for job in site.jobs:
            assert isinstance(job, Job9), job.prompt
            jobs.append(job)
            counts = Counter(job.labels.values())
            assert counts[RELEVANT] >= 1, job.prompt
            # every relevant or decoy document exists on the site, and every document is judged
            assert set(job.labels) == set(site.docs), job.prompt
            assert set(counts) <= {RELEVANT, *CATEGORIES9}, job.prompt
            assert job.claims, job.prompt
            for category in job.claims:
                assert category in CATEGORIES9, (job.prompt, category)
                assert counts[category] >= 1, (job.prompt, category)
    claimed = {c for job in jobs for c in job.claims}
    assert claimed == set(CATEGORIES9)
    # recall is measurable: some jobs want many documents
    assert sum(len(job.relevant) for job in jobs) >= 2 * len(jobs)
    assert max(len(job.relevant) for job in jobs) >= 5


def test_pages_link_every_document_and_documents_are_pdfs() -> None:
    for site in build_sites9():
        for path, data in site.docs.items():
            assert path.startswith(f"/{site.name}/") and path.endswith(".pdf")
            assert data.startswith(b"%PDF-")
            assert f"'{quote(path)}" in site.html, path
        assert site.html.isascii()


def test_layouts_are_not_earlier_parts_and_vary_between_instances() -> None:
    earlier = {
        layout.name
        for _, _, pairs in (*TEMPLATES6, *TEMPLATES7, *TEMPLATES8)
        for pair in pairs
        for layout in pair
        if layout
    }
    used9 = set()
    for _, _, pairs in TEMPLATES9:
        first, second = ({x.name for x in pair if isinstance(x, Layout)} for pair in pairs)
        assert first != second
        used9 |= first | second
    assert len(used9) == 6 and not used9 & earlier


def test_organisations_are_not_earlier_parts() -> None:
    earlier = {build.__name__ for build, _, _ in (*TEMPLATES6, *TEMPLATES7, *TEMPLATES8)}
    names = {build.__name__ for build, _, _ in TEMPLATES9}
    assert len(names) == 8 and not names & earlier


def test_deterministic_across_builds() -> None:
    first, second = build_sites9(), build_sites9()
    for a, b in zip(first, second, strict=True):
        assert (a.name, a.html, a.docs) == (b.name, b.html, b.docs)
        assert [(j.prompt, j.labels) for j in a.jobs] == [(j.prompt, j.labels) for j in b.jobs]


def test_about_a_third_of_documents_are_scans() -> None:
    docs = [data for site in build_sites9() for data in site.docs.values()]
    share = sum(_scanned(d) for d in docs) / len(docs)
    assert abs(share - SCAN_SHARE) < 0.08, share
