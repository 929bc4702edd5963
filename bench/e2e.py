"""End-to-end benchmark: the whole `docharvest scrape` job against its bare stages, in one run.

    .venv/bin/python bench/e2e.py                       # 2,000 pages + 400 PDFs (bench/crawl.py's site)
    .venv/bin/python bench/e2e.py --pages 200 --pdfs 40 # a quick look
    .venv/bin/python bench/e2e.py --pages 20000 --pdfs 4000   # the memory check (long)

Served by nginx on 127.0.0.1 (`apt-get install -y nginx-light`), politeness lifted, every PDF
downloaded and read. Prints, measured in this run:
- the job's wall time (CLI process start to exit), each Airflow task's time (from Airflow's
  task_instance table; mapped batches summed and their overlap shown), peak RSS of the job;
- the bare stages with the same settings: crawl + download (bench/crawl.py's DocHarvest child)
  and text extraction of the same PDFs with the same library and the same number of processes;
- the ratio job / (crawl + download + parallel parse), and pages parsed per second per core;
- a one-page job's wall time (one page linking one PDF, `--single-page`): the floor a user feels.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "include"))
sys.path.insert(0, str(ROOT))

from bench import crawl as crawl_bench  # noqa: E402

DOCHARVEST = str(Path(sys.executable).parent / "docharvest")  # the venv running this script


def run_job(
    url: str, work: Path, airflow_home: Path, *, single_page: bool = False, workers: int = 2
) -> dict[str, Any]:
    """Run `docharvest scrape` as a user does; wall time, peak RSS of the process tree, task times."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "DOCHARVEST_"))},
        "DOCHARVEST_AIRFLOW_HOME": str(airflow_home),
        "DOCHARVEST_DATA_DIR": str(work / "data"),
        "DOCHARVEST_CRAWL__UNSAFE_UNTHROTTLED": "true",
        "DOCHARVEST_CRAWL__MAX_PAGES": "1000000",
        "DOCHARVEST_CRAWL__MAX_DEPTH": "100",
        "DOCHARVEST_CRAWL__MAX_DOCUMENTS": "1000000",
        "DOCHARVEST_CRAWL__CONCURRENCY": "32",
        "DOCHARVEST_RELEVANCE__DOWNLOAD_THRESHOLD": "0",
        "DOCHARVEST_PARSE_WORKERS": str(workers),
    }
    work.mkdir(parents=True, exist_ok=True)
    out = work / "results.json"
    cmd = [DOCHARVEST, "scrape", url, "--prompt", "council documents", "--allow-private-network"]
    cmd += ["--timeout", "3600", "-o", str(out)] + (["--single-page"] if single_page else [])
    started = time.monotonic()
    with open(work / "job.log", "wb") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0 or not out.exists():
        raise SystemExit(f"job failed (exit {code}); see {work / 'job.log'}")
    results = json.loads(out.read_text())
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss / 1024,  # the largest single process of the tree
        "documents": results.get("total_documents_downloaded"),
        "runtime_s": results.get("total_runtime_seconds"),
        "tasks": task_times(airflow_home / "airflow.db"),
    }


def task_times(db: Path) -> dict[str, dict[str, float]]:
    """Per task: summed duration of its (mapped) instances and the wall span they covered."""
    if not db.exists():
        return {}
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT task_id, start_date, end_date FROM task_instance WHERE start_date IS NOT NULL "
            "AND end_date IS NOT NULL AND run_id = (SELECT run_id FROM dag_run ORDER BY id DESC LIMIT 1)"
        ).fetchall()
    spans: dict[str, list[tuple[float, float]]] = {}
    for task, start, end in rows:
        spans.setdefault(task, []).append((_epoch(start), _epoch(end)))
    return {
        task: {
            "instances": len(s),
            "sum_s": sum(e - b for b, e in s),
            "span_s": max(e for _, e in s) - min(b for b, _ in s),
        }
        for task, s in spans.items()
    }


def _epoch(value: str) -> float:
    from datetime import UTC, datetime

    moment = datetime.fromisoformat(str(value))
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _pdf_pages(path: str) -> int:
    from docharvest.text import extract_text

    return extract_text(Path(path), "pdf").page_count


def bare_parse(files: list[Path], workers: int) -> dict[str, float]:
    """The job's own PDF reader over the same files, in a pool of ``workers`` processes."""
    started = time.monotonic()
    with ProcessPoolExecutor(workers) as pool:
        pages = sum(pool.map(_pdf_pages, [str(f) for f in files], chunksize=4))
    seconds = time.monotonic() - started
    return {"parse_s": seconds, "pages": pages, "pages_per_s_per_core": pages / seconds / workers}


def one_page_job(work: Path, airflow_home: Path) -> float:
    from docharvest.samples.demo_site import serve_folder

    site = work / "one"
    site.mkdir(parents=True, exist_ok=True)
    (site / "index.html").write_text("<a href='minutes.pdf'>Council minutes 2024</a>")
    (site / "minutes.pdf").write_bytes((crawl_bench.SITE / "files" / "doc-0.pdf").read_bytes())
    server = serve_folder(site)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        run_job(url, work / "first", airflow_home, single_page=True)  # initialises Airflow's DB
        return float(run_job(url, work / "second", airflow_home, single_page=True)["wall_s"])
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--pdfs", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2, help="parse processes, job and bare stage alike")
    args = parser.parse_args()
    stats = crawl_bench.build_site(args.pages, args.pdfs)
    port = crawl_bench._free_port()
    nginx = crawl_bench.start_nginx(port)
    url = f"http://127.0.0.1:{port}/"
    try:
        with tempfile.TemporaryDirectory(prefix="dh-e2e-") as tmp:
            work = Path(tmp)
            airflow_home = work / "airflow"  # shared: a user's second job finds Airflow's DB ready
            floor = one_page_job(work, airflow_home)
            job = run_job(url, work / "job", airflow_home, workers=args.workers)
            bare = crawl_bench.run_child(sys.executable, "docharvest", url, ["--concurrency", "32"])
            parse = bare_parse(sorted((crawl_bench.SITE / "files").glob("*.pdf")), args.workers)
    finally:
        nginx.terminate()
    stages = bare["crawl_s"] + bare["download_s"] + parse["parse_s"]
    print(
        f"site: {stats['pages']} pages, {stats['pdfs']} PDFs ({stats['pdf_mb']:.0f} MB), {args.workers} parse processes"
    )
    print(f"{'task':<12} {'instances':>9} {'sum s':>8} {'span s':>8}")
    for task, t in sorted(job["tasks"].items(), key=lambda kv: kv[1]["span_s"], reverse=True):
        print(f"{task:<12} {t['instances']:>9} {t['sum_s']:>8.2f} {t['span_s']:>8.2f}")
    print(
        f"whole job (CLI wall)         {job['wall_s']:8.2f} s  (job runtime {job['runtime_s']} s, peak RSS {job['peak_rss_mb']:.0f} MB)"
    )
    print(
        f"bare crawl + download        {bare['crawl_s'] + bare['download_s']:8.2f} s  ({bare['pages']} pages, {bare['docs']} docs)"
    )
    print(
        f"bare parse ({args.workers} processes)       {parse['parse_s']:8.2f} s  ({parse['pages']} pages, {parse['pages_per_s_per_core']:.0f} pages/s/core)"
    )
    print(f"ratio job / (crawl + download + parse) = {job['wall_s'] / stages:.2f}")
    print(f"one-page job wall time       {floor:8.2f} s")


if __name__ == "__main__":
    main()
