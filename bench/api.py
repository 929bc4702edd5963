"""Jobs API latency under concurrency, on SQLite.

A completed scrape job with 10,000 listed documents and an extract job with 10,000 rows (plus
2,000 other jobs in the table) are written to a fresh SQLite DB; ``docharvest api`` serves it
on 127.0.0.1; 50 concurrent clients (asyncio + aiohttp, one connection each) then send

* ``GET /scrape/status/{job_id}``                          target p99 < 50 ms
* ``GET /scrape/results/{job_id}?limit=100&offset=k``      target p99 < 100 ms (random pages)
* ``GET /v1/jobs/{job_id}/results?limit=100&cursor=c``     target p99 < 100 ms (random pages)

twice: back to back (saturation: each latency includes queueing behind the other 49) and
paced (``--rate`` requests per second per client, i.e. polling). p50/p95/p99 and throughput
are printed, with the results cache on (pages of ended jobs kept per version; the first
read of each page is the warm-up) and off (every page read from the DB).

    .venv/bin/python bench/api.py [--requests 2000] [--clients 50] [--documents 10000]
                                  [--workers 1] [--cache on|off|both]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import sqlalchemy as sa

REPO = Path(__file__).resolve().parents[1]


def _settings(data_dir: Path):  # type: ignore[no-untyped-def]
    from docharvest.config import Settings

    return Settings(data_dir=data_dir, api={"rate_limit_per_minute": 1_000_000, "rate_limit_burst": 100_000})


def seed(data_dir: Path, documents: int, other_jobs: int) -> tuple[str, str, str]:
    """Write the DB; return (api key, scrape job id, extract job id or '')."""
    from docharvest.api.keys import create_key
    from docharvest.models import JobKind, JobStatus, new_job_id
    from docharvest.store import repository
    from docharvest.store.db import init_db
    from docharvest.store.tables import result_rows

    engine = init_db(_settings(data_dir))
    key = create_key(engine, "bench-org")[0]
    now = datetime.now(UTC)
    base = {
        "kind": JobKind.scrape,
        "status": JobStatus.completed,
        "website": "https://example.com",
        "prompt": "Find all board meeting minutes",
        "params": {"timeout": 1800, "confidence_threshold": 0.1, "single_page": False},
        "started_at": now - timedelta(minutes=5),
        "completed_at": now,
        "updated_at": now,  # an ended job's last write (the API's results version)
        "total_runtime_seconds": 300.0,
        "message": "Job completed successfully.",
        "agents_completed": ["coordinator", "navigator", "scraper", "extractor", "validator", "publisher"],
    }
    for i in range(other_jobs):
        repository.ensure_job(
            engine,
            {
                **base,
                "job_id": new_job_id(),
                "org_id": f"org-{i % 50}",
                "created_at": now - timedelta(seconds=i),
            },
        )
    job_id = new_job_id()
    repository.ensure_job(
        engine,
        {
            **base,
            "job_id": job_id,
            "org_id": "bench-org",
            "created_at": now,
            "total_documents_found": documents,
        },
    )
    rows = [
        {
            "job_id": job_id,
            "url": f"https://example.com/docs/{i:06d}/minutes.pdf",
            "source_page": f"https://example.com/meetings/{i // 20}",
            "name": f"Board Meeting Minutes {i}",
            "document_type": "pdf",
            "status": "extracted",
            "batch": i // 50,
            "confidence_score": round(random.random(), 4),
            "relevance_reason": "title matches 'board meeting minutes'",
            "file_size_bytes": 100_000 + i,
            "sha256": f"{i:064x}",
            "page_count": 3,
            "extracted_at": now,
        }
        for i in range(documents)
    ]
    repository.upsert_documents(engine, rows)
    for i in range(20):
        repository.record_error(
            engine,
            job_id,
            agent_name="scraper",
            error_type="http_error",
            error_message="HTTP 404",
            page_url=f"https://example.com/missing/{i}.pdf",
        )
    extract_id = new_job_id()
    repository.ensure_job(
        engine,
        {**base, "job_id": extract_id, "kind": JobKind.extract, "org_id": "bench-org", "created_at": now},
    )
    result = [
        {
            "id": f"res_{i:06d}",
            "job_id": extract_id,
            "document_id": f"doc_{i:06d}",
            "filename": f"invoice_{i}.pdf",
            "status": "approved",
            "values": {
                "invoice_number": f"INV-{i}",
                "vendor": "Acme Corp",
                "total": 42.5,
                "date": "2024-10-01",
            },
            "confidence": 0.94,
            "validation_flags": [],
            "position": i,
            "created_at": now,
        }
        for i in range(documents)
    ]
    with engine.begin() as conn:
        conn.execute(sa.insert(result_rows), result)
    return key, job_id, extract_id


def server_env(data_dir: Path, cache_mb: int) -> dict[str, str]:
    """The API server's environment: this DB, no effective rate limit, the given results cache."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCHARVEST_")}
    return {
        **env,
        "DOCHARVEST_DATA_DIR": str(data_dir),
        "DOCHARVEST_API__RATE_LIMIT_PER_MINUTE": "1000000",
        "DOCHARVEST_API__RATE_LIMIT_BURST": "100000",
        "DOCHARVEST_API__RESULTS_CACHE_MB": str(cache_mb),
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def load(
    base_url: str, key: str, paths: list[str], clients: int, requests: int, rate: float = 0.0
) -> tuple[list[float], int]:
    """``requests`` GETs spread over ``clients`` concurrent connections; latencies in ms.

    ``rate`` 0: each client sends back to back (saturation: latency = queueing behind the
    other 49). ``rate`` > 0: each client sends at most ``rate`` requests per second (polling).

    The clients use aiohttp (a third of httpx's CPU per request): client and server share the
    machine's two cores, so a heavy client would inflate the server's latencies.
    """
    import aiohttp

    latencies: list[float] = []
    failures = 0
    queue: asyncio.Queue[str] = asyncio.Queue()
    for i in range(requests):
        queue.put_nowait(paths[i % len(paths)])

    async def client() -> None:
        nonlocal failures
        connector = aiohttp.TCPConnector(limit=1)
        timeout = aiohttp.ClientTimeout(total=60)
        async with aiohttp.ClientSession(
            base_url, headers={"x-api-key": key}, connector=connector, timeout=timeout
        ) as http:
            sent = 0
            begin = time.perf_counter() + random.random() / rate if rate else 0.0
            while not queue.empty():
                if rate:
                    await asyncio.sleep(max(0.0, begin + sent / rate - time.perf_counter()))
                    sent += 1
                    if queue.empty():
                        break
                path = queue.get_nowait()
                start = time.perf_counter()
                async with http.get(path) as response:
                    await response.read()
                latencies.append((time.perf_counter() - start) * 1000)
                failures += response.status != 200

    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies, failures


def report(name: str, latencies: list[float], failures: int, wall: float, target: float) -> None:
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    p50, p95, p99 = cuts[49], cuts[94], cuts[98]
    verdict = "OK" if p99 < target else "OVER TARGET"
    print(
        f"{name:<52} n={len(latencies):>5}  p50={p50:6.1f} ms  p95={p95:6.1f} ms  p99={p99:6.1f} ms  "
        f"{len(latencies) / wall:6.0f} req/s  errors={failures}  (p99 target {target:.0f} ms: {verdict})"
    )


def start_server(data_dir: Path, cache_mb: int, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    """``docharvest api`` (the command users run) on a free port; wait until it answers."""
    port = _free_port()
    command = [str(Path(sys.executable).with_name("docharvest")), "api", "--port", str(port)]
    command += ["--workers", str(workers), "--log-level", "warning"]
    server = subprocess.Popen(command, env=server_env(data_dir, cache_mb))
    base_url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if httpx.get(f"{base_url}/openapi.json", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    return server, base_url


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=2000, help="requests per endpoint")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--other-jobs", type=int, default=2_000)
    parser.add_argument("--rate", type=float, default=4.0, help="per-client req/s of the paced run")
    parser.add_argument("--workers", type=int, default=1, help="docharvest api --workers")
    parser.add_argument(
        "--cache", choices=["on", "off", "both"], default="both", help="results cache (default: both runs)"
    )
    args = parser.parse_args()

    from docharvest.api.extract_routes import encode_cursor

    data_dir = Path(tempfile.mkdtemp(prefix="dh-bench-api-"))
    t0 = time.perf_counter()
    key, job_id, extract_job = seed(data_dir, args.documents, args.other_jobs)
    print(
        f"seeded {args.documents} documents + {args.other_jobs} jobs in {time.perf_counter() - t0:.1f} s ({data_dir})"
    )
    pages = [
        f"/scrape/results/{job_id}?limit=100&offset={100 * random.randrange(args.documents // 100)}"
        for _ in range(200)
    ]
    cursors = [
        f"/v1/jobs/{extract_job}/results?limit=100&cursor={encode_cursor(p - 1, f'res_{p - 1:06d}')}"
        for p in (100 * random.randrange(1, args.documents // 100) for _ in range(200))
    ]
    cases = [
        ("GET /scrape/status (1 job)", [f"/scrape/status/{job_id}"], 50.0),
        ("GET /scrape/results page of 100", pages, 100.0),
        ("GET /v1/jobs/{id}/results page of 100", cursors, 100.0),
    ]
    for cache in ("on", "off") if args.cache == "both" else (args.cache,):
        server, base_url = start_server(data_dir, 64 if cache == "on" else 0, args.workers)
        print(
            f"\n{args.clients} concurrent clients, {args.requests} requests per endpoint, "
            f"docharvest api --workers {args.workers}, SQLite, results cache {cache}"
        )
        try:
            for name, paths, target in cases:
                asyncio.run(load(base_url, key, paths, args.clients, min(200, args.requests)))  # warm-up
                for rate in (0.0, args.rate):
                    start = time.perf_counter()
                    latencies, failures = asyncio.run(
                        load(base_url, key, paths, args.clients, args.requests, rate)
                    )
                    label = f"{name} [{'saturated' if not rate else f'{rate:g} req/s each'}]"
                    report(label, latencies, failures, time.perf_counter() - start, target)
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
