-- The balance read: the primary-key select Hibernate runs for CreditAccount.findById.
\set n random(1, :customers)
select customer_id, available, currency, held, low_balance_threshold, overage_limit, partner_id, updated_at
from credit_account where customer_id = ('b0000000-0000-4000-8000-' || lpad(:n::text, 12, '0'))::uuid;
