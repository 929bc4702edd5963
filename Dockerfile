# DocHarvest on Airflow: the project installed from the pinned requirements.txt (no constraints URL).
# libgl1/libglib2.0-0: opencv-python (pulled in by rapidocr-onnxruntime, the OCR of scanned PDFs) loads them.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    AIRFLOW_HOME=/opt/airflow \
    PIP_NO_CACHE_DIR=1
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 tini libgl1 libglib2.0-0 && rm -rf /var/lib/apt/lists/* \
    && useradd --uid 50000 --create-home --home-dir /opt/airflow airflow
WORKDIR /opt/docharvest
COPY requirements.txt ./
# requirements.txt pins the Celery provider and celery<5.7 (5.7 breaks provider 3.26's workers).
RUN pip install uv && uv pip install --system --compile-bytecode -r requirements.txt
COPY pyproject.toml README.md ./
COPY include ./include
COPY dags ./dags
COPY plugins ./plugins
RUN uv pip install --system --no-deps -e .
USER airflow
ENTRYPOINT ["tini", "--", "airflow"]
