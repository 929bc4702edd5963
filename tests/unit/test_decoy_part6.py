"""Structural sanity of held-back decoy part 6 (never the scorer's results on it: it stays unseen)."""

from __future__ import annotations

from collections import Counter
from urllib.parse import quote

from tests.support.decoy_sites import RELEVANT
from tests.support.decoy_sites_part6 import CATEGORIES6, SCAN_SHARE, build_sites6


def _scanned(data: bytes) -> bool:
    return b"Tj" not in data  # no text-showing operator: a page of drawing only


def test_every_job_has_a_relevant_document_and_the_near_misses_it_claims() -> None:
    sites = build_sites6()
    assert len({s.name for s in sites}) == len(sites) == 14
    assert {s.part for s in sites} == {"part6"}
    jobs = [job for s in sites for job in s.jobs]
    assert 28 <= len(jobs) <= 40
    for site in sites:
        for job in site.jobs:
            counts = Counter(job.labels.values())
            assert counts[RELEVANT] >= 1, job.prompt
            assert set(job.labels) == set(site.docs), job.prompt  # every document judged in every job
            assert set(counts) <= {RELEVANT, *CATEGORIES6}, job.prompt
            assert job.claims, job.prompt
            for category in job.claims:
                assert counts[category] >= 1, (job.prompt, category)
    claimed = {c for job in jobs for c in job.claims}  # type: ignore[attr-defined]
    assert claimed == set(CATEGORIES6)


def test_pages_link_every_document_and_documents_are_pdfs() -> None:
    for site in build_sites6():
        for path, data in site.docs.items():
            assert path.startswith(f"/{site.name}/") and path.endswith(".pdf")
            assert data.startswith(b"%PDF-")
            assert f"'{quote(path)}" in site.html, path


def test_deterministic_across_builds() -> None:
    first, second = build_sites6(), build_sites6()
    for a, b in zip(first, second, strict=True):
        assert (a.name, a.html, a.docs) == (b.name, b.html, b.docs)
        assert [(j.prompt, j.labels) for j in a.jobs] == [(j.prompt, j.labels) for j in b.jobs]


def test_about_a_third_of_documents_are_scans() -> None:
    docs = [data for site in build_sites6() for data in site.docs.values()]
    share = sum(_scanned(d) for d in docs) / len(docs)
    assert abs(share - SCAN_SHARE) < 0.08, share
    assert 0 < sum(_scanned(d) for d in docs) < len(docs)
