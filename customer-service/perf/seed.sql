-- 100,000 customers across 20 partners: partner ...0001 has 50,000, partners ...0002-...0020 share 50,000.
-- Loaded by measure.sh into the scratch database customers_perf (never the customers or customers_test one).
insert into partner (id, name, country, currency, created_at)
select ('00000000-0000-0000-0000-' || lpad(p::text, 12, '0'))::uuid, 'Partner ' || p, 'GB', 'USD', now()
from generate_series(1, 20) p;

-- partner 1 is large (50,000 customers); partners 2..20 share the other 50,000
insert into customer (id, partner_id, company_name, contact_name, email, phone, country, desk_org_id, plan_code,
                      agents, status, payer, version, created_at, updated_at)
select gen_random_uuid(),
       ('00000000-0000-0000-0000-' || lpad((case when i <= 50000 then 1 else 2 + i % 19 end)::text, 12, '0'))::uuid,
       w.word || ' ' || (array['Corp','Systems','Labs','Retail','Foods','Logistics','Health','Bank','Media','Travel'])[1 + (i / 7) % 10] || ' ' || i,
       'Contact ' || i,
       'contact' || i || '@' || lower(w.word) || (i % 13) || '.example',
       '+44 20 7946 ' || lpad((i % 10000)::text, 4, '0'),
       'GB', null, 'STANDARD', 1 + i % 50,
       case when i % 20 = 0 then 'SUSPENDED' when i % 50 = 1 then 'CLOSED' else 'ACTIVE' end,
       'PARTNER', 0, now() - (i || ' minutes')::interval, now()
from generate_series(1, 100000) i
cross join lateral (select (array['Zylker','Acme','Globex','Initech','Umbrella','Hooli','Vandelay','Soylent','Stark',
        'Wayne','Tyrell','Cyberdyne','Wonka','Oscorp','Aperture','Massive','Dunder','Gringotts','Monarch','Nakatomi'])[1 + i % 20] as word) w;
analyze customer;
