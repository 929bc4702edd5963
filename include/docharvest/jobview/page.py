"""The job page as one self-contained HTML document (inline CSS and SVG, no script, no CDN)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from docharvest.jobview import charts
from docharvest.jobview.data import JobView

CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:16px;color:#0f172a}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:22px 0 8px;border-bottom:1px solid #e2e8f0}
.muted{color:#64748b}.status{padding:2px 8px;border-radius:10px;background:#e2e8f0;font-weight:600}
.status.completed,.status.complete{background:#dcfce7}.status.failed{background:#fee2e2}
.status.in_progress,.status.pending{background:#fef9c3}.status.cancelled{background:#f1f5f9}
.totals{display:flex;flex-wrap:wrap;gap:10px}.totals div{border:1px solid #e2e8f0;border-radius:6px;padding:6px 10px}
.totals b{display:block;font-size:18px}.charts{display:flex;flex-wrap:wrap;gap:16px}
.charts figure{margin:0}.charts figcaption{font-weight:600;font-size:13px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #f1f5f9;vertical-align:top}
th{background:#f8fafc;font-size:12px}.bar{background:#e2e8f0;width:90px;height:10px;border-radius:5px;display:inline-block}
.bar span{display:block;height:10px;border-radius:5px;background:#3b82f6}.reason{font-size:12px;color:#475569}
pre{background:#f8fafc;border:1px solid #e2e8f0;padding:8px;overflow:auto;white-space:pre-wrap}
.err{color:#b91c1c}.flag{background:#fee2e2;border-radius:4px;padding:0 4px;font-size:12px}
"""


def _e(value: Any) -> str:
    return escape("" if value is None else str(value))


def _link(url: str | None, text: str | None = None) -> str:
    if not url:
        return ""
    return f'<a href="{_e(url)}" target="_blank" rel="noopener">{_e(text or url)}</a>'


def render_job_page(
    view: JobView,
    *,
    file_href: Callable[[dict[str, Any]], str | None] | None = None,
    refresh_seconds: int | None = None,
) -> str:
    """The page: header and progress, totals, charts, results (per kind), errors, data location.

    ``file_href`` links each document to its stored file (an API route, or a file:// URL in a
    report); ``refresh_seconds`` reloads the page while the job runs.
    """
    job = view.job
    head = (
        f"<meta http-equiv='refresh' content='{refresh_seconds}'>" if refresh_seconds and view.active else ""
    )
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>DocHarvest {_e(view.job_id)}</title>{head}<style>{CSS}</style></head><body>",
        f"<h1>DocHarvest {_e(view.kind)} job <code>{_e(view.job_id)}</code> "
        f"<span class='status {_e(job['status'])}' id='job-status'>{_e(job['status'])}</span></h1>",
        _header(view),
        _totals(view),
    ]
    if view.kind == "scrape":
        parts += [_charts(view), _documents(view, file_href)]
    elif view.kind == "extract":
        parts += [_rows(view)]
    elif view.kind == "knowledge":
        parts += [_knowledge(view)]
    parts += [_issues(view), _data(view), "</body></html>"]
    return "".join(parts)


def _header(view: JobView) -> str:
    job = view.job
    bits = []
    if job.get("website"):
        bits.append(f"site {_link(job['website'])}")
    if job.get("prompt"):
        bits.append(f"prompt “{_e(job['prompt'])}”")
    if job.get("dag_id"):
        bits.append(f"DAG run {_e(job['dag_id'])} / {_e(job.get('run_id'))}")
    lines = [f"<p class='muted'>{' · '.join(bits)}</p>"]
    if view.active:
        lines.append(
            f"<p id='progress'><b>{_e(job.get('current_agent') or 'starting')}</b>: {_e(job.get('current_step'))}"
            f" — pages {int(job.get('pages_scraped') or 0)} of {int(job.get('total_pages') or 0)},"
            f" documents found {int(job.get('total_documents_found') or 0)}."
            " This page reloads every few seconds.</p>"
        )
    if job.get("error"):
        lines.append(f"<p class='err'>{_e(job['error'])}</p>")
    elif job.get("message"):
        lines.append(f"<p>{_e(job['message'])}</p>")
    return "".join(lines)


