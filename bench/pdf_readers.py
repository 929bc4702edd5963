"""pypdf against pypdfium2: text speed, quality, reading order, failures and memory per reader.

    .venv/bin/python bench/pdf_readers.py [../shared/realworld/pdfs] [--synthetic 24] [--site 40]

For a before/after of ``docharvest``, run this file from a copy whose ``include`` is the older tree.

Readers: ``pypdf`` (plain mode, what scrape jobs read with before pypdfium2), ``pypdf-layout``
(extract jobs' layout mode), ``pypdfium2`` (PDFium's text page) and ``docharvest``
(``docharvest.text.readers.read_pdf`` as installed, OCR off: the project's reader, before/after).

Every file is read by every reader in a forked child under a 20 s bound, so a segfault in C
code (PDFium) or a hang is a counted outcome, not a lost run. Figures:

- pages/s of CPU on the files every reader opened; failures, crashes, hangs; the largest peak-RSS
  growth of a child while it read one file;
- ``expected_phrases`` found, first-page token F1 against ``expected_text`` (pypdf's own
  reference: it favours pypdf);
- character agreement with pypdf plain (difflib ratio, whitespace folded);
- reading order as Kendall tau of the words each page has exactly once in both texts: against
  pypdf plain on the real files, and against a truth on files whose order is known — the
  two-column file (left column, then right, from its layout reference) and ``--synthetic``
  invoices/minutes of tests/support (truth: visual lines top to bottom, left to right),
  written once as generated and once with their text operators shuffled in the stream;
- ``--site``: pages/s/core on PDFs like bench/crawl.py's site (text pages plus one padded page),
  the reader also with OCR on, as a scrape job reads.

Each file is read twice in its child and the second read timed (a parse worker's steady state);
forked children make every reader slower than in one warm process, the ratios hold.
"""

from __future__ import annotations

import argparse
import difflib
import json
import multiprocessing
import random
import re
import resource
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "include"))

TIME_BOUND_S = 20.0
MULTICOLUMN = "sample-files--026-latex-multicolumn--multicolumn.pdf"


def _pypdf(path: Path, password: str | None, mode: str = "plain") -> list[str]:
    import pypdf

    reader = pypdf.PdfReader(path)
    if reader.is_encrypted:
        reader.decrypt(password or "")
    return [page.extract_text(extraction_mode=mode) or "" for page in reader.pages]


def _pypdf_layout(path: Path, password: str | None) -> list[str]:
    return _pypdf(path, password, "layout")


def _pdfium(path: Path, password: str | None) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path), password=password)
    try:
        # get_text_range: every text object, as pypdf reads them (get_text_bounded drops text off the page).
        return [doc[i].get_textpage().get_text_range().replace("\r\n", "\n") for i in range(len(doc))]
    finally:
        doc.close()


def _docharvest(path: Path, password: str | None) -> list[str]:
    from docharvest.text.ocr import OcrLimits
    from docharvest.text.readers import read_pdf

    return read_pdf(path, ocr=OcrLimits(enabled=False)).pages


def _docharvest_ocr_on(path: Path, password: str | None) -> list[str]:
    from docharvest.text.readers import read_pdf

    return read_pdf(path).pages  # a scrape job's reading: OCR on, for pages without text


READERS: dict[str, Callable[[Path, str | None], list[str]]] = {
    "pypdf": _pypdf,
    "pypdf-layout": _pypdf_layout,
    "pypdfium2": _pdfium,
    "docharvest": _docharvest,
}
SITE_READERS = {**READERS, "docharvest, OCR on": _docharvest_ocr_on}


def _child(conn: Any, reader: str, path: Path, password: str | None) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    try:
        SITE_READERS[reader](path, password)  # first use in this process: lazy imports, caches
        started = time.process_time()  # the second read is the steady state a parse worker sees
        pages: list[str] | None = SITE_READERS[reader](path, password)
        error = ""
    except Exception as exc:  # a reader's failure is a figure here
        pages, error = None, type(exc).__name__
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    conn.send((pages, time.process_time() - started, error, grown))


def run_isolated(reader: str, path: Path, password: str | None) -> tuple[list[str] | None, float, str, int]:
    """(pages, CPU seconds, error, peak-RSS growth KiB); error is ``crash:<signal>`` or ``hang``."""
    parent, child = multiprocessing.Pipe(duplex=False)
    proc = multiprocessing.get_context("fork").Process(target=_child, args=(child, reader, path, password))
    proc.start()
    child.close()
    try:
        if parent.poll(TIME_BOUND_S):
            return parent.recv()  # type: ignore[no-any-return]
        return None, TIME_BOUND_S, "crash" if not proc.is_alive() else "hang", 0
    except EOFError:
        return None, 0.0, "crash", 0
    finally:
        proc.kill()
        proc.join()


