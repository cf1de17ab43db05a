-- Large deals: a partner's estimate of a future deal for one customer, decided by operations.
create table deal (
    id                        uuid primary key,
    customer_id               uuid          not null references customer (id),
    partner_id                uuid          not null references partner (id),
    plan_code                 varchar(50)   not null,
    agents                    integer       not null check (agents > 0),
    im_credits                bigint        not null check (im_credits >= 0),
    estimated_value_amount    numeric(19,4) not null check (estimated_value_amount > 0),
    estimated_value_currency  varchar(3)    not null,
    expected_close_date       date          not null,
    notes                     varchar(2000),
    status                    varchar(20)   not null,
    decision_reason           varchar(500),
    decided_at                timestamptz,
    version                   integer       not null,
    created_at                timestamptz   not null
);
create index deal_customer_created on deal (customer_id, created_at);
-- At most one open deal per customer and plan, even under concurrent submits.
create unique index deal_one_open_per_plan on deal (customer_id, plan_code) where status = 'SUBMITTED';
