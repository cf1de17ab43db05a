# Sourced by deploy/reconcile.sh and deploy/bench/hops.sh: both read the services' databases only to copy what they
# compare into a scratch database of their own (`reconcile`), which this makes when it is missing.
host=${DB_HOST:-127.0.0.1} port=${DB_PORT:-5432} user=${DB_USER:-postgres}
export PGOPTIONS="-c client_min_messages=warning"
psql_() { local db=$1; shift; psql -h "$host" -p "$port" -U "$user" -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"; }
copy() { # source-db, select, target-table
  psql_ "$1" -c "\\copy ($2) to stdout" | psql_ reconcile -c "\\copy $3 from stdin"
}
[ -n "$(psql_ postgres -c "select 1 from pg_database where datname = 'reconcile'")" ] || psql_ postgres -c "create database reconcile"
