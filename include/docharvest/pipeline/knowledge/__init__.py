"""The knowledge job's steps: plan -> crawl -> extract -> publish.

- ``plan``     (coordinator) creates/resumes the job row, starts the clock.
- ``crawl``    (navigator)   crawls with page priorities; each page is reduced to a small
  ``PageExtract`` as it streams in (HTML is never held), progress written per page.
- ``items``    the ``extract`` step (extractor), "Extracting knowledge": business profile + items,
  written to the job row (``result``) and the ``knowledge_items`` table.
- ``publish``  (publisher)   Parquet ``knowledge_items`` (+ ``jobs``, ``job_errors``), status
  completed, "Complete".
- ``inline``   the four steps in one process, without Airflow.

The seed-003 body of a knowledge job is ``views.knowledge``; its dataset rows are ``views.datasets``.
"""

from docharvest.pipeline.knowledge.crawl import crawl, load_pages
from docharvest.pipeline.knowledge.inline import run_knowledge_inline
from docharvest.pipeline.knowledge.items import extract
from docharvest.pipeline.knowledge.plan import DAG_ID, plan
from docharvest.pipeline.knowledge.publish import publish

__all__ = ["DAG_ID", "crawl", "extract", "load_pages", "plan", "publish", "run_knowledge_inline"]
