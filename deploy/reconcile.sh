#!/usr/bin/env bash
# Checks, across the services' databases, that the money adds up, and prints every difference:
#   - every COMPLETED order has exactly one successful charge (in billing and at the sandbox
#     gateway, which keeps its own record per idempotency key), one invoice for its total, and (when
#     it bought credits) exactly one grant of the bought balance;
#   - a FAILED order has no charge that kept the money, and no grant;
#   - no order has been waiting for payment for more than RECONCILE_PENDING_MINUTES (default 15);
#   - every credit account's available balance equals the sum of its ledger, and its held amount
#     the sum of its open holds, and its expiring part what its open lots still hold.
#   - no order waits for payment with a dead letter behind it (its event went to a <service>.dlq);
#   - an order with nothing to charge (total 0) completed without a gateway charge, invoice or grant;
#   - every post-paid usage credits-service recorded reached billing once, for the same amount, and
#     is paid by one post-paid charge at most (never by a grant: no balance below zero); every
#     post-paid close adds up (usage + carried in = charged + carried out, each carry taken once);
#   - every amount sent to the gateway and every invoice total is in whole minor units;
#   - no subscription period was paid twice, and every ACTIVE subscription past its trial has its
#     current period paid (a PAID renewal with one completed order, so one charge and one invoice).
# It first waits (up to RECONCILE_SETTLE_SECONDS, default 60) until nothing is on its way: no event
# left unsent in an outbox, no record a service's consumer group has yet to read. Differences found
# while something is still on its way may settle by themselves: it says so and exits 2. Differences
# with nothing on its way are lost or wrong: it exits 1. Read-only for the services: it copies what
# it needs into a scratch database (`reconcile`) and compares there.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/scratch.sh"
pending_minutes=${RECONCILE_PENDING_MINUTES:-15}
settle_seconds=${RECONCILE_SETTLE_SECONDS:-60}

# What is still on its way, one line each; nothing when everything has arrived.
on_its_way() {
  local db unsent
  for db in "${CUSTOMERS_DB:-customers}" "${SUBSCRIPTIONS_DB:-subscriptions}" "${CREDITS_DB:-credits}" "${BILLING_DB:-billing}"; do
    unsent=$(psql_ "$db" -c "select count(*) from outbox where sent_at is null")
    [ "$unsent" = 0 ] || echo "$db: $unsent events not yet sent from the outbox"
  done
  "$here/kafka.sh" lag
}
waiting=$(on_its_way)
for _ in $(seq 1 $((settle_seconds / 5))); do
  [ -n "$waiting" ] || break
  sleep 5
  waiting=$(on_its_way)
done
psql_ reconcile <<'SQL'
drop table if exists orders, charges, gateway_charges, invoices, grants, accounts, ledger, holds, lots, dead_letters,
  usage_recorded, usage_billed, postpaid_closes, postpaid_charges, subscriptions, renewals;
create unlogged table orders (id uuid, customer_id uuid, status text, credit_balance numeric, total numeric, created_at timestamptz,
  kind text, renewal_id uuid);
create unlogged table subscriptions (customer_id uuid, status text, period_start timestamptz, trial_ends_at timestamptz);
create unlogged table renewals (id uuid, customer_id uuid, period_start timestamptz, status text);
create unlogged table charges (order_id uuid, status text, total numeric);
create unlogged table gateway_charges (order_key text, outcome text, refunded boolean, amount numeric, currency text);
create unlogged table invoices (order_id uuid, total numeric, status text, number text, currency text);
create unlogged table grants (order_id uuid, amount numeric);
create unlogged table accounts (customer_id uuid, available numeric, held numeric, expiring numeric);
create unlogged table ledger (customer_id uuid, amount numeric);
create unlogged table holds (customer_id uuid, amount numeric);
create unlogged table lots (customer_id uuid, remaining numeric);
create unlogged table dead_letters (record text);
create unlogged table usage_recorded (usage_id uuid, customer_id uuid, amount numeric);
create unlogged table usage_billed (usage_id uuid, customer_id uuid, amount numeric, close_id uuid, charge_id uuid);
create unlogged table postpaid_closes (id uuid, customer_id uuid, usage_total numeric, carried_in numeric, charged numeric,
  carried_out numeric, carried_from uuid, charge_id uuid);
create unlogged table postpaid_charges (id uuid, customer_id uuid, status text, total numeric);
-- the minor unit of the currencies that do not have two decimals (ISO 4217)
create or replace function minor_digits(currency text) returns int language sql immutable as $$
  select case when currency in ('JPY', 'KRW', 'CLP', 'VND', 'ISK', 'UGX', 'XAF', 'XOF', 'PYG') then 0
              when currency in ('BHD', 'KWD', 'OMR', 'JOD', 'TND', 'IQD', 'LYD') then 3 else 2 end $$;
