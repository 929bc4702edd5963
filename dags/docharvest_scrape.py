"""Scrape job: crawl a website for documents matching a plain-language prompt (an Airflow DAG).

plan -> discover -> download[batch] -> extract[batch] -> validate -> publish.
Every task is a one-line call into ``docharvest.pipeline.scrape``; XCom carries the
job id and batch numbers only. Trigger it from the UI form, the CLI
(``docharvest scrape URL --prompt ...``) or the jobs API.
"""

from __future__ import annotations

from docharvest.models import ScrapeConf
from docharvest.orchestration.jobdags import build_scrape_dag
from docharvest.orchestration.params import params_from_model

dag = build_scrape_dag(
    "docharvest_scrape",
    params=params_from_model(ScrapeConf, overrides={"website": {"pattern": r"^https?://\S+$"}}),
    tags=["docharvest", "scrape"],
    doc_md=__doc__,
)
