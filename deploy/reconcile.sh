#!/usr/bin/env bash
# Checks, across the services' databases, that the money adds up, and prints every difference:
#   - every COMPLETED order has exactly one successful charge (in billing and at the sandbox
#     gateway, which keeps its own record per idempotency key), one invoice for its total, and (when
#     it bought credits) exactly one grant of the bought balance;
#   - a FAILED order has no charge that kept the money, and no grant;
#   - no order has been waiting for payment for more than RECONCILE_PENDING_MINUTES (default 15);
#   - every credit account's available balance equals the sum of its ledger, and its held amount
#     the sum of its open holds, and its expiring part what its open lots still hold.
# Exits 1 when anything differs. Read-only for the services: it copies what it needs into a
# scratch database (`reconcile`) and compares there.
set -euo pipefail
host=${DB_HOST:-127.0.0.1} port=${DB_PORT:-5432} user=${DB_USER:-postgres}
export PGOPTIONS="-c client_min_messages=warning"
pending_minutes=${RECONCILE_PENDING_MINUTES:-15}
psql_() { local db=$1; shift; psql -h "$host" -p "$port" -U "$user" -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"; }
copy() { # source-db, select, target-table
  psql_ "$1" -c "\\copy ($2) to stdout" | psql_ reconcile -c "\\copy $3 from stdin"
}

[ -n "$(psql_ postgres -c "select 1 from pg_database where datname = 'reconcile'")" ] || psql_ postgres -c "create database reconcile"
psql_ reconcile <<'SQL'
drop table if exists orders, charges, gateway_charges, invoices, grants, accounts, ledger, holds, lots;
create unlogged table orders (id uuid, customer_id uuid, status text, credit_balance numeric, total numeric, created_at timestamptz);
create unlogged table charges (order_id uuid, status text, total numeric);
create unlogged table gateway_charges (order_key text, outcome text, refunded boolean);
create unlogged table invoices (order_id uuid, total numeric, status text);
create unlogged table grants (order_id uuid, amount numeric);
create unlogged table accounts (customer_id uuid, available numeric, held numeric, expiring numeric);
create unlogged table ledger (customer_id uuid, amount numeric);
create unlogged table holds (customer_id uuid, amount numeric);
create unlogged table lots (customer_id uuid, remaining numeric);
SQL
copy "${SUBSCRIPTIONS_DB:-subscriptions}" "select o.id, o.customer_id, o.status, q.credit_balance, q.total, o.created_at from license_order o join quote q on q.id = o.quote_id" orders
copy "${BILLING_DB:-billing}" "select order_id, status, total from charge where kind = 'ORDER'" charges
copy "${BILLING_DB:-billing}" "select order_id, total, status from invoice where order_id is not null" invoices
# The sandbox gateway's own ledger (a real gateway's report would take its place): keys are the order id, "#n" for retries.
copy "${BILLING_DB:-billing}" "select split_part(idempotency_key, '#', 1), outcome, refunded_at is not null from sandbox_gateway_charge" gateway_charges
copy "${CREDITS_DB:-credits}" "select substring(reference from 7)::uuid, amount from ledger_entry where type = 'GRANT' and reference like 'order:%'" grants
copy "${CREDITS_DB:-credits}" "select customer_id, available, held, expiring from credit_account" accounts
copy "${CREDITS_DB:-credits}" "select customer_id, amount from ledger_entry" ledger
copy "${CREDITS_DB:-credits}" "select customer_id, amount from credit_hold where status = 'OPEN'" holds
copy "${CREDITS_DB:-credits}" "select customer_id, remaining from credit_lot where remaining > 0" lots

differences=$(psql_ reconcile -F ' | ' -v pending="$pending_minutes" <<'SQL'
with per_order as (
  select o.*,
    (select count(*) from charges c where c.order_id = o.id and c.status = 'SUCCEEDED') as kept_charges,
    (select count(*) from gateway_charges g where g.order_key = o.id::text and g.outcome = 'SUCCEEDED' and not g.refunded) as gateway_kept,
    (select count(*) from invoices i where i.order_id = o.id and i.total = o.total) as invoices_for_total,
    (select count(*) from invoices i where i.order_id = o.id) as invoices,
    (select count(*) from grants g where g.order_id = o.id) as grants,
    (select coalesce(sum(g.amount), 0) from grants g where g.order_id = o.id) as granted
  from orders o)
select 'order ' || id || ' COMPLETED: ' || kept_charges || ' successful charges (' || gateway_kept || ' at the gateway), ' || invoices_for_total || ' invoices for '
       || total || ', ' || grants || ' grants of ' || granted || ' (bought ' || credit_balance || ')'
from per_order
where status = 'COMPLETED'
  and (kept_charges <> 1 or gateway_kept <> 1 or invoices_for_total <> 1 or invoices <> 1
       or grants <> (case when credit_balance > 0 then 1 else 0 end) or granted <> credit_balance)
union all
select 'order ' || id || ' FAILED but ' || kept_charges || ' charges (' || gateway_kept || ' at the gateway) kept the money and '
       || grants || ' grants were made'
from per_order where status = 'FAILED' and (kept_charges > 0 or gateway_kept > 0 or grants > 0)
union all
select 'order ' || id || ' still waiting for payment since ' || created_at
from per_order where status = 'PENDING_PAYMENT' and created_at < now() - make_interval(mins => :pending)
union all
select 'grant for unknown order ' || g.order_id from grants g where not exists (select 1 from orders o where o.id = g.order_id)
union all
select 'account ' || a.customer_id || ': available ' || a.available || ' but the ledger sums to ' || coalesce(l.total, 0)
from accounts a left join (select customer_id, sum(amount) total from ledger group by customer_id) l using (customer_id)
where a.available <> coalesce(l.total, 0)
union all
select 'account ' || a.customer_id || ': held ' || a.held || ' but open holds sum to ' || coalesce(h.total, 0)
from accounts a left join (select customer_id, sum(amount) total from holds group by customer_id) h using (customer_id)
where a.held <> coalesce(h.total, 0)
union all
select 'account ' || a.customer_id || ': expiring ' || a.expiring || ' but its open lots hold ' || coalesce(t.total, 0)
from accounts a left join (select customer_id, sum(remaining) total from lots group by customer_id) t using (customer_id)
where a.expiring <> coalesce(t.total, 0);
SQL
)
summary=$(psql_ reconcile -c "select (select count(*) from orders) || ' orders (' || (select count(*) from orders where status = 'COMPLETED') || ' completed), '
  || (select count(*) from charges) || ' order charges, ' || (select count(*) from invoices) || ' invoices, '
  || (select count(*) from grants) || ' grants, ' || (select count(*) from accounts) || ' credit accounts'")
if [ -n "$differences" ]; then
  echo "reconcile: DIFFERENCES ($summary)"
  echo "$differences"
  exit 1
fi
echo "reconcile: everything adds up ($summary)"
