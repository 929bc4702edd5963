"""invoices/: invoice field extraction on real invoices, through the extract job's own steps.

Per-field and overall accuracy (fields the truth states, compared loosely as the MANIFEST
asks), the share of right fields in approved rows, and validation-flag precision/recall (a
flag is right when the field it names is wrong). PDFs are read for their visible text only;
embedded attachments are never read. invoice2data is the reference when a Python with it is
installed ($INVOICE2DATA_PYTHON or bench/out/i2d, see bench/extract.py).
"""

from __future__ import annotations

from pathlib import Path

from bench.extract import corpus_figures, reference_invoice2data, score_corpus, truth_invoices
from bench.realworld_figures import Figure, fmt

CORPUS = "invoices"


def measure(corpus: Path, quick: bool) -> list[Figure]:
    score = score_corpus(corpus, truth_invoices, validate=not quick)
    reference = None if quick else reference_invoice2data(corpus, truth_invoices)
    ref_value = fmt(reference[0]) if reference else ""
    note = (
        reference[1]
        if reference
        else "invoice2data not measured (" + ("--quick" if quick else "not installed") + ")"
    )
    return corpus_figures(CORPUS, score, ref_value, note)
