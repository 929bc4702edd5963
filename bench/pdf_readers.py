"""pypdf against pypdfium2 on real-world PDFs: text speed and quality (a report; the job reads with pypdf).

    PYTHONPATH=/path/to/pypdfium2 .venv/bin/python bench/pdf_readers.py [../shared/realworld/pdfs]

pypdfium2 is not a dependency: install it anywhere (``uv pip install --target DIR pypdfium2``) and
put that on PYTHONPATH. Per reader: pages/s on one core (text-layer files both open), phrases of
``expected_phrases`` found, token F1 against ``expected_text`` (pypdf's own reference: it favours
pypdf), and character agreement (difflib ratio, whitespace folded) between the two readers.
"""

from __future__ import annotations

import difflib
import json
import re
import signal
import sys
import time
from pathlib import Path
from typing import Any

import pypdf


def _pypdf_pages(path: Path, password: str | None) -> list[str]:
    reader = pypdf.PdfReader(path)
    if reader.is_encrypted:
        reader.decrypt(password or "")
    return [page.extract_text() or "" for page in reader.pages]


def _pdfium_pages(path: Path, password: str | None) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path), password=password)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


READERS = {"pypdf": _pypdf_pages, "pypdfium2": _pdfium_pages}


def _timed(fn: Any, *args: Any) -> tuple[list[str] | None, float, str]:
    signal.alarm(20)
    started = time.process_time()
    try:
        return fn(*args), time.process_time() - started, ""
    except Exception as exc:  # a reader's failure is a figure here, not a crash
        return None, time.process_time() - started, type(exc).__name__
    finally:
        signal.alarm(0)


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _f1(got: str, want: str) -> float:
    g, w = _tokens(got), _tokens(want)
    common = sum(min(g.count(t), w.count(t)) for t in set(w))
    return 2 * common / (len(g) + len(w)) if g and w else float(g == w)


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def main() -> None:
    corpus = Path(
        sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parents[1] / "../shared/realworld/pdfs"
    )
    index = json.loads((corpus / "index.json").read_text())
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(TimeoutError()))
    stats: dict[str, dict[str, float]] = {r: {"pages": 0, "cpu": 0, "failed": 0} for r in READERS}
    phrases = {r: [0, 0] for r in READERS}
    f1s: dict[str, list[float]] = {r: [] for r in READERS}
    agreement: list[float] = []
    for item in index:
        path = corpus / "files" / item["file"]
        out = {r: _timed(fn, path, item.get("password")) for r, fn in READERS.items()}
        for r, (_, _, error) in out.items():
            stats[r]["failed"] += bool(error)
        if all(p is not None for p, _, _ in out.values()):
            for r, (pages, cpu, _) in out.items():
                stats[r]["pages"] += len(pages or [])
                stats[r]["cpu"] += cpu
            texts = {r: "\n".join(p or []) for r, (p, _, _) in out.items()}
            a, b = _fold(texts["pypdf"])[:20_000], _fold(texts["pypdfium2"])[:20_000]
            if a or b:
                agreement.append(difflib.SequenceMatcher(None, a, b, autojunk=False).ratio())
            for r, text in texts.items():
                for phrase in item.get("expected_phrases") or []:
                    phrases[r][0] += _fold(phrase) in _fold(text)
                    phrases[r][1] += 1
                if item.get("expected_text"):
                    want = (corpus / "expected_text" / item["expected_text"]).read_text()
                    f1s[r].append(_f1((out[r][0] or [""])[0], want))
    print(f"{len(index)} PDFs in {corpus}")
    for r in READERS:
        s = stats[r]
        f1 = sum(f1s[r]) / len(f1s[r]) if f1s[r] else float("nan")
        print(
            f"{r:<10} {s['pages'] / s['cpu']:7.0f} pages/s/core ({s['pages']:.0f} pages), failed {s['failed']:.0f}, "
            f"phrases {phrases[r][0]}/{phrases[r][1]}, first-page token F1 {f1:.3f} (n={len(f1s[r])})"
        )
    mean = sum(agreement) / len(agreement) if agreement else float("nan")
    low = sum(x < 0.9 for x in agreement)
    print(
        f"character agreement pypdf~pypdfium2: mean {mean:.3f} over {len(agreement)} files, {low} below 0.90"
    )


if __name__ == "__main__":
    main()
