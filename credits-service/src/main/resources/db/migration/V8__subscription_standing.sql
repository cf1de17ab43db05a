-- The subscription's standing as subscription-service announces it (SubscriptionStandingChanged): the post-paid
-- allowance is spendable only while it is ACTIVE (PAST_DUE, SUSPENDED, CANCELLED stop it; prepaid credits stay).
alter table credit_account add column standing varchar(20) not null default 'ACTIVE';
alter table credit_account add constraint credit_account_standing
    check (standing in ('ACTIVE', 'PAST_DUE', 'SUSPENDED', 'CANCELLED'));
