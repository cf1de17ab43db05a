-- Subscriptions that are paid for (issue 14): each subscription has a current period of its own (a trial first),
-- a standing, at most one scheduled change for its period end, and renewals charged through the purchase saga.

-- status is the customer's standing. period_start/period_end: the period paid for (or the trial); the renewal of
-- period_end starts the next one. cycle_anchor: the instant periods are counted from (so the 31st stays the 31st).
alter table subscription
    add column period_start             timestamptz,
    add column period_end               timestamptz,
    add column cycle_anchor             timestamptz,
    add column trial_ends_at            timestamptz,
    add column scheduled_plan_code      varchar(50) references plan (code),
    add column scheduled_agents         int check (scheduled_agents > 0),
    add column scheduled_billing_cycle  varchar(10) check (scheduled_billing_cycle in ('MONTHLY', 'YEARLY')),
    add column scheduled_remove_add_ons jsonb,
    add column scheduled_cancel         boolean not null default false,
    add column scheduled_at             timestamptz;

-- Subscriptions opened before this keep the period they are in (counted from started_on, as before); the first
-- renewal charges at its end.
update subscription s
set cycle_anchor = s.started_on::timestamp at time zone 'UTC',
    period_start = (s.started_on + n.steps * n.step) at time zone 'UTC',
    period_end   = (s.started_on + (n.steps + 1) * n.step) at time zone 'UTC'
from (select customer_id,
             case when billing_cycle = 'YEARLY' then interval '1 year' else interval '1 month' end as step,
             case when billing_cycle = 'YEARLY'
                  then extract(year from age(greatest(current_date, started_on), started_on))
                  else extract(year from age(greatest(current_date, started_on), started_on)) * 12
                       + extract(month from age(greatest(current_date, started_on), started_on))
             end::int as steps
      from subscription) n
where n.customer_id = s.customer_id;

alter table subscription
    alter column period_start set not null,
    alter column period_end set not null,
    alter column cycle_anchor set not null,
    add constraint subscription_standing check (status in ('ACTIVE', 'PAST_DUE', 'SUSPENDED', 'CANCELLED'));
create index subscription_period_end on subscription (period_end) where status in ('ACTIVE', 'PAST_DUE');

-- One renewal per subscription and period (the unique key): CHARGING until the first attempt fails, then RETRYING
-- (next_attempt_at: when dunning tries again), FAILED when the retries are used up (the customer is SUSPENDED), PAID.
-- plan_code, agents, billing_cycle, add_ons: what the period is charged for (a scheduled downgrade applied), every attempt.
create table renewal (
    id              uuid         primary key,
    customer_id     uuid         not null references subscription (customer_id),
    period_start    timestamptz  not null,
    period_end      timestamptz  not null,
    plan_code       varchar(50)  not null references plan (code),
    agents          int          not null check (agents > 0),
    billing_cycle   varchar(10)  not null check (billing_cycle in ('MONTHLY', 'YEARLY')),
    add_ons         jsonb        not null,
    status          varchar(20)  not null check (status in ('CHARGING', 'RETRYING', 'FAILED', 'PAID')),
    attempts        int          not null,
    next_attempt_at timestamptz,
    last_failure    varchar(50),
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    version         int          not null default 0,
    unique (customer_id, period_start)
);
create index renewal_retry_due on renewal (next_attempt_at) where status = 'RETRYING';

-- A renewal order is one attempt of a renewal; renewal_key (customer/period start/attempt) makes each attempt once.
alter table license_order
    add column kind        varchar(10)  not null default 'PURCHASE' check (kind in ('PURCHASE', 'RENEWAL')),
    add column renewal_id  uuid         references renewal (id),
    add column attempt     int,
    add column renewal_key varchar(200) unique,
    add constraint license_order_renewal check ((kind = 'RENEWAL') = (renewal_id is not null and renewal_key is not null));

-- A post-paid charge billing could not collect (PostpaidChargeFailed), until it is paid (PostpaidChargeSucceeded).
create table postpaid_overdue (
    charge_id      varchar(100)   primary key,
    customer_id    uuid           not null,
    amount         numeric(19, 4),
    currency       varchar(3),
    reason         varchar(50),
    attempt        int,
    final_attempt  boolean        not null,
    updated_at     timestamptz    not null
);
create index postpaid_overdue_customer on postpaid_overdue (customer_id);
