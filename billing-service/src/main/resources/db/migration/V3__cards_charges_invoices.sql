-- Cards on file: the gateway's token and what may be shown. Never the number, never the CVC.
create table card (
    customer_id      uuid primary key,
    gateway_token    varchar(100) not null,
    brand            varchar(20)  not null,
    last4            varchar(4)   not null,
    exp_month        integer      not null,
    exp_year         integer      not null,
    holder_name      varchar(200) not null,
    billing_country  varchar(2)   not null,
    payer            varchar(20)  not null,
    payer_id         uuid         not null,
    updated_at       timestamptz  not null
);

-- One charge per order (order_id unique) or per closed post-paid period; gateway_key is the
-- idempotency key the gateway sees, so a retried or re-run charge never charges twice.
create table charge (
    id                 uuid primary key,
    kind               varchar(20)   not null,
    gateway_key        varchar(100)  not null unique,
    order_id           uuid unique,
    customer_id        uuid          not null,
    partner_id         uuid,
    correlation_id     uuid          not null,
    currency           varchar(3)    not null,
    lines              jsonb         not null,
    subtotal           numeric(19,4) not null,
    fee                numeric(19,4) not null,
    total              numeric(19,4) not null,
    status             varchar(20)   not null,
    attempts           integer       not null default 0,
    next_attempt_at    timestamptz   not null,
    attempted_at       timestamptz,
    attempt_key        varchar(120),
    card_token         varchar(100),
    payer              varchar(20),
    payer_id           uuid,
    card_brand         varchar(20),
    card_last4         varchar(4),
    gateway_charge_id  varchar(100),
    failure_reason     varchar(40),
    failure_message    varchar(500),
    invoice_id         uuid,
    refund_requested   boolean       not null default false,
    created_at         timestamptz   not null,
    updated_at         timestamptz   not null
);
create index charge_work on charge (next_attempt_at) where status in ('PENDING', 'CHARGING') or (status = 'SUCCEEDED' and refund_requested);
create index charge_customer on charge (customer_id);

-- Gap-free invoice numbers: the counter row is bumped in the invoice's own transaction.
create table invoice_counter (
    year         integer primary key,
    last_number  integer not null
);

create table invoice (
    id           uuid primary key,
    number       varchar(20)   not null unique,
    customer_id  uuid          not null,
    partner_id   uuid,
    payer        varchar(20)   not null,
    payer_id     uuid          not null,
    order_id     uuid,
    charge_id    uuid          not null unique,
    currency     varchar(3)    not null,
    lines        jsonb         not null,
    subtotal     numeric(19,4) not null,
    fee          numeric(19,4) not null,
    total        numeric(19,4) not null,
    status       varchar(20)   not null,
    card_brand   varchar(20),
    card_last4   varchar(4),
    issued_at    timestamptz   not null,
    paid_at      timestamptz,
    refunded_at  timestamptz
);
create index invoice_customer on invoice (customer_id, issued_at desc);

-- Post-paid usage from credits-service, billed (charge_id set) when its period closes.
create table postpaid_usage (
    usage_id     uuid primary key,
    customer_id  uuid          not null,
    partner_id   uuid,
    message_id   varchar(200),
    amount       numeric(19,4) not null,
    currency     varchar(3)    not null,
    recorded_at  timestamptz   not null,
    charge_id    uuid
);
create index postpaid_usage_unbilled on postpaid_usage (customer_id, recorded_at) where charge_id is null;

-- The subscription's add-ons as the last LicenseUpdated told them: post-paid and standard ones need the card.
create table active_add_on (
    customer_id  uuid        not null,
    code         varchar(50) not null,
    kind         varchar(20) not null,
    quantity     integer     not null,
    primary key (customer_id, code)
);

-- The sandbox payment gateway's own records, as a real gateway keeps them on its side.
create table sandbox_gateway_card (
    token        varchar(100) primary key,
    behaviour    varchar(30)  not null,
    last4        varchar(4)   not null,
    created_at   timestamptz  not null,
    detached_at  timestamptz
);

create table sandbox_gateway_charge (
    idempotency_key    varchar(100)  primary key,
    token              varchar(100)  not null,
    amount             numeric(19,4) not null,
    currency           varchar(3)    not null,
    outcome            varchar(30),
    gateway_charge_id  varchar(100)  unique,
    attempts           integer       not null,
    created_at         timestamptz   not null,
    refunded_at        timestamptz
);
