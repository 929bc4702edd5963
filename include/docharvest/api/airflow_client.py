"""The Airflow REST client, as the API knows it (it lives in ``docharvest.airflow_rest``: the reaper
in ``liveness`` asks it about runs too, and the core must not import up into the API)."""

from docharvest.airflow_rest import AirflowClient, AirflowUnavailableError, read_password_file

__all__ = ["AirflowClient", "AirflowUnavailableError", "read_password_file"]
