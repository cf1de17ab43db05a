#!/usr/bin/env bash
# Creates the services' databases if missing: one per service, and a separate one for its tests.
set -euo pipefail
host=${DB_HOST:-127.0.0.1} port=${DB_PORT:-5432} user=${DB_USER:-postgres}
psql_() { psql -h "$host" -p "$port" -U "$user" -d postgres -v ON_ERROR_STOP=1 -tAq "$@"; }

if ! psql_ -c 'select 1' >/dev/null 2>&1; then
  echo "PostgreSQL is not reachable at $host:$port as $user; start it first" >&2
  echo "  (on this machine: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start)" >&2
  exit 1
fi
for db in customers subscriptions credits billing; do
  for name in "$db" "${db}_test"; do
    if [ -z "$(psql_ -c "select 1 from pg_database where datname = '$name'")" ]; then
      psql_ -c "create database $name"
      echo "database $name created"
    fi
  done
done
