"""Hostile-document benchmark (issue 17): peak memory of every process of a scrape job.

    .venv/bin/python bench/hostile.py            # 95 MB text, 1 GiB-entry zip bomb, ...
    .venv/bin/python bench/hostile.py --quick    # 20 MB text

A site on 127.0.0.1 links the hostile set of ``docharvest.samples.hostile`` (non-XML DOCX,
DOCX zip bomb with a 1 GiB entry, a huge text file, a self-referencing PDF page tree, a
truncated PDF) and one good PDF. ``docharvest scrape`` runs as a child process (a real DAG
run); this script samples the RSS of that process and all its descendants (parse workers
included) from /proc every 50 ms and prints each process's peak, the job's status, its
recorded errors and the wall time. Linux only (reads /proc).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "include"))

from docharvest.samples.demo_site import serve_folder  # noqa: E402
from docharvest.samples.hostile import write_hostile_set  # noqa: E402
from docharvest.samples.pdfwriter import PdfBuilder  # noqa: E402

LIMIT_MB = 1024


def _tree(root: int) -> dict[int, tuple[str, int]]:
    """pid -> (command, RSS KiB) of ``root`` and its descendants."""
    parents: dict[int, int] = {}
    info: dict[int, tuple[str, int]] = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            status = (proc / "status").read_text()
            cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid = int(proc.name)
        parents[pid] = int(fields.get("PPid", "0").strip())
        rss = int(fields.get("VmRSS", "0 kB").split()[0]) if "VmRSS" in fields else 0
        info[pid] = (cmd[:80], rss)
    found = {root}
    changed = True
    while changed:
        changed = False
        for pid, ppid in parents.items():
            if ppid in found and pid not in found:
                found.add(pid)
                changed = True
    return {pid: info[pid] for pid in found if pid in info}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="20 MB text file instead of 95 MB")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dh-hostile-"))
    site = work / "site"
    names = write_hostile_set(site / "docs", text_mb=20 if args.quick else 95)
    good = PdfBuilder(title="Board Meeting Minutes")
    good.page().lines(72, 720, ["Board meeting minutes", "Held on March 5, 2024"])
    (site / "docs" / "minutes-good.pdf").write_bytes(good.to_bytes())
    links = "".join(f'<a href="docs/{n}">minutes {n}</a><br>' for n in [*names, "minutes-good.pdf"])
    (site / "index.html").write_text(f"<html><body>{links}</body></html>")
    server = serve_folder(site)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'include'}:{ROOT}",
        "DOCHARVEST_DATA_DIR": str(work / "data"),
        "DOCHARVEST_AIRFLOW_HOME": str(work / "airflow"),
        "DOCHARVEST_CRAWL__MIN_DELAY_SECONDS": "0",
        "DOCHARVEST_RELEVANCE__DOWNLOAD_THRESHOLD": "0",
    }
    for key in ("AIRFLOW_HOME", "AIRFLOW__CORE__DAGS_FOLDER", "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"):
        env.pop(key, None)
    out = work / "results.json"
    command = [sys.executable, "-m", "docharvest.cli", "scrape", url, "--prompt", "board meeting minutes"]
    started = time.monotonic()
    child = subprocess.Popen([*command, "--allow-private-network", "-o", str(out)], env=env)
    peaks: dict[int, tuple[str, int]] = {}
    while child.poll() is None:
        for pid, (cmd, rss) in _tree(child.pid).items():
            if rss > peaks.get(pid, ("", 0))[1]:
                peaks[pid] = (cmd, rss)
        time.sleep(0.05)
    wall = time.monotonic() - started
    server.shutdown()
    results = json.loads(out.read_text()) if out.exists() else {}
    print(f"hostile set: {', '.join(names.values())}")
    print(f"job: exit {child.returncode}, status {results.get('status')}, {wall:.1f} s wall")
    for error in results.get("errors", []):
        name = Path(error.get("page_url") or "").name
        print(f"  error {error['error_type']:<20} {name:<24} {error['error_message'][:70]}")
    print(f"{'pid':>8}  {'peak RSS MB':>11}  command")
    for pid, (cmd, rss) in sorted(peaks.items(), key=lambda kv: -kv[1][1]):
        print(f"{pid:>8}  {rss / 1024:>11.1f}  {cmd}")
    worst = max((rss for _, rss in peaks.values()), default=0) / 1024
    print(
        f"peak RSS of any process: {worst:.0f} MB (bound {LIMIT_MB} MB): {'OK' if worst < LIMIT_MB else 'OVER'}"
    )
    return 0 if worst < LIMIT_MB and results.get("status") == "completed" else 1


if __name__ == "__main__":
    sys.exit(main())
