-- Post-paid usage is no longer a negative prepaid balance: available never goes below zero, and what a
-- debit beyond it costs (for a customer with the post-paid allowance) is counted per billing period
-- (calendar month, UTC) on the account and billed by billing-service. A grant therefore never nets it.
alter table credit_account add column postpaid_used numeric(19,4) not null default 0;
-- the first day of the month postpaid_used counts; an older month counts as nothing used
alter table credit_account add column postpaid_period date;

-- A debit's price is split: amount is the part taken from the prepaid balance (signed, as before), postpaid
-- the part that went to post-paid usage, usage_id the PostpaidUsageRecorded it emitted (billing's usageId).
alter table ledger_entry add column postpaid numeric(19,4) not null default 0;
alter table ledger_entry add column usage_id uuid;
alter table ledger_entry add constraint ledger_entry_postpaid check (postpaid >= 0);
create unique index ledger_entry_usage on ledger_entry (usage_id) where usage_id is not null;

-- A balance already below zero was post-paid usage (its PostpaidUsageRecorded were sent at the time):
-- it becomes this month's post-paid usage, and an entry lifts the balance to zero so the ledger still adds up.
insert into ledger_entry (customer_id, type, amount, balance_after, reference, description, idempotency_key, created_at, postpaid)
select customer_id, 'ADJUSTMENT', -available, 0, 'migration:V5',
       'post-paid usage moved out of the prepaid balance (billed by billing, never paid by a grant)', 'postpaid-migration', now(), -available
from credit_account where available < 0;
update credit_account
set postpaid_used = -available, postpaid_period = date_trunc('month', now() at time zone 'UTC')::date, available = 0
where available < 0;
alter table credit_account add constraint credit_account_available check (available >= 0);
alter table credit_account add constraint credit_account_postpaid check (postpaid_used >= 0);
