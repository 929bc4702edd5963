"""Extract benchmark: per-field accuracy, validation-flag precision/recall, and a 1,000-invoice job.

    .venv/bin/python bench/extract.py [--invoices 160] [--seed 7] [--timing-docs 1000] [--no-dag]

Accuracy runs the real reader (layout-mode pypdf, python-docx), the field engine and the
Great Expectations suite over the labelled fixtures of ``tests/support/invoices.py``.
Timing runs one extract job end to end as an Airflow DAG run (dag.test, in-process),
from local files to published Parquet, and reports the wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "include"))


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.lower().split()).strip(" .,")
    if isinstance(value, float):
        return round(value, 2)
    return value


def accuracy(n: int, seed: int) -> None:
    from docharvest.config import Settings
    from docharvest.extract.fields import extract_fields
    from docharvest.extract.labels import LabelIndex
    from docharvest.extract.reading import read_document
    from docharvest.extract.schema import load_schema
    from docharvest.pipeline.extract import APPROVED, extracted_row, validated_rows

    from tests.support.invoices import generate_invoices, generate_minutes

    approve_at = Settings().extract.approve_confidence

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
        row = {"id": str(i), **extracted_row(text, schema, index, approve_at)}
        rows.append(row)
        for name, want in fx.truth.items():
            ok = _norm(row["values"].get(name)) == _norm(want)
            total[name] += 1
            correct[name] += ok
            by_layout[fx.layout]["ok" if ok else "bad"] += 1
            if not ok:
                print(f"  miss {fx.filename}: {name} want={want!r} got={row['values'].get(name)!r}")
    elapsed = time.perf_counter() - t0
    updates = {u["id"]: u for u in validated_rows(schema, rows, approve_at)[0]}
    tp = fp = fn = 0
    approved = approved_fields = approved_right = approved_bad_total = 0
    for i, fx in enumerate(fixtures):
        # The generator's truth names schema flags only; low_confidence says why a row is held back.
        all_flags = updates[str(i)]["validation_flags"]
        got = {f for f in all_flags if not f.startswith("low_confidence:")}
        want = set(fx.flags)
        if updates[str(i)]["status"] == APPROVED:
            approved += 1
            for name, value in fx.truth.items():
                ok = _norm(rows[i]["values"].get(name)) == _norm(value)
                approved_fields += 1
                approved_right += ok
                approved_bad_total += name == "total" and not ok
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
    statuses = Counter(u["status"] for u in updates.values())
    print(f"row statuses: {dict(statuses)}")
    print(
        f"approved rows: {approved}, fields right {approved_right}/{approved_fields} "
        f"({approved_right / max(1, approved_fields):.3f}), approved with a wrong total: {approved_bad_total}"
    )

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


# -- real-world corpora (../shared/realworld/invoices, invoices2) -------------

FIELDS = ("invoice_number", "vendor", "total", "currency", "date", "due_date")
_LEGAL = re.compile(
    r"\b(?:gmbh|ag|b\.?v|n\.?v|ltd|inc|llc|sas|sa|s\.?a\.?r\.?l|co|kg|pvt|private|limited|a\.?g)\b\.?"
)


def _loose_name(value: Any) -> str:
    text = re.sub(r"[^\w&]+", " ", str(value or "").lower())
    return " ".join(_LEGAL.sub(" ", text).split())


def field_right(name: str, got: Any, want: Any) -> bool:
    """Loose comparison, as the corpora's manifests ask: vendors by words, numbers by cent."""
    if got is None or want is None:
        return got is None and want is None
    if name == "vendor":
        g, w = _loose_name(got), _loose_name(want)
        return bool(g and w) and (f" {w} " in f" {g} " or f" {g} " in f" {w} ")
    if name == "total":
        try:
            return abs(float(got) - float(want)) < 0.005
        except (TypeError, ValueError):
            return False
    if name == "invoice_number":
        return str(got).strip().lstrip("#").lower() == str(want).strip().lstrip("#").lower()
    return str(got).strip() == str(want).strip()


