-- Names and countries for invoices, from CustomerRegistered and CustomerUpdated (null for customers
-- registered before this migration until their next CustomerUpdated).
alter table customer_owner
    add column company_name varchar(500),
    add column country      varchar(100);

-- billing_country: of the card charged (it decides the tax). period_start/period_end: the service period
-- the charge pays for (a renewal, a post-paid period); null for a one-off purchase.
alter table charge
    add column billing_country varchar(2),
    add column period_start    timestamptz,
    add column period_end      timestamptz;

-- The invoice as issued: who it names, the tax contained in its total (tax_rate in percent, null: none
-- configured for the billing country) and the service period.
alter table invoice
    add column customer_name    varchar(500),
    add column customer_country varchar(100),
    add column payer_name       varchar(500),
    add column billing_country  varchar(2),
    add column tax_rate         numeric(7,4),
    add column tax              numeric(19,4) not null default 0,
    add column period_start     timestamptz,
    add column period_end       timestamptz;
