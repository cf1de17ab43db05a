-- The seller as configured (billing.seller.*) when the invoice was issued: an issued invoice keeps the
-- seller it named. Null for invoices issued before this migration (they print the current seller).
alter table invoice
    add column seller_name    varchar(500),
    add column seller_address varchar(1000),
    add column seller_tax_id  varchar(100),
    add column seller_email   varchar(500);
