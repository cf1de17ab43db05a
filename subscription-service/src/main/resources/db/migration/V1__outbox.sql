-- Transactional outbox: written in the same transaction as the change it announces,
-- published to Kafka by OutboxRelay, keyed by customer id.
create table outbox (
    seq          bigserial primary key,
    event_id     uuid         not null unique,
    event_type   varchar(100) not null,
    customer_id  uuid         not null,
    payload      text         not null,
    created_at   timestamptz  not null default now(),
    sent_at      timestamptz
);
create index outbox_unsent on outbox (seq) where sent_at is null;