def truth_invoices(raw: dict[str, Any]) -> dict[str, Any]:
    return {f: raw.get(f) for f in FIELDS}


def truth_invoices2(raw: dict[str, Any]) -> dict[str, Any]:
    """CII dates (CCYYMMDD) -> ISO; the seller name's line breaks collapsed."""

    def iso(d: str | None) -> str | None:
        return f"{d[:4]}-{d[4:6]}-{d[6:8]}" if d else None

    return {
        "invoice_number": raw.get("invoice_number"),
        "vendor": " ".join(str(raw.get("vendor") or "").split()) or None,
        "total": float(raw["total"]) if raw.get("total") is not None else None,
        "currency": raw.get("currency"),
        "date": iso(raw.get("date")),
        "due_date": iso(raw.get("due_date")),
    }


@dataclass
class CorpusScore:
    """Per-field right/scored counts, approved-row precision and flag precision/recall."""

    items: int = 0
    right: Counter[str] = field(default_factory=Counter)
    scored: Counter[str] = field(default_factory=Counter)
    approved_rows: int = 0
    approved_fields: int = 0
    approved_right: int = 0
    approved_wrong_total: int = 0
    flags_tp: int = 0  # validation flags that claim an error (low_confidence is a reason to review)
    flags_fp: int = 0
    flags_fn: int = 0
    any_tp: int = 0  # every flag, low_confidence included
    any_fp: int = 0
    any_fn: int = 0
    misses: list[str] = field(default_factory=list)
    seconds: float = 0.0
    validated: bool = True

    @property
    def overall(self) -> float:
        return sum(self.right.values()) / max(1, sum(self.scored.values()))

    def accuracy(self, name: str) -> float:
        return self.right[name] / self.scored[name] if self.scored[name] else float("nan")

    @property
    def approved_precision(self) -> float:
        return self.approved_right / self.approved_fields if self.approved_fields else float("nan")

    @property
    def flag_precision(self) -> float:
        return self.flags_tp / (self.flags_tp + self.flags_fp) if self.flags_tp + self.flags_fp else 1.0

    @property
    def flag_recall(self) -> float:
        return self.flags_tp / (self.flags_tp + self.flags_fn) if self.flags_tp + self.flags_fn else 1.0

    def count_flags(self, flags: list[str], wrong: set[str]) -> None:
        errors = flagged_fields([f for f in flags if not f.startswith("low_confidence:")])
        every = flagged_fields(flags)
        self.flags_tp += len(errors & wrong)
        self.flags_fp += len(errors - wrong)
        self.flags_fn += len(wrong - errors)
        self.any_tp += len(every & wrong)
        self.any_fp += len(every - wrong)
        self.any_fn += len(wrong - every)

    @property
    def any_precision(self) -> float:
        return self.any_tp / (self.any_tp + self.any_fp) if self.any_tp + self.any_fp else 1.0

    @property
    def any_recall(self) -> float:
        return self.any_tp / (self.any_tp + self.any_fn) if self.any_tp + self.any_fn else 1.0


def flagged_fields(flags: list[str]) -> set[str]:
    """The fields a row's flags name (``missing_required_field:total`` -> total)."""
    return {f.split(":", 1)[1] for f in flags if ":" in f}


