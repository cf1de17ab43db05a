#!/usr/bin/env bash
# Measures, on the system deploy/run.sh started, how fast the credit API and the purchase flow are, next to
# pgbench running the same SQL against the same PostgreSQL, and prints one table. Not run by CI.
#   deploy/bench.sh                    10 s per measurement (about 6 minutes in all, more on the first run)
#   BENCH_SECONDS=20 deploy/bench.sh   longer measurements; BENCH_PURCHASES (200), BENCH_CLIENTS (8,32)
# The data set is 10,000 customers of the benchmark's own partner, registered through customer.events
# and funded by ops adjustments the first time; later runs only top up their balances.
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/services.sh"
host=${DB_HOST:-127.0.0.1} port=${DB_PORT:-5432} user=${DB_USER:-postgres}
seconds=${BENCH_SECONDS:-10} clients=${BENCH_CLIENTS:-8,32} purchases=${BENCH_PURCHASES:-200} customers=10000
bench="$here/bench" out="$work/bench" && mkdir -p "$out"
results="$out/results.tsv" && : >"$results"
psql_() { psql -h "$host" -p "$port" -U "$user" -d "${CREDITS_DB:-credits}" -v ON_ERROR_STOP=1 -qAt "$@"; }
id_of_n="('b0000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid"

for entry in $SERVICES; do
  curl -sf "http://127.0.0.1:${entry##*:}/q/health/ready" >/dev/null \
    || { echo "${entry%%:*} is not running on ${entry##*:}: start the system with deploy/run.sh first" >&2; exit 1; }
done

