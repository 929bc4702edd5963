"""Extract benchmark: per-field accuracy, validation-flag precision/recall, and a 1,000-invoice job.

    .venv/bin/python bench/extract.py [--invoices 160] [--seed 7] [--timing-docs 1000] [--no-dag]

Accuracy runs the real reader (layout-mode pypdf, python-docx), the field engine and the
Great Expectations suite over the labelled fixtures of ``tests/support/invoices.py``.
Timing runs one extract job end to end as an Airflow DAG run (dag.test, in-process),
from local files to published Parquet, and reports the wall time.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.lower().split()).strip(" .,")
    if isinstance(value, float):
        return round(value, 2)
    return value


def accuracy(n: int, seed: int) -> None:
    from docharvest.extract.fields import LabelIndex, extract_fields, row_confidence
    from docharvest.extract.reading import read_document
    from docharvest.extract.schema import load_schema
    from docharvest.validate import validate_rows

    from tests.support.invoices import generate_invoices, generate_minutes

    schema = load_schema("invoice")
    index = LabelIndex.for_schema(schema)
    fixtures = generate_invoices(n, seed)
    tmp = Path(tempfile.mkdtemp(prefix="dh-bench-"))
    rows, correct, total = [], Counter(), Counter()
    by_layout: dict[str, Counter[str]] = defaultdict(Counter)
    t0 = time.perf_counter()
    for i, fx in enumerate(fixtures):
        path = tmp / fx.filename
        path.write_bytes(fx.data)
        text = read_document(str(path), fx.document_type)
        assert not isinstance(text, str), text
        ex = extract_fields(text, schema, index)
        rows.append({"id": str(i), "values": ex.values, "confidence": row_confidence(schema, ex.confidences)})
        for name, want in fx.truth.items():
            ok = _norm(ex.values.get(name)) == _norm(want)
            total[name] += 1
            correct[name] += ok
            by_layout[fx.layout]["ok" if ok else "bad"] += 1
            if not ok:
                print(f"  miss {fx.filename}: {name} want={want!r} got={ex.values.get(name)!r}")
    elapsed = time.perf_counter() - t0
    outcome = validate_rows(schema, rows)
    tp = fp = fn = 0
    for i, fx in enumerate(fixtures):
        got, want = set(outcome.flags.get(str(i), [])), set(fx.flags)
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        if got != want:
            print(f"  flags {fx.filename}: want={sorted(want)} got={sorted(got)}")
    layouts = Counter(fx.layout for fx in fixtures)
    convs = Counter(fx.filename.rsplit("_", 1)[1].split(".")[0] for fx in fixtures)
    print(f"\ninvoices: {n} ({len(layouts)} layouts: {dict(layouts)})")
    print(
        f"conventions: {dict(convs)}; PDF {sum(f.document_type == 'pdf' for f in fixtures)}, DOCX {sum(f.document_type == 'docx' for f in fixtures)}"
    )
    print(f"read+extract: {elapsed:.2f} s ({elapsed / n * 1000:.1f} ms/doc, one process)")
    print("per-field accuracy:")
    for name in total:
        print(f"  {name:15s} {correct[name] / total[name]:.3f}  ({correct[name]}/{total[name]})")
    overall = sum(correct.values()) / sum(total.values())
    print(f"  {'ALL':15s} {overall:.3f}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(
        f"flags: precision {precision:.3f}, recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn}; {sum(len(f.flags) for f in fixtures)} expected)"
    )
    statuses = Counter(
        "approved" if r["confidence"] >= 0.8 and not outcome.flags.get(r["id"]) else "review" for r in rows
    )
    print(f"row statuses: {dict(statuses)}")

    minutes_schema = load_schema("meeting_minutes")
    m_ok = m_total = 0
    for fx in generate_minutes(12, seed):
        path = tmp / fx.filename
        path.write_bytes(fx.data)
        text = read_document(str(path), fx.document_type)
        assert not isinstance(text, str)
        ex = extract_fields(text, minutes_schema)
        got = ex.values
        checks = [
            got["meeting_date"] == fx.truth["meeting_date"],
            all(p in (got["attendees"] or "") for p in fx.truth["attendees"]),
            not any(p in (got["attendees"] or "") for p in ["Apologies"]),
            all(m in (got["motions"] or "") for m in fx.truth["motions"]),
            bool(got["body"]),
        ]
        m_ok += sum(checks)
        m_total += len(checks)
    print(f"minutes: {m_ok}/{m_total} checks ({m_ok / m_total:.3f})")


def _write_corpus(folder: Path, n: int, seed: int) -> None:
    from tests.support.invoices import generate_invoices

    folder.mkdir(parents=True, exist_ok=True)
    for fx in generate_invoices(n, seed):
        (folder / fx.filename).write_bytes(fx.data)


def timing(n: int, seed: int, batch_size: int, use_dag: bool) -> None:
    from docharvest.config import Settings

    tmp = Path(tempfile.mkdtemp(prefix="dh-bench-"))
    corpus = tmp / "corpus"
    _write_corpus(corpus, n, seed)
    pages = 0
    from docharvest.extract.reading import read_document

    sample = sorted(corpus.iterdir())[:50]
    for p in sample:
        text = read_document(str(p), "pdf" if p.suffix == ".pdf" else "docx")
        pages += 0 if isinstance(text, str) else text.page_count
    settings = Settings(
        data_dir=tmp / "data",
        airflow_home=tmp / "airflow",
        extract={"batch_size": batch_size},
        parse_workers=2,
    )
    conf = {"schema_name": "invoice", "inputs": [str(corpus)], "job_id": "job_benchextract"}
    if use_dag:
        from docharvest.orchestration.runner import run_job

        # Warm-up: creating Airflow's own DB and the first DAG parse are one-off costs of a fresh home.
        warm = tmp / "warmup"
        _write_corpus(warm, 4, seed)
        t0 = time.perf_counter()
        run_job("docharvest_extract", {**conf, "inputs": [str(warm)], "job_id": "job_benchwarmup"}, settings)
        print(
            f"\nwarm-up job (4 docs, fresh Airflow home incl. its DB creation): {time.perf_counter() - t0:.1f} s"
        )
    t0 = time.perf_counter()
    if use_dag:
        state = run_job("docharvest_extract", conf, settings)
    else:
        from docharvest.pipeline import extract as steps

        job_id = steps.plan(settings, conf, dag_id="bench", run_id="bench")
        for b in steps.ingest(settings, job_id):
            steps.parse(settings, job_id, b)
            steps.extract(settings, job_id, b)
        steps.validate(settings, job_id)
        steps.publish(settings, job_id)
        state = "success"
    wall = time.perf_counter() - t0
    from docharvest.extract.results import extract_results
    from docharvest.store.db import get_engine

    body = extract_results(get_engine(settings), "job_benchextract")
    statuses = Counter(r["status"] for r in body["data"])
    print(
        f"\ntiming: {n} invoices (~{pages / len(sample):.2f} pages each), batch_size {batch_size}, 2 parse workers"
    )
    print(
        f"  {'DAG run (dag.test)' if use_dag else 'pipeline functions'}: {wall:.1f} s wall, state {state}, "
        f"{body['job_status']}, {body['total_rows']} rows {dict(statuses)}; {n / wall:.0f} docs/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--invoices", type=int, default=160)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timing-docs", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=250)
    parser.add_argument("--no-dag", action="store_true", help="time the pipeline functions without Airflow")
    parser.add_argument("--skip-accuracy", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("AIRFLOW__LOGGING__LOGGING_LEVEL", "WARNING")
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if not args.skip_accuracy:
        accuracy(args.invoices, args.seed)
    if args.timing_docs:
        timing(args.timing_docs, args.seed + 1, args.batch_size, not args.no_dag)


if __name__ == "__main__":
    main()
