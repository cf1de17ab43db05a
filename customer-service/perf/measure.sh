#!/bin/bash
# Measures the Customers list on 100,000 customers: starts the built service against a scratch database
# (customers_perf, port 18081, its own topic), loads seed.sql once, then prints HTTP timings (median and
# p90 of 50 calls after 30 warm-up calls) and the EXPLAIN ANALYZE of the SQL Hibernate issues (median of 5).
# Needs: ./mvnw -pl customer-service package -DskipTests, and Keycloak running (deploy/keycloak.sh start): the
# partner's token comes from it.
set -euo pipefail
cd "$(dirname "$0")"
PSQL="psql -h ${DB_HOST:-127.0.0.1} -U ${DB_USER:-postgres} -v ON_ERROR_STOP=1"
PORT=18081

$PSQL -Atc "select 1 from pg_database where datname = 'customers_perf'" | grep -q 1 || $PSQL -qc "create database customers_perf"
DB_NAME=customers_perf QUARKUS_HTTP_PORT=$PORT \
  MP_MESSAGING_OUTGOING_CUSTOMER_EVENTS_TOPIC=perf.customer.events \
  java -Xmx512m -jar ../target/quarkus-app/quarkus-run.jar > ../target/perf-service.log 2>&1 &
SERVICE=$!
trap 'kill $SERVICE' EXIT
until curl -sf "127.0.0.1:$PORT/q/health/ready" > /dev/null; do sleep 1; done
if [ "$($PSQL -d customers_perf -Atc 'select count(*) from customer')" = 0 ]; then
  $PSQL -d customers_perf -q -f seed.sql
fi
$PSQL -d customers_perf -qc "vacuum analyze customer"  # what autovacuum does after a bulk load

token() { # a Keycloak token of a user of the partner (made the first time)
  ../../deploy/keycloak.sh token partner "$1" | tail -1
}
BIG_ID=00000000-0000-0000-0000-000000000001; SMALL_ID=00000000-0000-0000-0000-000000000019
BIG=$(token $BIG_ID); SMALL=$(token $SMALL_ID)

http() { # label token query
  for _ in $(seq 30); do curl -s -o /dev/null -H "Authorization: Bearer $2" "127.0.0.1:$PORT/api/customers?$3"; done
  for _ in $(seq 50); do curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $2" "127.0.0.1:$PORT/api/customers?$3"; done \
    | sort -n | awk -v l="$1" '{t[NR]=$1*1000} END{printf "HTTP %-40s median %6.1f ms  p90 %6.1f ms\n", l, t[25], t[45]}'
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
http "big partner (50k): page 0, size 20"   "$BIG"   "size=20"
http "big partner: sort=name"               "$BIG"   "size=20&sort=name"
http "big partner: status=SUSPENDED"        "$BIG"   "size=20&status=SUSPENDED"
http "big partner: q=zylker (2,500 hits)"   "$BIG"   "size=20&q=zylker"
http "big partner: q=contact4242 (11 hits)" "$BIG"   "size=20&q=contact4242"
http "big partner: q=zylker&sort=name"      "$BIG"   "size=20&q=zylker&sort=name"
http "small partner (2.6k): page 0"         "$SMALL" "size=20"
http "small partner: q=zylker"              "$SMALL" "size=20&q=zylker"

COLS="c1_0.id, c1_0.agents, c1_0.company_name, c1_0.contact_name, c1_0.country, c1_0.created_at, c1_0.desk_org_id, c1_0.email, c1_0.partner_id, c1_0.payer, c1_0.phone, c1_0.plan_code, c1_0.status, c1_0.updated_at, c1_0.version"
search() { echo "( lower(c1_0.company_name) like '%$1%' escape '!' or lower(c1_0.email) like '%$1%' escape '!' )"; }
page() { echo "select $COLS from Customer c1_0 where $1 order by $2 offset $3 rows fetch first 20 rows only"; }
count() { echo "select count(*) from Customer c1_0 where $1"; }
explain() { # label sql: median of 5 warm runs and the plan's scan nodes
  local times=() plan
  for i in 1 2 3 4 5 6; do
    plan=$($PSQL -d customers_perf -At -c "explain (analyze, buffers) $2")
    [ "$i" -gt 1 ] && times+=("$(echo "$plan" | grep 'Execution Time' | grep -o '[0-9.]*')")
  done
  printf 'SQL  %-44s %8s ms   %s\n' "$1" "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)" \
    "$(echo "$plan" | grep -oE '(Index Only Scan|Index Scan Backward|Index Scan|Bitmap Index Scan|Seq Scan|Sort)( using [a-z_]+)?' | sort -u | paste -sd, -)"
}
B="c1_0.partner_id='$BIG_ID'"; S="c1_0.partner_id='$SMALL_ID'"
NEWEST="c1_0.created_at desc, c1_0.id desc"; NAME="lower(c1_0.company_name) asc, c1_0.id asc"
explain "big partner page 0"                 "$(page "$B" "$NEWEST" 0)"
explain "big partner count"                  "$(count "$B")"
explain "big partner page 1000 by name"      "$(page "$B" "$NAME" 20000)"
explain "big status=SUSPENDED count"         "$(count "$B and c1_0.status='SUSPENDED'")"
explain "big q=zylker page 0"                "$(page "$B and $(search zylker)" "$NEWEST" 0)"
explain "big q=zylker count"                 "$(count "$B and $(search zylker)")"
explain "big q=zylker page 0 by name"        "$(page "$B and $(search zylker)" "$NAME" 0)"
explain "big q=contact4242 page 0"           "$(page "$B and $(search contact4242)" "$NEWEST" 0)"
explain "small partner count"                "$(count "$S")"
explain "ops, all partners, page 0"          "$(page "1=1" "$NEWEST" 0)"