SQL
copy "${SUBSCRIPTIONS_DB:-subscriptions}" "select o.id, o.customer_id, o.status, q.credit_balance, q.total, o.created_at, o.kind, o.renewal_id
  from license_order o join quote q on q.id = o.quote_id" orders
copy "${SUBSCRIPTIONS_DB:-subscriptions}" "select customer_id, status, period_start, trial_ends_at from subscription" subscriptions
copy "${SUBSCRIPTIONS_DB:-subscriptions}" "select id, customer_id, period_start, status from renewal" renewals
copy "${BILLING_DB:-billing}" "select order_id, status, total from charge where kind = 'ORDER'" charges
copy "${BILLING_DB:-billing}" "select order_id, total, status, number, currency from invoice" invoices
# The sandbox gateway's own ledger (a real gateway's report would take its place): keys are the order id, "#n" for retries.
copy "${BILLING_DB:-billing}" "select split_part(idempotency_key, '#', 1), outcome, refunded_at is not null, amount, currency from sandbox_gateway_charge" gateway_charges
copy "${BILLING_DB:-billing}" "select usage_id, customer_id, amount, close_id, charge_id from postpaid_usage" usage_billed
copy "${BILLING_DB:-billing}" "select id, customer_id, usage_total, carried_in, charged, carried_out, carried_from, charge_id from postpaid_close" postpaid_closes
copy "${BILLING_DB:-billing}" "select id, customer_id, status, total from charge where kind = 'POSTPAID'" postpaid_charges
copy "${CREDITS_DB:-credits}" "select substring(reference from 7)::uuid, amount from ledger_entry where type = 'GRANT' and reference like 'order:%'" grants
copy "${CREDITS_DB:-credits}" "select customer_id, available, held, expiring from credit_account" accounts
copy "${CREDITS_DB:-credits}" "select customer_id, amount from ledger_entry" ledger
copy "${CREDITS_DB:-credits}" "select usage_id, customer_id, postpaid from ledger_entry where usage_id is not null" usage_recorded
copy "${CREDITS_DB:-credits}" "select customer_id, amount from credit_hold where status = 'OPEN'" holds
copy "${CREDITS_DB:-credits}" "select customer_id, remaining from credit_lot where remaining > 0" lots
# Dead letters matter here only behind an order still waiting for payment: read them only then.
if [ -n "$(psql_ reconcile -c "select 1 from orders where status = 'PENDING_PAYMENT' limit 1")" ]; then
  "$here/kafka.sh" dead-letters | sed 's/\\/\\\\/g' | psql_ reconcile -c "\\copy dead_letters from stdin with (format text, delimiter e'\\x01')"
fi

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
where status = 'COMPLETED' and total > 0
  and (kept_charges <> 1 or gateway_kept <> 1 or invoices_for_total <> 1 or invoices <> 1
       or grants <> (case when credit_balance > 0 then 1 else 0 end) or granted <> credit_balance)
union all
select 'order ' || id || ' COMPLETED with nothing to charge, but ' || gateway_kept || ' charges at the gateway, '
       || invoices || ' invoices and ' || grants || ' grants'
from per_order where status = 'COMPLETED' and total = 0 and (gateway_kept > 0 or invoices > 0 or grants > 0)
union all
select 'order ' || id || ' FAILED but ' || kept_charges || ' charges (' || gateway_kept || ' at the gateway) kept the money and '
       || grants || ' grants were made'
from per_order where status = 'FAILED' and (kept_charges > 0 or gateway_kept > 0 or grants > 0)
union all
select 'order ' || id || ' still waiting for payment since ' || created_at
from per_order where status = 'PENDING_PAYMENT' and created_at < now() - make_interval(mins => :pending)
union all
select 'order ' || o.id || ' waits for payment with a dead letter behind it: ' || left(d.record, 200)
from orders o join dead_letters d on d.record like '%' || o.id || '%' where o.status = 'PENDING_PAYMENT'
union all
select 'grant for unknown order ' || g.order_id from grants g where not exists (select 1 from orders o where o.id = g.order_id)
union all
select 'subscription ' || r.customer_id || ': the period from ' || r.period_start || ' was paid by ' || count(*) || ' orders'
from orders o join renewals r on r.id = o.renewal_id where o.status = 'COMPLETED' group by r.customer_id, r.period_start having count(*) > 1
union all
select 'subscription ' || s.customer_id || ' is ACTIVE in the period from ' || s.period_start || ' that no completed renewal paid'
from subscriptions s
where s.status = 'ACTIVE' and s.trial_ends_at is not null and s.period_start >= s.trial_ends_at
  and not exists (select 1 from renewals r join orders o on o.renewal_id = r.id and o.status = 'COMPLETED'
                  where r.customer_id = s.customer_id and r.period_start = s.period_start and r.status = 'PAID')
