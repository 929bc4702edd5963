"""One job as a page a person reads: the Airflow UI's DocHarvest view and ``docharvest report``.

``load_job_view`` gathers the job's rows (documents, errors, warnings, extract rows,
knowledge items, the crawl timeline); ``render_job_page`` turns them into one
self-contained HTML page (inline CSS, charts as inline SVG, no script, no CDN).
"""

from docharvest.jobview.data import JobView, load_job_view
from docharvest.jobview.page import render_job_page

__all__ = ["JobView", "load_job_view", "render_job_page"]
