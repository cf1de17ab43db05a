-- The debit credits-service runs for one IN marketing message (Spending.debit: CreditAccount.move, then
-- LedgerEntry.append), statement for statement, on a random customer :n of the benchmark's 10,000.
-- (A name right after a colon is a pgbench variable, even inside quotes: hence 'debit:' || 'pgbench-'.)
\set n random(1, :customers)
\set r random(1, 1000000000000000)
BEGIN;
update credit_account set available = available + -0.0107, held = held + 0, updated_at = now()
where customer_id = ('b0000000-0000-4000-8000-' || lpad(:n::text, 12, '0'))::uuid
  and (-0.0107 >= 0 or available + -0.0107 >= case when true then -overage_limit else 0 end)
returning partner_id, currency, available, held, low_balance_threshold \gset
insert into ledger_entry (customer_id, type, amount, balance_after, reference, description, idempotency_key, created_at)
values (('b0000000-0000-4000-8000-' || lpad(:n::text, 12, '0'))::uuid, 'DEBIT', -0.0107, :available,
        'message:' || 'pgbench-' || :run::text || '-' || :client_id::text || '-' || :r::text, 'WHATSAPP MARKETING to IN',
        'debit:' || 'pgbench-' || :run::text || '-' || :client_id::text || '-' || :r::text, now())
on conflict (customer_id, idempotency_key) do nothing;
END;
