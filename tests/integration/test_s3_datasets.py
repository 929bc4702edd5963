"""Warehouse datasets on object storage: a real scrape job publishes to a local S3 server.

moto's ``ThreadedMotoServer`` (S3-compatible, on 127.0.0.1) stands in for S3/MinIO. The job runs
in-process (``run_scrape_inline``: the DAG's six steps) with ``datasets_url="s3://bucket/prefix"``
and the endpoint taken from ``AWS_ENDPOINT_URL`` (honoured by pyarrow >= 15), then the Parquet is
read back from S3 and compared with the job's document rows in the metadata DB.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pyarrow.fs as pafs
import pyarrow.parquet as pq
import pytest
from docharvest.config import Settings
from docharvest.pipeline.scrape import run_scrape_inline
from docharvest.samples.pdfwriter import simple_pdf
from docharvest.store import repository
from docharvest.store.datasets import resolve_filesystem
from docharvest.store.db import get_engine

from tests.support.siteserver import Route, SiteServer, html

BUCKET = "dh-warehouse"
PREFIX = "docharvest"


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    """``http://127.0.0.1:<port>`` of a moto S3 server holding an empty ``BUCKET``."""
    try:
        import boto3
        from moto.server import ThreadedMotoServer
    except ImportError as exc:  # pragma: no cover - moto is in requirements-dev.txt
        pytest.skip(f"moto[server] is not installed: {exc}")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one log line per S3 request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    try:
        server.start()
    except OSError as exc:
        pytest.skip(f"moto S3 server cannot start on 127.0.0.1: {exc}")
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    with pytest.MonkeyPatch.context() as mp:
        # Fake credentials and a fixed region: nothing may look for real AWS ones (or the EC2
        # metadata service) from a test.
        mp.setenv("AWS_ACCESS_KEY_ID", "testing")
        mp.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        mp.setenv("AWS_DEFAULT_REGION", "us-east-1")
        mp.setenv("AWS_EC2_METADATA_DISABLED", "true")
        mp.delenv("AWS_PROFILE", raising=False)
        boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1").create_bucket(Bucket=BUCKET)
        yield endpoint
    server.stop()


def _site(site: SiteServer) -> None:
    links = "".join(
        f'<li><a href="/minutes-2024-{m:02d}.txt">Board minutes 2024-{m:02d}</a></li>' for m in (1, 2, 3)
    )
    site.add("/", html(f"<h1>Board</h1><ul>{links}<li><a href='/m.pdf'>Board minutes PDF</a></li></ul>"))
    for month in (1, 2, 3):
        body = f"Board meeting minutes 2024-{month:02d}. Motions approved.\n" * 20
        site.add(f"/minutes-2024-{month:02d}.txt", Route(body=body, headers={"Content-Type": "text/plain"}))
    pdf = simple_pdf([["Board meeting minutes April 2024", "Motions approved"]])
    site.add("/m.pdf", Route(body=pdf, headers={"Content-Type": "application/pdf"}))


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    """Identity, status and bytes of a document (``id`` in the DB, ``document_id`` in Parquet)."""
    return (row.get("document_id") or row["id"], row["url"], row["status"], row["sha256"])


def test_scrape_job_publishes_its_datasets_to_s3(
    settings: Settings, site: SiteServer, s3_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _site(site)
    monkeypatch.setenv("AWS_ENDPOINT_URL", s3_endpoint)
    s3_settings = settings.model_copy(update={"datasets_url": f"s3://{BUCKET}/{PREFIX}"})
    assert s3_settings.datasets_location == f"s3://{BUCKET}/{PREFIX}"

    job_id = run_scrape_inline(
        s3_settings, {"website": site.url("/"), "prompt": "board meeting minutes 2024"}
    )

    expected = sorted(_key(d) for d in repository.list_documents(get_engine(settings), job_id))
    assert len(expected) == 4 and all(sha for *_, sha in expected)
    assert not settings.datasets_dir.exists()  # nothing went to the local data dir

    fs, root = resolve_filesystem(s3_settings.datasets_location)
    assert isinstance(fs, pafs.S3FileSystem)
    documents = pq.read_table(f"{root}/documents", filesystem=fs).to_pylist()
    assert sorted(_key(r) for r in documents) == expected
    assert {r["job_id"] for r in documents} == {job_id}
    jobs = pq.read_table(f"{root}/jobs", filesystem=fs).to_pylist()
    assert [(j["job_id"], j["status"]) for j in jobs] == [(job_id, "completed")]
    files = fs.get_file_info(pafs.FileSelector(f"{root}/documents", recursive=True))
    names = [f.path.removeprefix(f"{BUCKET}/") for f in files if f.type == pafs.FileType.File]
    assert len(names) == 1 and names[0].endswith(f"/part-{job_id}.parquet"), names
    assert names[0].startswith(f"{PREFIX}/documents/job_date=")

    # The documented alternative (endpoint in the URL's query string) reads the same objects.
    monkeypatch.delenv("AWS_ENDPOINT_URL")
    host_port = s3_endpoint.removeprefix("http://")
    fs2, root2 = resolve_filesystem(f"s3://{BUCKET}/{PREFIX}?endpoint_override={host_port}&scheme=http")
    again = pq.read_table(f"{root2}/documents", filesystem=fs2).to_pylist()
    assert sorted(_key(r) for r in again) == expected