def _warm() -> None:
    """Import and run every reader once here, so no forked child pays for imports and first use."""
    import tempfile

    from docharvest.samples.pdfwriter import simple_pdf

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "warm.pdf"
        path.write_bytes(simple_pdf([["warm up"], ["second page"]]))
        for read in READERS.values():
            read(path, None)


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower())


def _f1(got: str, want: str) -> float:
    g, w = _tokens(got), _tokens(want)
    common = sum(min(g.count(t), w.count(t)) for t in set(w))
    return 2 * common / (len(g) + len(w)) if g and w else float(g == w)


def _inversions(seq: list[int]) -> int:
    if len(seq) < 2:
        return 0
    mid = len(seq) // 2
    left, right = seq[:mid], seq[mid:]
    count = _inversions(left) + _inversions(right)
    merged, i, j = [], 0, 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            merged.append(left[i])
            i += 1
        else:
            merged.append(right[j])
            count += len(left) - i
            j += 1
    seq[:] = merged + left[i:] + right[j:]
    return count


def order_tau(got: str, want: str) -> tuple[float, int] | None:
    """Kendall tau of the words found exactly once in both texts (1 = same order), and their count."""
    g, w = _tokens(got), _tokens(want)
    shared = set(_once(g)) & set(_once(w))
    if len(shared) < 3:
        return None
    rank = {t: i for i, t in enumerate(t for t in w if t in shared)}
    seq = [rank[t] for t in g if t in shared]
    n = len(seq)
    return 1 - 4 * _inversions(seq) / (n * (n - 1)), n


