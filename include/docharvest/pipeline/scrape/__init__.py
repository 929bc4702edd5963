"""The scrape job's steps: plan -> discover -> download[batch] -> extract[batch] -> validate -> publish.

Agents (what the API reports): plan=coordinator, discover=navigator, download=scraper,
extract=extractor, validate=validator, publish=publisher.

- ``plan``        the job row and the parsed prompt
- ``discover``    the crawl, pre-scored candidates, batches (``candidates``: rows and names); the
                  documents it would download are fetched as found (``docharvest.prefetch``)
- ``download``    a batch's documents under the job's size cap (incremental for sources); those
                  the crawl fetched are adopted, not asked for again
- ``read``        parsing in isolated workers, the final relevance score
- ``publish``     validation, duplicate merging, totals and cost, Parquet
- ``inline``      all six in one process, without Airflow
"""

from docharvest.pipeline.scrape.discover import discover
from docharvest.pipeline.scrape.download import download
from docharvest.pipeline.scrape.inline import run_scrape_inline
from docharvest.pipeline.scrape.plan import plan
from docharvest.pipeline.scrape.publish import publish, validate
from docharvest.pipeline.scrape.read import extract

__all__ = ["discover", "download", "extract", "plan", "publish", "run_scrape_inline", "validate"]
