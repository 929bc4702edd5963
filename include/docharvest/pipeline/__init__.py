"""Job steps: plain functions the DAG tasks call, one module per job kind.

Each step takes ``Settings`` and a job id (plus a batch number for mapped steps),
does its work against the metadata DB and the job's work area, and returns a small
reference for XCom. Steps are idempotent, so Airflow retries are safe.
"""
