-- Auto-recharge (issue 19): a customer's settings, and the orders it makes (automatic, one per crossing of the threshold).

-- version: bumped by every accepted change (AutoRechargeConfigured carries it; credits-service ignores an older one).
-- failures_in_a_row: automatic orders that failed since the last that completed; at 3 the settings are disabled
-- (disabled_reason FAILURES_IN_A_ROW) until the partner enables them again.
create table auto_recharge_settings (
    customer_id           uuid           primary key references subscription (customer_id),
    enabled               boolean        not null,
    threshold             numeric(19, 4) not null check (threshold >= 0),
    currency              varchar(3)     not null,
    credits               int            not null check (credits > 0),
    monthly_max_recharges int            check (monthly_max_recharges between 1 and 1000),
    monthly_max_amount    numeric(19, 4) check (monthly_max_amount > 0),
    failures_in_a_row     int            not null default 0,
    disabled_reason       varchar(50),
    version               int            not null,
    updated_at            timestamptz    not null
);

-- An automatic order (a PURCHASE of IM credits the auto-recharge made) and the crossing it recharges.
alter table license_order
    add column automatic   boolean      not null default false,
    add column crossing_id varchar(200),
    add constraint license_order_automatic check (automatic = (crossing_id is not null));
create index license_order_automatic_customer on license_order (customer_id, created_at) where automatic;
