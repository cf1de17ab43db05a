-- The plan and add-on catalog. Plans are priced per agent license, standard add-ons per unit,
-- both per month and per year, in every currency we sell in. IM credits (the prepaid add-on)
-- are priced in configuration (subscription.credits.*); post-paid usage at the credits rate card.
create table plan (
    code  varchar(50)  primary key,
    name  varchar(100) not null,
    rank  int          not null unique
);

create table add_on (
    code          varchar(50)  primary key,
    name          varchar(100) not null,
    kind          varchar(20)  not null check (kind in ('PREPAID', 'STANDARD', 'POSTPAID')),
    unit          varchar(50)  not null,
    max_quantity  int          not null
);

create table catalog_price (
    item_code  varchar(50)    not null,
    currency   varchar(3)     not null,
    monthly    numeric(19, 4) not null,
    yearly     numeric(19, 4) not null,
    primary key (item_code, currency)
);

insert into plan (code, name, rank) values
    ('STANDARD', 'Standard', 1),
    ('PROFESSIONAL', 'Professional', 2),
    ('ENTERPRISE', 'Enterprise', 3);

insert into add_on (code, name, kind, unit, max_quantity) values
    ('IM_CREDITS', 'IM credits (prepaid messaging balance)', 'PREPAID', 'credits', 0),
    ('LIGHT_AGENT', 'Light agent licenses (view and comment only)', 'STANDARD', 'light agent licenses', 1000),
    ('WHATSAPP_NUMBER', 'Extra WhatsApp business numbers', 'STANDARD', 'WhatsApp numbers', 20),
    ('IM_OVERAGE', 'IM usage beyond the prepaid balance', 'POSTPAID', 'overage allowance', 1);

-- Yearly is ten months' price (two months free).
insert into catalog_price (item_code, currency, monthly, yearly) values
    ('STANDARD', 'USD', 14.00, 140.00),      ('STANDARD', 'EUR', 13.00, 130.00),
    ('PROFESSIONAL', 'USD', 23.00, 230.00),  ('PROFESSIONAL', 'EUR', 21.00, 210.00),
    ('ENTERPRISE', 'USD', 40.00, 400.00),    ('ENTERPRISE', 'EUR', 37.00, 370.00),
    ('LIGHT_AGENT', 'USD', 5.00, 50.00),     ('LIGHT_AGENT', 'EUR', 4.50, 45.00),
    ('WHATSAPP_NUMBER', 'USD', 10.00, 100.00), ('WHATSAPP_NUMBER', 'EUR', 9.00, 90.00);
