#!/usr/bin/env bash
# Where a purchase's time goes: for the last N completed orders of the benchmark's partner (default 200), the
# time between the timestamps the services keep anyway (outboxes, inboxes, the charge), hop by hop, as
# p50 / p90 / p99 / max in ms. deploy/bench.sh runs it after its purchases; it can run alone after any.
#   the order: confirm (order row written) -> LicenseUpdateRequested acknowledged by the broker (subscription's
#   transaction, its commit and the relay) -> billing's inbox -> the charge's gateway call starts (billing's
#   transaction and the charge worker) -> PaymentSucceeded written (the gateway and the charge's completion)
#   -> acknowledged (the rest of that transaction and the relay) -> subscription's inbox -> CreditsPurchased
#   acknowledged (subscription's transaction and the relay) -> credits-service's inbox (then its grant commits).
# A hop can be negative: a consumer may have a record before the relay that sent it heard the broker's ack.
# Read-only for the services: like deploy/reconcile.sh it copies what it needs into its scratch database.
set -euo pipefail
source "$(cd "$(dirname "$0")/.." && pwd)/scratch.sh"
orders=${1:-200} partner=b0000000-0000-4000-a000-000000000000
ms() { echo "extract(epoch from $1) * 1000"; }

psql_ reconcile <<'SQL'
drop table if exists hop_orders, hop_outbox, hop_inbox, hop_charges;
create unlogged table hop_orders (id uuid, created double precision);
create unlogged table hop_outbox (correlation_id uuid, event_type text, event_id uuid, created double precision, sent double precision);
create unlogged table hop_inbox (service text, event_id uuid, received double precision);
create unlogged table hop_charges (order_id uuid, attempted double precision);
SQL
subscriptions=${SUBSCRIPTIONS_DB:-subscriptions} billing=${BILLING_DB:-billing} credits=${CREDITS_DB:-credits}
copy "$subscriptions" "select id, $(ms created_at) from license_order where partner_id = '$partner' and status = 'COMPLETED'
  order by created_at desc limit $orders" hop_orders
since=$(psql_ reconcile -c "select coalesce(min(created), 0) / 1000 from hop_orders")
outbox() { echo "select (payload::json ->> 'correlationId')::uuid, event_type, event_id, $(ms created_at), $(ms sent_at) from outbox
  where event_type in ($1) and created_at >= to_timestamp($since)"; }
inbox() { echo "select '$1', event_id, $(ms received_at) from inbox where event_type = '$2' and received_at >= to_timestamp($since)"; }
copy "$subscriptions" "$(outbox "'LicenseUpdateRequested', 'CreditsPurchased'")" hop_outbox
copy "$billing" "$(outbox "'PaymentSucceeded'")" hop_outbox
copy "$billing" "$(inbox billing LicenseUpdateRequested)" hop_inbox
copy "$subscriptions" "$(inbox subscription PaymentSucceeded)" hop_inbox
copy "$credits" "$(inbox credits CreditsPurchased)" hop_inbox
copy "$billing" "select order_id, $(ms attempted_at) from charge where created_at >= to_timestamp($since)" hop_charges

psql_ reconcile -F $'\t' <<'SQL' | awk -F'\t' 'NR == 1 { printf "%-40s %7s %8s %8s %8s %8s\n", "purchase hop (ms)", "orders", "p50", "p90", "p99", "max" }
  { printf "%-40s %7s %8s %8s %8s %8s\n", $2, $3, $4, $5, $6, $7 }'
with t as (
  select o.created t0, r.sent t1, bi.received t2, c.attempted t3, p.created t4, p.sent t5, si.received t6, g.sent t7, ci.received t8
  from hop_orders o
  join hop_outbox r on r.correlation_id = o.id and r.event_type = 'LicenseUpdateRequested'
  join hop_inbox bi on bi.event_id = r.event_id and bi.service = 'billing'
  join hop_charges c on c.order_id = o.id
  join hop_outbox p on p.correlation_id = o.id and p.event_type = 'PaymentSucceeded'
  join hop_inbox si on si.event_id = p.event_id and si.service = 'subscription'
  join hop_outbox g on g.correlation_id = o.id and g.event_type = 'CreditsPurchased'
  join hop_inbox ci on ci.event_id = g.event_id and ci.service = 'credits'),
hops(n, hop, ms) as (
  select h.* from t, lateral (values
    (1, 'order -> LicenseUpdateRequested sent', t1 - t0), (2, '  -> billing has it', t2 - t1),
    (3, '  -> gateway call starts', t3 - t2), (4, '  -> PaymentSucceeded written', t4 - t3),
    (5, '  -> PaymentSucceeded sent', t5 - t4), (6, '  -> subscription has it', t6 - t5),
    (7, '  -> CreditsPurchased sent', t7 - t6), (8, '  -> credits-service has it', t8 - t7),
    (9, 'order -> credits-service has it', t8 - t0)) h)
select n, hop, count(*), round(percentile_disc(0.5) within group (order by ms)::numeric, 1),
  round(percentile_disc(0.9) within group (order by ms)::numeric, 1), round(percentile_disc(0.99) within group (order by ms)::numeric, 1),
  round(max(ms)::numeric, 1)
from hops group by n, hop order by n
SQL
