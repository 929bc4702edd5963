"""civic/: finding the right documents on real agency meeting pages (City Bureau fixtures).

Each job of ``truth.json`` is run the way a ``--single-page`` scrape job runs it, minus the
database: the corpus's ``site/`` is served on 127.0.0.1, DocHarvest's crawler reads the start
page (``crawl_site_sync``: its link, heading, row and surrounding-text evidence, exactly as a job
gets it), every candidate gets its pre-download score, candidates at or above the download
threshold are "downloaded" (read from ``site/`` with DocHarvest's own text readers) and get their
final score; a document is reported when it was readable and scored at or above the job's
``confidence_threshold``. The corpus's own ``score_civic.py`` scores the reports.

ECE is over every downloaded candidate of every job (relevant = 1, scored-unlabelled = 0,
``acceptable`` left out), in the ten 0.1-wide buckets.

    PYTHONPATH=include:. python -m bench.realworld_figures.civic ../shared/realworld/civic [--details]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from bench.realworld_figures import Figure, fmt

CORPUS = "civic"
QUICK_JOBS = 10  # every other job (sorted by id) in --quick


@dataclass
class Scored:
    url: str
    pre: float
    final: float | None  # None: below the download threshold, never downloaded
    readable: bool
    reason: str


@dataclass
class JobRun:
    job: dict[str, Any]
    scored: list[Scored] = field(default_factory=list)

    def reported(self, threshold: float, readable_only: bool = True) -> list[Scored]:
        """What the job lists: downloaded, scored at or above ``threshold`` and (as the results
        listing does today) readable; ``readable_only=False`` also counts unreadable documents
        scored from their context."""
        return [
            s
            for s in self.scored
            if (s.readable or not readable_only) and s.final is not None and s.final >= threshold
        ]


def _load_scorer(corpus: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_civic", corpus / "score_civic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextmanager
def _served(folder: Path) -> Iterator[str]:
    from docharvest.samples.demo_site import serve_folder

    server = serve_folder(folder)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def crawl_pages(base: str, start_paths: list[str]) -> dict[str, list[Any]]:
    """Candidates of each start page, as the crawler builds them for a single-page job."""
    from docharvest.config import CrawlSettings
    from docharvest.crawl import crawl_site_sync

    settings = CrawlSettings(min_delay_seconds=0, max_retries=0)
    found = {}
    for path in sorted(set(start_paths)):
        report = crawl_site_sync(
            base + path, settings=settings, allow_private_networks=True, single_page=True
        )
        if report.start_url_error:
            raise RuntimeError(f"civic: {path}: {report.start_url_error}")
        found[path] = report.candidates
    return found


class _Texts:
    """Document texts read once per file with DocHarvest's readers (None: unreadable)."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.cache: dict[str, Any] = {}

    def get(self, url: str) -> Any:
        from urllib.parse import unquote, urlsplit

        from docharvest.crawl.urls import url_extension
        from docharvest.errors import UnreadableDocumentError
        from docharvest.text import extract_text

        path = unquote(urlsplit(url).path)
        if path not in self.cache:
            try:
                self.cache[path] = extract_text(self.site / path.lstrip("/"), url_extension(url))
            except (UnreadableDocumentError, OSError):
                self.cache[path] = None
        return self.cache[path]


def run_jobs(corpus: Path, jobs: list[dict[str, Any]], scorer: Any = None) -> list[JobRun]:
    return run_on_site(corpus / "site", jobs, scorer)


def run_on_site(site: Path, jobs: list[dict[str, Any]], scorer: Any = None) -> list[JobRun]:
    """Each job (``prompt``, ``start_path``) as a single-page scrape job over the static ``site``."""
    from docharvest.config import Settings
    from docharvest.crawl.urls import url_filename
    from docharvest.relevance import RuleScorer, parse_prompt

    scorer = scorer or RuleScorer()
    download_threshold = Settings().relevance.download_threshold
    texts = _Texts(site)
    with _served(site) as base:
        pages = crawl_pages(base, [j["start_path"] for j in jobs])
    runs = []
    for job in jobs:
        intent = parse_prompt(job["prompt"])
        run = JobRun(job)
        labels: dict[str, dict[str, Any]] = {}
        for cand in pages[job["start_path"]]:
            pre = scorer.score_candidate(intent, cand)
            if pre.confidence < download_threshold:
                run.scored.append(Scored(cand.url, pre.confidence, None, False, pre.reason))
                continue
            text = texts.get(cand.url)
            final = scorer.score_document(intent, cand, text, url_filename(cand.url))
            run.scored.append(
                Scored(cand.url, pre.confidence, final.confidence, text is not None, final.reason)
            )
            # What the pipeline's document row holds: the candidate's evidence and the file name.
            labels[cand.url] = {"evidence": cand.model_dump(mode="json"), "filename": url_filename(cand.url)}
        _rank_editions(intent, run, labels)
        runs.append(run)
    return runs


