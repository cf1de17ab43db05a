-- Credits granted with an expiry date, one lot per such grant, and what is left of it. Spends take
-- from the earliest-expiring lot first; when a lot's day comes the expiry sweep writes off what is
-- left (an EXPIRY entry). Credits granted without a date are simply the rest of the balance.
-- Lots change only in a transaction that holds their account's row lock, which serialises them.
create table credit_lot (
    id           bigserial primary key,
    customer_id  uuid          not null references credit_account,
    reference    varchar(200)  not null,
    granted      numeric(19,4) not null check (granted > 0),
    remaining    numeric(19,4) not null check (remaining >= 0 and remaining <= granted),
    expires_at   timestamptz   not null,
    created_at   timestamptz   not null,
    expired_at   timestamptz
);
-- the open lots of one account, earliest-expiring first (what a spend takes from)
create index credit_lot_open on credit_lot (customer_id, expires_at, id) where remaining > 0;
-- the open lots whose day has come (what the sweep looks for)
create index credit_lot_due on credit_lot (expires_at) where remaining > 0;

-- What the open lots still hold, kept on the account row: a spend reads it under the row lock to know
-- whether it must take from lots at all, and the balance answers it without a second query.
alter table credit_account add column expiring numeric(19,4) not null default 0;
alter table credit_account add constraint credit_account_expiring check (expiring >= 0);
