"""The read side: a job's rows shaped as the seeds' bodies and as Parquet dataset rows.

- ``scrape``    seed 001/000: ``/scrape/status``, ``/scrape/results``, job summaries; which
  documents a job returns (``jobrecord.ReturnRule``, applied here and nowhere else).
- ``extract``   seed 002: ``GET /v1/jobs/:id/results``.
- ``knowledge`` seed 003: ``GET /v1/jobs/{jobId}`` (for every job kind).
- ``datasets``  the rows of the Parquet datasets (documents, jobs, job_errors,
  knowledge_items, result_rows_<schema>) with their lineage columns.
- ``timeline``  the crawl's pages-over-time samples the job report draws.

Views read through ``store`` and never import ``pipeline``, ``api`` or ``commands``: the
API, the CLI and the publish steps all call them, so a body has one definition.
"""
