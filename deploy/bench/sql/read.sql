-- The balance read: the statement credits-service runs for it (CreditAccount.SELECT_ONE), every column of the row.
\set n random(1, :customers)
select customer_id, partner_id, currency, available, held, low_balance_threshold, overage_limit, standing, low_alerted,
       auto_recharge_threshold, auto_recharge_version, expiring, postpaid_used, postpaid_period, updated_at
from credit_account where customer_id = ('b0000000-0000-4000-8000-' || lpad(:n::text, 12, '0'))::uuid;