def _totals(view: JobView) -> str:
    job = view.job
    elapsed = view.elapsed_seconds()
    cells: list[tuple[str, object]] = [
        ("pages crawled", int(job.get("total_pages_crawled") or job.get("pages_scraped") or 0)),
        ("candidates", int(job.get("total_documents_found") or 0)),
        ("downloaded", int(job.get("total_documents_downloaded") or 0)),
    ]
    if view.kind == "scrape":
        cells.append(("listed", len(view.listed)))
    elif view.kind == "extract":
        cells.append(("rows", len(view.rows)))
    elif view.kind == "knowledge":
        cells.append(("items", len(view.items)))
    cells += [
        ("errors", len(view.errors)),
        ("warnings", len(view.warnings)),
        ("success rate", f"{float(job.get('success_rate') or 0):.2f}"),
        ("cost", f"${float(job.get('cost') or 0):.5f}"),
        ("runtime", f"{elapsed:.1f} s" if elapsed is not None else "-"),
    ]
    body = "".join(f"<div data-total='{_e(k)}'><b>{_e(v)}</b>{_e(k)}</div>" for k, v in cells)
    return f"<h2>Totals</h2><div class='totals'>{body}</div>"


def _charts(view: JobView) -> str:
    figures = [
        (
            "Confidence of read documents",
            charts.confidence_histogram(view.scored_confidences(), view.threshold),
        ),
        ("Documents by type", charts.bar_chart(view.by_type(), "Documents by type", "types")),
        ("Documents by status", charts.bar_chart(view.by_status(), "Documents by status", "statuses")),
        (
            "Crawl timeline",
            charts.rate_timeline(view.pages_per_second(), int(view.job.get("total_pages_crawled") or 0)),
        ),
        (
            "Errors by agent",
            charts.bar_chart(view.errors_by_agent(), "Errors by agent", "errors", color=charts.ALERT),
        ),
    ]
    body = "".join(f"<figure><figcaption>{_e(t)}</figcaption>{svg}</figure>" for t, svg in figures)
    return f"<h2>Charts</h2><div class='charts'>{body}</div>"


def _confidence(value: float | None) -> str:
    if value is None:
        return "-"
    pct = max(0.0, min(1.0, float(value))) * 100
    return f"<span class='bar'><span style='width:{pct:.0f}%'></span></span> {float(value):.2f}"


def _documents(view: JobView, file_href: Callable[[dict[str, Any]], str | None] | None) -> str:
    def row(doc: dict[str, Any]) -> str:
        stored = file_href(doc) if file_href and doc.get("raw_path") else None
        size = f"{(doc.get('file_size_bytes') or 0) / 1048576:.2f} MB" if doc.get("file_size_bytes") else ""
        return (
            f"<tr data-status='{_e(doc['status'])}'><td>{_link(doc.get('final_url') or doc['url'], doc.get('name') or doc['url'])}"
            f"<div class='reason'>{_e(doc.get('relevance_reason'))}</div></td>"
            f"<td>{_e(doc.get('document_type'))}</td><td class='conf'>{_confidence(doc.get('confidence_score'))}</td>"
            f"<td>{_e(doc['status'])}{' · ' + _e(doc.get('error')) if doc.get('error') else ''}</td>"
            f"<td>{_link(doc.get('source_page'), 'page')}</td><td>{_link(stored, 'file') if stored else ''} {size}</td></tr>"
        )

    head = (
        "<tr><th>document and why it matched</th><th>type</th><th>confidence</th><th>status</th>"
        "<th>found on</th><th>stored</th></tr>"
    )
    listed = view.listed
    listed_ids = {d["id"] for d in listed}
    others = [d for d in view.documents if d["id"] not in listed_ids]
    html = [
        f"<h2>Documents ({len(listed)} at or above the threshold {view.threshold:g})</h2>",
        f"<table id='documents'>{head}{''.join(row(d) for d in listed)}</table>",
    ]
    if others:
        html.append(
            f"<details><summary>{len(others)} other candidates (below the threshold, not downloaded, "
            f"or failed)</summary><table id='other-documents'>{head}{''.join(row(d) for d in others)}</table></details>"
        )
    return "".join(html)


