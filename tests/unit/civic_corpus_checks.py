"""Consistency checks shared by the held-back civic corpora (bench/corpora/civic2, civic3).

Data only: the checks read a corpus's truth.json, pages and stand-ins; they never run a scorer on
DocHarvest's results for it."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED_SCORER = ROOT.parent / "shared" / "realworld" / "civic" / "score_civic.py"
KINDS = {"Agenda", "Minutes", "Notice", "Agenda Packet"}
BASIC_TYPES = {"minutes-of-year", "agenda-of-meeting", "minutes-of-meeting", "agendas-of-year"}


def load_module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_truth(corpus: Path) -> dict[str, Any]:
    with open(corpus / "truth.json", encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def meetings(doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    if doc.get("meetings"):
        return [(m["meeting_title"], m["meeting_date"], m["label"]) for m in doc["meetings"]]
    return [(doc["meeting_title"], doc["meeting_date"], doc["label"])]


def check_pages_and_paths(corpus: Path, truth: dict[str, Any], min_agencies: int) -> None:
    agencies = truth["agencies"]
    assert min_agencies <= len(agencies) <= 14
    assert len({a["id"] for a in agencies}) == len(agencies)
    assert len({a["source"].split("@")[0] for a in agencies}) >= 3  # several city-scrapers repositories
    for a in agencies:
        assert a["start_path"] == f"/{a['id']}/index.html"
        page = (corpus / "site" / a["id"] / "index.html").read_text(encoding="utf-8")
        hrefs = re.findall(r'href="([^"]*)"', page)
        doc_hrefs = {h for h in hrefs if h != "#"}
        paths = [d["path"] for d in a["docs"]]
        assert len(set(paths)) == len(paths)
        assert doc_hrefs == set(paths), a["id"]  # every link is a document of the truth file or '#'
        for n, p in enumerate(paths, 1):
            assert re.fullmatch(
                rf"/{a['id']}/docs/{n:03d}-[A-Za-z0-9._-]+\.(pdf|docx|pptx|xlsx|doc|xls)", p
            ), p
            assert (corpus / "site" / p.lstrip("/")).is_file(), p
        assert not re.search(r'(?:src|action)="', page), a["id"]
        assert not re.search(r"<script|<style|<iframe", page, re.I), a["id"]
        stats = a["stats"]
        assert stats["docs"] == len(paths)
        assert stats["labelled_docs"] == sum(1 for d in a["docs"] if d["labelled"]) >= 1
        assert stats["attr_url_leaks"] == 0


def check_labels_and_guesses(truth: dict[str, Any]) -> None:
    for a in truth["agencies"]:
        for d in a["docs"]:
            assert d["link_text"] or d["orig_url"], d["path"]
            if d["labelled"]:
                assert d["kinds_from"] == "spider"
                assert d["kinds"] and d["label"] != "Unlabelled"
                for _title, mdate, _label in meetings(d):
                    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", mdate), d["path"]
            else:
                assert d["label"] == "Unlabelled" and d["meeting_date"] is None
                assert "guess_kind" in d and "guess_year" in d


def check_jobs(truth: dict[str, Any]) -> None:
    jobs = truth["jobs"]
    assert 20 <= len(jobs) <= 34
    assert len({j["id"] for j in jobs}) == len(jobs)
    agencies = {a["id"]: a for a in truth["agencies"]}
    assert len({j["agency"] for j in jobs}) == len(agencies)  # every agency has jobs
    for j in jobs:
        a = agencies[j["agency"]]
        docs = {d["path"]: d for d in a["docs"]}
        assert j["start_path"] == a["start_path"] and j["single_page"] is True
        assert j["prompt"].startswith("Find ") and j["kind"] in KINDS
        assert j["relevant"], j["id"]
        assert not set(j["relevant"]) & set(j["acceptable"]), j["id"]
        assert set(j["acceptable"]) <= set(docs), j["id"]
        for p in j["relevant"]:
            d = docs[p]
            assert d["labelled"], (j["id"], p)
            if j.get("body"):  # a body-specific job: only that body's spider labels its relevant documents
                assert d.get("spider") == j["body"], (j["id"], p)
            ok = False
            for title, mdate, label in meetings(d):
                when = mdate[:4] == str(j["year"]) if "year" in j else mdate == j["meeting_date"]
                body = j.get("meeting_title") in (None, title)
                kinds = set(d["kinds"]) if not d.get("meetings") else {label}
                ok = ok or (when and body and (j["kind"] in kinds or j["kind"] in label))
            assert ok, (j["id"], p)
        for p in j["acceptable"]:
            d = docs[p]
            if not d["labelled"] and d.get("guess_year") and "year" in j:
                assert d["guess_year"] == j["year"], (j["id"], p)
    assert {j["type"] for j in jobs} >= BASIC_TYPES


def check_stand_ins(corpus: Path, truth: dict[str, Any], name: str) -> None:
    builder = load_module(corpus / "build_stand_ins.py", f"{name}_build_stand_ins")
    for a in truth["agencies"]:
        agency = a["name"].upper().encode("latin-1", "replace")
        for d in a["docs"]:
            data = (corpus / "site" / d["path"].lstrip("/")).read_bytes()
            assert data == builder.stand_in(a, d), d["path"]
            if d["path"].endswith(".pdf"):
                assert data.startswith(b"%PDF-") and agency in data, d["path"]
    assert builder.main(["--check"]) == 0


def check_size(corpus: Path) -> None:
    total = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
    assert total < 3_000_000


def check_realcivic_scorer_reads(truth: dict[str, Any]) -> None:
    """A perfect result scores 1.0 and reporting everything finds every relevant document."""
    scorer = load_module(SHARED_SCORER, "score_civic_shared")
    for j in truth["jobs"]:
        perfect = [{"url": "http://127.0.0.1:8890" + p, "confidence_score": 0.9} for p in j["relevant"]]
        s = scorer.score_job(truth, j, perfect)
        assert (s["precision"], s["recall"], s["fp"]) == (1.0, 1.0, 0), j["id"]
        everything = [
            {"url": d["path"]} for a in truth["agencies"] for d in a["docs"] if a["id"] == j["agency"]
        ]
        s = scorer.score_job(truth, j, everything)
        assert s["recall"] == 1.0 and s["acceptable_reported"] == len(j["acceptable"]), j["id"]


def corpus_tests(name: str, min_agencies: int) -> dict[str, Any]:
    """The test functions (and the ``truth`` fixture) for one corpus under bench/corpora/<name>, for a
    test module to take into its namespace: ``globals().update(corpus_tests("civic3", 5))``."""
    import pytest

    corpus = ROOT / "bench" / "corpora" / name

    @pytest.fixture(scope="module")
    def truth() -> dict[str, Any]:
        return load_truth(corpus)

    def test_agencies_pages_and_document_paths(truth: dict[str, Any]) -> None:
        check_pages_and_paths(corpus, truth, min_agencies)

    def test_labels_come_with_meetings_and_unlabelled_docs_carry_guesses(truth: dict[str, Any]) -> None:
        check_labels_and_guesses(truth)

    def test_jobs_are_built_from_labels(truth: dict[str, Any]) -> None:
        check_jobs(truth)

    def test_stand_ins_are_what_the_builder_writes(truth: dict[str, Any]) -> None:
        check_stand_ins(corpus, truth, name)

    def test_size_stays_small() -> None:
        check_size(corpus)

    @pytest.mark.skipif(not SHARED_SCORER.exists(), reason="../shared (realcivic scorer) is not present")
    def test_the_realcivic_scorer_reads_this_truth(truth: dict[str, Any]) -> None:
        check_realcivic_scorer_reads(truth)

    return {k: v for k, v in locals().items() if k == "truth" or k.startswith("test_")}
