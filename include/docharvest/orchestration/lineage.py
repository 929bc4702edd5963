"""OpenLineage for publish tasks: the Parquet datasets a job run wrote, as OpenLineage outputs.

With ``apache-airflow-providers-openlineage`` installed and a transport configured
(``AIRFLOW__OPENLINEAGE__TRANSPORT``), the provider's listener emits a START and a COMPLETE
RunEvent for every task. Without a transport the provider disables itself: no listener, and
nothing in this module ever runs.

Why publish tasks use :func:`publish_task` instead of ``@task``: the provider has no
extractor for TaskFlow tasks, so it falls back to hook lineage and then to the task's
inlets/outlets, turning each Asset into a dataset through the converter that the provider
of its URI scheme registers. Our Assets are logical (``docharvest://datasets/<name>``, so
that downstream DAGs can be scheduled on them wherever the data lives): no converter, and
the provider drops them. The physical location (``DOCHARVEST_DATASETS_URL`` or
``DOCHARVEST_DATA_DIR``) is known only when the task runs. The provider's operator-level
hook, ``get_openlineage_facets_on_complete``, runs after the task succeeds and takes
precedence over those fallbacks: :class:`PublishOperator` answers it with the datasets
the job wrote, named as the OpenLineage naming spec says (local files: namespace ``file``,
name the absolute path; ``s3://bucket/key``: namespace ``s3://bucket``, name the key).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk.bases.decorator import DecoratedOperator, TaskDecorator, task_decorator_factory

# What a publish step wrote: dataset name -> its pyarrow schema (for the schema facet), given
# the task's settings and job id. Called only when OpenLineage asks, after the task succeeded.
PublishedDatasets = Callable[[Any, str], Mapping[str, Any]]

# fsspec/Hadoop spellings of the same store, named as the OpenLineage naming spec names them.
SCHEME_ALIASES = {"s3a": "s3", "s3n": "s3", "gcs": "gs"}


def dataset_identifier(location: str | Path, dataset: str) -> tuple[str, str]:
    """OpenLineage (namespace, name) of ``dataset`` under the datasets root ``location``.

    A local folder (or ``file://`` URL) gives ``("file", "/abs/path/<dataset>")``; an object
    store URL ``s3://bucket/prefix`` gives ``("s3://bucket", "prefix/<dataset>")``; any other
    ``scheme://authority/path`` gives ``("scheme://authority", "path/<dataset>")``. Query
    options (``?endpoint_override=…``) are connection details, not part of the name.
    """
    text = str(location)
    if "://" not in text:
        return "file", f"{Path(text).resolve().as_posix().rstrip('/')}/{dataset}"
    parts = urlsplit(text)
    path = parts.path.strip("/")
    key = f"{path}/{dataset}" if path else dataset
    if parts.scheme == "file":
        return "file", f"/{key}"
    scheme = SCHEME_ALIASES.get(parts.scheme, parts.scheme)
    return (f"{scheme}://{parts.netloc}" if parts.netloc else scheme), key


def output_datasets(location: str | Path, published: Mapping[str, Any]) -> list[Any]:
    """OpenLineage output datasets for ``published`` (name -> pyarrow schema or None)."""
    from openlineage.client.event_v2 import OutputDataset
    from openlineage.client.facet_v2 import schema_dataset

    outputs = []
    for dataset, schema in published.items():
        namespace, name = dataset_identifier(location, dataset)
        facets: dict[str, Any] = {}
        if schema is not None:
            fields = [schema_dataset.SchemaDatasetFacetFields(name=f.name, type=str(f.type)) for f in schema]
            facets["schema"] = schema_dataset.SchemaDatasetFacet(fields=fields)
        outputs.append(OutputDataset(namespace=namespace, name=name, facets=facets))
    return outputs


class PublishOperator(DecoratedOperator, PythonOperator):
    """A TaskFlow publish step that tells OpenLineage which Parquet datasets it wrote.

    The wrapped function returns the job id; ``published(settings, job_id)`` names the
    datasets. Runs like ``@task`` otherwise.
    """

    custom_operator_name = "@task"

    def __init__(
        self,
        *,
        python_callable: Callable[..., Any],
        op_args: Collection[Any] | None,
        op_kwargs: Mapping[str, Any] | None,
        published: PublishedDatasets,
        **kwargs: Any,
    ) -> None:
        self.published = published
        self.published_job_id: str | None = None
        super().__init__(
            kwargs_to_upstream={
                "python_callable": python_callable,
                "op_args": op_args,
                "op_kwargs": op_kwargs,
            },
            python_callable=python_callable,
            op_args=op_args,
            op_kwargs=op_kwargs,
            **kwargs,
        )

    def execute(self, context: Any) -> Any:
        job_id = super().execute(context)
        self.published_job_id = str(job_id)
        return job_id

    def get_openlineage_facets_on_complete(self, task_instance: Any) -> Any:
        """Called by the OpenLineage provider (only when enabled) after the task succeeded."""
        from airflow.providers.openlineage.extractors import OperatorLineage

        from docharvest.config import Settings

        if self.published_job_id is None:  # not executed in this process: nothing to report
            return OperatorLineage()
        settings = Settings()
        published = self.published(settings, self.published_job_id)
        return OperatorLineage(outputs=output_datasets(settings.datasets_location, published))


def scrape_datasets(settings: Any, job_id: str) -> Mapping[str, Any]:
    """A scrape job's publish writes these (``docharvest.pipeline.scrape.publish``)."""
    from docharvest.store.datasets import SCHEMAS

    return {name: SCHEMAS[name] for name in ("documents", "jobs", "job_errors")}


def knowledge_datasets(settings: Any, job_id: str) -> Mapping[str, Any]:
    """A knowledge job's publish writes these (``docharvest.pipeline.knowledge.publish``)."""
    from docharvest.store.datasets import SCHEMAS

    return {name: SCHEMAS[name] for name in ("knowledge_items", "jobs", "job_errors")}


def extract_datasets(settings: Any, job_id: str) -> Mapping[str, Any]:
    """An extract job's publish writes its schema's result rows (``result_rows_<schema>``), ``jobs``
    and ``job_errors``."""
    from docharvest.pipeline.extract import job_schema
    from docharvest.store.datasets import SCHEMAS, result_rows_schema
    from docharvest.views.datasets import dataset_name

    _, schema = job_schema(settings, job_id)
    rows = {dataset_name(schema): result_rows_schema([(f.name, f.type) for f in schema.fields])}
    return rows | {name: SCHEMAS[name] for name in ("jobs", "job_errors")}


def publish_task(*, published: PublishedDatasets, **kwargs: Any) -> TaskDecorator:
    """``@task`` for a publish step: ``@publish_task(published=..., outlets=[...])``."""
    return task_decorator_factory(decorated_operator_class=PublishOperator, published=published, **kwargs)
