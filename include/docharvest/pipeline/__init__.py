"""Job steps: plain functions the DAG tasks call, one package per job kind (``scrape``, ``extract``,
``knowledge``), each split by step (plan, crawl/ingest, download/parse, extract, publish).

Each step takes ``Settings`` and a job id (plus a batch number for mapped steps), reads its
job as a ``JobRecord`` (typed params), does its work against the metadata DB (``store``) and
the job's work area, and returns a small reference for XCom. Steps are idempotent, so Airflow
retries are safe. ``common`` holds what every kind shares (job start and end, deadlines, the
download call under the job's cap, heartbeats, CPU metering); ``isolation`` the parse workers.
"""
