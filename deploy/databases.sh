#!/usr/bin/env bash
# Creates the databases if missing: one per service and a separate one for its tests, and Keycloak's.
set -euo pipefail
host=${DB_HOST:-127.0.0.1} port=${DB_PORT:-5432} user=${DB_USER:-postgres}
psql_() { psql -h "$host" -p "$port" -U "$user" -d postgres -v ON_ERROR_STOP=1 -tAq "$@"; }

if ! psql_ -c 'select 1' >/dev/null 2>&1; then
  echo "PostgreSQL is not reachable at $host:$port as $user; start it first" >&2
  echo "  (on this machine: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start)" >&2
  exit 1
fi
for name in customers subscriptions credits billing customers_test subscriptions_test credits_test billing_test keycloak; do
  if [ -z "$(psql_ -c "select 1 from pg_database where datname = '$name'")" ]; then
    psql_ -c "create database $name"
    echo "database $name created"
  fi
done
