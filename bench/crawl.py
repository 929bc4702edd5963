"""Crawl benchmark: DocHarvest vs Scrapy on a local site served by nginx (issue 3, "Speed").

    .venv/bin/python bench/crawl.py                 # build site, serve, crawl with both, print table
    .venv/bin/python bench/crawl.py --transports    # also: raw page fetch rate per HTTP transport

The site (built once under bench/out/site, deterministic): 2,000 HTML pages of 5-15 KB with
10-30 links each, and 400 PDFs from 20 KB to 3 MB (log-uniform). nginx serves it on
127.0.0.1 (Debian package ``nginx-light``; `apt-get install -y nginx-light`).

Each crawler runs in its own process, started by this script, so CPU and peak RSS are the
child's own (``os.wait4``). Both crawl every page and download every PDF:

- DocHarvest: ``crawl_site`` then ``download_documents`` with ``unsafe_unthrottled=True``
  (per-host limits and delays lifted; robots.txt still read).
- Scrapy: a CrawlSpider (LinkExtractor rule, follow=True) plus FilesPipeline, default
  settings except ROBOTSTXT_OBEY=True (the project template's default) and LOG_LEVEL=INFO.
  Scrapy lives in bench/out/venv (bench/requirements.txt), never in the runtime pins.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
SITE = OUT / "site"  # replaced per size in build_site
VENV = OUT / "venv"
PDF_MIN, PDF_MAX = 20_000, 3_000_000


# -- the site -------------------------------------------------------------------------------


def _pdf(rng: random.Random, size: int, title: str) -> bytes:
    """A valid PDF of about ``size`` bytes: real text pages, padded with a content-stream comment."""
    sys.path.insert(0, str(ROOT / "include"))
    from docharvest.samples.pdfwriter import PAGE_HEIGHT, PdfBuilder

    pdf = PdfBuilder(title=title)
    for n in range(rng.randint(1, 6)):
        pdf.page().lines(72, PAGE_HEIGHT - 72, [f"{title} - page {n + 1} - line {i}" for i in range(40)])
    base = len(pdf.to_bytes())
    if size > base + 100:
        pad = pdf.page()
        pad.ops.append(b"%" + rng.randbytes((size - base - 100) // 2).hex().encode())
    return pdf.to_bytes()


def build_site(pages: int, pdfs: int, seed: int = 7) -> dict[str, Any]:
    """Write the site under bench/out/site-PAGES-PDFS (skipped when a matching one is there)."""
    global SITE
    SITE = OUT / f"site-{pages}-{pdfs}"
    stamp = SITE / ".built"
    want = f"{pages} {pdfs} {seed}"
    if stamp.exists() and stamp.read_text() == want:
        return json.loads((SITE / ".stats.json").read_text())
    shutil.rmtree(SITE, ignore_errors=True)
    (SITE / "p").mkdir(parents=True)
    (SITE / "files").mkdir()
    rng = random.Random(seed)
    words = [
        "council",
        "budget",
        "minutes",
        "agenda",
        "school",
        "district",
        "report",
        "planning",
        "zoning",
        "water",
        "parks",
        "library",
    ]
    pdf_links: dict[int, list[int]] = {}
    for j in range(pdfs):
        for page in {(j * 5) % pages, rng.randrange(pages)}:
            pdf_links.setdefault(page, []).append(j)
    page_bytes = 0
    for i in range(pages):
        n_links = rng.randint(10, 30)
        targets = {(i + 1) % pages} | {rng.randrange(pages) for _ in range(n_links - 1)}
        links = "".join(
            f'<li><a href="/p/{t}.html">Page {t} {rng.choice(words)}</a></li>\n' for t in sorted(targets)
        )
        docs = "".join(
            f'<li><a href="/files/doc-{j}.pdf">{rng.choice(words).title()} document {j} (PDF)</a></li>\n'
            for j in pdf_links.get(i, [])
        )
        filler_len = rng.randint(5_000, 15_000) - len(links) - len(docs) - 300
        filler: list[str] = []
        filled = 0
        while filled < filler_len:
            filler.append(rng.choice(words))
            filled += len(filler[-1]) + 1
        html = (
            f"<!doctype html><html><head><meta charset='utf-8'><title>Page {i}</title></head><body>"
            f"<h1>Page {i}</h1><p>{' '.join(filler)}</p><h2>Links</h2><ul>{links}</ul>"
            f"<h2>Documents</h2><ul>{docs}</ul></body></html>"
        )
        name = SITE / "index.html" if i == 0 else SITE / "p" / f"{i}.html"
        name.write_text(html)
        page_bytes += len(html)
    # Page 0 is the home page; links to /p/0.html should land there too.
    shutil.copyfile(SITE / "index.html", SITE / "p" / "0.html")
    pdf_bytes = 0
    for j in range(pdfs):
        size = int(math.exp(rng.uniform(math.log(PDF_MIN), math.log(PDF_MAX))))
        data = _pdf(rng, size, f"Document {j}")
        (SITE / "files" / f"doc-{j}.pdf").write_bytes(data)
        pdf_bytes += len(data)
    stats = {"pages": pages + 1, "pdfs": pdfs, "html_mb": page_bytes / 1e6, "pdf_mb": pdf_bytes / 1e6}
    (SITE / ".stats.json").write_text(json.dumps(stats))
    stamp.write_text(want)
    return stats


# -- nginx ----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_nginx(port: int) -> subprocess.Popen[bytes]:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        sys.exit("nginx not found: apt-get install -y nginx-light")
    prefix = OUT / "nginx"
    shutil.rmtree(prefix, ignore_errors=True)
    (prefix / "logs").mkdir(parents=True)
    conf = prefix / "nginx.conf"
    conf.write_text(
        f"""worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on; tcp_nopush on;
  keepalive_requests 1000000;
  types {{ text/html html; application/pdf pdf; text/plain txt; }}
  client_body_temp_path {prefix}/tmp; proxy_temp_path {prefix}/tmp; fastcgi_temp_path {prefix}/tmp;
  uwsgi_temp_path {prefix}/tmp; scgi_temp_path {prefix}/tmp;
  server {{ listen 127.0.0.1:{port}; root {SITE}; index index.html; }}
}}
"""
    )
    proc = subprocess.Popen([nginx, "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"])
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.05)
    proc.terminate()
    sys.exit("nginx did not start; see bench/out/nginx/logs/error.log")


# -- children -------------------------------------------------------------------------------


def run_child(python: str, mode: str, url: str, extra: list[str] | None = None) -> dict[str, Any]:
    """Run one crawler in its own process; add its CPU seconds and peak RSS (from wait4)."""
    out = OUT / f"run-{mode}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    result_file = out / "result.json"
    cmd = [python, str(Path(__file__)), "--child", mode, "--url", url, "--out", str(out), *(extra or [])]
    started = time.monotonic()
    with open(out / "child.log", "wb") as log:  # Scrapy's INFO log and stats dump go here
        proc = subprocess.Popen(cmd, cwd=ROOT, stderr=log)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - started
    if proc.returncode != 0 or not result_file.exists():
        raise SystemExit(f"{mode} run failed (exit {proc.returncode}); see {out / 'child.log'}")
    result = json.loads(result_file.read_text())
    result["process_wall_s"] = wall
    result["cpu_s"] = usage.ru_utime + usage.ru_stime
    result["peak_rss_mb"] = usage.ru_maxrss / 1024
    shutil.rmtree(out / "files", ignore_errors=True)
    shutil.rmtree(out / "raw", ignore_errors=True)
    shutil.rmtree(out / "prefetch", ignore_errors=True)
    return result


def child_docharvest(url: str, out: Path, concurrency: int) -> dict[str, Any]:
    from docharvest.config import CrawlSettings
    from docharvest.crawl import crawl_site
    from docharvest.download import DownloadLimits, download_documents

    settings = CrawlSettings(
        unsafe_unthrottled=True,
        concurrency=concurrency,
        max_pages=1_000_000,
        max_depth=100,
        max_documents=1_000_000,
    )

    async def job() -> dict[str, Any]:
        t0 = time.monotonic()
        report = await crawl_site(
            url, settings=settings, allow_private_networks=True, work_dir=out / "prefetch"
        )
        t1 = time.monotonic()
        outcomes = await download_documents(
            report.candidates,
            settings=settings,
            allow_private_networks=True,
            limits=DownloadLimits(max_file_size_bytes=100 * 1024 * 1024),
            raw_dir=out / "raw",
        )
        t2 = time.monotonic()
        ok = [o for o in outcomes if o.status == "downloaded"]
        return {
            "pages": report.pages_crawled,
            "docs": len(ok),
            "doc_mb": sum(o.size_bytes or 0 for o in ok) / 1e6,
            "crawl_s": t1 - t0,
            "download_s": t2 - t1,
            "wall_s": t2 - t0,
            "issues": len(report.issues) + sum(o.issue is not None for o in outcomes),
        }

    return asyncio.run(job())


def child_scrapy(url: str, out: Path) -> dict[str, Any]:
    from scrapy.crawler import CrawlerProcess
    from scrapy.linkextractors import LinkExtractor
    from scrapy.spiders import CrawlSpider, Rule

    counts = {"pages": 0}

    class SiteSpider(CrawlSpider):
        name = "site"
        start_urls = [url]
        rules = (Rule(LinkExtractor(), callback="parse_page", follow=True),)
        pdf_links = LinkExtractor(allow=r"\.pdf$", deny_extensions=[])

        def parse_start_url(self, response: Any, **kwargs: Any) -> Any:
            return self.parse_page(response)

        def parse_page(self, response: Any) -> Any:
            counts["pages"] += 1
            files = [link.url for link in self.pdf_links.extract_links(response)]
            if files:
                yield {"file_urls": files}

    process = CrawlerProcess(
        settings={
            "ITEM_PIPELINES": {"scrapy.pipelines.files.FilesPipeline": 1},
            "FILES_STORE": str(out / "files"),
            "ROBOTSTXT_OBEY": True,
            "LOG_LEVEL": "INFO",
            "TELNETCONSOLE_ENABLED": False,
        }
    )
    crawler = process.create_crawler(SiteSpider)
    t0 = time.monotonic()
    process.crawl(crawler)
    process.start()
    wall = time.monotonic() - t0
    stats = crawler.stats.get_stats() if crawler.stats else {}
    files = list((out / "files").rglob("*.pdf"))
    return {
        "pages": counts["pages"],
        "docs": len(files),
        "doc_mb": sum(f.stat().st_size for f in files) / 1e6,
        "wall_s": wall,
        "responses": stats.get("response_received_count"),
    }


def child_transports(url: str, out: Path, concurrency: int) -> dict[str, Any]:
    """Fetch every page (no parsing) with each transport: the cost of HTTP alone."""
    import aiohttp
    import httpx

    urls = [url.rstrip("/") + f"/p/{i}.html" for i in range(1, 2001)]
    results: dict[str, Any] = {}

    async def run(name: str, fetch: Any) -> None:
        queue = list(urls)
        cpu0, t0 = time.process_time(), time.monotonic()

        async def worker() -> None:
            while queue:
                await fetch(queue.pop())

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall, cpu = time.monotonic() - t0, time.process_time() - cpu0
        results[name] = {"pages_s": len(urls) / wall, "cpu_ms_per_response": cpu * 1000 / len(urls)}

    async def main() -> None:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as session:

            async def via_aiohttp(u: str) -> None:
                async with session.get(u) as resp:
                    await resp.read()

            await run("aiohttp", via_aiohttp)
        limits = httpx.Limits(max_connections=concurrency)
        async with httpx.AsyncClient(limits=limits) as client:

            async def via_httpx(u: str) -> None:
                (await client.get(u)).content  # noqa: B018 - read the body

            await run("httpx (httpcore)", via_httpx)
        try:
            from httpx_aiohttp import AiohttpTransport
        except ImportError:
            return
        async with httpx.AsyncClient(transport=AiohttpTransport()) as client2:

            async def via_bridge(u: str) -> None:
                (await client2.get(u)).content  # noqa: B018

            await run("httpx + httpx-aiohttp", via_bridge)

    asyncio.run(main())
    return results


# -- driver ---------------------------------------------------------------------------------


def ensure_bench_venv() -> str:
    python = VENV / "bin" / "python"
    if not python.exists():
        uv = shutil.which("uv")
        if uv is None:
            sys.exit("uv is needed to build bench/out/venv (pip install uv)")
        subprocess.run([uv, "venv", "--python", "3.11", str(VENV)], check=True)
        subprocess.run(
            [uv, "pip", "install", "--python", str(python), "-r", str(BENCH / "requirements.txt")], check=True
        )
    return str(python)


def table(rows: dict[str, dict[str, Any]]) -> str:
    head = f"{'crawler':<12}{'wall s':>8}{'pages':>7}{'docs':>6}{'pages/s':>9}{'docs/s':>8}{'CPU ms/resp':>13}{'peak RSS MB':>13}"
    lines = [head, "-" * len(head)]
    for name, r in rows.items():
        responses = r["pages"] + r["docs"]
        lines.append(
            f"{name:<12}{r['wall_s']:>8.2f}{r['pages']:>7}{r['docs']:>6}{r['pages'] / r['wall_s']:>9.0f}"
            f"{r['docs'] / r['wall_s']:>8.0f}{r['cpu_s'] * 1000 / responses:>13.2f}{r['peak_rss_mb']:>13.0f}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--pdfs", type=int, default=400)
    parser.add_argument("--runs", type=int, default=1, help="repeat each crawler; medians are printed")
    parser.add_argument("--concurrency", type=int, default=32, help="DocHarvest requests in flight")
    parser.add_argument("--skip-scrapy", action="store_true")
    parser.add_argument("--transports", action="store_true", help="also compare HTTP transports")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        # Other bench scripts (bench/incremental.py ...) must not shadow installed packages
        # (Twisted imports `incremental`): drop the script's folder from the import path.
        sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH]
        out = Path(args.out)
        if args.child == "docharvest":
            result = child_docharvest(args.url, out, args.concurrency)
        elif args.child == "scrapy":
            result = child_scrapy(args.url, out)
        else:
            result = child_transports(args.url, out, args.concurrency)
        (out / "result.json").write_text(json.dumps(result))
        return

    stats = build_site(args.pages, args.pdfs)
    print(
        f"site: {stats['pages']} pages ({stats['html_mb']:.1f} MB), {stats['pdfs']} PDFs ({stats['pdf_mb']:.0f} MB); "
        f"{os.cpu_count()} CPUs"
    )
    port = _free_port()
    nginx = start_nginx(port)
    url = f"http://127.0.0.1:{port}/"
    bench_python = None if args.skip_scrapy and not args.transports else ensure_bench_venv()
    try:
        runs: dict[str, list[dict[str, Any]]] = {"docharvest": [], "scrapy": []}
        for _ in range(args.runs):
            runs["docharvest"].append(
                run_child(sys.executable, "docharvest", url, ["--concurrency", str(args.concurrency)])
            )
            if bench_python and not args.skip_scrapy:
                runs["scrapy"].append(run_child(bench_python, "scrapy", url))
        rows = {name: _median(rs) for name, rs in runs.items() if rs}
        print(table(rows))
        dh = rows["docharvest"]
        print(
            f"docharvest phases: crawl {dh['crawl_s']:.2f} s ({dh['pages'] / dh['crawl_s']:.0f} pages/s), "
            f"download {dh['download_s']:.2f} s ({dh['doc_mb'] / dh['download_s']:.0f} MB/s); issues {dh['issues']}"
        )
        if "scrapy" in rows:
            sc = rows["scrapy"]
            ratio = (dh["pages"] / dh["wall_s"]) / (sc["pages"] / sc["wall_s"])
            print(f"ratio pages/s docharvest/scrapy: {ratio:.2f}x  (target >= 2x; peak RSS target < 300 MB)")
        if args.transports and bench_python:
            result = run_child(bench_python, "transports", url, ["--concurrency", str(args.concurrency)])
            for name in ("aiohttp", "httpx (httpcore)", "httpx + httpx-aiohttp"):
                if name in result:
                    r = result[name]
                    print(
                        f"transport {name:<24} {r['pages_s']:>7.0f} pages/s  {r['cpu_ms_per_response']:.2f} CPU ms/resp"
                    )
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)


def _median(results: list[dict[str, Any]]) -> dict[str, Any]:
    ordered = sorted(results, key=lambda r: r["wall_s"])
    return ordered[len(ordered) // 2]


if __name__ == "__main__":
    main()