def _rank_editions(intent: Any, run: JobRun, labels: dict[str, dict[str, Any]]) -> None:
    """As the pipeline does once a job's documents are scored: "the X" ranks older editions below."""
    from docharvest.relevance.editions import rank_editions

    rows = [
        {"url": s.url, "confidence_score": s.final, "relevance_reason": s.reason, **labels[s.url]}
        for s in run.scored
        if s.final is not None
    ]
    updates = {u["url"]: u for u in rank_editions(intent, rows)}
    for s in run.scored:
        if s.url in updates:
            s.final = updates[s.url]["confidence_score"]
            s.reason = updates[s.url]["relevance_reason"]


def ece(pairs: list[tuple[float, bool]], buckets: int = 10) -> float:
    """Expected calibration error: bucket-size-weighted |mean score - share relevant|."""
    if not pairs:
        return float("nan")
    total = 0.0
    for b in range(buckets):
        lo, hi = b / buckets, (b + 1) / buckets
        inside = [(s, y) for s, y in pairs if lo <= s < hi or (b == buckets - 1 and s >= hi)]
        if inside:
            mean = sum(s for s, _ in inside) / len(inside)
            share = sum(1 for _, y in inside if y) / len(inside)
            total += len(inside) / len(pairs) * abs(mean - share)
    return total


def evaluate(
    corpus: Path, runs: list[JobRun], truth: dict[str, Any], scorer_dir: Path | None = None
) -> tuple[list[dict[str, Any]], list[tuple[float, bool]]]:
    """score_civic's row per job, and (final score, relevant) of every downloaded candidate.

    ``scorer_dir``: where score_civic.py is, for a corpus in the same format without its own."""
    sc = _load_scorer(scorer_dir or corpus)
    rows, pairs = [], []
    for run in runs:
        job = run.job
        threshold = float(job["params"].get("confidence_threshold", 0.5))
        docs = [{"url": s.url, "confidence_score": s.final} for s in run.reported(threshold)]
        rows.append(sc.score_job(truth, job, docs))
        relevant = {sc.norm_path(p) for p in job["relevant"]}
        acceptable = {sc.norm_path(p) for p in job.get("acceptable", [])}
        for s in run.scored:
            path = sc.norm_path(s.url)
            if s.final is None or path in acceptable:
                continue
            pairs.append((s.final, path in relevant))
    return rows, pairs


def measure(corpus: Path, quick: bool) -> list[Figure]:
    truth = json.loads((corpus / "truth.json").read_text())
    jobs = sorted(truth["jobs"], key=lambda j: j["id"])
    if quick:
        jobs = jobs[::2][:QUICK_JOBS]
    rows, pairs = evaluate(corpus, run_jobs(corpus, jobs), truth)
    calibration = ece(pairs)
    n = len(rows)
    note = f"{n} jobs{' (quick: every other)' if quick else ''}, single page, threshold 0.5"
    return [
        Figure(CORPUS, "mean F1", fmt(sum(r["f1"] for r in rows) / n), note=note),
        Figure(CORPUS, "mean precision", fmt(sum(r["precision"] for r in rows) / n)),
        Figure(CORPUS, "mean recall", fmt(sum(r["recall"] for r in rows) / n)),
        Figure(CORPUS, "ECE (downloaded candidates)", fmt(calibration)),
        Figure(CORPUS, "jobs with F1 = 1", f"{sum(r['f1'] == 1.0 for r in rows)}/{n}"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "corpus", nargs="?", default=str(Path(__file__).resolve().parents[3] / "shared/realworld/civic")
    )
    parser.add_argument("--details", action="store_true", help="misses and false positives with reasons")
    parser.add_argument("--job", default="", help="only jobs whose id contains this")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    truth = json.loads((corpus / "truth.json").read_text())
    jobs = [j for j in sorted(truth["jobs"], key=lambda j: j["id"]) if args.job in j["id"]]
    runs = run_jobs(corpus, jobs)
    rows, pairs = evaluate(corpus, runs, truth)
    calibration = ece(pairs)
    for run, row in zip(runs, rows, strict=True):
        print(
            f"{row['job']:62s} P {row['precision']:.3f} R {row['recall']:.3f} F1 {row['f1']:.3f}"
            f"  tp {row['tp']}/{row['relevant']} fp {row['fp']} acc {row['acceptable_reported']}"
        )
        if args.details:
            by_path = {s.url.split("/", 3)[-1]: s for s in run.scored}
            for path in row["missed"]:
                s = by_path.get(path.lstrip("/"))
                print(f"    MISS {path} {s.final if s else 'not a candidate'} {s.reason if s else ''}")
            for path, why in row["false_positives"]:
                s = by_path.get(path.lstrip("/"))
                print(f"    FP   {path} ({why}) {s.final if s else ''} {s.reason if s else ''}")
    n = len(rows)
    print(
        f"\nmean F1 {sum(r['f1'] for r in rows) / n:.3f}  P {sum(r['precision'] for r in rows) / n:.3f}"
        f"  R {sum(r['recall'] for r in rows) / n:.3f}  ECE {calibration:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
