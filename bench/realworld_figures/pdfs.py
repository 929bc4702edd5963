"""Real-world PDFs (pdfs/): robustness, encryption, image-only pages read by OCR, time per page.

Each file is read by ``docharvest.text.extract_text(path, "pdf")`` — the reader of scrape jobs and
``docharvest read`` — in a forked worker process under a time bound, so a hang is counted (and the
worker replaced) instead of stalling the table. Outcomes per file:

- read: text came back (``ocr_pages`` of its pages came from OCR);
- empty: a recorded "no text layer" error (right for image-only files only when OCR is off);
- encrypted: a recorded ``encrypted`` error (right when the file needs a non-empty password);
- error: another recorded, recoverable error (right for broken files);
- crash: any other exception; hang: over the time bound.

There is no reference tool for this corpus (DocHarvest reads with PDFium and pypdf underneath;
bench/pdf_readers.py compares the two).
"""

from __future__ import annotations

import json
import multiprocessing
import time
from dataclasses import dataclass
from multiprocessing.pool import Pool
from pathlib import Path
from typing import Any

from bench.realworld_figures import Figure

CORPUS = "pdfs"
TIME_BOUND_S = 60.0
QUICK_FILES = 6


@dataclass
class Outcome:
    kind: str  # read, empty, encrypted, error, crash, hang
    pages: int = 0
    ocr_pages: int = 0
    chars: int = 0
    ocr_chars: int = 0
    seconds: float = 0.0
    detail: str = ""


def read_one(path: str) -> Outcome:
    from docharvest.errors import UnreadableDocumentError
    from docharvest.text import extract_text

    started = time.perf_counter()
    try:
        doc = extract_text(Path(path), "pdf")
    except UnreadableDocumentError as exc:
        reason = str(exc).lower()
        kind = "encrypted" if "encrypted" in reason else "empty" if "no text layer" in reason else "error"
        return Outcome(kind, seconds=time.perf_counter() - started, detail=str(exc)[:120])
    except Exception as exc:  # what the reader must never let out
        return Outcome(
            "crash", seconds=time.perf_counter() - started, detail=f"{type(exc).__name__}: {exc}"[:120]
        )
    ocr = set(getattr(doc, "ocr_page_numbers", []) or [])
    ocr_text = " ".join(" ".join(p.split()) for i, p in enumerate(doc.pages) if i in ocr)
    return Outcome(
        "read",
        detail=ocr_text[:60],
        pages=doc.page_count,
        ocr_pages=int(getattr(doc, "ocr_pages", 0) or 0),
        chars=doc.text_length,
        ocr_chars=sum(len(p) for i, p in enumerate(doc.pages) if i in ocr),
        seconds=time.perf_counter() - started,
    )


def _warm() -> None:
    # Load pypdf and the OCR engine once in the parent; forked workers share them.
    try:
        from docharvest.text import ocr

        ocr.engine()
    except Exception:  # no OCR installed: the figures show it
        pass


def read_all(files: list[Path]) -> dict[str, Outcome]:
    _warm()
    ctx = multiprocessing.get_context("fork")
    results: dict[str, Outcome] = {}
    pool: Pool | None = None
    for path in files:
        if pool is None:
            pool = ctx.Pool(1)
        job = pool.apply_async(read_one, (str(path),))
        try:
            results[path.name] = job.get(TIME_BOUND_S)
        except multiprocessing.TimeoutError:
            results[path.name] = Outcome("hang", seconds=TIME_BOUND_S)
            pool.terminate()
            pool = None
        except Exception as exc:  # the worker died (segfault, out of memory)
            results[path.name] = Outcome("crash", detail=f"worker died: {exc}")
            pool.terminate()
            pool = None
    if pool is not None:
        pool.close()
        pool.join()
    return results


def measure(corpus: Path, quick: bool) -> list[Figure]:
    index: list[dict[str, Any]] = json.loads((corpus / "index.json").read_text(encoding="utf-8"))
    if quick:
        # An even spread that keeps one image-only file, so OCR is exercised in the quick table.
        step = max(len(index) // QUICK_FILES, 1)
        picked = index[::step][:QUICK_FILES]
        small_scan = min(
            (e for e in index if "image-only" in e["tags"] and not e["encrypted"]), key=lambda e: e["bytes"]
        )
        index = picked + ([small_scan] if small_scan not in picked else [])
    results = read_all([corpus / "files" / e["file"] for e in index])
    outcomes = [results[e["file"]] for e in index]
    count = {
        k: sum(o.kind == k for o in outcomes)
        for k in ("read", "empty", "encrypted", "error", "crash", "hang")
    }
    ocr_pages = sum(o.ocr_pages for o in outcomes)
    plain = [o for o in outcomes if o.kind == "read" and not o.ocr_pages]
    plain_ms = 1000 * sum(o.seconds for o in plain) / max(sum(o.pages for o in plain), 1)
    ocr_s = sum(o.seconds for o in outcomes if o.ocr_pages)
    sample = next((o.detail for o in outcomes if o.ocr_pages), "")
    image_only = [(e, o) for e, o in zip(index, outcomes, strict=True) if "image-only" in e["tags"]]
    scans_read = sum(o.kind == "read" and o.ocr_chars > 0 for _, o in image_only)
    enc = [o for e, o in zip(index, outcomes, strict=True) if e["encrypted"]]
    enc_empty = [o for e, o in zip(index, outcomes, strict=True) if e["encrypted"] and e["password"] == ""]
    broken = [o for e, o in zip(index, outcomes, strict=True) if "broken" in e["tags"]]
    note = f"{len(index)} files{' (quick sample)' if quick else ''}, {TIME_BOUND_S:.0f} s bound per file"
    return [
        Figure(CORPUS, "files read / all", f"{count['read']}/{len(index)}", note=note),
        Figure(CORPUS, "crashes", str(count["crash"])),
        Figure(CORPUS, "hangs", str(count["hang"])),
        Figure(CORPUS, "empty text (no text layer)", str(count["empty"])),
        Figure(
            CORPUS,
            "image-only files given text by OCR",
            f"{scans_read}/{len(image_only)}",
            note=f"{sum(o.ocr_chars for _, o in image_only)} OCR characters",
        ),
        Figure(
            CORPUS,
            "OCR pages (pages/s)",
            f"{ocr_pages} ({ocr_pages / ocr_s:.2f}/s)" if ocr_s else str(ocr_pages),
            note=f"whole-file time of files with OCR pages; text starts: {sample!r}" if sample else "",
        ),
        Figure(
            CORPUS, "ms per page, text layer", f"{plain_ms:.1f}", note=f"{sum(o.pages for o in plain)} pages"
        ),
        Figure(
            CORPUS,
            "encrypted: opened / recorded 'encrypted'",
            f"{sum(o.kind == 'read' for o in enc)} / {sum(o.kind == 'encrypted' for o in enc)} of {len(enc)}",
            note="a file whose owner password is empty opens too",
        ),
        Figure(
            CORPUS,
            "encrypted, empty user password: opened",
            f"{sum(o.kind == 'read' for o in enc_empty)}/{len(enc_empty)}",
        ),
        Figure(
            CORPUS,
            "broken files: read or recorded error",
            f"{sum(o.kind in ('read', 'error') for o in broken)}/{len(broken)}",
        ),
    ]
