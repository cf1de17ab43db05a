-- One subscription per customer, opened from CustomerRegistered. Periods are counted from started_on.
create table subscription (
    customer_id    uuid        primary key,
    plan_code      varchar(50) not null references plan (code),
    billing_cycle  varchar(10) not null check (billing_cycle in ('MONTHLY', 'YEARLY')),
    agents         int         not null check (agents > 0),
    currency       varchar(3)  not null,
    payer          varchar(20) not null,
    status         varchar(20) not null,
    started_on     date        not null,
    version        int         not null default 0,
    updated_at     timestamptz not null
);

create table subscription_add_on (
    customer_id  uuid        not null references subscription (customer_id),
    code         varchar(50) not null references add_on (code),
    quantity     int         not null check (quantity >= 0),
    primary key (customer_id, code)
);

-- Whether a customer has a card on file, from billing's CardUpdated / CardRemoved (no card data here).
create table card_on_file (
    customer_id  uuid        primary key,
    brand        varchar(30),
    last4        varchar(4),
    updated_at   timestamptz not null
);