def score_corpus(
    folder: Path,
    to_truth: Callable[[dict[str, Any]], dict[str, Any]],
    limit: int | None = None,
    validate: bool = True,
) -> CorpusScore:
    """Run ``folder/pdf/*.pdf`` through the extract job's own steps and score it against truth.json.

    Text as the parse step reads it (visible text only: attachments are never read), a row as
    the extract step builds it, flags and status as the validate step sets them. A flag is right
    when the field it names is wrong or missing; a wrong or missing field without a flag is a
    missed flag. Only fields the truth states are scored. ``validate=False`` skips the suite
    (Great Expectations takes seconds to import): field accuracy only, no statuses or flags.
    """
    from docharvest.config import Settings
    from docharvest.extract.labels import LabelIndex
    from docharvest.extract.reading import read_document
    from docharvest.extract.schema import load_schema
    from docharvest.pipeline.extract import APPROVED, extracted_row, validated_rows

    settings = Settings()
    approve_at = settings.extract.approve_confidence
    schema = load_schema("invoice")
    index = LabelIndex.for_schema(schema)
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    names = sorted(truth)[:limit] if limit else sorted(truth)
    score = CorpusScore()
    t0 = time.perf_counter()
    rows = []
    for name in names:
        text = read_document(
            str(folder / "pdf" / name), "pdf", settings.extract.pdf_layout, settings.extract.max_pages
        )
        row = (
            {"values": {}, "confidence": 0.0}
            if isinstance(text, str)
            else extracted_row(text, schema, index, approve_at)
        )
        rows.append({"id": name, **row})
    if validate:
        updates = {u["id"]: u for u in validated_rows(schema, rows, approve_at)[0]}
    else:
        updates = {r["id"]: {"validation_flags": [], "status": None} for r in rows}
    score.validated = validate
    score.seconds = time.perf_counter() - t0
    for row in rows:
        want = to_truth(truth[row["id"]])
        got = row["values"]
        flags = updates[row["id"]]["validation_flags"]
        status = updates[row["id"]]["status"]
        score.items += 1
        wrong = set()
        for f in FIELDS:
            if want.get(f) is None:
                continue
            ok = field_right(f, got.get(f), want[f])
            score.scored[f] += 1
            score.right[f] += ok
            if not ok:
                wrong.add(f)
                score.misses.append(f"{row['id']}: {f} want={want[f]!r} got={got.get(f)!r}")
            if status == APPROVED:
                score.approved_fields += 1
                score.approved_right += ok
                score.approved_wrong_total += f == "total" and not ok
        score.approved_rows += status == APPROVED
        score.count_flags(flags, wrong)
    return score


# invoice2data, the reference: hand-written per-vendor templates. Its templates expect poppler's
# pdftotext, which pip cannot install; its pure-Python readers are tried in turn instead.
_I2D_SCRIPT = """
import importlib, json, logging, os, sys
logging.disable(logging.CRITICAL)
from invoice2data import extract_data
from invoice2data.extract.loader import read_templates
templates = read_templates()
out = {}
for path in sys.argv[1:]:
    result = None
    for reader in ("pdfminer_wrapper", "pdfplumber", "pdfium"):
        try:
            result = extract_data(path, templates=templates, input_module=importlib.import_module("invoice2data.input." + reader))
        except Exception:
            result = None
        if result:
            break
    out[os.path.basename(path)] = result or None
print(json.dumps(out, default=str))
"""
I2D_PYTHON_ENV = "INVOICE2DATA_PYTHON"


def invoice2data_python() -> str | None:
    """A Python with invoice2data installed: $INVOICE2DATA_PYTHON, else bench/out/i2d/bin/python."""
    candidate = os.environ.get(I2D_PYTHON_ENV) or str(ROOT / "bench" / "out" / "i2d" / "bin" / "python")
    return candidate if Path(candidate).is_file() else None