union all
select 'post-paid usage ' || r.usage_id || ' of ' || r.customer_id || ' (' || r.amount || ') recorded by credits never reached billing'
from usage_recorded r where not exists (select 1 from usage_billed b where b.usage_id = r.usage_id)
union all
select 'post-paid usage ' || b.usage_id || ' of ' || b.customer_id || ' is billed at ' || b.amount || ' but credits recorded '
       || coalesce(r.amount::text, 'nothing')
from usage_billed b left join usage_recorded r using (usage_id) where r.amount is distinct from b.amount
union all
select 'account ' || customer_id || ': balance ' || available || ' below zero (a grant would pay its post-paid usage that billing bills too)'
from accounts where available < 0
union all
select 'post-paid charge ' || c.id || ' of ' || c.customer_id || ' (' || c.status || ', ' || c.total || ') pays for no usage'
from postpaid_charges c where c.status in ('SUCCEEDED', 'REFUNDED') and not exists (select 1 from usage_billed b where b.charge_id = c.id)
union all
select 'post-paid close ' || id || ' of ' || customer_id || ': usage ' || usage_total || ' + carried in ' || carried_in
       || ' <> charged ' || charged || ' + carried out ' || carried_out
from postpaid_closes where usage_total + carried_in <> charged + carried_out
union all
select 'post-paid close ' || c.id || ' of ' || c.customer_id || ' claimed usage of ' || coalesce(u.total, 0) || ', not its usage total ' || c.usage_total
from postpaid_closes c left join (select close_id, sum(amount) total from usage_billed group by close_id) u on u.close_id = c.id
where coalesce(u.total, 0) <> c.usage_total
union all
select 'post-paid close ' || c.id || ' of ' || c.customer_id || ': carried in ' || c.carried_in || ' but the close before carried out '
       || coalesce(p.carried_out::text, 'nothing')
from postpaid_closes c left join postpaid_closes p on p.id = c.carried_from
where c.carried_in <> coalesce(p.carried_out, 0)
union all
select 'usage ' || u.usage_id || ' in close ' || c.id || ' was paid by charge ' || coalesce(u.charge_id::text, 'none')
       || ', not by the close''s charge ' || c.charge_id
from usage_billed u join postpaid_closes c on c.id = u.close_id
where c.charge_id is not null and u.charge_id is distinct from c.charge_id
union all
select 'gateway charge ' || order_key || ' of ' || amount || ' ' || currency || ' is not in whole minor units'
from gateway_charges where amount <> round(amount, minor_digits(currency))
union all
select 'invoice ' || number || ' totals ' || total || ' ' || currency || ', not whole minor units'
from invoices where total <> round(total, minor_digits(currency))
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
  || (select count(*) from grants) || ' grants, ' || (select count(*) from accounts) || ' credit accounts, '
  || (select count(*) from usage_recorded) || ' post-paid usages, ' || (select count(*) from postpaid_closes) || ' post-paid closes'")
# The result as metrics, for a node exporter's textfile collector (deploy/prometheus/alerts.yml alerts on them).
metrics=${RECONCILE_METRICS_DIR:-$(dirname "$0")/.work/metrics}
mkdir -p "$metrics"
count=0
[ -z "$differences" ] || count=$(grep -c . <<<"$differences")
cat >"$metrics/reconciliation.prom.tmp" <<PROM
# HELP imcredits_reconciliation_differences Differences the last reconciliation found (0: everything adds up).
# TYPE imcredits_reconciliation_differences gauge
imcredits_reconciliation_differences $count
# HELP imcredits_reconciliation_last_run_timestamp_seconds When the last reconciliation ran.
# TYPE imcredits_reconciliation_last_run_timestamp_seconds gauge
imcredits_reconciliation_last_run_timestamp_seconds $(date +%s)
PROM
mv "$metrics/reconciliation.prom.tmp" "$metrics/reconciliation.prom" # whole, never half-written for the collector

if [ -n "$differences" ] && [ -n "$waiting" ]; then
  echo "reconcile: NOT SETTLED ($summary); still on its way after ${settle_seconds} s:"
  echo "$waiting" | sed 's/^/  /'
  echo "differences that may settle once it arrives:"
  echo "$differences"
  exit 2
fi
if [ -n "$differences" ]; then
  echo "reconcile: DIFFERENCES ($summary)"
  echo "$differences"
  exit 1
fi
echo "reconcile: everything adds up ($summary)"
