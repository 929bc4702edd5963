"""Score DocHarvest on every public corpus of ../shared/realworld/ and print one table.

    .venv/bin/python bench/realworld.py                       # every corpus, full
    .venv/bin/python bench/realworld.py --quick               # under 60 s, a sample of the slow corpora
    .venv/bin/python bench/realworld.py ../shared/realworld --only robots,urls

Each row is a figure, DocHarvest's value, and the reference tool's value measured in the same run
on the same items where one exists (protego for robots.txt, trafilatura for articles, ...).
Corpora that are absent are listed as skipped. No network is used.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "include"))
sys.path.insert(0, str(ROOT))

from bench.realworld_figures import MODULES, Figure  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpora", nargs="?", default=str(ROOT.parent / "shared" / "realworld"))
    parser.add_argument("--quick", action="store_true", help="sample the slow corpora (under 60 s in all)")
    parser.add_argument("--only", default="", help="comma-separated corpus names")
    args = parser.parse_args(argv)
    base = Path(args.corpora)
    wanted = [m for m in MODULES if not args.only or m in args.only.split(",")]
    figures: list[Figure] = []
    skipped: list[str] = []
    started = time.perf_counter()
    for name in wanted:
        try:
            module = importlib.import_module(f"bench.realworld_figures.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"bench.realworld_figures.{name}":
                raise
            skipped.append(f"{name} (no scorer yet)")
            continue
        corpus = base / module.CORPUS
        if not corpus.is_dir():
            skipped.append(f"{module.CORPUS} (no {corpus})")
            continue
        t0 = time.perf_counter()
        try:
            figures.extend(module.measure(corpus, args.quick))
        except Exception as exc:  # a broken scorer is a row, not a lost table
            figures.append(
                Figure(module.CORPUS, "scorer failed", "ERROR", note=f"{type(exc).__name__}: {exc}")
            )
        print(f"  {module.CORPUS}: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    print_table(figures)
    for item in skipped:
        print(f"skipped: {item}")
    print(f"total {time.perf_counter() - started:.1f} s{' (quick)' if args.quick else ''}")
    return 0


def print_table(figures: list[Figure]) -> None:
    header = ("corpus", "figure", "DocHarvest", "reference", "note")
    rows = [header] + [(f.corpus, f.name, f.value, f.reference, f.note) for f in figures]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for i, row in enumerate(rows):
        cells = [row[c].ljust(widths[c]) for c in range(4)]
        print(" | ".join(cells) + (" | " + row[4] if row[4] else ""))
        if i == 0:
            print("-+-".join("-" * w for w in widths))


if __name__ == "__main__":
    sys.exit(main())
