-- One credit account per customer, in the customer's currency. available is what Desk may spend
-- (the sum of the ledger's amounts); held is what open holds set aside. Both change only through
-- guarded single-row UPDATEs, so the row lock serialises one account's writers.
create table credit_account (
    customer_id            uuid primary key,
    partner_id             uuid          not null,
    currency               varchar(3)    not null,
    available              numeric(19,4) not null default 0,
    held                   numeric(19,4) not null default 0,
    low_balance_threshold  numeric(19,4) not null default 0,
    -- how far below zero a debit may go: 0 unless the post-paid IM add-on is active
    overage_limit          numeric(19,4) not null default 0,
    updated_at             timestamptz   not null,
    constraint credit_account_held check (held >= 0)
);
create index credit_account_partner on credit_account (partner_id);

-- Append-only: every change of available is one row; amount is signed, balance_after is available after it.
create table ledger_entry (
    seq              bigserial primary key,
    customer_id      uuid          not null references credit_account,
    type             varchar(20)   not null,
    amount           numeric(19,4) not null,
    balance_after    numeric(19,4) not null,
    reference        varchar(200)  not null,
    description      varchar(300),
    idempotency_key  varchar(250)  not null,
    created_at       timestamptz   not null,
    constraint ledger_entry_once unique (customer_id, idempotency_key)
);
create index ledger_entry_newest on ledger_entry (customer_id, seq desc);

-- A price set aside for one message until its delivery settles it or its failure releases it.
create table credit_hold (
    id           uuid primary key,
    customer_id  uuid          not null references credit_account,
    message_id   varchar(200)  not null,
    amount       numeric(19,4) not null,
    currency     varchar(3)    not null,
    spent        numeric(19,4),
    status       varchar(20)   not null,
    expires_at   timestamptz   not null,
    created_at   timestamptz   not null,
    closed_at    timestamptz,
    constraint credit_hold_once unique (customer_id, message_id)
);
create index credit_hold_open on credit_hold (expires_at) where status = 'OPEN';

-- Prices per message: channel x destination country x category, in a currency, from a day on.
-- country '*' is the default for every country without a row of its own.
create table rate (
    id              bigserial primary key,
    channel         varchar(20)   not null,
    country         varchar(2)    not null,
    category        varchar(20)   not null,
    currency        varchar(3)    not null,
    price           numeric(19,4) not null check (price >= 0),
    effective_from  timestamptz   not null,
    constraint rate_once unique (channel, country, category, currency, effective_from)
);

-- WhatsApp per-message rates as published for July 2025 (USD), rounded to four decimals.
insert into rate (channel, country, category, currency, price, effective_from)
select 'WHATSAPP', r.country, c.category, 'USD',
       case c.category when 'MARKETING' then r.marketing when 'UTILITY' then r.utility else r.authentication end,
       timestamptz '2025-07-01 00:00:00+00'
from (values
    ('US', 0.0250, 0.0034, 0.0135),
    ('GB', 0.0529, 0.0220, 0.0358),
    ('DE', 0.1365, 0.0550, 0.0768),
    ('FR', 0.0859, 0.0300, 0.0693),
    ('IT', 0.0691, 0.0300, 0.0378),
    ('ES', 0.0615, 0.0200, 0.0380),
    ('IN', 0.0107, 0.0014, 0.0014),
    ('BR', 0.0625, 0.0068, 0.0315),
    ('MX', 0.0305, 0.0085, 0.0239),
    ('ID', 0.0411, 0.0250, 0.0300),
    ('SA', 0.0455, 0.0115, 0.0107),
    ('ZA', 0.0379, 0.0076, 0.0176),
    ('AE', 0.0384, 0.0157, 0.0178),
    ('*',  0.0604, 0.0077, 0.0280)
) as r (country, marketing, utility, authentication)
cross join (values ('MARKETING'), ('UTILITY'), ('AUTHENTICATION')) as c (category);

-- The EUR card follows the USD one at the rate Meta used when it was published (0.92).
insert into rate (channel, country, category, currency, price, effective_from)
select channel, country, category, 'EUR', round(price * 0.92, 4), effective_from from rate where currency = 'USD';