def reference_invoice2data(
    folder: Path, to_truth: Callable[[dict[str, Any]], dict[str, Any]], limit: int | None = None
) -> tuple[float, str] | None:
    """invoice2data's field accuracy on the same PDFs and fields; ``None`` when it is not installed."""
    import subprocess

    python = invoice2data_python()
    if python is None:
        return None
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    names = sorted(truth)[:limit] if limit else sorted(truth)
    done = subprocess.run(
        [python, "-c", _I2D_SCRIPT, *(str(folder / "pdf" / n) for n in names)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        return None
    found = json.loads(done.stdout.strip().splitlines()[-1])
    right = scored = matched = 0
    for name in names:
        want = to_truth(truth[name])
        raw = found.get(name) or {}
        matched += bool(raw)
        got = {
            "invoice_number": raw.get("invoice_number"),
            "vendor": raw.get("issuer"),
            "total": raw.get("amount"),
            "currency": raw.get("currency"),
            "date": str(raw["date"])[:10] if raw.get("date") else None,
            "due_date": str(raw["date_due"])[:10] if raw.get("date_due") else None,
        }
        for f in FIELDS:
            if want.get(f) is not None:
                scored += 1
                right += field_right(f, got[f], want[f])
    return right / max(1, scored), (
        f"invoice2data 1.0.1 with its pure-Python readers (its templates expect poppler's pdftotext, "
        f"which pip cannot install): a template matched {matched} of {len(names)} PDFs"
    )


def score_fixtures(fixtures: list[Any]) -> CorpusScore:
    """Generated fixtures through the job's own steps, scored like the real corpora."""
    from docharvest.config import Settings
    from docharvest.extract.labels import LabelIndex
    from docharvest.extract.reading import read_document
    from docharvest.extract.schema import load_schema
    from docharvest.pipeline.extract import APPROVED, extracted_row, validated_rows

    approve_at = Settings().extract.approve_confidence
    schema = load_schema("invoice")
    index = LabelIndex.for_schema(schema)
    tmp = Path(tempfile.mkdtemp(prefix="dh-bench-"))
    rows = []
    for fx in fixtures:
        path = tmp / fx.filename
        path.write_bytes(fx.data)
        text = read_document(str(path), fx.document_type)
        assert not isinstance(text, str), text
        rows.append({"id": fx.filename, **extracted_row(text, schema, index, approve_at)})
    updates = {u["id"]: u for u in validated_rows(schema, rows, approve_at)[0]}
    score = CorpusScore()
    for fx, row in zip(fixtures, rows, strict=True):
        score.items += 1
        wrong = set()
        approved = updates[fx.filename]["status"] == APPROVED
        for f, want in fx.truth.items():
            if want is None:
                continue
            ok = field_right(f, row["values"].get(f), want)
            score.scored[f] += 1
            score.right[f] += ok
            if not ok:
                wrong.add(f)
                score.misses.append(f"{fx.filename}: {f} want={want!r} got={row['values'].get(f)!r}")
            if approved:
                score.approved_fields += 1
                score.approved_right += ok
                score.approved_wrong_total += f == "total" and not ok
        score.approved_rows += approved
        score.count_flags(updates[fx.filename]["validation_flags"], wrong)
    return score


def unseen_layouts(n: int, seed: int, show_held: bool) -> None:
    """The second generator's layouts (tests/support/unseen_invoices.py), development and held-back parts."""
    from tests.support.unseen_invoices import generate_unseen, split_unseen

    dev, held = split_unseen(generate_unseen(n, seed))
    for name, part in (("development", dev), ("held back", held)):
        score = score_fixtures(part)
        print(f"\nunseen layouts, {name} part ({score.items} PDFs, 5 layouts, EN/DE/FR/NL/ES):")
        _print_score(score, show_misses=name == "development" or show_held)


def _print_score(score: CorpusScore, show_misses: bool = True) -> None:
    for f in FIELDS:
        if score.scored[f]:
            print(f"  {f:15s} {score.accuracy(f):.3f}  ({score.right[f]}/{score.scored[f]})")
    print(f"  {'ALL':15s} {score.overall:.3f}")
    print(
        f"approved rows: {score.approved_rows}, fields right {score.approved_right}/{score.approved_fields}, "
        f"approved with a wrong total: {score.approved_wrong_total}"
    )
    print(
        f"flags (right = names a wrong field): precision {score.flag_precision:.3f}, "
        f"recall {score.flag_recall:.3f}; with low_confidence: precision {score.any_precision:.3f}, "
        f"recall {score.any_recall:.3f}"
    )
    for miss in score.misses if show_misses else []:
        print(f"  miss {miss}")


def real_corpora(base: Path) -> None:
    """Per field and per corpus on the real invoices, beside the generated set."""
    for name, to_truth in (("invoices", truth_invoices), ("invoices2", truth_invoices2)):
        folder = base / name
        if not (folder / "truth.json").is_file():
            print(f"\n{name}: skipped (no {folder})")
            continue
        score = score_corpus(folder, to_truth)
        print(f"\n{name} (real, {score.items} PDFs, visible text only): {score.seconds:.1f} s")
        _print_score(score)


def realworld_figures(corpus_name: str, corpus: Path, truth: Any, quick: bool) -> list[Any]:
    """bench/realworld.py's rows for one real invoice corpus (invoice2data measured unless quick)."""
    score = score_corpus(corpus, truth, validate=not quick)
    reference = None if quick else reference_invoice2data(corpus, truth)
    ref_value = f"{reference[0]:.3f}" if reference else ""
    note = (
        reference[1]
        if reference
        else "invoice2data not measured (" + ("--quick" if quick else "not installed") + ")"
    )
    return corpus_figures(corpus_name, score, ref_value, note)


def corpus_figures(corpus_name: str, score: CorpusScore, reference: str, note: str) -> list[Any]:
    """The bench/realworld.py rows of one scored invoice corpus."""
    from bench.realworld_figures import Figure, fmt

    def f(x: float) -> str:
        return "n/a" if x != x else fmt(x)

    out = [
        Figure(
            corpus_name,
            "field accuracy (all fields)",
            f(score.overall),
            reference,
            f"{sum(score.right.values())}/{sum(score.scored.values())} fields of {score.items} PDFs; {note}",
        )
    ]
    for name in FIELDS:
        if score.scored[name]:
            out.append(
                Figure(
                    corpus_name,
                    f"  {name}",
                    f(score.accuracy(name)),
                    note=f"{score.right[name]}/{score.scored[name]}",
                )
            )
    if not score.validated:
        out.append(
            Figure(
                corpus_name,
                "approved rows, flags",
                "n/a",
                note="not measured in --quick (the validation suite's import takes seconds)",
            )
        )
        return out
    out.append(
        Figure(
            corpus_name,
            "approved rows: fields right",
            f(score.approved_precision),
            note=f"{score.approved_rows} of {score.items} rows approved; "
            f"{score.approved_wrong_total} approved with a wrong total",
        )
    )
    out.append(
        Figure(
            corpus_name,
            "flags: precision / recall",
            f"{f(score.flag_precision)} / {f(score.flag_recall)}",
            note=f"tp {score.flags_tp}, fp {score.flags_fp}, fn {score.flags_fn}; a flag is right when the field "
            "it names is wrong (missing, format, range, date order, sum)",
        )
    )
    out.append(
        Figure(
            corpus_name,
            "  with low_confidence flags",
            f"{f(score.any_precision)} / {f(score.any_recall)}",
            note=f"tp {score.any_tp}, fp {score.any_fp}, fn {score.any_fn}; low_confidence holds a row "
            "for review, it does not claim an error",
        )
    )
    return out


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
    from docharvest.store.db import get_engine
    from docharvest.views.extract import extract_results

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
    parser.add_argument(
        "--unseen", type=int, default=50, help="PDFs of the second generator (half held back)"
    )
    parser.add_argument("--show-held", action="store_true", help="also list the held-back part's misses")
    parser.add_argument(
        "--realworld",
        default=str(ROOT.parent / "shared" / "realworld"),
        help="folder holding the real invoice corpora (invoices/, invoices2/); skipped when absent",
    )
    args = parser.parse_args()
    os.environ.setdefault("AIRFLOW__LOGGING__LOGGING_LEVEL", "WARNING")
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if not args.skip_accuracy:
        accuracy(args.invoices, args.seed)
        unseen_layouts(args.unseen, args.seed + 94, args.show_held)
        real_corpora(Path(args.realworld))
    if args.timing_docs:
        timing(args.timing_docs, args.seed + 1, args.batch_size, not args.no_dag)


if __name__ == "__main__":
    main()
