#!/usr/bin/env bash
# Measures, on the system deploy/run.sh started, how fast the credit API and the purchase flow are, next to
# pgbench running the same SQL against the same PostgreSQL, and prints one table. Not run by CI.
#   deploy/bench.sh                    10 s per measurement (about 10 minutes in all here, more on the first run)
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

# The CPU split: ticks (1/100 s) of the load generator and pgbench (this script's finished children), the services,
# PostgreSQL (the postmaster with its finished backends, and the live ones) and the whole machine, busy or not.
ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat" 2>/dev/null || echo 0; }
cpu_sample() { # prints: load services postgresql busy all
  local services=0 postgresql=0 pid entry
  for entry in $SERVICES; do pid=$(service_pid "${entry%%:*}") && services=$((services + $(ticks "$pid"))); done
  for pid in $(pgrep -x postgres); do postgresql=$((postgresql + $(ticks "$pid"))); done
  echo "$(ticks $$) $services $postgresql $(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat)"
}
cpu_split() { # label "sample before": one line with each part's share of the machine's CPU between then and now
  read -r l0 s0 p0 b0 a0 <<<"$2"
  read -r l1 s1 p1 b1 a1 <<<"$(cpu_sample)"
  awk -v label="$1" -v l=$((l1 - l0)) -v s=$((s1 - s0)) -v p=$((p1 - p0)) -v b=$((b1 - b0)) -v a=$((a1 - a0)) 'BEGIN {
    printf "CPU\t%s\t%.0f\t%.0f\t%.0f\t%.0f\t%.0f\n", label, 100 * l / a, 100 * s / a, 100 * p / a, 100 * (b - l - s - p) / a, 100 * (a - b) / a }'
}

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
pgbench_began=$(cpu_sample)
for c in ${clients//,/ }; do
  pgbench_ debit-many "$c" debit.sql
  pgbench_ debit-hot "$c" debit-hot.sql
  pgbench_ debit-hot-1stmt "$c" debit-hot-one-statement.sql
  pgbench_ read "$c" read.sql
done
cpu_split pgbench "$pgbench_began" >>"$results"

echo "the services, $seconds s each..."
services_began=$(cpu_sample)
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
cpu_split services "$services_began" >>"$results"
"$bench/hops.sh" "$purchases" >"$out/hops.txt"

for entry in $SERVICES; do
  pid=$(service_pid "${entry%%:*}") && printf 'RSS\t%s\t%d\n' "${entry%%:*}" "$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")" >>"$results"
done

reconciled=0
"$here/reconcile.sh" >"$out/reconcile.log" 2>&1 || reconciled=1

awk -F'\t' -v reconcile="$(tail -1 "$out/reconcile.log")" '
  $1 == "PGBENCH" { pg[$2 "/" $3] = $4 }
  $1 == "RESULT"  { rows[++n] = $0 }
  $1 == "RSS"     { rss = rss sprintf("%s %d MB  ", $2, $3); if ($3 > 300) rssOver = 1 }
  $1 == "CPU"     { cpu[$2] = sprintf("load generator %d %%, services %d %%, PostgreSQL %d %%, the rest (Kafka, Keycloak, the OS) %d %%, idle %d %%", $3, $4, $5, $6, $7) }
  # target: issue 21 (ratios against pgbench in the same run); met: yes, NO, or - where none is set
  function row(name, clients, rps, p50, p95, p99, errors, base, ratio, target, met) {
    printf "%-28s %7s %9s %8s %8s %8s %7s %11s %7s  %-24s %s\n", name, clients, rps, p50, p95, p99, errors, base, ratio, target, met
  }
  function verdict(ok) { return ok ? "yes" : "NO" }
  END {
    label["debit-many"] = "debit, 10,000 customers"; label["debit-hot"] = "debit, one hot customer"
    label["read"] = "balance read"; label["purchase"] = "purchase -> credits visible"
    label["debit-many-ar"] = "debit 10,000, auto-recharge"; label["debit-hot-ar"] = "debit hot, auto-recharge"
    row("measurement", "clients", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "pgbench tps", "ratio", "target", "met")
    for (i = 1; i <= n; i++) {
      split(rows[i], f, "\t"); errors += f[8]
      key = f[2]; sub(/-ar$/, "", key); key = key "/" f[3] # auto-recharge on: the same pgbench baseline
      base = pg[key]; share = base ? 100 * f[4] / base : 0; ratio = base ? sprintf("%.0f%%", share) : "-"
      target = "-"; met = "-"
      if (f[2] == "read") { target = ">= 30 %"; ok = share >= 30; if (f[3] == 32) { target = target ", p99 <= 10 ms"; ok = ok && f[7] <= 10 }; met = verdict(ok) }
      if (f[2] == "debit-many" && f[3] == 32) { target = ">= 60 %, p99 <= 25 ms"; met = verdict(share >= 60 && f[7] <= 25) }
      if (f[2] == "purchase") { target = "p99 < 300 ms"; met = verdict(f[7] < 300) }
      row(label[f[2]], f[3], f[4], f[5], f[6], f[7], f[8], base ? base : "-", ratio, target, met)
      if (f[2] == "debit-hot") {
        one = pg["debit-hot-1stmt/" f[3]]; share = one ? 100 * f[4] / one : 0
        row("  vs one-statement debit", f[3], "", "", "", "", "", one, sprintf("%.0f%%", share), f[3] == 32 ? ">= 200 %" : "-", f[3] == 32 ? verdict(share >= 200) : "-")
      }
    }
    printf "\nmemory (RSS): %s (target: <= 300 MB each, met: %s)\n", rss, verdict(!rssOver)
    printf "CPU while pgbench ran: %s\nCPU while the services were measured: %s\n", cpu["pgbench"], cpu["services"]
    printf "errors: %d\n%s\n", errors, reconcile
    exit errors > 0
  }' "$results" || failed=1
printf '\nWhere the purchases took their time (deploy/bench/hops.sh):\n' && cat "$out/hops.txt"
echo "(raw figures: $results; pgbench logs, the purchase hops and the reconciliation in $out)"
[ "$reconciled" = 0 ] && [ -z "${failed:-}" ]
