"""Structural sanity of held-back decoy part 8 (never the scorer's results on it: it stays unseen)."""

from __future__ import annotations

from collections import Counter
from urllib.parse import quote

from tests.support.decoy_layouts6 import Layout
from tests.support.decoy_sites import RELEVANT
from tests.support.decoy_sites_part6 import TEMPLATES6
from tests.support.decoy_sites_part7 import TEMPLATES7
from tests.support.decoy_sites_part8 import CATEGORIES8, SCAN_SHARE, TEMPLATES8, Job8, build_sites8


def _scanned(data: bytes) -> bool:
    return b"Tj" not in data  # no text-showing operator: a page of drawing only


def test_part_builds_sixteen_sites_of_eight_templates() -> None:
    sites = build_sites8()
    assert len({s.name for s in sites}) == len(sites) == 16
    assert {s.part for s in sites} == {"part8"}
    assert len({s.template for s in sites}) == 8
    jobs = [job for s in sites for job in s.jobs]
    assert 40 <= len(jobs) <= 56
    assert len({job.prompt for job in jobs}) == len(jobs)  # no prompt repeated


def test_every_job_has_a_relevant_document_and_the_near_misses_it_claims() -> None:
    jobs: list[Job8] = []
    for site in build_sites8():
        for job in site.jobs:
            assert isinstance(job, Job8), job.prompt
            jobs.append(job)
            counts = Counter(job.labels.values())
            assert counts[RELEVANT] >= 1, job.prompt
            # every relevant or decoy document exists on the site, and every document is judged
            assert set(job.labels) == set(site.docs), job.prompt
            assert set(counts) <= {RELEVANT, *CATEGORIES8}, job.prompt
            assert job.claims, job.prompt
            for category in job.claims:
                assert category in CATEGORIES8, (job.prompt, category)
                assert counts[category] >= 1, (job.prompt, category)
    claimed = {c for job in jobs for c in job.claims}
    assert claimed == set(CATEGORIES8)
    # recall is measurable: some jobs want many documents
    assert sum(len(job.relevant) for job in jobs) >= 2 * len(jobs)


def test_pages_link_every_document_and_documents_are_pdfs() -> None:
    for site in build_sites8():
        for path, data in site.docs.items():
            assert path.startswith(f"/{site.name}/") and path.endswith(".pdf")
            assert data.startswith(b"%PDF-")
            assert f"'{quote(path)}" in site.html, path


def test_layouts_are_not_earlier_parts_and_vary_between_instances() -> None:
    earlier = {
        layout.name for _, _, pairs in (*TEMPLATES6, *TEMPLATES7) for pair in pairs for layout in pair if layout
    }
    used8 = set()
    for _, _, pairs in TEMPLATES8:
        first, second = ({x.name for x in pair if isinstance(x, Layout)} for pair in pairs)
        assert first != second
        used8 |= first | second
    assert len(used8) == 5 and not used8 & earlier


def test_deterministic_across_builds() -> None:
    first, second = build_sites8(), build_sites8()
    for a, b in zip(first, second, strict=True):
        assert (a.name, a.html, a.docs) == (b.name, b.html, b.docs)
        assert [(j.prompt, j.labels) for j in a.jobs] == [(j.prompt, j.labels) for j in b.jobs]


def test_about_a_third_of_documents_are_scans() -> None:
    docs = [data for site in build_sites8() for data in site.docs.values()]
    share = sum(_scanned(d) for d in docs) / len(docs)
    assert abs(share - SCAN_SHARE) < 0.08, share
