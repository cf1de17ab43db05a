-- The Customers list: one partner's page sorted by creation time or by name, and a partial,
-- case-insensitive search by company name or email (trigram indexes serve ILIKE '%…%').
create extension if not exists pg_trgm;

drop index customer_partner_created;
create index customer_partner_created on customer (partner_id, created_at, id);
create index customer_partner_name on customer (partner_id, lower(company_name), id);
create index customer_company_trgm on customer using gin (lower(company_name) gin_trgm_ops);
create index customer_email_trgm on customer using gin (lower(email) gin_trgm_ops);
