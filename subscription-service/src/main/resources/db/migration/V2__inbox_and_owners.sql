-- Inbox: every event applied, recorded in the same transaction as its effect (idempotent consumers).
create table inbox (
    event_id     uuid primary key,
    event_type   varchar(100) not null,
    source       varchar(100),
    received_at  timestamptz  not null default now()
);

-- Which partner owns which customer, from CustomerRegistered.
create table customer_owner (
    customer_id    uuid primary key,
    partner_id     uuid        not null,
    registered_at  timestamptz not null
);
create index customer_owner_partner on customer_owner (partner_id);
