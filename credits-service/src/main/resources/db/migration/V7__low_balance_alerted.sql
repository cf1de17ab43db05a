-- Whether CreditsLow was told for the balance as it is: set when the balance or a raised threshold goes below the
-- line, cleared only when a credit lifts the balance back to it. A threshold toggled above and below the balance
-- is then one crossing, not one event per toggle.
alter table credit_account add column low_alerted boolean not null default false;
-- accounts already below their threshold were told when they went there
update credit_account set low_alerted = true where low_balance_threshold > 0 and available < low_balance_threshold;