def _rows(view: JobView) -> str:
    fields: list[str] = []
    for r in view.rows:
        fields += [k for k in (r.get("values") or {}) if k not in fields]
    head = "".join(f"<th>{_e(f)}</th>" for f in fields)
    body = []
    for r in view.rows:
        values = r.get("values") or {}
        flags = "".join(f"<span class='flag'>{_e(f)}</span> " for f in r.get("validation_flags") or [])
        cells = "".join(f"<td>{_e(values.get(f))}</td>" for f in fields)
        body.append(
            f"<tr><td>{_e(r.get('filename'))}</td><td>{_e(r['status'])}</td>"
            f"<td>{_confidence(r.get('confidence'))}</td><td>{flags}</td>{cells}</tr>"
        )
    return (
        f"<h2>Rows ({len(view.rows)})</h2><table id='rows'><tr><th>file</th><th>status</th><th>confidence</th>"
        f"<th>flags</th>{head}</tr>{''.join(body)}</table>"
    )


def _knowledge(view: JobView) -> str:
    business = (view.job.get("result") or {}).get("business") or {}
    profile = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in business.items())
    items = "".join(
        f"<tr><td>{_e(i['category'])}</td><td><b>{_e(i['title'])}</b><div class='reason'>{_e(i.get('description'))}</div></td>"
        f"<td>{_link(i.get('source'), 'source')}</td></tr>"
        for i in view.items
    )
    return (
        f"<h2>Business profile</h2><table id='profile'>{profile}</table>"
        f"<h2>Knowledge items ({len(view.items)})</h2><table id='items'><tr><th>category</th><th>item</th>"
        f"<th>source</th></tr>{items}</table>"
    )


def _issues(view: JobView) -> str:
    errors = "".join(
        f"<tr><td>{_e(e['agent_name'])}</td><td>{_e(e['error_type'])}</td><td>{_e(e['error_message'])}</td>"
        f"<td>{_link(e.get('page_url'))}</td><td>{'yes' if e.get('is_recoverable') else 'no'}</td></tr>"
        for e in view.errors
    )
    warnings = "".join(f"<li>{_e(w)}</li>" for w in view.warnings)
    return (
        f"<h2>Errors ({len(view.errors)})</h2><table id='errors'><tr><th>agent</th><th>type</th><th>message</th>"
        f"<th>url</th><th>recoverable</th></tr>{errors}</table>"
        f"<h2>Warnings ({len(view.warnings)})</h2><ul id='warnings'>{warnings}</ul>"
    )


def duckdb_query(view: JobView) -> str:
    if view.kind == "extract":
        return (
            f"SELECT * FROM read_parquet('{view.datasets_dir}/result_rows_*/*/part-{view.job_id}.parquet',"
            " hive_partitioning = true);"
        )
    if view.kind == "knowledge":
        return (
            f"SELECT category, title, description FROM read_parquet('{view.datasets_dir}/knowledge_items/*/*.parquet',"
            f" hive_partitioning = true)\n  WHERE job_id = '{view.job_id}';"
        )
    return (
        "SELECT name, document_type, round(confidence_score, 2) AS score, relevance_reason\n"
        f"  FROM read_parquet('{view.datasets_dir}/documents/*/*.parquet', hive_partitioning = true)\n"
        f"  WHERE job_id = '{view.job_id}' AND status = 'extracted' AND confidence_score >= {view.threshold}\n"
        "  ORDER BY score DESC;"
    )


def _data(view: JobView) -> str:
    return (
        "<h2>Where the data is</h2>"
        f"<p>Parquet datasets under <code>{_e(view.datasets_dir)}</code>, partitioned "
        "<code>&lt;dataset&gt;/job_date=YYYY-MM-DD/</code>. Query them with DuckDB:</p>"
        f"<pre id='duckdb'>{_e(duckdb_query(view))}</pre>"
    )
