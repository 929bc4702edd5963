"""End-to-end benchmark: the whole `docharvest scrape` job against its bare stages, in one run.

    .venv/bin/python bench/e2e.py                       # 2,000 pages + 400 PDFs (bench/crawl.py's site)
    .venv/bin/python bench/e2e.py --pages 200 --pdfs 40 # a quick look
    .venv/bin/python bench/e2e.py --memory              # 20,000 pages + 4,000 PDFs: peak RSS (long)
    .venv/bin/python bench/e2e.py --no-daemon           # every job in the command's own process

Served by nginx on 127.0.0.1 (`apt-get install -y nginx-light`), politeness lifted, every PDF
downloaded and read. Prints, measured in this run:
- the job's wall time (CLI process start to exit), each Airflow task's time (from Airflow's
  task_instance table; mapped batches summed and their overlap shown), peak RSS of the job;
- the bare stages with the same settings: crawl + download (bench/crawl.py's DocHarvest child)
  and text extraction of the same PDFs with the same library and the same number of processes;
- the ratio job / (crawl + download + parallel parse), and pages parsed per second per core
  (``--repeat N``: job and bare stages N times, alternately, each round's ratio and the median:
  on this 2-core VM one round's ratio moves by +-0.2 from run to run);
- a one-page job's wall time (one page linking one PDF, `--single-page`): the floor a user feels,
  for the first command (which starts the warm local runner), a later one (runs in a fork of it)
  and a later one with `--no-daemon` (in-process, as before the runner);
- the peak RSS of every process of the job (the command, the runner, its job fork, parse
  workers), sampled from /proc (VmHWM) while the job runs.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
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


class PeakRss:
    """Peak RSS (VmHWM) of every process of a job: the command's process tree, and the warm
    runner of this Airflow home with its forks and their parse workers. Sampled every 0.2 s."""

    def __init__(self, root: int, airflow_home: Path) -> None:
        self.root, self.home = root, str(airflow_home)
        self.peaks: dict[int, tuple[str, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> dict[int, tuple[str, float]]:
        self._stop.set()
        self._thread.join()
        return self.peaks

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(0.2)

    def sample(self) -> None:
        procs: dict[int, tuple[int, str]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                    cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                except (OSError, IndexError, ValueError):
                    continue
                procs[int(entry.name)] = (ppid, cmd)
        roots = {self.root} | {p for p, (_, cmd) in procs.items() if _is_runner(p, cmd, self.home)}
        for pid, (_, cmd) in procs.items():
            ancestors, p = [pid], pid
            while p in procs and p not in roots and p > 1:
                p = procs[p][0]
                ancestors.append(p)
            if p not in roots:
                continue
            try:
                status = Path(f"/proc/{pid}/status").read_text()
                hwm = int(status.split("VmHWM:")[1].split()[0]) / 1024
            except (OSError, IndexError, ValueError):
                continue
            role = _role(pid, cmd, procs, roots, self.root)
            self.peaks[pid] = (role, max(hwm, self.peaks.get(pid, ("", 0.0))[1]))


def _is_runner(pid: int, cmd: str, home: str) -> bool:
    if "docharvest.orchestration.daemon" not in cmd:
        return False
    try:
        env = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return False
    return f"DOCHARVEST_AIRFLOW_HOME={home}".encode() in env


def _role(pid: int, cmd: str, procs: dict[int, tuple[int, str]], roots: set[int], root: int) -> str:
    if pid == root:
        return "command"
    if "resource_tracker" in cmd:
        return "mp resource tracker"
    if "multiprocessing" in cmd:
        return "parse worker"
    if "docharvest.orchestration.daemon" in cmd:
        return "job fork" if procs.get(pid, (0, ""))[0] in roots - {root} else "runner"
    return cmd.split(" ")[0].rsplit("/", 1)[-1]


def run_job(
    url: str,
    work: Path,
    airflow_home: Path,
    *,
    single_page: bool = False,
    workers: int = 2,
    daemon: bool = True,
    extra_env: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Run `docharvest scrape` as a user does; wall time, peak RSS of each process, task times."""
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
        "DOCHARVEST_DAEMON": "1" if daemon else "0",
        "DOCHARVEST_DAEMON_IDLE_SECONDS": "30",  # gone soon after the bench
        **(extra_env or {}),
    }
    work.mkdir(parents=True, exist_ok=True)
    out = work / "results.json"
    cmd = [DOCHARVEST, "scrape", url, "--prompt", "council documents", "--allow-private-network"]
    cmd += ["--timeout", "3600", "-o", str(out)] + (["--single-page"] if single_page else [])
    started = time.monotonic()
    with open(work / "job.log", "wb") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
        sampler = PeakRss(proc.pid, airflow_home)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - started
    peaks = sampler.stop()
    code = os.waitstatus_to_exitcode(status)
    if code != 0 or not out.exists():
        raise SystemExit(f"job failed (exit {code}); see {work / 'job.log'}")
    results = json.loads(out.read_text())
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": max([usage.ru_maxrss / 1024] + [mb for _, mb in peaks.values()]),
        "processes": peaks,
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


