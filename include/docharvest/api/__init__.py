"""The jobs API: FastAPI app factory, one router per seed family, auth, errors, webhooks.

``create_app(settings)`` builds the app; it never imports airflow (it talks to Airflow's
REST API), so it runs standalone (``docharvest api``) or inside Airflow's API server.
"""

from docharvest.api.app import create_app

__all__ = ["create_app"]
