"""DocHarvest: find and extract documents from the web as reproducible data.

The core package. It never imports Airflow outside ``docharvest.orchestration``.
"""

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/docharvest/docharvest"
