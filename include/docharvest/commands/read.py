"""``docharvest read SOURCE...``: the main text of web pages and documents, as Markdown or JSON lines.

A SOURCE is an http(s) URL, a file (PDF, DOCX, TXT, CSV, HTML, gzip-compressed HTML) or ``-``
for standard input. URLs are fetched by the jobs' downloader (same private-network refusal,
robots.txt and redirects as a scrape job; the size cap is extract.max_file_size_mb) and every source is read by the jobs'
readers (``docharvest.text.extract_text``: main content for pages, OCR for scanned PDF pages).
The exit status is 1 when any source could not be read; the others are still printed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from docharvest.commands._common import settings_from_args
from docharvest.config import Settings
from docharvest.models import MIB, file_size_bytes


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "read", help="print the main text of web pages and documents (Markdown, or --json lines)"
    )
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="http(s) URL, file, or - for stdin")
    parser.add_argument("--json", action="store_true", help="one JSON object per line and source")
    parser.add_argument(
        "--allow-private-network",
        action="store_true",
        help="allow fetching loopback/private addresses (intranets, tests)",
    )
    parser.set_defaults(run=run)


@dataclass
class ReadResult:
    source: str
    title: str | None = None
    text: str = ""
    markdown_text: str = ""  # the text with headings marked, where the reader knows them (web pages)
    pages: int = 0
    ocr_pages: int = 0
    language: str | None = None
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "markdown_text"}

    def markdown(self) -> str:
        body = self.markdown_text or self.text
        first = body.lstrip().split("\n", 1)[0].lstrip("# ").strip()
        # A page's <h1> usually repeats its <title> ("Story" vs "Story - Site"): print it once.
        head = f"# {self.title}\n\n" if self.title and not (first and self.title.startswith(first)) else ""
        notes = "".join(f"\n\n> warning: {w}" for w in self.warnings)
        return f"<!-- source: {self.source} -->\n\n{head}{body.strip()}{notes}\n"


class SourceError(Exception):
    """A source that cannot be read; the message names the source's problem."""


def _sniff(path: Path, filename: str | None) -> str:
    from docharvest.crawl.sniff import sniff_document_type

    with path.open("rb") as handle:
        head = handle.read(8192)
    kind = sniff_document_type(head, None, filename)
    if kind is None:
        raise SourceError("not a document DocHarvest reads (pdf, docx, txt, csv, html)")
    return kind


def _gunzip(path: Path, work: Path, cap: int) -> Path:
    """A gzip file's content in ``work``, refused past ``cap`` bytes (a gzip bomb stops there)."""
    out = work / (path.name.removesuffix(".gz") or "page")
    try:
        with gzip.open(path, "rb") as src, out.open("wb") as dst:
            while chunk := src.read(1 << 20):
                if dst.tell() + len(chunk) > cap:
                    raise SourceError(f"uncompressed size exceeds max_file_size_mb={cap // MIB}")
                dst.write(chunk)
    except (OSError, EOFError) as exc:
        raise SourceError(f"corrupt gzip file: {exc}") from exc
    return out


def _fetch(url: str, settings: Settings, work: Path) -> tuple[Path, str]:
    """Download one URL the way a scrape job downloads a document; web pages are allowed too."""
    from docharvest.download import DownloadLimits, download_documents_sync
    from docharvest.models import Candidate

    crawl = settings.crawl.model_copy(update={"document_types": [*settings.crawl.document_types, "html"]})
    (outcome,) = download_documents_sync(
        [Candidate(url=url)],
        settings=crawl,
        allow_private_networks=settings.allow_private_networks,
        limits=DownloadLimits(max_file_size_bytes=file_size_bytes(settings.extract.max_file_size_mb)),
        raw_dir=work / "raw",
    )
    if outcome.status != "downloaded" or outcome.raw_path is None:
        reason = outcome.issue.message if outcome.issue else outcome.status
        raise SourceError(reason)
    return Path(outcome.raw_path), outcome.document_type or _sniff(Path(outcome.raw_path), outcome.filename)


def _local(source: str, settings: Settings, work: Path) -> tuple[Path, str]:
    cap = file_size_bytes(settings.extract.max_file_size_mb)
    if source == "-":
        data = sys.stdin.buffer.read(cap + 1)
        if len(data) > cap:
            raise SourceError(f"standard input exceeds max_file_size_mb={settings.extract.max_file_size_mb}")
        path = work / "stdin"
        path.write_bytes(data)
    else:
        path = Path(source).expanduser()
        if not path.is_file():
            raise SourceError("no such file")
        if path.stat().st_size > cap:
            raise SourceError(f"file exceeds max_file_size_mb={settings.extract.max_file_size_mb}")
    if path.stat().st_size == 0:
        raise SourceError("empty file")
    with path.open("rb") as handle:
        if handle.read(2) == b"\x1f\x8b":
            path = _gunzip(path, work, cap)
    return path, _sniff(path, path.name)


def read_source(source: str, settings: Settings) -> ReadResult:
    """Fetch (URLs) and read one source; problems become ``error``, never an exception."""
    from docharvest.errors import UnreadableDocumentError
    from docharvest.text import extract_text

    result = ReadResult(source=source)
    with tempfile.TemporaryDirectory(prefix="docharvest-read-") as tmp:
        work = Path(tmp)
        try:
            is_url = urlsplit(source).scheme in ("http", "https")
            path, kind = _fetch(source, settings, work) if is_url else _local(source, settings, work)
            text = extract_text(path, kind, settings.ocr.limits())
        except (SourceError, UnreadableDocumentError) as exc:
            result.error = str(exc)
            return result
        except Exception as exc:  # one bad source must not lose the others' output
            result.error = f"{type(exc).__name__}: {exc}"
            return result
    result.title = text.title
    result.text = text.text
    result.markdown_text = text.extra.get("markdown", "")
    result.pages = text.page_count
    result.ocr_pages = text.ocr_pages
    result.language = text.extra.get("language") or None
    result.warnings = list(text.warnings)
    return result


def run(args: argparse.Namespace) -> int:
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    settings = settings_from_args(args)
    failed = 0
    for source in args.sources:
        result = read_source(source, settings)
        if result.error:
            failed += 1
            sys.stderr.write(f"docharvest read: {source}: {result.error}\n")
        if args.json:
            sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
        elif not result.error:
            sys.stdout.write(result.markdown() + "\n")
        sys.stdout.flush()
    return 1 if failed else 0
