"""Create the database named by DATABASE_URL, with PostGIS and pg_trgm, if missing."""

import os
import sys
import time

import environ
import psycopg2
from psycopg2 import sql

config = environ.Env.db_url_config(os.environ["DATABASE_URL"])
params = {
    "host": config.get("HOST") or None,
    "port": config.get("PORT") or None,
    "user": config.get("USER") or None,
    "password": config.get("PASSWORD") or None,
}
name = config["NAME"]

for attempt in range(20):
    try:
        admin = psycopg2.connect(dbname="postgres", **params)
        break
    except psycopg2.OperationalError as exc:
        if attempt == 19:
            sys.exit(f"Cannot reach PostgreSQL at {params['host']}:{params['port']}: {exc}")
        time.sleep(0.5)
admin.autocommit = True
with admin.cursor() as cur:
    cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    if cur.fetchone() is None:
        print(f"Creating database {name}")
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
admin.close()

db = psycopg2.connect(dbname=name, **params)
db.autocommit = True
with db.cursor() as cur:
    cur.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    cur.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
db.close()
