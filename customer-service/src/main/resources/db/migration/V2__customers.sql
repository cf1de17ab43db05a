create table partner (
    id          uuid primary key,
    name        varchar(200) not null,
    country     varchar(2)     not null,
    currency    varchar(3)     not null,
    created_at  timestamptz  not null default now()
);

create table customer (
    id             uuid primary key,
    partner_id     uuid         not null references partner (id),
    company_name   varchar(200) not null,
    contact_name   varchar(200) not null,
    email          varchar(254) not null,
    phone          varchar(32),
    country        varchar(2)     not null,
    desk_org_id    varchar(100),
    plan_code      varchar(50)  not null,
    agents         integer      not null check (agents > 0),
    status         varchar(20)  not null,
    payer          varchar(20)  not null,
    version        integer      not null,
    created_at     timestamptz  not null,
    updated_at     timestamptz  not null
);
create index customer_partner_created on customer (partner_id, created_at);
