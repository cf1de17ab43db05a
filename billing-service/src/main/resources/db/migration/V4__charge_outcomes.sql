-- charged_amount: what the gateway confirmed taking (0 for an order with nothing to charge).
-- unanswered: how often the gateway gave no definite answer to the current attempt (status UNKNOWN
-- while waiting to ask again with the same key).
alter table charge
    add column charged_amount numeric(19,4),
    add column unanswered integer not null default 0;
update charge set charged_amount = total where status in ('SUCCEEDED', 'REFUNDED');
drop index charge_work;
create index charge_work on charge (next_attempt_at)
    where status in ('PENDING', 'CHARGING', 'UNKNOWN') or (status = 'SUCCEEDED' and refund_requested);
