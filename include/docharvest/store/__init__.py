"""Storage: the metadata DB (SQLAlchemy Core + Alembic) and the Parquet datasets."""
