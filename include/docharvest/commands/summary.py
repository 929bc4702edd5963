"""One-screen summaries of a finished job for the terminal (``--json`` prints the API's JSON instead).

Each takes the job's results body (the API's shape) and the settings, and returns text:
what was found with its confidence, the totals, errors and warnings, and where the data is.
"""

from __future__ import annotations

from typing import Any

from docharvest.config import Settings

MAX_ROWS = 20


def _clip(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def documents_query(settings: Settings, job_id: str, threshold: float) -> str:
    """The DuckDB query listing exactly the documents the job reports (extracted, at/above threshold)."""
    datasets = settings.datasets_dir.resolve()
    return (
        "SELECT name, document_type, round(confidence_score, 2) AS score, relevance_reason\n"
        f"  FROM read_parquet('{datasets}/documents/*/*.parquet', hive_partitioning = true)\n"
        f"  WHERE job_id = '{job_id}' AND status = 'extracted' AND confidence_score >= {threshold}\n"
        "  ORDER BY score DESC;"
    )


def scrape_summary(results: dict[str, Any], settings: Settings) -> str:
    """Documents with confidence and reason, totals, issues, the Parquet location and a query."""
    job_id = results["job_id"]
    lines = [f"Job {job_id}: {results['status']} - {results['message']}", ""]
    docs = results["documents"]
    if docs:
        lines.append(f"{'confidence':>10}  {'type':<5} {'MB':>6}  name")
    for doc in docs[:MAX_ROWS]:  # one line each: a screen holds the summary
        reason = f" - {doc['relevance_reason']}" if doc.get("relevance_reason") else ""
        lines.append(
            f"{doc['confidence_score']:>10.2f}  {doc['document_type'] or '-':<5} "
            f"{doc['file_size_mb']:>6.2f}  {_clip(doc['name'] + reason, 100)}"
        )
    if len(docs) > MAX_ROWS:
        lines.append(f"{'':>26}… and {len(docs) - MAX_ROWS} more (--json or the report show all)")
    lines += [
        "",
        f"pages crawled {results['total_pages_crawled']}, candidates {results['total_documents_found']}, "
        f"downloaded {results['total_documents_downloaded']}, listed {len(docs)}, "
        f"success rate {results['success_rate']:.2f}, cost ${results['cost']:.5f}, "
        f"job runtime {results['total_runtime_seconds']:.1f} s",
    ]
    lines += _issues(results.get("warnings", []), results.get("errors", []))
    threshold = float((results.get("metadata") or {}).get("parameters", {}).get("confidence_threshold", 0.1))
    lines += [
        "",
        f"Parquet datasets: {settings.datasets_dir.resolve()}/{{documents,jobs,job_errors}}/job_date=*/",
        "Query them with DuckDB:",
        documents_query(settings, job_id, threshold),
        f"Report: docharvest report {job_id}",
        "",
    ]
    return "\n".join(lines)


def _issues(warnings: list[str], errors: list[dict[str, Any]]) -> list[str]:
    lines = [f"warning: {_clip(w, 160)}" for w in warnings[:10]]
    for error in errors[:10]:
        lines.append(
            f"error [{error['agent_name']}/{error['error_type']}]: {_clip(error['error_message'], 120)}"
            + (f" ({error['page_url']})" if error.get("page_url") else "")
        )
    hidden = max(0, len(warnings) - 10) + max(0, len(errors) - 10)
    if hidden:
        lines.append(f"… {hidden} more warnings/errors (--json or the report for all)")
    return lines


def extract_summary(body: dict[str, Any], settings: Settings) -> str:
    """One line per result row: file, status, confidence, flags, a few values."""
    schema = (body.get("schema") or {}).get("name") or "-"
    lines = [f"Job {body['job_id']}: {body['job_status']} - {body['total_rows']} row(s), schema {schema}", ""]
    for row in body["data"][:MAX_ROWS]:
        conf = "-" if row["confidence"] is None else f"{row['confidence']:.2f}"
        values = ", ".join(f"{k}={v}" for k, v in list(row["values"].items())[:4] if v is not None)
        flags = f" flags: {', '.join(row['validation_flags'])}" if row["validation_flags"] else ""
        lines.append(
            f"{conf:>5}  {row['status']:<9} {_clip(row.get('filename'), 40):<40} {_clip(values, 80)}{flags}"
        )
    if len(body["data"]) > MAX_ROWS:
        lines.append(f"… and {len(body['data']) - MAX_ROWS} more rows (--json for all)")
    lines += [
        "",
        f"Parquet datasets: {settings.datasets_dir.resolve()}/",
        f"Report: docharvest report {body['job_id']}",
        "",
    ]
    return "\n".join(lines)


def knowledge_summary(body: dict[str, Any], settings: Settings) -> str:
    """The business profile and the knowledge items by category."""
    lines = [f"Job {body['id']}: {body['status']}" + (f" - {body['error']}" if body.get("error") else ""), ""]
    result = body.get("result") or {}
    business = result.get("business") or {}
    if business:
        lines.append(
            f"{business.get('name') or '-'} ({business.get('domain') or '-'}), {business.get('category') or '-'}"
        )
        if business.get("description"):
            lines.append(_clip(business["description"], 200))
        lines.append("")
    items = result.get("knowledgeItems") or []
    for item in items[:MAX_ROWS]:
        lines.append(f"[{item['category']}] {_clip(item['title'], 60)}: {_clip(item.get('description'), 80)}")
    if len(items) > MAX_ROWS:
        lines.append(f"… and {len(items) - MAX_ROWS} more items (--json for all)")
    if result:
        lines += [
            "",
            f"pages read {result.get('pagesScraped', 0)}, urls discovered {result.get('urlsDiscovered', 0)}",
        ]
    lines += [
        f"Parquet datasets: {settings.datasets_dir.resolve()}/",
        f"Report: docharvest report {body['id']}",
        "",
    ]
    return "\n".join(lines)