echo "building the load generator..."
(cd "$root" && ./mvnw -B -q -f "$bench/pom.xml" package dependency:build-classpath -Dmdep.outputFile="$bench/target/classpath.txt" -DskipTests)
# tokens from Keycloak, fresh for each step, as the running system takes them (Desk clients: see Tokens.java)
token() { "$here/keycloak.sh" token "$@" | tail -1; }
gen() { java -Xms256m -Xmx512m -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" \
  -Dbench.ops-token="$(token ops)" -Dbench.partner-token="$(token partner b0000000-0000-4000-a000-000000000000)" \
  -Dbench.seconds="$seconds" -Dbench.clients="$clients" -Dbench.purchases="$purchases" io.imcredits.bench.Bench "$@"; }

# The data set, through the system's own paths: CustomerRegistered opens the credit accounts (and the other
# services' subscriptions and card owners), ops adjustments fund them so the ledger explains every cent.
missing=$(psql_ -c "select n from generate_series(1, $customers) n where not exists (select 1 from credit_account where customer_id = $id_of_n)")
if [ -n "$missing" ]; then
  echo "registering $(echo "$missing" | wc -l) benchmark customers..."
  gen register <<<"$missing"
  t=$SECONDS
  until [ "$(psql_ -c "select count(*) from generate_series(1, $customers) n join credit_account a on a.customer_id = $id_of_n")" = $customers ]; do
    [ $((SECONDS - t)) -lt 600 ] || { echo "credits-service did not open the benchmark accounts in 10 minutes" >&2; exit 1; }
    sleep 1
  done
fi
# the hot account spends about 2,000 USD a run (service and pgbench); the others a few cents each
underfunded=$(psql_ -c "select n, case when n = 1 then 10000 else 100 end from generate_series(1, $customers) n
  join credit_account a on a.customer_id = $id_of_n where a.available < case when n = 1 then 5000 else 20 end")
[ -z "$underfunded" ] || { echo "funding $(echo "$underfunded" | wc -l) accounts..."; gen fund <<<"$underfunded"; }

# pgbench: the same statements on the same rows, at the same concurrency
pgbench_() { # name clients script
  local tps
  tps=$(pgbench -h "$host" -p "$port" -U "$user" -n -M prepared -c "$2" -j 2 -T "$seconds" -D customers=$customers \
    -D run="$(date +%s)" -f "$bench/sql/$3" "${CREDITS_DB:-credits}" 2>&1 | tee "$out/pgbench-$1-$2.log" \
    | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
  [ -n "$tps" ] || { echo "pgbench $1 failed:" >&2; cat "$out/pgbench-$1-$2.log" >&2; exit 1; }
  printf 'PGBENCH\t%s\t%s\t%.0f\n' "$1" "$2" "$tps" | tee -a "$results"
}
echo "pgbench, $seconds s each..."
for c in ${clients//,/ }; do
  pgbench_ debit-many "$c" debit.sql
  pgbench_ debit-hot "$c" debit-hot.sql
  pgbench_ debit-hot-1stmt "$c" debit-hot-one-statement.sql
  pgbench_ read "$c" read.sql
done

echo "the services, $seconds s each..."
gen load | tee -a "$results"

# The debits again with auto-recharge on for every benchmark customer (a threshold below their balances: each
# balance change is checked for a crossing, none happens); then off again, as the data set was.
auto_recharge() { # on|off: waits until credits-service holds (or dropped) every threshold
  local want=$customers
  [ "$1" = on ] || want=0
  gen auto-recharge "$1"
  t=$SECONDS
  until [ "$(psql_ -c "select count(*) from generate_series(1, $customers) n join credit_account a on a.customer_id = $id_of_n
      where a.auto_recharge_threshold is not null")" = "$want" ]; do
    [ $((SECONDS - t)) -lt 300 ] || { echo "credits-service did not take auto-recharge $1 in 5 minutes" >&2; exit 1; }
    sleep 1
  done
}
echo "the debits with auto-recharge on..."
auto_recharge on
gen load debits -ar | tee -a "$results"
auto_recharge off
echo "$purchases purchases..."
gen purchases | tee -a "$results"

for entry in $SERVICES; do
  pid=$(service_pid "${entry%%:*}") && printf 'RSS\t%s\t%d\n' "${entry%%:*}" "$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")" >>"$results"
done

reconciled=0
"$here/reconcile.sh" >"$out/reconcile.log" 2>&1 || reconciled=1

awk -F'\t' -v reconcile="$(tail -1 "$out/reconcile.log")" '
  $1 == "PGBENCH" { pg[$2 "/" $3] = $4 }
  $1 == "RESULT"  { rows[++n] = $0 }
  $1 == "RSS"     { rss = rss sprintf("%s %d MB  ", $2, $3) }
  END {
    label["debit-many"] = "debit, 10,000 customers"; label["debit-hot"] = "debit, one hot customer"
    label["read"] = "balance read"; label["purchase"] = "purchase -> credits visible"
    label["debit-many-ar"] = "debit 10,000, auto-recharge"; label["debit-hot-ar"] = "debit hot, auto-recharge"
    printf "%-28s %7s %9s %8s %8s %8s %7s %11s %7s\n", "measurement", "clients", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "pgbench tps", "ratio"
    for (i = 1; i <= n; i++) {
      split(rows[i], f, "\t"); errors += f[8]
      key = f[2]; sub(/-ar$/, "", key); key = key "/" f[3] # auto-recharge on: the same pgbench baseline
      base = pg[key]; ratio = base ? sprintf("%.0f%%", 100 * f[4] / base) : "-"
      printf "%-28s %7s %9s %8s %8s %8s %7s %11s %7s\n", label[f[2]], f[3], f[4], f[5], f[6], f[7], f[8], base ? base : "-", ratio
      if (f[2] == "debit-hot") printf "%-28s %7s %9s %8s %8s %8s %7s %11s %7s\n", "  vs one-statement debit", f[3], "", "", "", "", "", pg["debit-hot-1stmt/" f[3]], sprintf("%.0f%%", 100 * f[4] / pg["debit-hot-1stmt/" f[3]])
    }
    printf "\nmemory (RSS): %s\nerrors: %d\n%s\n", rss, errors, reconcile
    exit errors > 0
  }' "$results" || failed=1
echo "(raw figures: $results; pgbench logs and the reconciliation in $out)"
[ "$reconciled" = 0 ] && [ -z "${failed:-}" ]
