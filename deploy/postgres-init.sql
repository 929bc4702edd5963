-- DocHarvest's own metadata DB, next to Airflow's (never Airflow's tables).
CREATE USER docharvest WITH PASSWORD 'docharvest';
CREATE DATABASE docharvest OWNER docharvest;
