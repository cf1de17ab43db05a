-- The hot account's debit as a single statement (the guarded UPDATE and the ledger INSERT in one CTE):
-- one round trip and the shortest possible row-lock hold, the ceiling for one transaction per debit.
\set r random(1, 1000000000000000)
with moved as (
  update credit_account set available = available - 0.0107, updated_at = now()
  where customer_id = 'b0000000-0000-4000-8000-000000000001' and available - 0.0107 >= -overage_limit
  returning customer_id, available)
insert into ledger_entry (customer_id, type, amount, balance_after, reference, description, idempotency_key, created_at)
select customer_id, 'DEBIT', -0.0107, available, 'message:' || 'pgbench-' || :run::text || '-' || :client_id::text || '-' || :r::text,
       'WHATSAPP MARKETING to IN', 'debit:' || 'pgbench-' || :run::text || '-' || :client_id::text || '-' || :r::text, now()
from moved
on conflict (customer_id, idempotency_key) do nothing;
