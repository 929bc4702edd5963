"""Storage: the metadata DB (SQLAlchemy Core + Alembic) and the Parquet datasets.

Every SQL statement of DocHarvest is in this package.

- ``tables``, ``db``: the tables and the engine (WAL on SQLite, migrations).
- ``rows``: ids (``fingerprint``), the clock, the dialect-aware idempotent upsert.
- one module per table (or pair): ``jobs``, ``documents``, ``issues`` (errors, warnings),
  ``result_rows``, ``schemas``, ``knowledge_items``, ``url_state``, ``api_keys``,
  ``webhook_deliveries``.
- ``repository``: all of those under one name (``repository.get_job(engine, ...)``).
- ``parquetfs``: filesystems (local or URL) and atomic file writes; under both
  ``datasets`` (schemas, partition writes) and ``compaction`` (small files -> one).
"""
