-- A priced change, valid for a short while; confirmed at most once.
create table quote (
    id               uuid           primary key,
    customer_id      uuid           not null,
    partner_id       uuid           not null,
    based_on_version int            not null,
    plan_code        varchar(50),
    agents           int,
    add_ons          jsonb          not null,
    im_credits       int            not null,
    credit_balance   numeric(19, 4) not null,
    lines            jsonb          not null,
    proration        jsonb,
    currency         varchar(3)     not null,
    subtotal         numeric(19, 4) not null,
    fee              numeric(19, 4) not null,
    total            numeric(19, 4) not null,
    created_at       timestamptz    not null,
    expires_at       timestamptz    not null
);
create index quote_customer on quote (customer_id);

-- The purchase saga's order: PENDING_PAYMENT until billing answers (or the timeout fails it).
create table license_order (
    id              uuid         primary key,
    customer_id     uuid         not null,
    partner_id      uuid         not null,
    quote_id        uuid         not null unique references quote (id),
    status          varchar(20)  not null check (status in ('PENDING_PAYMENT', 'COMPLETED', 'FAILED')),
    failure_reason  varchar(50),
    failure_message varchar(500),
    charge_id       varchar(100),
    invoice_id      varchar(100),
    refund          varchar(20)  check (refund in ('REQUESTED', 'REFUNDED')),
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    version         int          not null default 0
);
create index license_order_customer on license_order (customer_id, created_at);
create index license_order_pending on license_order (created_at) where status = 'PENDING_PAYMENT';
-- At most one order waiting for payment per customer: a second quote is priced against a subscription the first may change.
create unique index license_order_one_pending on license_order (customer_id) where status = 'PENDING_PAYMENT';

-- Idempotency-Key of a confirmation, per partner, with a hash of what it confirmed.
create table idempotency_key (
    partner_id    uuid         not null,
    key           varchar(200) not null,
    request_hash  varchar(64)  not null,
    order_id      uuid         not null,
    created_at    timestamptz  not null default now(),
    primary key (partner_id, key)
);
