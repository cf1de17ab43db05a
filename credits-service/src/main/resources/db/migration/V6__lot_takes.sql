-- Which lots a spend took from and how much: spend_key is the idempotency key of the ledger entry that spent
-- ('debit:<message>', 'hold:<hold id>', 'adjust:<key>'). A refund or a released hold gives back to these lots.
create table lot_take (
    id          bigserial primary key,
    customer_id uuid          not null references credit_account,
    spend_key   varchar(250)  not null,
    lot_id      bigint        not null references credit_lot,
    amount      numeric(19,4) not null check (amount > 0),
    constraint lot_take_once unique (customer_id, spend_key, lot_id)
);
