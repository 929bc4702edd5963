"""The Airflow edge of DocHarvest: the only place in the core that imports airflow.

``params``  builds DAG ``params`` (the UI trigger form) from the pydantic conf models.
``tasks``   turns core errors into Airflow's retry/fail semantics and records failures.
``runner``  runs one job as a DAG run in-process (dag.test), for the CLI and the demo.
"""
