-- A post-paid period close per customer and currency. The close claims its usage rows
-- (postpaid_usage.close_id) and charges usage_total + carried_in rounded to whole minor units, or
-- nothing when that is below billing.minimum-charge; what is not charged is carried_out to the
-- next close, which names this one in carried_from (unique: a carry is taken once).
--   usage_total + carried_in = charged + carried_out, and carried_in = (the carried_from close).carried_out
create table postpaid_close (
    id            uuid primary key,
    customer_id   uuid          not null,
    currency      varchar(3)    not null,
    period_end    timestamptz   not null,
    usage_count   integer       not null,
    usage_total   numeric(19,4) not null,
    carried_in    numeric(19,4) not null,
    charged       numeric(19,4) not null,
    carried_out   numeric(19,4) not null,
    carried_from  uuid unique references postpaid_close (id),
    charge_id     uuid unique,
    closed_at     timestamptz   not null
);
create index postpaid_close_customer on postpaid_close (customer_id, currency, closed_at);

-- close_id: the close that claimed the row; charge_id: the charge that paid it (set when a close
-- charges, for its own rows and those carried to it). Rows charged before this migration have a
-- charge_id and no close_id. country and category group the invoice lines ('unknown' for old events).
alter table postpaid_usage
    add column close_id uuid,
    add column country  varchar(100) not null default 'unknown',
    add column category varchar(100) not null default 'unknown';
drop index postpaid_usage_unbilled;
create index postpaid_usage_unclaimed on postpaid_usage (customer_id, recorded_at) where close_id is null and charge_id is null;
create index postpaid_usage_charge on postpaid_usage (charge_id);
create index postpaid_usage_close on postpaid_usage (close_id);
