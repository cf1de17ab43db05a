-- Measured on 100,000 customers: filtering one partner's list by status, and the operations list
-- across partners, scanned the whole table. These serve the page, its order and its count.
create index customer_partner_status_created on customer (partner_id, status, created_at, id);
create index customer_created on customer (created_at, id);
