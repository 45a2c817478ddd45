#!/usr/bin/env bash
# Chooses the PostgreSQL to use and makes sure the database exists:
#   1. DATABASE_URL from the environment or .env, if set;
#   2. else the local server on 127.0.0.1:5432, if it answers;
#   3. else a project-local cluster on 127.0.0.1:5433, started here.
# Writes the choice to .env so manage.py and pytest use the same database.
set -euo pipefail
cd "$(dirname "$0")/.."

LOCAL_PORT=5433
LOCAL_URL="postgis://postgres@127.0.0.1:${LOCAL_PORT}/meedoen"

local_datadir() {
  if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses root; the postgres user may not reach a project under /root.
    echo "/var/lib/postgresql/meedoen-$(pwd | md5sum | cut -c1-8)"
  else
    echo "$(pwd)/.local/pgdata"
  fi
}

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_local_cluster() {
  local bindir datadir
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  datadir=$(local_datadir)
  if [ ! -f "$datadir/PG_VERSION" ]; then
    echo "Creating a project-local PostgreSQL cluster in $datadir"
    mkdir -p "$datadir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$datadir"
    as_pg "$bindir/initdb" -D "$datadir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! pg_isready -q -h 127.0.0.1 -p "$LOCAL_PORT"; then
    echo "Starting the project-local PostgreSQL on 127.0.0.1:$LOCAL_PORT"
    as_pg "$bindir/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w \
      -o "-p $LOCAL_PORT -c listen_addresses=127.0.0.1 -k /tmp" start >/dev/null
  fi
}

url="${DATABASE_URL:-}"
from_env=1
if [ -z "$url" ] && [ -f .env ]; then
  url=$(sed -n 's/^DATABASE_URL=//p' .env | tail -n 1)
  from_env=0
fi
if [ -z "$url" ]; then
  from_env=0
  if [ -z "${MEEDOEN_LOCAL_PG:-}" ] && pg_isready -q -h 127.0.0.1 -p 5432; then
    url="postgis://postgres@127.0.0.1:5432/meedoen"
  else
    url="$LOCAL_URL"
  fi
fi
if [[ "$url" == *"127.0.0.1:${LOCAL_PORT}/"* ]]; then
  start_local_cluster
fi
if [ "$from_env" -eq 0 ]; then
  touch .env
  grep -v '^DATABASE_URL=' .env > .env.tmp || true
  echo "DATABASE_URL=$url" >> .env.tmp
  mv .env.tmp .env
fi
DATABASE_URL="$url" .venv/bin/python scripts/create_db.py