def _once(tokens: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    for t in tokens:
        seen[t] = seen.get(t, 0) + 1
    return [t for t, c in seen.items() if c == 1]


def multicolumn_truth(layout_text: str) -> str:
    """Reading order of the two-column reference page: full-width lines, left column, right column."""
    head: list[str] = []
    left: list[str] = []
    right: list[str] = []
    for line in layout_text.splitlines():
        if left or (line[:66].strip() and line[66:].strip()):
            left.append(line[:66])
            right.append(line[66:])
        else:
            head.append(line)
    return "\n".join(head + left + right)


_OP = re.compile(rb"BT /F\d [\d.]+ Tf ([\d.-]+) ([\d.-]+) Td \(((?:\\.|[^\\)])*)\) Tj ET")


def synthetic(n: int) -> list[tuple[str, bytes, str]]:
    """(name, PDF bytes, truth text) of tests/support fixtures, as written and with shuffled text operators."""
    from tests.support.invoices import generate_invoices, generate_minutes

    fixtures = [f for f in generate_invoices(n, seed=5) if f.document_type == "pdf"]
    fixtures += [f for f in generate_minutes(max(2, n // 6), seed=5) if f.document_type == "pdf"]
    out = []
    for fx in fixtures:
        start = fx.data.index(b"stream\n") + 7  # the first (only) page's content stream
        end = fx.data.index(b"\nendstream", start)
        ops = fx.data[start:end].split(b"\n")
        if fx.data.count(b"endstream") != 1 or len(ops) < 3:
            continue
        placed = []
        for m in map(_OP.fullmatch, ops):
            if m:
                text = re.sub(rb"\\(.)", rb"\1", m.group(3)).decode("cp1252")
                placed.append((-round(float(m.group(2))), float(m.group(1)), text))
        truth = "\n".join(t for _, _, t in sorted(placed))
        shuffled = ops[:]
        random.Random(len(out)).shuffle(shuffled)  # same lines, same length: offsets stay valid
        out.append((fx.filename, fx.data, truth))
        out.append(
            (fx.filename + " (shuffled)", fx.data[:start] + b"\n".join(shuffled) + fx.data[end:], truth)
        )
    return out


def _mean(xs: list[float]) -> str:
    return f"{sum(xs) / len(xs):.3f}" if xs else "n/a"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "realworld" / "pdfs"))
    parser.add_argument("--synthetic", type=int, default=24, help="generated invoices (0: none)")
    parser.add_argument(
        "--site",
        type=int,
        default=40,
        help="PDFs like bench/crawl.py's site for a text-heavy speed run (0: none)",
    )
    args = parser.parse_args(argv)
    _warm()
    corpus = Path(args.corpus)
    index = json.loads((corpus / "index.json").read_text()) if (corpus / "index.json").exists() else []
    stats = {r: {"pages": 0.0, "cpu": 0.0, "rss": 0.0} for r in READERS}
    failed: dict[str, list[str]] = {r: [] for r in READERS}
    phrases = {r: [0, 0] for r in READERS}
    f1s: dict[str, list[float]] = {r: [] for r in READERS}
    agreement: dict[str, list[float]] = {r: [] for r in READERS}
    order: dict[str, list[float]] = {r: [] for r in READERS}
    lows: dict[str, list[str]] = {r: [] for r in READERS}
    for item in index:
        path = corpus / "files" / item["file"]
        out = {r: run_isolated(r, path, item.get("password")) for r in READERS}
        for r, (_, _, error, rss) in out.items():
            stats[r]["rss"] = max(stats[r]["rss"], rss)
            if error:
                failed[r].append(f"{item['file'][:40]}:{error}")
        if any(p is None for p, *_ in out.values()):
            continue
        for r, (pages, cpu, _, _) in out.items():
            stats[r]["pages"] += len(pages or [])
            stats[r]["cpu"] += cpu
        base = out["pypdf"][0] or []
        for r, (pages, *_) in out.items():
            text = "\n".join(pages or [])
            a, b = _fold("\n".join(base))[:20_000], _fold(text)[:20_000]
            if r != "pypdf" and (a or b):
                ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
                agreement[r].append(ratio)
                if ratio < 0.9:
                    lows[r].append(f"{item['file'][:48]} {ratio:.2f}")
            for got, want in zip(pages or [], base, strict=False):
                tau = order_tau(got, want) if r != "pypdf" else None
                if tau:
                    order[r].append(tau[0])
            for phrase in item.get("expected_phrases") or []:
                phrases[r][0] += _fold(phrase) in _fold(text)
                phrases[r][1] += 1
            if item.get("expected_text"):
                want = (corpus / "expected_text" / item["expected_text"]).read_text()
                f1s[r].append(_f1((pages or [""])[0], want))
                if item["file"] == MULTICOLUMN:
                    tau = order_tau((pages or [""])[0], multicolumn_truth(want))
                    print(
                        f"two-column page 1, order vs truth: {r:<12} tau {tau[0] if tau else float('nan'):.3f}"
                    )
    print(f"{len(index)} PDFs in {corpus}")
    for r in READERS:
        s = stats[r]
        rate = s["pages"] / s["cpu"] if s["cpu"] else float("nan")
        print(
            f"{r:<12} {rate:7.0f} pages/s/core ({s['pages']:.0f} pages), failed {len(failed[r])}, "
            f"phrases {phrases[r][0]}/{phrases[r][1]}, first-page token F1 {_mean(f1s[r])} (n={len(f1s[r])}), "
            f"peak RSS growth {s['rss'] / 1024:.0f} MB"
        )
    for r in READERS:
        print(f"  {r} failures: {', '.join(failed[r]) or 'none'}")
    for r in READERS:
        if r != "pypdf":
            below = sum(t < 0.9 for t in order[r])
            print(
                f"{r:<12} vs pypdf: character agreement {_mean(agreement[r])} over {len(agreement[r])} files "
                f"({len(lows[r])} below 0.90: {'; '.join(lows[r])}); word order tau {_mean(order[r])} "
                f"over {len(order[r])} pages ({below} below 0.90)"
            )
    if args.synthetic:
        _synthetic(args.synthetic)
    if args.site:
        _site_speed(args.site)


def _site_speed(n: int) -> None:
    """pages/s/core on PDFs as bench/crawl.py's site serves them (text pages, one padded page)."""
    import math
    import tempfile

    from bench import crawl

    rng = random.Random(7)
    totals = {r: [0, 0.0] for r in SITE_READERS}
    with tempfile.TemporaryDirectory() as tmp:
        for j in range(n):
            size = int(math.exp(rng.uniform(math.log(crawl.PDF_MIN), math.log(crawl.PDF_MAX))))
            path = Path(tmp) / f"doc-{j}.pdf"
            path.write_bytes(crawl._pdf(rng, size, f"Document {j}"))
            for r in SITE_READERS:
                pages, cpu, error, _ = run_isolated(r, path, None)
                totals[r][0] += len(pages or [])
                totals[r][1] += cpu
    print(f"bench/crawl.py site PDFs ({n} files, {totals['pypdf'][0]} pages):")
    for r, (pages, cpu) in totals.items():
        print(f"  {r:<20} {pages / cpu if cpu else float('nan'):7.0f} pages/s/core")


def _synthetic(n: int) -> None:
    import tempfile

    taus: dict[tuple[str, bool], list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, data, truth in synthetic(n):
            path = Path(tmp) / "f.pdf"
            path.write_bytes(data)
            for r in READERS:
                pages, _, error, _ = run_isolated(r, path, None)
                tau = order_tau("\n".join(pages or []), truth) if not error else None
                taus.setdefault((r, "shuffled" in name), []).append(tau[0] if tau else 0.0)
    files = len(taus.get(("pypdf", False), []))
    print(f"synthetic (tests/support invoices + minutes, {files} files): word order tau vs visual lines")
    for r in READERS:
        print(f"  {r:<12} as written {_mean(taus[(r, False)])}, shuffled stream {_mean(taus[(r, True)])}")


if __name__ == "__main__":
    main()
