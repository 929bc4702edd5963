"""Storage: the metadata DB (SQLAlchemy Core + Alembic) and the Parquet datasets.

- ``tables``, ``db``: the tables and the engine (WAL on SQLite, migrations).
- ``repository``: jobs, documents, errors, warnings (reads and idempotent writes).
- ``result_rows``, ``knowledge_items``, ``schemas``, ``api_keys``, ``webhook_deliveries``:
  the other tables' statements.
- ``parquetfs``: filesystems (local or URL) and atomic file writes; under both
  ``datasets`` (schemas, partition writes) and ``compaction`` (small files -> one).
"""