def one_page_job(work: Path, airflow_home: Path, *, warm_up_only: bool = False) -> dict[str, float]:
    from docharvest.samples.demo_site import serve_folder

    site = work / "one"
    site.mkdir(parents=True, exist_ok=True)
    (site / "index.html").write_text("<a href='minutes.pdf'>Council minutes 2024</a>")
    (site / "minutes.pdf").write_bytes((crawl_bench.SITE / "files" / "doc-0.pdf").read_bytes())
    server = serve_folder(site)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        walls = {}
        # The first command initialises Airflow's DB and starts the warm runner.
        walls["first"] = run_job(url, work / "first", airflow_home, single_page=True)["wall_s"]
        if warm_up_only:
            return walls
        walls["later"] = min(
            run_job(url, work / f"later{i}", airflow_home, single_page=True)["wall_s"] for i in range(3)
        )
        walls["later, --no-daemon"] = min(
            run_job(url, work / f"inproc{i}", airflow_home, single_page=True, daemon=False)["wall_s"]
            for i in range(2)
        )
        return walls
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--pdfs", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2, help="parse processes, job and bare stage alike")
    parser.add_argument(
        "--memory",
        action="store_true",
        help="the memory check: 20,000 pages + 4,000 PDFs, the job only (no bare stages, no one-page job)",
    )
    parser.add_argument("--no-daemon", action="store_true", help="run the big job in-process")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run the big job and the bare stages this many times, alternately; print each ratio and the median",
    )
    parser.add_argument(
        "--job-only",
        action="store_true",
        help="an experiment: one warm-up command, then the big job; no bare stages, no one-page figures",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a DOCHARVEST_* setting for the big job, e.g. --set DOCHARVEST_BATCH_SIZE=100 (repeatable)",
    )
    args = parser.parse_args()
    if args.memory:
        args.pages, args.pdfs = 20_000, 4_000
    stats = crawl_bench.build_site(args.pages, args.pdfs)
    port = crawl_bench._free_port()
    nginx = crawl_bench.start_nginx(port)
    url = f"http://127.0.0.1:{port}/"
    try:
        with tempfile.TemporaryDirectory(prefix="dh-e2e-") as tmp:
            work = Path(tmp)
            airflow_home = work / "airflow"  # shared: a user's second job finds Airflow's DB ready
            floor = {} if args.memory else one_page_job(work, airflow_home, warm_up_only=args.job_only)
            extra_env = dict(item.split("=", 1) for item in args.set)
            rounds = []  # job, then the bare stages, alternately: a passing load hits both alike
            for i in range(args.repeat):
                job = run_job(
                    url,
                    work / f"job{i}",
                    airflow_home,
                    workers=args.workers,
                    daemon=not args.no_daemon,
                    extra_env=extra_env,
                )
                if args.memory or args.job_only:
                    break
                bare = crawl_bench.run_child(sys.executable, "docharvest", url, ["--concurrency", "32"])
                parse = bare_parse(sorted((crawl_bench.SITE / "files").glob("*.pdf")), args.workers)
                rounds.append((job, bare, parse))
    finally:
        nginx.terminate()
        _stop_runners(airflow_home)
    print(
        f"site: {stats['pages']} pages, {stats['pdfs']} PDFs ({stats['pdf_mb']:.0f} MB), {args.workers} parse processes"
    )
    print(f"{'task':<12} {'instances':>9} {'sum s':>8} {'span s':>8}")
    for task, t in sorted(job["tasks"].items(), key=lambda kv: kv[1]["span_s"], reverse=True):
        print(f"{task:<12} {t['instances']:>9} {t['sum_s']:>8.2f} {t['span_s']:>8.2f}")
    how = "in-process" if args.no_daemon else "warm runner"
    print(
        f"whole job (CLI wall, {how}) {job['wall_s']:8.2f} s  (job runtime {job['runtime_s']} s, {job['documents']} documents)"
    )
    print("peak RSS per process (VmHWM):")
    for pid, (role, mb) in sorted(job["processes"].items(), key=lambda kv: -kv[1][1]):
        print(f"  {role:<19} pid {pid:<8} {mb:7.0f} MB{'  OVER 500 MB' if mb > 500 else ''}")
    if args.memory or args.job_only:
        return
    stages = bare["crawl_s"] + bare["download_s"] + parse["parse_s"]
    print(
        f"bare crawl + download        {bare['crawl_s'] + bare['download_s']:8.2f} s  ({bare['pages']} pages, {bare['docs']} docs)"
    )
    print(
        f"bare parse ({args.workers} processes)       {parse['parse_s']:8.2f} s  ({parse['pages']} pages, {parse['pages_per_s_per_core']:.0f} pages/s/core)"
    )
    print(f"ratio job / (crawl + download + parse) = {job['wall_s'] / stages:.2f}")
    if len(rounds) > 1:
        print(f"{'round':>5} {'job s':>7} {'crawl+dl s':>10} {'parse s':>8} {'ratio':>6}")
        ratios = []
        for i, (j, b, p) in enumerate(rounds):
            bare_s = b["crawl_s"] + b["download_s"]
            ratios.append(j["wall_s"] / (bare_s + p["parse_s"]))
            print(f"{i:>5} {j['wall_s']:7.2f} {bare_s:10.2f} {p['parse_s']:8.2f} {ratios[-1]:6.2f}")
        print(
            f"median ratio over {len(rounds)} rounds = {statistics.median(ratios):.2f} (the tables above: the last round)"
        )
    for label, wall in floor.items():
        print(f"one-page job wall time ({label}) {wall:8.2f} s")


def _stop_runners(airflow_home: Path) -> None:
    """The warm runner of the bench's Airflow home goes when the bench does."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                if _is_runner(int(entry.name), cmd, str(airflow_home)):
                    os.kill(int(entry.name), 15)
            except OSError:
                continue


if __name__ == "__main__":
    main()
