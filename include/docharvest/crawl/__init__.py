"""The navigator: crawling a site for documents, politely and safely.

Public surface: :func:`crawl_site` / :func:`crawl_site_sync` and the report types.
Downloading the documents found lives in :mod:`docharvest.download`.
"""

from docharvest.crawl.crawler import crawl_site, crawl_site_sync
from docharvest.crawl.report import CrawlReport, PageRecord
from docharvest.errors import JobIssue

__all__ = ["CrawlReport", "JobIssue", "PageRecord", "crawl_site", "crawl_site_sync"]
