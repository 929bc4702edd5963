"""Benchmark: a scheduled source re-crawled over an unchanged 400-document site.

Serves 20 pages x 20 PDFs (conditional-request aware: ETag + 304) on 127.0.0.1, runs the
scrape job twice as a run of one source (the same six steps the DAG runs, in-process), and
prints both wall times, the ratio (target < 0.20) and the document downloads of each run
(target: zero on the second).

    .venv/bin/python bench/incremental.py [--docs 400] [--pages-per-doc 3]
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import sys
import tempfile
import time
from pathlib import Path

from docharvest.config import Settings
from docharvest.pipeline.scrape import run_scrape_inline
from docharvest.samples.pdfwriter import simple_pdf
from docharvest.store.db import get_engine
from docharvest.views.scrape import scrape_results

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.support.siteserver import RequestInfo, Route, SiteServer, html


def build_site(server: SiteServer, docs: int, pages_per_doc: int) -> dict[str, int]:
    counts = {"200": 0, "304": 0}
    per_page = 20
    bodies = {}
    for i in range(docs):
        text = [
            [f"Board meeting minutes {2024}-{i:04d}", "Motion carried. " * 40] for _ in range(pages_per_doc)
        ]
        bodies[f"/docs/minutes-{i:04d}.pdf"] = simple_pdf(text)

    def answer(request: RequestInfo) -> Route:
        body = bodies[request.path]
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            counts["304"] += 1
            return Route(status=304, headers={"ETag": etag})
        counts["200"] += 1
        return Route(body=body, headers={"Content-Type": "application/pdf", "ETag": etag})

    for path in bodies:
        server.add(path, answer)
    pages = (docs + per_page - 1) // per_page
    for p in range(pages):
        links = "".join(
            f'<li><a href="/docs/minutes-{i:04d}.pdf">Board meeting minutes {i}</a></li>'
            for i in range(p * per_page, min(docs, (p + 1) * per_page))
        )
        server.add(f"/board/{p}.html", html(f"<h1>Board {p}</h1><ul>{links}</ul>"))
    index = "".join(f'<a href="/board/{p}.html">Board page {p}</a> ' for p in range(pages))
    server.add("/", html(f"<h1>Town</h1>{index}"))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--pages-per-doc", type=int, default=3)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp, SiteServer("127.0.0.1") as server:
        counts = build_site(server, args.docs, args.pages_per_doc)
        settings = Settings(
            data_dir=Path(tmp),
            allow_private_networks=True,
            crawl={"min_delay_seconds": 0, "unsafe_unthrottled": True, "max_documents": 10_000},
        )
        conf = {"website": server.url("/"), "prompt": "board meeting minutes 2024"}
        runs = []
        for run in (1, 2):
            before = dict(counts)
            start = time.perf_counter()
            job_id = run_scrape_inline(settings, conf, source="bench_town")
            wall = time.perf_counter() - start
            results = scrape_results(get_engine(settings), job_id)
            runs.append(wall)
            print(
                f"run {run}: {wall:6.2f} s wall, {counts['200'] - before['200']} documents downloaded (200), "
                f"{counts['304'] - before['304']} not modified (304), found {results['total_documents_found']}, "
                f"listed {len(results['documents'])}, changes new/changed/unchanged/removed = "
                f"{results['documents_new']}/{results['documents_changed']}/"
                f"{results['documents_unchanged']}/{results['documents_removed']}"
            )
        print(f"second/first wall time: {runs[1] / runs[0]:.3f} (target < 0.20)")


if __name__ == "__main__":
    main()
