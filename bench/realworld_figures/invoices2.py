"""invoices2/: invoice field extraction on real invoices, through the extract job's own steps.

Per-field and overall accuracy (fields the truth states, compared loosely as the MANIFEST
asks), the share of right fields in approved rows, and validation-flag precision/recall (a
flag is right when the field it names is wrong). PDFs are read for their visible text only;
embedded attachments are never read. invoice2data is the reference when a Python with it is
installed ($INVOICE2DATA_PYTHON or bench/out/i2d, see bench/extract.py).
"""

from __future__ import annotations

from pathlib import Path

from bench.extract import realworld_figures, truth_invoices2
from bench.realworld_figures import Figure

CORPUS = "invoices2"


def measure(corpus: Path, quick: bool) -> list[Figure]:
    return realworld_figures(CORPUS, corpus, truth_invoices2, quick)
